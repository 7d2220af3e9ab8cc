"""Edge crossings of our layout against Graphviz dot's, on fully expanded graphs.

Usage: .venv/bin/python bench/bench_dot.py [--repeat N]
Graphviz is only this bench's own set-up (installed with apt-get if ``dot`` is missing), never
an app dependency. Both drawings are counted the same way: every edge as a polyline (dot's
splines sampled), and every proper intersection between segments of two edges that share no
endpoint counts once. dot gets the same op graph, flat, with our box sizes (the detailed style,
where every op is a box). Target: ours ≤ dot's on googlenet and resnet50; densenet121 is
compared on time only. The book style's crossings (activations folded, concatenations spanning
their branches, shortcuts into the ⊕'s side) are printed beside, for the same graphs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import median_seconds  # noqa: E402

from models.registry import get_spec  # noqa: E402
from netgraph import build_graph  # noqa: E402
from netgraph.layout import ExpansionState, layout_diagram  # noqa: E402

CROSSING_MODELS = ("googlenet", "torchvision.googlenet", "torchvision.resnet50")
TIME_MODELS = ("torchvision.densenet121",)
SAMPLES = 8  # points per cubic Bézier piece of a dot spline


def ensure_dot() -> str:
    if not shutil.which("dot"):
        subprocess.run(["apt-get", "install", "-y", "-q", "graphviz"], check=True)
    return shutil.which("dot") or "dot"


def dot_source(graph, diagram) -> str:
    """The op graph in DOT, every node the size of our box or glyph (inches = px / 72)."""
    sizes = {b.id: (b.w, b.h, "box") for b in diagram.boxes}
    sizes.update({g.id: (2 * g.r, 2 * g.r, "circle") for g in diagram.glyphs})
    lines = ["digraph G {", "  rankdir=BT;", '  node [fixedsize=true, label=""];']
    for op in graph.ops.nodes:
        w, h, shape = sizes[op]
        lines.append(f'  "{op}" [shape={shape}, width={w / 72:.3f}, height={h / 72:.3f}];')
    lines += [f'  "{u}" -> "{v}";' for u, v in graph.ops.edges]
    lines.append("}")
    return "\n".join(lines)


def run_dot(dot: str, source: str, timeout: float | None = None) -> tuple[dict, float]:
    """dot's layout and its wall time; on timeout, no layout and the time given up at."""
    start = time.perf_counter()
    try:
        out = subprocess.run(
            [dot, "-Tjson"],
            input=source,
            capture_output=True,
            text=True,
            check=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {}, float(timeout or 0)
    return json.loads(out.stdout), time.perf_counter() - start


def spline_polyline(pos: str) -> list[tuple[float, float]]:
    """dot's "e,x,y p0 p1 p2 p3 …" B-spline control points, sampled into a polyline."""
    end, ctrl = None, []
    for token in pos.split():
        parts = token.split(",")
        if parts[0] in ("e", "s"):
            if parts[0] == "e":
                end = (float(parts[1]), float(parts[2]))
            continue
        ctrl.append((float(parts[0]), float(parts[1])))
    pts = [ctrl[0]]
    for i in range(0, len(ctrl) - 3, 3):
        p0, p1, p2, p3 = (np.array(p) for p in ctrl[i : i + 4])
        for t in np.linspace(0, 1, SAMPLES + 1)[1:]:
            b = (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
            pts.append((float(b[0]), float(b[1])))
    if end is not None:
        pts.append(end)
    return pts


def dot_edges(layout: dict) -> list[tuple[str, str, list]]:
    names = {o["_gvid"]: o["name"] for o in layout.get("objects", [])}
    return [
        (names[e["tail"]], names[e["head"]], spline_polyline(e["pos"]))
        for e in layout.get("edges", [])
    ]


def crossings(edges: list[tuple[str, str, list]]) -> int:
    """Proper segment intersections between edges that share no endpoint."""
    segs, owner = [], []
    for k, (_, _, pts) in enumerate(edges):
        for p, q in zip(pts, pts[1:], strict=False):
            if p != q:
                segs.append((*p, *q))
                owner.append(k)
    s = np.array(segs, dtype=float)
    owner = np.array(owner)
    ends = [{a, b} for a, b, _ in edges]
    share = np.array([[bool(ea & eb) for eb in ends] for ea in ends])
    x1, y1, x2, y2 = s.T

    def orient(ax, ay, bx, by, cx, cy):
        return np.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))

    total = 0
    for i in range(len(s)):
        j = slice(i + 1, None)
        d1 = orient(x1[i], y1[i], x2[i], y2[i], x1[j], y1[j])
        d2 = orient(x1[i], y1[i], x2[i], y2[i], x2[j], y2[j])
        d3 = orient(x1[j], y1[j], x2[j], y2[j], x1[i], y1[i])
        d4 = orient(x1[j], y1[j], x2[j], y2[j], x2[i], y2[i])
        hit = (d1 * d2 < 0) & (d3 * d4 < 0) & ~share[owner[i], owner[j]]
        total += int(hit.sum())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dot-timeout", type=float, default=60.0, help="s, for densenet121")
    args = parser.parse_args()
    dot = ensure_dot()
    print(f"{'model':26s} {'ops':>5s} {'ours':>6s} {'dot':>6s} {'book':>6s}   crossings, then time")
    for name in CROSSING_MODELS + TIME_MODELS:
        graph = build_graph(get_spec(name))
        ours_t = median_seconds(
            lambda g=graph: layout_diagram(g, ExpansionState(g, 99)), args.repeat
        )
        diagram = layout_diagram(graph, ExpansionState(graph, 99))
        source = dot_source(graph, diagram)
        if name in CROSSING_MODELS:
            runs = [run_dot(dot, source) for _ in range(args.repeat)]
        else:  # dot needs minutes here (about 12 min on our 2 cores): one capped run
            runs = [run_dot(dot, source, timeout=args.dot_timeout)]
        dot_t = statistics.median(t for _, t in runs)
        gave_up = "≥ " if not runs[0][0] else ""
        if name in CROSSING_MODELS:
            ours = crossings([(e.source, e.target, e.points) for e in diagram.edges])
            theirs = crossings(dot_edges(runs[0][0]))
            book = layout_diagram(graph, ExpansionState(graph, 99), style="book")
            in_book = crossings([(e.source, e.target, e.points) for e in book.edges])
            verdict = "ok" if max(ours, in_book) <= theirs else "MORE THAN DOT"
            row = f"{name:26s} {len(graph.ops):5d} {ours:6d} {theirs:6d} {in_book:6d}"
            print(f"{row}   {verdict}", end="")
        else:
            print(f"{name:26s} {len(graph.ops):5d} {'-':>6s} {'-':>6s} {'-':>6s}  ", end="")
        print(
            f"   time ours {ours_t * 1000:.0f} ms, dot {gave_up}{dot_t * 1000:.0f} ms "
            f"(×{gave_up}{dot_t / ours_t:.1f})"
        )


if __name__ == "__main__":
    main()
