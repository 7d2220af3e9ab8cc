"""How long the diagram layout takes: real models, synthetic graphs, and re-layout on a click.

Usage: .venv/bin/python bench/bench_layout.py [--repeat N] [--quick]
Prints medians and ratios. Targets: torchvision densenet121 fully expanded ≤ 0.3 s; synthetic
chains and residual stacks of 1k/5k/10k ops about linear, 10k ≤ 5 s; re-layout after expanding
or collapsing one block ≤ 100 ms. Every cold run uses a fresh ExpansionState (an empty cache).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import median_seconds  # noqa: E402

from models.registry import get_spec  # noqa: E402
from netgraph import build_graph  # noqa: E402
from netgraph.layout import ExpansionState, layout_diagram  # noqa: E402
from netgraph.layout.synthetic import chain, residual_stack  # noqa: E402


def cold(graph, depth: int | None = 99, style: str = "detailed") -> Callable[[], object]:
    return lambda: layout_diagram(graph, ExpansionState(graph, depth), style=style)


def relayout(graph, block: str, repeat: int) -> float:
    """Median time to lay out again after toggling ``block`` (the cache warm, as in the app)."""
    state = ExpansionState(graph, 99)
    layout_diagram(graph, state)

    def toggle_and_layout() -> None:
        state.toggle(block)
        layout_diagram(graph, state)

    toggle_and_layout()  # both states cached once, as after a user's first two clicks
    return median_seconds(toggle_and_layout, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1k and 5k synthetic sizes only")
    args = parser.parse_args()
    r = args.repeat

    print("real models, fully expanded (cold cache)")
    for name in ("torchvision.densenet121", "torchvision.resnet50", "torchvision.googlenet"):
        graph = build_graph(get_spec(name))
        t = median_seconds(cold(graph), r)
        book = median_seconds(cold(graph, style="book"), r)
        row = f"  {name:26s} {len(graph.ops):5d} ops  {t * 1000:7.1f} ms"
        print(f"{row}  (book style {book * 1000:.1f} ms)")

    print("synthetic graphs, fully expanded (cold cache)")
    sizes = (1000, 5000) if args.quick else (1000, 5000, 10000)
    for label, make in (
        ("chain", chain),
        ("residual stack", lambda n: residual_stack(n // 7)),
        ("residual, flat", lambda n: residual_stack(n // 7, nested=False)),
    ):
        first = None
        for n in sizes:
            graph = make(n)
            t = median_seconds(cold(graph), max(1, min(r, 3)))
            first = first or (t, len(graph.ops))
            ratio = (t / first[0]) / (len(graph.ops) / first[1])
            size = len(graph.ops)
            print(f"  {label:15s} {size:6d} ops  {t:6.2f} s  (time per op vs 1k: ×{ratio:.2f})")

    print("re-layout after toggling one block (warm cache)")
    for name, block in (
        ("torchvision.densenet121", "features.denseblock3.denselayer5"),
        ("torchvision.resnet50", "layer3.2"),
        ("torchvision.googlenet", "inception4c"),
    ):
        graph = build_graph(get_spec(name))
        t, full = relayout(graph, block, r), median_seconds(cold(graph), r)
        print(f"  {name:26s} toggle {block}: {t * 1000:6.1f} ms  (full layout ×{full / t:.1f})")


if __name__ == "__main__":
    main()
