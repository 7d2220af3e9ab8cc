"""Wall-clock medians shared by the bench scripts (these machines are noisy: take medians)."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``action()`` over ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_command(cmd: list[str]) -> None:
    """Run ``cmd`` in the repo root as a user's command runs: a fresh process, no display."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)


def median_command_seconds(cmd: list[str], repeats: int) -> float:
    return median_seconds(lambda: run_command(cmd), repeats)


def bench_window(prefix: str) -> tuple[object, Path]:
    """A shown 1440×900 app window whose settings and runs live in a new temporary folder
    (returned too): the benches that drive the app (Qt and the window load here)."""
    import tempfile

    from gui.app import SETTINGS_ENV, create_application, make_settings

    root = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ[SETTINGS_ENV] = str(root / "settings")
    create_application()
    from gui.main_window import MainWindow

    window = MainWindow(make_settings())
    window.resize(1440, 900)
    window.show()
    window.training_dock.runs_root = root / "runs"
    return window, root
