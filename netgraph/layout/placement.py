"""Phase 9: shape labels beside their lines, clear of everything else.

Pre: the assembled diagram in screen coordinates (boxes, glyphs and their captions, framed
titles, routed edges). Post: each wanted label has a ``label_rect`` that crosses no box, glyph,
caption, frame title, frame border, line (its own included: labels sit beside lines, never on
them) or other label; a label that finds no such place is not drawn (its shape stays in
``Edge.shape`` and the tooltips). A grid of buckets keeps each test near-constant on diagrams
with thousands of lines.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from netgraph.layout.geometry import Diagram, Edge, Point, Rect
from netgraph.layout.sizing import edge_label_size

CELL = 64.0
GAP = 4.0  # between a label and its line
LINE_HALF = 1.0  # a line's half-width as an obstacle
TRIES = 7  # positions tried along one segment, from its middle outwards
EPS = 0.01

Box4 = tuple[float, float, float, float]  # left, top, right, bottom


class Obstacles:
    """Rectangles (left, top, right, bottom) bucketed on a grid."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box4]] = defaultdict(list)

    def _keys(self, r: Box4) -> Iterable[tuple[int, int]]:
        x0, x1 = math.floor(r[0] / CELL), math.floor(r[2] / CELL)
        y0, y1 = math.floor(r[1] / CELL), math.floor(r[3] / CELL)
        return ((i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1))

    def add(self, r: Box4) -> None:
        for key in self._keys(r):
            self._cells[key].append(r)

    def is_free(self, r: Box4) -> bool:
        for key in self._keys(r):
            for o in self._cells.get(key, ()):
                if (
                    r[0] < o[2] - EPS
                    and o[0] < r[2] - EPS
                    and r[1] < o[3] - EPS
                    and o[1] < r[3] - EPS
                ):
                    return False
        return True


def to_box4(rect: Rect) -> Box4:
    x, y, w, h = rect
    return (x, y, x + w, y + h)


def segment_box(a: Point, b: Point) -> Box4:
    return (
        min(a[0], b[0]) - LINE_HALF,
        min(a[1], b[1]) - LINE_HALF,
        max(a[0], b[0]) + LINE_HALF,
        max(a[1], b[1]) + LINE_HALF,
    )


def diagram_obstacles(d: Diagram) -> Obstacles:
    """Everything drawn that a label must keep off."""
    obstacles = Obstacles()
    for b in d.boxes:
        obstacles.add((b.x, b.y, b.x + b.w, b.y + b.h))
    for g in d.glyphs:
        obstacles.add((g.x - g.r, g.y - g.r, g.x + g.r, g.y + g.r))
        if g.label_rect:
            obstacles.add(to_box4(g.label_rect))
    for f in d.frames:
        if f.title_rect:
            obstacles.add(to_box4(f.title_rect))
        corners = [(f.x, f.y), (f.x + f.w, f.y), (f.x + f.w, f.y + f.h), (f.x, f.y + f.h)]
        for a, b in pairwise([*corners, corners[0]]):
            obstacles.add(segment_box(a, b))
    for e in d.edges:
        for a, b in pairwise(e.points):
            obstacles.add(segment_box(a, b))
    return obstacles


def place_edge_labels(d: Diagram, wanted: list[tuple[Edge, str, bool]]) -> None:
    """Place ``(edge, text, near_source)`` labels in order; ``near_source`` tries the edge's
    first run first (a stem shared by several edges), else its last run (into its target)."""
    obstacles = diagram_obstacles(d)
    bounds = (0.0, 0.0, d.width, d.height)
    for edge, text, near_source in wanted:
        w, h = edge_label_size(text)
        for rect in _candidates(edge.points, w, h, near_source):
            if _inside(rect, bounds) and obstacles.is_free(rect):
                obstacles.add(rect)
                edge.label = text
                edge.label_rect = (rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1])
                break


def _inside(r: Box4, bounds: Box4) -> bool:
    return r[0] >= bounds[0] and r[1] >= bounds[1] and r[2] <= bounds[2] and r[3] <= bounds[3]


def _candidates(points: list[Point], w: float, h: float, near_source: bool) -> Iterable[Box4]:
    segments = list(pairwise(points))
    if not near_source:
        segments.reverse()
    for (x0, y0), (x1, y1) in segments:
        if abs(x0 - x1) < EPS:  # vertical: right of the line, then left
            lo, hi = min(y0, y1) + 2, max(y0, y1) - 2 - h
            for y in _along(lo, hi, h / 2):
                yield (x0 + GAP, y, x0 + GAP + w, y + h)
                yield (x0 - GAP - w, y, x0 - GAP, y + h)
        elif abs(y0 - y1) < EPS:  # horizontal: above, then below
            lo, hi = min(x0, x1) + 2, max(x0, x1) - 2 - w
            for x in _along(lo, hi, w / 3):
                yield (x, y0 - GAP - h, x + w, y0 - GAP)
                yield (x, y0 + GAP, x + w, y0 + GAP + h)


def _along(lo: float, hi: float, step: float) -> Iterable[float]:
    """Starts from the middle of [lo, hi] outwards, TRIES at most."""
    if hi < lo:
        return
    mid = (lo + hi) / 2
    yield mid
    for k in range(1, TRIES):
        offset = ((k + 1) // 2) * step * (1 if k % 2 else -1)
        if lo <= mid + offset <= hi:
            yield mid + offset
