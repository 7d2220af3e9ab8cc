"""Responsiveness of the app while LeNet-BN trains on this machine's CPU.

Prints medians over a few rounds:
- UI stalls: a 10 ms QTimer probe in the GUI thread; the stall is how late each tick comes
  (p50 and p99 in ms; target p99 ≤ 50 ms);
- plot redraws per second (setData passes; data arrives every step here) and refresh ticks per
  second (how often the 75 ms redraw timer got to run; target ≥ 10/s);
- training throughput with the GUI attached over the same run without it (target ≥ 0.90).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_train_panel.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import bench_window  # noqa: E402

from models.data.synthetic import synthetic  # noqa: E402
from models.training.config import LIVE_CAPTURE_EVERY, TrainConfig  # noqa: E402
from models.training.trainer import Trainer  # noqa: E402

PROBE_MS = 10


def settings(epochs: int) -> TrainConfig:
    """What the Train dock runs (its live statistics interval, the default step-event rate)."""
    return TrainConfig(
        model="lenet-bn", epochs=epochs, batch_size=128, lr=0.9, device="cpu",
        capture_every=LIVE_CAPTURE_EVERY,
    )  # fmt: skip


def without_gui(config: TrainConfig, data, folder: Path) -> float:
    """Examples per second of the trainer alone, as ``main.py train`` runs it."""
    return Trainer(config, folder, data=data).run().examples_per_sec


def idle_stalls(seconds: float) -> float:
    """p99 lateness of the probe with nothing training: the machine's own noise."""
    clock, lateness, last = QElapsedTimer(), [], [0]

    def probe() -> None:
        now = clock.elapsed()
        lateness.append(max(0, now - last[0] - PROBE_MS))
        last[0] = now

    timer = QTimer()
    timer.setInterval(PROBE_MS)
    timer.timeout.connect(probe)
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    clock.start()
    timer.start()
    loop.exec()
    timer.stop()
    return float(np.percentile(lateness, 99))


def with_gui(window, config: TrainConfig, data) -> dict[str, float]:
    dock = window.training_dock
    clock, lateness = QElapsedTimer(), []
    ticks = {"refresh": 0}
    last = [0]

    def probe() -> None:
        now = clock.elapsed()
        lateness.append(max(0, now - last[0] - PROBE_MS))
        last[0] = now

    def counted_refresh() -> None:
        ticks["refresh"] += 1

    probe_timer = QTimer()
    probe_timer.setInterval(PROBE_MS)
    probe_timer.timeout.connect(probe)
    dock.plots.timer.timeout.connect(counted_refresh)
    done: list = []
    first_step: dict[str, float] = {}

    def seen(event: object) -> None:
        name = type(event).__name__
        if name == "StepEvent" and not first_step:  # the child process is up and training
            first_step.update(time=time.perf_counter(), redraws=dock.plots.redraws)
        elif name == "DoneEvent":
            done.append(event)

    dock.event_received.connect(seen)
    loop = QEventLoop()
    dock.run_finished.connect(loop.quit)
    clock.start()
    probe_timer.start()
    dock.start(config, data)
    loop.exec()
    seconds = time.perf_counter() - first_step["time"]  # redraws while training, not starting
    probe_timer.stop()
    dock.plots.timer.timeout.disconnect(counted_refresh)
    return {
        "p50": float(np.percentile(lateness, 50)),
        "p99": float(np.percentile(lateness, 99)),
        "redraws/s": (dock.plots.redraws - first_step["redraws"]) / seconds,
        "ticks/s": ticks["refresh"] / seconds,
        "ex/s": done[-1].examples_per_sec,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--train", type=int, default=16384)
    parser.add_argument(
        "--threads", type=int, default=1,
        help="torch threads for both runs (an OpenMP team on the main thread of a busy 2-core "
        "machine oversubscribes and runs several times slower than the same team elsewhere)",
    )  # fmt: skip
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)

    window, root = bench_window("bench-train-panel-")
    window.training_dock.show_panel()
    data = synthetic(train=args.train, test=512)
    config = settings(args.epochs)
    results: list[dict[str, float]] = []
    for i in range(args.rounds):
        cli = without_gui(config, data, root / f"cli-{i}")
        gui = {"idle p99": idle_stalls(3.0), **with_gui(window, config, data)}
        gui["ratio"] = gui["ex/s"] / cli
        gui["cli ex/s"] = cli
        results.append(gui)
        print(f"round {i + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in gui.items()), flush=True)
    print(
        f"\nLeNet-BN, {args.train} synthetic images, batch 128, {args.epochs} epochs, CPU, "
        f"{args.threads} torch thread(s)"
    )
    for key in ("idle p99", "p50", "p99", "redraws/s", "ticks/s", "cli ex/s", "ex/s", "ratio"):
        print(f"median {key:>10}: {statistics.median(r[key] for r in results):.2f}")
    window.close()


if __name__ == "__main__":
    main()
