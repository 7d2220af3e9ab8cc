"""Graph-building speed: ``build_graph`` (meta build + fx trace + shapes + module tree) for deep
torchvision networks, and ``main.py info resnet18`` end to end against bare ``import torch``.

Run: ``.venv/bin/python bench/bench_graph.py [--repeats N]``. Prints medians (seconds) and ratios.
Targets on the 2-core dev machine: ≤ 0.5 s per model, ``info`` ≤ 4 s end to end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import median_command_seconds, median_seconds  # noqa: E402

MODELS = ("torchvision.densenet121", "torchvision.resnet152", "torchvision.googlenet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats

    from models.registry import get_spec
    from netgraph import build_graph

    print(f"build_graph, median of {repeats} (after one warm-up):")
    for name in MODELS:
        spec = get_spec(name)
        graph = build_graph(spec)
        seconds = median_seconds(lambda spec=spec: build_graph(spec), repeats)
        print(f"  {name:<26} {seconds:6.3f} s   {len(graph.ops):4d} ops  method {graph.method}")

    torch_s = median_command_seconds([sys.executable, "-c", "import torch"], repeats)
    info_s = median_command_seconds([sys.executable, "main.py", "info", "resnet18"], repeats)
    print(f"\nsubprocess, median of {repeats}:")
    print(f"  python -c 'import torch'     {torch_s:6.3f} s")
    print(f"  main.py info resnet18        {info_s:6.3f} s")
    print(f"  ratio info / import torch    {info_s / torch_s:6.2f}×")
    print(f"  info beyond import torch     {info_s - torch_s:6.3f} s")


if __name__ == "__main__":
    main()
