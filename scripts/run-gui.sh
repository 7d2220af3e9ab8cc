#!/usr/bin/env bash
# Opens the app; with no display (a server, a container) it runs under Xvfb instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
    echo "run: no display found; starting the app under Xvfb (use 'main.py gui --screenshot F.png' to see it)" >&2
    exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python main.py gui "$@"
fi
exec .venv/bin/python main.py gui "$@"
