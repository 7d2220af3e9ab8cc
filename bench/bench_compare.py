"""How long a compare view of four book networks takes to open, against opening the largest of
them alone, in one running app (offscreen), each measured until the view is painted once.

Four ways to open it, each against the largest alone:
- from the largest's own view, *Compare with…* the other three (they are traced afresh);
- with every model opened before in the session (their graphs kept, as the app keeps them);
- with every model opened in an earlier session (their graphs and first diagrams in the disk
  cache, none in the session);
- with nothing traced before (every graph traced afresh, the largest alone too: neither the
  session's graphs nor the disk cache, which lives in a temporary folder here, hold them).
The runs alternate; medians and their ratio are printed. Target: ratio ≤ 1.5. Last, the four
traces alone against the largest's: no cold scenario can open faster than that ratio.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_compare.py [--runs N]
[--models a b c d]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

from timing import ROOT

SETS = (
    ("alexnet", "vgg11", "nin", "googlenet"),
    ("vgg11", "googlenet", "resnet18", "densenet"),
)


def wait(signal, action) -> float:
    """Seconds from ``action()`` to ``signal``, the event loop idle meanwhile (as in the app)."""
    from PySide6.QtCore import QEventLoop

    loop, done = QEventLoop(), []

    def finished(*_args) -> None:
        done.append(time.perf_counter())
        loop.quit()

    signal.connect(finished)
    start = time.perf_counter()
    action()
    if not done:
        loop.exec()
    signal.disconnect(finished)
    return done[0] - start


def paint(view) -> float:
    start = time.perf_counter()
    view.viewport().grab()
    return time.perf_counter() - start


def forget_traced(window, disk: bool) -> None:
    """Every model traced afresh from now on (or read from the disk cache, unless ``disk``
    goes too): the session's graphs gone, and the disk cache's with ``disk``."""
    from PySide6.QtWidgets import QApplication

    from gui.workers import forget_traced as forget_session
    from models.cache import cache_root

    window.jobs.wait()  # a graph still being written to the cache lands before it goes
    QApplication.processEvents()
    forget_session()
    if disk:
        shutil.rmtree(cache_root(), ignore_errors=True)


def measure(window, names: tuple[str, ...], runs: int) -> None:
    from models.registry import get_spec
    from netgraph import build_graph

    largest = max(names, key=lambda n: build_graph(get_spec(n)).ops.number_of_nodes())
    compare = window.compare

    def from_lenet(forget: str) -> None:
        """Back to LeNet, then forget nothing (""), the session's graphs ("session") or those
        and the disk cache too ("disk")."""
        compare.close()
        wait(window.diagram_shown, lambda: window.open_model("lenet"))
        if forget:
            forget_traced(window, disk=forget == "disk")

    def alone(forget: str) -> float:
        from_lenet(forget)
        took = wait(window.diagram_shown, lambda: window.open_model(largest))
        return took + paint(window.view)

    def compared(forget: str) -> float:
        from_lenet(forget)
        took = wait(compare.figure_shown, lambda: compare.open(list(names)))
        return took + paint(compare.view.view)

    def beside_largest(_forget: str) -> float:
        compare.close()
        wait(window.diagram_shown, lambda: window.open_model(largest))
        forget_traced(window, disk=True)
        took = wait(compare.figure_shown, lambda: compare.open(list(names)))
        return took + paint(compare.view.view)

    for name in names:  # warm up: imports, fonts; every model opened once, as the titles say
        wait(window.diagram_shown, lambda name=name: window.open_model(name))
    alone(""), compared("")
    print(" | ".join(names))
    scenarios = [
        (f"from {largest}'s view, Compare with… the other three", "disk", beside_largest),
        ("every model opened before in the session", "", compared),
        ("every model opened in an earlier session (disk cache)", "session", compared),
        ("nothing traced before", "disk", compared),
    ]
    for title, forget, open_four in scenarios:
        single, together = [], []
        for _ in range(runs):
            single.append(alone(forget))
            together.append(open_four(forget))
        a, b = statistics.median(single), statistics.median(together)
        print(f"  {title}:")
        print(f"    open {largest} alone:     median {a * 1000:7.1f} ms  ({runs} runs)")
        print(f"    open the four compared: median {b * 1000:7.1f} ms")
        print(f"    ratio: {b / a:.2f}  (target ≤ 1.5)")
    compare.close()
    bound = tracing_alone(names, largest, runs)
    print(f"  tracing alone (the floor of every cold scenario): four {bound:.2f}× the largest")


def tracing_alone(names: tuple[str, ...], largest: str, runs: int) -> float:
    """The four networks' traces against the largest's, nothing else (medians, same run): a
    comparison opened cold traces every network, the largest alone traces one."""
    from models.registry import get_spec
    from netgraph import build_graph

    def trace(name: str) -> float:
        start = time.perf_counter()
        build_graph(get_spec(name))
        return time.perf_counter() - start

    alone = statistics.median(trace(largest) for _ in range(runs))
    four = statistics.median(sum(trace(n) for n in names) for _ in range(runs))
    return four / alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--models", nargs=4, metavar="MODEL")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["NETATLAS_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="bench-compare-")
    os.environ["NETATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-compare-cache-")
    sys.path.insert(0, str(ROOT))
    from gui.app import create_application, make_settings
    from gui.main_window import MainWindow

    app = create_application()
    window = MainWindow(make_settings())
    window.resize(1600, 1000)
    window.show()
    for names in [tuple(args.models)] if args.models else SETS:
        measure(window, names, args.runs)
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
