"""Lay out one frame: run the layered phases on its problem and return a relative sub-layout.

Pre: the sizes of the frame's children (child frames already laid out, bottom-up) and their
port offsets. Post: a SubLayout in the frame's own coordinates (x across, y along the flow,
origin at the frame's corner), with its in ports on the top border (y = 0) and its out ports on
the bottom border (y = depth): what the parent needs to place it and to join its edges; and
where along its title band the frame's title goes, clear of every line crossing that band.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from netgraph.layout.joins import place_joins
from netgraph.layout.layered import Layered, LEdge, Point
from netgraph.layout.order import order_layers, skip_class
from netgraph.layout.position import assign_x
from netgraph.layout.rank import assign_ranks, make_acyclic, split_long_edges
from netgraph.layout.route import MIN_GAP, assign_y, route_edges
from netgraph.layout.visible import FrameProblem

TITLE_INSET = 6.0  # a title's distance from the frame's side border
TITLE_TOP, TITLE_BOTTOM = 3.0, 19.0  # its band, measured from the border it sits on
TITLE_CLEARANCE = 4.0  # between the title and a line crossing its band


@dataclass(frozen=True)
class Padding:
    """Room inside a frame's border, and its title: ``title_at`` "end" puts the title band
    along the out-port border (the screen's top in the book's bottom-to-top flow), "start"
    along the in-port border."""

    side: float = 12.0
    start: float = 0.0  # extra gap after the in ports
    end: float = 0.0  # extra gap before the out ports
    title_w: float = 0.0
    title_at: str = ""  # "", "start" or "end"


@dataclass
class SubLayout:
    breadth: float
    depth: float
    pos: dict[str, tuple[float, float]]  # child node -> (left, top)
    in_x: dict[str, float]  # outside source item -> x of its in port on the top border
    out_x: dict[str, float]  # inner item -> x of its out port on the bottom border
    pieces: dict[tuple[str, ...], list[Point]]
    title_x: float = 0.0  # the title's left end, from the frame's side
    spans: dict[str, float] = field(default_factory=dict)  # span box -> its widened breadth


def layout_frame(
    problem: FrameProblem,
    size: dict[str, tuple[float, float]],
    order_key: dict[str, float],
    ports: dict[str, SubLayout],
    pad: Padding,
    join_kind: dict[str, str] | None = None,
) -> SubLayout:
    """``size``/``order_key`` cover the problem's nodes; ``ports`` holds child frames' layouts;
    ``join_kind`` marks merge items ("span", "circle", "concat"; netgraph.layout.joins)."""
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
        join_kind={**(join_kind or {}), **dict.fromkeys(problem.subframes, "port")},
    )
    make_acyclic(g)
    assign_ranks(g)
    split_long_edges(g)
    order_layers(g)
    assign_x(g, skip_class(g))
    place_joins(g)
    gaps = [MIN_GAP] * len(g.layers)
    if len(gaps) > 1:
        gaps[1] += pad.start if problem.in_ports else 0.0
        gaps[-1] += pad.end if problem.out_ports else 0.0
    route_edges(g, assign_y(g, gaps))
    lead = MIN_GAP + pad.start if pad.start and not problem.in_ports else 0.0
    tail = MIN_GAP + pad.end if pad.end and not problem.out_ports else 0.0
    return _relative(g, problem, pad, lead, tail)


def _offset(ports: dict[str, SubLayout], node: str, via: str | None, side: str) -> float:
    if via is None:
        return 0.0
    sub = ports[node]
    return (sub.out_x if side == "out" else sub.in_x)[via] - sub.breadth / 2


def _relative(
    g: Layered, problem: FrameProblem, pad: Padding, lead: float = 0.0, tail: float = 0.0
) -> SubLayout:
    """Shift the content so its left edge sits ``pad`` inside the frame, and find its title a
    place (widening the frame if no gap between the lines crossing the title band is wide
    enough). ``lead``/``tail``: room before the first / after the last rank when no port
    keeps the title band clear there."""
    lo = min((g.x[n] - g.size[n][0] / 2 for n in g.x), default=0.0)
    hi = max((g.x[n] + g.size[n][0] / 2 for n in g.x), default=0.0)
    dx = float(round(pad.side - lo))  # whole pixels: routes joined across frames meet exactly
    breadth = hi - lo + 2 * pad.side
    depth = (g.rank_top[-1] + g.rank_height[-1] if g.rank_top else 0.0) + lead + tail
    if lead:
        g.routes = {k: [(x, y + lead) for x, y in pts] for k, pts in g.routes.items()}
        g.y = {n: y + lead for n, y in g.y.items()}
    title_x = 0.0
    if pad.title_at:
        band = (
            (depth - TITLE_BOTTOM, depth - TITLE_TOP)
            if pad.title_at == "end"
            else (TITLE_TOP, TITLE_BOTTOM)
        )
        blocked = _blocked(g.routes.values(), band, dx)
        title_x, widen_left, widen_right = title_place(blocked, breadth, pad.title_w)
        dx += widen_left
        breadth += widen_left + widen_right
        title_x += widen_left
    breadth = 2 * math.ceil(breadth / 2)  # even: the parent's port offsets stay whole pixels
    pos = {n: (g.x[n] + dx - g.size[n][0] / 2, g.y[n]) for n in problem.nodes}
    pieces = {k: [(x + dx, y) for x, y in pts] for k, pts in g.routes.items()}
    return SubLayout(
        breadth=breadth,
        depth=depth,
        pos=pos,
        in_x={i: g.x["in:" + i] + dx for i in problem.in_ports},
        out_x={i: g.x["out:" + i] + dx for i in problem.out_ports},
        pieces=pieces,
        title_x=title_x,
        spans={n: g.size[n][0] for n in problem.nodes if g.join_kind.get(n) == "span"},
    )


def _blocked(routes, band: tuple[float, float], dx: float) -> list[tuple[float, float]]:
    """x intervals (frame coordinates) where lines cross the title band, merged and sorted."""
    spans = []
    for pts in routes:
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            if max(y0, y1) >= band[0] and min(y0, y1) <= band[1]:
                spans.append((min(x0, x1) + dx, max(x0, x1) + dx))
    spans.sort()
    merged: list[tuple[float, float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 2 * TITLE_CLEARANCE:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def title_place(
    blocked: list[tuple[float, float]], breadth: float, width: float
) -> tuple[float, float, float]:
    """(title x, room to add on the left, room to add on the right) for a title ``width`` wide
    in a band ``breadth`` wide crossed at ``blocked``: the leftmost gap that fits; else the
    cheaper of widening the frame on both sides (content stays centred, title at the left) or
    on the right only (title right of every line)."""
    lo, hi = TITLE_INSET, breadth - TITLE_INSET
    edges = [(lo - TITLE_CLEARANCE, lo - TITLE_CLEARANCE)] + blocked + [(hi + TITLE_CLEARANCE,) * 2]
    for (_, a_end), (b_start, _) in zip(edges, edges[1:], strict=False):
        start = max(lo, a_end + TITLE_CLEARANCE)
        if b_start - TITLE_CLEARANCE - start >= width:
            return start, 0.0, 0.0
    first = blocked[0][0] if blocked else hi
    both = max(0.0, width + lo + TITLE_CLEARANCE - first)
    last = max(lo, (blocked[-1][1] + TITLE_CLEARANCE) if blocked else lo)
    right = max(0.0, last + width + TITLE_INSET - breadth)
    if 2 * both <= right:
        return lo, both, both
    return last, 0.0, right
