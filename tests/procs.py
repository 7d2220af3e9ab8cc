"""Real processes for the fault tests: ``main.py`` commands, one as if the disk were full, and
the small files they work on.

A full disk without root: ``RLIMIT_FSIZE`` makes every write past a size fail with a real
``EFBIG`` (SIGXFSZ ignored); both survive the ``exec`` of the command in its own process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
_LIMITED = (
    "import os, resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[2:]])\n"
)


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


def run_main(*argv: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess:
    """``python main.py ARGV…`` in the repository, as a user runs it."""
    return subprocess.run(
        [sys.executable, "main.py", *argv],
        cwd=ROOT,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_main(*argv: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "main.py", *argv],
        cwd=ROOT,
        env=environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_with_file_limit(limit: int, *argv: str, **env: str) -> subprocess.Popen:
    """Start ``python ARGV…`` in the repository; no file it writes may exceed ``limit`` bytes."""
    return subprocess.Popen(
        [sys.executable, "-c", _LIMITED, str(limit), *argv],
        cwd=ROOT,
        env=environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def temporaries(folder: Path) -> list[str]:
    """What a writer left behind: ``.NAME.*.part`` files (or the old fixed ``*.tmp`` names)."""
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith((".part", ".tmp"))
    )


def image_folder(root: Path, classes: int = 2, per_class: int = 10, size: int = 12) -> Path:
    """A small learnable image set: each class its own brightness."""
    rng = np.random.default_rng(0)
    for c in range(classes):
        (root / f"class{c}").mkdir(parents=True)
        for i in range(per_class):
            pixels = rng.integers(0, 60, (size, size, 3)) + 120 * c
            Image.fromarray(pixels.astype("uint8")).save(root / f"class{c}" / f"{i}.png")
    return root
