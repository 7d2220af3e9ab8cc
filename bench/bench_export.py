"""How long ``main.py export`` takes end to end, against the floor of importing torch.

Usage: .venv/bin/python bench/bench_export.py [--repeat N] [--model NAME] [--format svg]
Prints the median wall time of each command and their ratio (target: densenet121 fully
expanded to SVG in ≤ 6 s). Each run is a fresh process, as a user's command is.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import ROOT, median_command_seconds

PHASES = """
import sys, time
t = [time.perf_counter()]
def lap(): t.append(time.perf_counter()); return t[-1] - t[-2]
import torch; r = {"import torch": lap()}
import torchvision; r["import torchvision"] = lap()
from models.registry import get_spec
from netgraph import build_graph
from netgraph.layout import ExpansionState, layout_diagram
spec = get_spec(sys.argv[1]); graph = build_graph(spec); r["trace"] = lap()
diagram = layout_diagram(graph, ExpansionState(graph, depth=99)); r["layout"] = lap()
from gui.diagram.render import ensure_app, render_scene
from gui.diagram.scene import DiagramScene
ensure_app(); scene = DiagramScene(); scene.set_diagram(diagram, "light"); r["Qt + scene"] = lap()
render_scene(scene, sys.argv[2], sys.argv[2].rsplit(".", 1)[1], 2.0, 192.0); r["write"] = lap()
print(" · ".join(f"{k} {v:.2f} s" for k, v in r.items()))
"""


def phases(model: str, out: str) -> str:
    """Where one export's time goes, phase by phase, in a fresh process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-c", PHASES, model, out]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default="torchvision.densenet121")
    parser.add_argument("--format", default="svg", choices=["png", "svg", "pdf", "json"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / f"x.{args.format}")
        export = [sys.executable, "main.py", "export", args.model, "--depth", "99", "-o", out]
        torch_only = [sys.executable, "-c", "import torch"]
        floor = median_command_seconds(torch_only, args.repeat)
        total = median_command_seconds(export, args.repeat)
        size_kb = Path(out).stat().st_size / 1024
        breakdown = phases(args.model, out)
    print(f"python -c 'import torch'          median {floor:6.2f} s  ({args.repeat} runs)")
    print(
        f"export {args.model} --depth 99 → .{args.format}"
        f"  median {total:6.2f} s  ({size_kb:.0f} KiB)"
    )
    print(f"phases of one run: {breakdown.strip()}")
    print(
        f"ratio export / import torch: {total / floor:.1f}×   target ≤ 6 s: "
        f"{'met' if total <= 6 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
