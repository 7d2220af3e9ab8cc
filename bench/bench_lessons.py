"""Lesson wall times on this machine: each lesson's reduced CPU recipe, as ``main.py lesson``
runs it (its networks one after another, all cores) and as the app's Lesson panel runs it (both
networks at once, one training process each), against the two-minute budget of a lesson.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_lessons.py [--only bn shortcuts]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.training.cpu import quiet_openmp  # noqa: E402

quiet_openmp()

from PySide6.QtCore import QEventLoop  # noqa: E402
from timing import bench_window  # noqa: E402

from models.lessons.catalog import LESSONS  # noqa: E402
from models.lessons.runner import run_lesson  # noqa: E402

BUDGET_S = 120.0


def in_the_app(window, lesson) -> float:
    """Seconds from the lesson's start in the panel until every run has finished."""
    panel = window.lessons.panel
    loop = QEventLoop()
    panel.finished.connect(loop.quit)
    start = time.perf_counter()
    window.lessons.start(lesson, full=False)
    loop.exec()
    panel.finished.disconnect(loop.quit)
    if panel.errors:
        raise SystemExit(f"{lesson.key}: {panel.errors[0]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", help="lesson keys (default: all)")
    args = parser.parse_args()
    window, root = bench_window("bench-lessons-")
    rows = []
    for lesson in LESSONS:
        if args.only and lesson.key not in args.only:
            continue
        start = time.perf_counter()
        run_lesson(lesson, full=False, stream=io.StringIO(), root=root / "cli-runs")
        cli = time.perf_counter() - start
        app = in_the_app(window, lesson)
        rows.append((lesson.key, cli, app))
        print(f"{lesson.key:<10} main.py lesson {cli:6.1f} s   app panel {app:6.1f} s   "
              f"budget used {max(cli, app) / BUDGET_S:.0%}", flush=True)  # fmt: skip
    print(f"\nreduced CPU recipes, {os.cpu_count()} CPUs; budget {BUDGET_S:.0f} s a lesson")
    window.lessons.panel.shutdown()
    window.close()


if __name__ == "__main__":
    main()
