"""How soon a live demo answers: *Start* → first plotted point, and *Stop* → the panel idle.

Runs the Train dock on LeNet-BN with the built-in data set (nothing passed in, as a user
starts it) in rounds of three starts, in the same process:
- before: a new training process and an empty data cache (what *Start* did before this bench:
  spawn, import torch, generate the set);
- fresh: a new training process, the data set from the disk cache;
- standby: the process the panel keeps waiting (the user looked at the form for a few
  seconds, ``--wait``), the data set from the cache: what a user gets now;
and *Stop* pressed a few steps in: the time until the dock is idle again (the child process
ended, the run folder closed). Prints each round and the medians; ratios are within a round.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_demo_start.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.training.cpu import quiet_openmp  # noqa: E402

quiet_openmp()

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from timing import bench_window  # noqa: E402

from gui.training.bridge import dismiss_standby  # noqa: E402
from models.cache import CACHE_ENV  # noqa: E402
from models.training.config import LIVE_CAPTURE_EVERY, TrainConfig  # noqa: E402

CONFIG = TrainConfig(model="lenet-bn", epochs=1, capture_every=LIVE_CAPTURE_EVERY)
STOP_AFTER_STEPS = 10


def one_start(dock, standby: bool, wait: float) -> dict[str, float]:
    """Seconds from start() to the first step's point drawn, and from stop() to idle."""
    marks: dict[str, float] = {}
    loop = QEventLoop()

    def seen(event: object) -> None:
        name = type(event).__name__
        if name == "StepEvent" and "step" not in marks:
            marks["step"] = time.perf_counter()
            redraws = dock.plots.redraws
            poll = QTimer(dock)
            poll.setInterval(5)

            def drawn() -> None:
                if dock.plots.redraws > redraws:
                    marks["drawn"] = time.perf_counter()
                    poll.stop()

            poll.timeout.connect(drawn)
            poll.start()
        late = name == "StepEvent" and getattr(event, "step", 0) >= STOP_AFTER_STEPS
        if late and "stop" not in marks:
            marks["stop"] = time.perf_counter()
            dock.stop()

    dock.event_received.connect(seen)
    dock.run_finished.connect(loop.quit)
    if standby:
        pause = QEventLoop()
        QTimer.singleShot(round(wait * 1000), pause.quit)  # the user reads the form
        pause.exec()
    else:
        dismiss_standby()
    start = time.perf_counter()
    dock.start(CONFIG)
    loop.exec()
    end = time.perf_counter()
    dock.event_received.disconnect(seen)
    dock.run_finished.disconnect(loop.quit)
    return {
        "first point s": marks.get("drawn", marks["step"]) - start,
        "stop s": end - marks["stop"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--wait", type=float, default=5.0, help="seconds before Start")
    args = parser.parse_args()
    window, root = bench_window("bench-demo-start-")
    dock = window.training_dock
    dock.show_panel()
    rows = []
    for i in range(args.rounds):
        os.environ[CACHE_ENV] = str(root / f"cache-{i}")  # inherited by the training child
        before = one_start(dock, standby=False, wait=args.wait)
        fresh = one_start(dock, standby=False, wait=args.wait)
        ready = one_start(dock, standby=True, wait=args.wait)
        row = {
            "before s": before["first point s"],
            "fresh s": fresh["first point s"],
            "standby s": ready["first point s"],
            "standby/before": ready["first point s"] / before["first point s"],
            "stop s": statistics.median([r["stop s"] for r in (before, fresh, ready)]),
        }
        rows.append(row)
        print(f"round {i + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
    print(
        f"\nStart → first plotted point, LeNet-BN on the built-in data set, CPU "
        f"(standby: Start {args.wait:g} s after the panel showed); Stop at step {STOP_AFTER_STEPS}"
    )
    for key in rows[0]:
        print(f"median {key:>15}: {statistics.median(r[key] for r in rows):.2f}")
    window.close()


if __name__ == "__main__":
    main()
