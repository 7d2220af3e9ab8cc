"""Lay out one frame: run the layered phases on its problem and return a relative sub-layout.

Pre: the sizes of the frame's children (child frames already laid out, bottom-up) and their
port offsets. Post: a SubLayout in the frame's own coordinates (x across, y along the flow,
origin at the frame's corner), with its in ports on the top border (y = 0) and its out ports on
the bottom border (y = depth): what the parent needs to place it and to join its edges.
"""

from __future__ import annotations

from dataclasses import dataclass

from netgraph.layout.layered import Layered, LEdge, Point
from netgraph.layout.order import order_layers, skip_class
from netgraph.layout.position import assign_x
from netgraph.layout.rank import assign_ranks, make_acyclic, split_long_edges
from netgraph.layout.route import MIN_GAP, assign_y, route_edges
from netgraph.layout.visible import FrameProblem


@dataclass(frozen=True)
class Padding:
    """Room inside a frame's border; ``title`` goes where the screen's top of the frame is."""

    side: float = 12.0
    start: float = 0.0  # extra gap after the in ports
    end: float = 0.0  # extra gap before the out ports
    left: float = 0.0  # extra room on the low-x side
    min_breadth: float = 0.0


@dataclass
class SubLayout:
    breadth: float
    depth: float
    pos: dict[str, tuple[float, float]]  # child node -> (left, top)
    in_x: dict[str, float]  # outside source item -> x of its in port on the top border
    out_x: dict[str, float]  # inner item -> x of its out port on the bottom border
    pieces: dict[tuple[str, ...], list[Point]]


def layout_frame(
    problem: FrameProblem,
    size: dict[str, tuple[float, float]],
    order_key: dict[str, float],
    ports: dict[str, SubLayout],
    pad: Padding,
) -> SubLayout:
    """``size``/``order_key`` cover the problem's nodes; ``ports`` holds child frames' layouts."""
    nodes = list(problem.nodes)
    sizes = {n: size[n] for n in nodes}
    keys = {n: order_key[n] for n in nodes}
    for item in problem.in_ports:
        sizes["in:" + item] = (0.0, 0.0)
        keys["in:" + item] = order_key[item]
    for item in problem.out_ports:
        sizes["out:" + item] = (0.0, 0.0)
        keys["out:" + item] = order_key[item]
    edges = []
    for e in problem.edges.values():
        src_off = _offset(ports, e.src, e.src_via, "out")
        dst_off = _offset(ports, e.dst, e.dst_via, "in")
        edges.append(LEdge(e.key, e.src, e.dst, src_off, dst_off, e.skip))
    g = Layered(
        nodes=nodes
        + ["in:" + i for i in problem.in_ports]
        + ["out:" + i for i in problem.out_ports],
        size=sizes,
        order_key=keys,
        edges=edges,
        in_ports=["in:" + i for i in problem.in_ports],
        out_ports=["out:" + i for i in problem.out_ports],
    )
    make_acyclic(g)
    assign_ranks(g)
    split_long_edges(g)
    order_layers(g)
    assign_x(g, skip_class(g))
    gaps = [MIN_GAP] * len(g.layers)
    if len(gaps) > 1:
        gaps[1] += pad.start
        gaps[-1] += pad.end
    route_edges(g, assign_y(g, gaps))
    return _relative(g, problem, pad)


def _offset(ports: dict[str, SubLayout], node: str, via: str | None, side: str) -> float:
    if via is None:
        return 0.0
    sub = ports[node]
    return (sub.out_x if side == "out" else sub.in_x)[via] - sub.breadth / 2


def _relative(g: Layered, problem: FrameProblem, pad: Padding) -> SubLayout:
    """Shift the content so its left edge sits ``pad`` inside the frame."""
    lo = min((g.x[n] - g.size[n][0] / 2 for n in g.x), default=0.0)
    hi = max((g.x[n] + g.size[n][0] / 2 for n in g.x), default=0.0)
    extra = max(0.0, (pad.min_breadth - (hi - lo) - 2 * pad.side - pad.left) / 2)
    dx = pad.side + pad.left + extra - lo
    breadth = hi - lo + 2 * pad.side + pad.left + 2 * extra
    depth = g.rank_top[-1] + g.rank_height[-1] if g.rank_top else 0.0
    pos = {n: (g.x[n] + dx - g.size[n][0] / 2, g.y[n]) for n in problem.nodes}
    pieces = {k: [(x + dx, y) for x, y in pts] for k, pts in g.routes.items()}
    return SubLayout(
        breadth=breadth,
        depth=depth,
        pos=pos,
        in_x={i: g.x["in:" + i] + dx for i in problem.in_ports},
        out_x={i: g.x["out:" + i] + dx for i in problem.out_ports},
        pieces=pieces,
    )
