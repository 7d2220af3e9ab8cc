"""App start-up and responsiveness, end to end in fresh processes (offscreen).

Prints medians over a few runs of:
- ``import torch`` alone (the baseline every start pays),
- start → window shown, and start → first diagram of the default network (googlenet),
- the longest event-loop stall a 10 ms QTimer sees while torchvision.densenet121 is then
  opened in the running app (as from the model browser).

Targets: window ≤ 1.5 s, first diagram ≤ 4 s, no stall > 100 ms.
Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_app.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from timing import ROOT, median_command_seconds

DENSENET = "torchvision.densenet121"


def child(model: str, then: str | None) -> None:
    """Runs in the measured process: prints one JSON line of event times (epoch seconds).

    With ``then``, once ``model`` is drawn, opens ``then`` (as a user would from the browser)
    while a 10 ms QTimer records how long the event loop went without running it.
    """
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, QTimer

    from gui.app import create_application, make_settings
    from gui.main_window import MainWindow

    app = create_application()
    window = MainWindow(make_settings())
    window.show()
    app.processEvents()
    times = {"shown": time.time()}
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))

    def open_then() -> None:
        clock.start()
        ticker.start()
        window.open_model(then)

    def drawn() -> None:
        if "diagram" not in times:
            times["diagram"] = time.time()
            if then:  # a user picks it in the browser, which lists it once the catalogue is in
                window.catalogue_ready.connect(open_then)
                return
        times["max_stall_ms"] = max(gaps, default=0.0)
        print(json.dumps(times), flush=True)
        app.exit(0)

    window.diagram_shown.connect(drawn)
    window.error_shown.connect(lambda m: (print(json.dumps({"error": m})), app.exit(2)))
    window.start(model, None, ())
    app.exec()


def run_child(model: str, then: str | None, settings: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NETATLAS_SETTINGS_DIR": settings}
    args = [sys.executable, __file__, "--child", model] + (["--then", then] if then else [])
    start = time.time()
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    times = json.loads(out.stdout.strip().splitlines()[-1])
    if "error" in times:
        raise SystemExit(f"{model}: {times['error']}")
    times["shown"] -= start
    times["diagram"] -= start
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--then")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.then)
        return
    settings = tempfile.mkdtemp(prefix="netatlas-bench-")
    torch_s = median_command_seconds([sys.executable, "-c", "import torch"], args.runs)
    runs = [run_child("googlenet", DENSENET, settings) for _ in range(args.runs)]
    shown = statistics.median(t["shown"] for t in runs)
    first = statistics.median(t["diagram"] for t in runs)
    stall = statistics.median(t["max_stall_ms"] for t in runs)
    print(f"import torch (baseline)    {torch_s:6.2f} s")
    print(f"start -> window shown      {shown:6.2f} s  {shown / torch_s:.2f}× torch (≤ 1.5 s)")
    print(f"start -> googlenet diagram {first:6.2f} s  {first / torch_s:.2f}× torch (≤ 4 s)")
    print(f"longest stall (densenet121) {stall:5.0f} ms (target 100 ms)")


if __name__ == "__main__":
    main()
