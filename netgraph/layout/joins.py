"""Phase 6b: where edges end on the items they merge into (after x, before y and routes).

Pre: ``x`` for every node. Post: ``dst_off`` of every edge's last hop set so that no two edges
into one item share an end point, and ``side`` for edges entering a merge glyph from the side:

- a concatenation box ("span") is widened over its inputs, each entering straight at its own
  point, as the book draws Inception's "channel concatenation" above its four paths;
- a ⊕ or [ , ] glyph takes its main input from below and a shortcut (a skip edge) on its own
  horizontal segment into its side, as the book's residual block does;
- any other item with several inputs spreads their end points across its border.
"""

from __future__ import annotations

from collections import defaultdict

from netgraph.layout.layered import Layered, LEdge
from netgraph.layout.position import SEPARATION

SPAN_MARGIN = 28.0  # a span box reaches this far beyond its outermost input
EDGE_INSET = 8.0  # end points keep this far from an item's corners
MIN_SPACING = 8.0  # between two end points on one border


def place_joins(g: Layered) -> None:
    into: dict[str, list[tuple[LEdge, float]]] = defaultdict(list)
    up: dict[str, set[str]] = defaultdict(set)
    for e in g.edges:
        if e.reversed or len(e.path) < 2:
            continue
        a = e.path[-2]
        into[e.path[-1]].append((e, g.x[a] + (e.src_off if len(e.path) == 2 else 0.0)))
        for u, v in zip(e.path, e.path[1:], strict=False):
            up[v].add(u)
    for node, entries in into.items():
        kind = g.join_kind.get(node)
        if kind == "span":
            _span(g, node, entries, _feeders(g, node, up))
        elif kind in ("circle", "concat"):
            _glyph(g, node, entries, kind)
        elif kind is None and not g.is_dummy(node) and len(entries) > 1:
            half = g.size[node][0] / 2 - EDGE_INSET
            _spread(entries, g.x[node], half)


def _spread(entries: list[tuple[LEdge, float]], centre: float, half: float) -> None:
    """End points under their sources where the border allows, in their order, ≥ MIN_SPACING
    apart (squeezed evenly when the border is too short for that)."""
    entries = sorted(entries, key=lambda t: t[1])
    k = len(entries)
    spacing = min(MIN_SPACING, 2 * half / (k - 1)) if k > 1 else 0.0
    want = [min(max(xa - centre, -half), half) for _, xa in entries]
    offs = []
    for i, w in enumerate(want):  # push right of the previous one, then keep the last inside
        offs.append(w if i == 0 else max(w, offs[-1] + spacing))
    shift = max(0.0, offs[-1] - half) if offs else 0.0
    offs = [o - shift for o in offs]
    for i in range(k - 2, -1, -1):  # shifting may have pushed the first ones out: pull back
        offs[i] = min(offs[i], offs[i + 1] - spacing)
    for (e, _), off in zip(entries, offs, strict=True):
        e.dst_off = off


def _feeders(g: Layered, node: str, up: dict[str, set[str]]) -> list[str]:
    """The items whose outputs reach ``node`` inside this frame (its branches)."""
    seen, stack = {node}, [node]
    while stack:
        for u in up.get(stack.pop(), ()):
            if u not in seen and not u.startswith(("in:", "out:")):
                seen.add(u)
                stack.append(u)
    return [n for n in seen if n != node and not g.is_dummy(n)]


def _span(g: Layered, node: str, entries: list[tuple[LEdge, float]], feeders: list[str]) -> None:
    """As wide as the branches feeding it (the book's full-width concatenation box)."""
    xs = [xa for _, xa in entries]
    breadth, depth = g.size[node]
    left = min(min(xs) - SPAN_MARGIN, g.x[node] - breadth / 2)
    right = max(max(xs) + SPAN_MARGIN, g.x[node] + breadth / 2)
    for n in feeders:
        left = min(left, g.x[n] - g.size[n][0] / 2)
        right = max(right, g.x[n] + g.size[n][0] / 2)
    layer = g.layers[g.rank[node]]
    i = layer.index(node)
    if i > 0:
        m = layer[i - 1]
        left = max(left, g.x[m] + g.size[m][0] / 2 + SEPARATION)
    if i + 1 < len(layer):
        m = layer[i + 1]
        right = min(right, g.x[m] - g.size[m][0] / 2 - SEPARATION)
    right = max(right, left + breadth)
    g.size[node] = (right - left, depth)
    g.x[node] = (left + right) / 2
    _spread(entries, g.x[node], (right - left) / 2 - EDGE_INSET)
    for e in g.edges:  # leave straight towards what comes next
        if e.path and e.path[0] == node and not e.reversed and len(e.path) > 1:
            nxt = e.path[1]
            target = g.x[nxt] + (e.dst_off if len(e.path) == 2 else 0.0)
            half = (right - left) / 2 - EDGE_INSET
            e.src_off = min(max(target - g.x[node], -half), half)


def _glyph(g: Layered, node: str, entries: list[tuple[LEdge, float]], kind: str) -> None:
    """Main input from below; skips (then other inputs) into a free side, the rest below."""
    r = g.size[node][1] / 2
    cx = g.x[node]
    mains = sorted((t for t in entries if not t[0].skip), key=lambda t: abs(t[1] - cx))
    skips = sorted((t for t in entries if t[0].skip), key=lambda t: abs(t[1] - cx))
    below = mains[:1] if mains else skips[:1]
    rest = [t for t in skips + mains if t not in below]
    taken: set[int] = set()
    for e, xa in rest:
        side = 1 if xa > cx + r else -1 if xa < cx - r else 0
        if kind == "concat" and side < 0:
            side = 0  # its caption sits on the left
        if side and side not in taken and _clear(g, node, cx, xa):
            taken.add(side)
            g.side[e.key] = side
            e.dst_off = xa - cx  # no turn before the glyph's rank: up, then across
        else:
            below.append((e, xa))
    if len(below) == 1:
        below[0][0].dst_off = 0.0  # the main path straight into the glyph's bottom
    else:
        _spread(below, cx, r * 0.6)


def _clear(g: Layered, node: str, cx: float, xa: float) -> bool:
    """Nothing of the glyph's rank stands between it and the vertical line at ``xa``."""
    lo, hi = min(cx, xa), max(cx, xa)
    for m in g.layers[g.rank[node]]:
        if m == node or g.is_dummy(m):
            continue
        half = g.size[m][0] / 2
        if g.x[m] + half >= lo and g.x[m] - half <= hi:
            return False
    return True
