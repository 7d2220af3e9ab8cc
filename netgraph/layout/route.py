"""Phase 7: y coordinates and orthogonal edge routes.

Pre: ``x`` for every node. Post: ``rank_top``/``rank_height``, ``y`` (node tops, centred in their
rank) and one polyline per edge from its source's border to its target's. Edges run vertically
through their nodes' own columns and turn only in the gaps between ranks, on tracks: each source
that changes column gets its own track, ordered so that its turn crosses no other edge's vertical
when the ranks' order allows (leftward sources left first, rightward sources right first).
"""

from __future__ import annotations

import math
from itertools import pairwise

from netgraph.layout.layered import Layered, Point

TRACK_SPACING = 8.0
MIN_GAP = 28.0


def assign_y(g: Layered, gap_before: list[float]) -> dict[tuple[int, str, float], float]:
    """Place the ranks; returns the track y of every turning (gap, source, source x)."""
    turns: list[dict[tuple[str, float], list[float]]] = [{} for _ in g.layers]
    for e in g.edges:
        hops = list(pairwise(e.path))
        for i, (a, b) in enumerate(hops):
            xa = g.x[a] + (e.src_off if i == 0 else 0.0)
            xb = g.x[b] + (e.dst_off if i == len(hops) - 1 else 0.0)
            if abs(xa - xb) > 1e-6:
                turns[g.rank[a]].setdefault((a, xa), []).append(xb)
    tracks: dict[tuple[int, str, float], float] = {}
    y = 0.0
    g.rank_top, g.rank_height = [], []
    for r, layer in enumerate(g.layers):
        if r:
            y += gap_before[r]
        height = max((g.size[n][1] for n in layer), default=0.0)
        g.rank_top.append(y)
        g.rank_height.append(height)
        for n in layer:
            g.y[n] = y + (height - g.size[n][1]) / 2
        y += height
        groups = [k for k, _ in sorted(turns[r].items(), key=_track_order)]
        gap = max(MIN_GAP, (len(groups) + 1) * TRACK_SPACING)
        if r + 1 < len(g.layers):
            gap_before[r + 1] = max(gap_before[r + 1], gap)
            step = gap_before[r + 1] / (len(groups) + 1)
            for i, (node, xa) in enumerate(groups):
                tracks[(r, node, xa)] = y + step * (i + 1)
    return tracks


def _track_order(item: tuple[tuple[str, float], list[float]]) -> tuple[int, float]:
    (_, xa), targets = item
    rightward = sum(targets) / len(targets) > xa
    return (0, -xa) if rightward else (1, xa)


def route_edges(g: Layered, tracks: dict[tuple[int, str, float], float]) -> None:
    for e in g.edges:
        hops = list(pairwise(e.path))
        pts: list[Point] = []
        for i, (a, b) in enumerate(hops):
            xa = g.x[a] + (e.src_off if i == 0 else 0.0)
            xb = g.x[b] + (e.dst_off if i == len(hops) - 1 else 0.0)
            ra = g.rank[a]
            start_y = g.y[a] + g.size[a][1] if i == 0 else g.rank_top[ra] + g.rank_height[ra]
            pts.append((xa, start_y))
            track = tracks.get((ra, a, xa))
            if track is not None:
                pts.append((xa, track))
                pts.append((xb, track))
            if g.is_dummy(b):
                pts.append((xb, g.rank_top[g.rank[b]]))
            elif e.key in g.side and i == len(hops) - 1:
                pts += _side_entry(g, b, xb, g.side[e.key])
            else:
                pts.append((xb, _top(g, b, xb - g.x[b])))
        simplified = simplify(pts)
        g.routes[e.key] = simplified[::-1] if e.reversed else simplified


def _side_entry(g: Layered, node: str, x: float, side: int) -> list[Point]:
    """Up the line at ``x`` to the glyph's centre, then across into its side."""
    r = g.size[node][1] / 2
    cy = g.y[node] + r
    return [(x, cy), (g.x[node] + side * r, cy)]


def _top(g: Layered, node: str, off: float) -> float:
    """Where a line at ``off`` from the node's centre meets its near border (a ⊕ is round)."""
    if g.join_kind.get(node) != "circle":
        return g.y[node]
    r = g.size[node][1] / 2
    return g.y[node] + r - math.sqrt(max(r * r - off * off, 0.0))


def simplify(pts: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of straight runs."""
    out: list[Point] = []
    for p in pts:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (abs(x0 - x1) < 1e-6 and abs(x1 - p[0]) < 1e-6) or (
                abs(y0 - y1) < 1e-6 and abs(y1 - p[1]) < 1e-6
            ):
                out[-1] = p
                continue
        out.append(p)
    return out
