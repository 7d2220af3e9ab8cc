#!/usr/bin/env bash
# Sets NetAtlas up on first use: the Debian libraries Qt needs and a .venv in the repo root.
# Idempotent and quick when everything is already there (a stamp file records the installed
# dependency spec). Usage: scripts/setup.sh [offscreen|window]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-offscreen}

# fonts: DejaVu for the diagrams' Latin text, a CJK font for their Chinese labels (headless
# exports with --lang zh need it too, and PDFs embed it)
qt_libs=(libglib2.0-0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
    fonts-dejavu-core fonts-wqy-microhei)
window_libs=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
wanted=("${qt_libs[@]}")
[ "$mode" = window ] && wanted+=("${window_libs[@]}")

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
fi
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian libraries for Qt: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "setup: Qt needs these Debian libraries; install them with:" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

python=${PYTHON:-python3}
stamp=.venv/.netatlas-installed
spec=$(cat requirements.txt requirements-extra.txt)
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$python" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$spec" ]; then
    echo "setup: installing Python packages into .venv (first run: a few minutes)"
    # pip warns about this machine's local index folders for every package: keep only real news
    .venv/bin/python -m pip install -q -r requirements.txt 2>&1 | grep -v "is ignored: it is neither" || true
    .venv/bin/python -c "import torch, torchvision, PySide6, networkx, pyqtgraph, pytestqt" \
        || { echo "setup: the Python packages did not install; see the pip output above" >&2; exit 1; }
    # the optional extras (timm): NetAtlas runs without them, so a failure only warns
    .venv/bin/python -m pip install -q -r requirements-extra.txt 2>&1 | grep -v "is ignored: it is neither" || true
    .venv/bin/python -c "import timm" 2>/dev/null \
        || echo "setup: the optional extras (requirements-extra.txt) did not install: timm's models are not offered" >&2
    printf '%s' "$spec" > "$stamp"
fi
