"""Room inserted across a laid-out diagram along its flow: how the compare view lines up the
stages of several models without laying any of them out again.

A *cut* is a line across the flow at a coordinate of the flow axis (y for "bt"/"tb", x for
"lr"). Stretching at a cut moves everything past it (coordinates greater than the cut) further
by a gap: boxes, glyphs and text move whole, frames the cut runs through grow, and only the
lines the cut crosses lengthen. A cut is only made where it runs through no box, glyph or text
(:func:`clear_cut`), so a stretched diagram keeps every property of the layout: nothing
overlaps, every line stays orthogonal and ends on the borders it ended on.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from netgraph.layout.geometry import Diagram, Rect, altered

CUT_MARGIN = 0.5  # a cut runs this far outside the border it keeps clear of


def flow_axis(orientation: str) -> int:
    """0 (x) when the flow runs left to right, 1 (y) when it runs up or down."""
    return 0 if orientation == "lr" else 1


def upstream_sign(orientation: str) -> int:
    """+1 when the input end has the greater coordinate ("bt": the input at the bottom)."""
    return 1 if orientation == "bt" else -1


def upstream_border(rect: Rect, orientation: str) -> float:
    """The side of ``rect`` that faces the input: its bottom in "bt", top in "tb", left in "lr"."""
    axis = flow_axis(orientation)
    lo, size = rect[axis], rect[axis + 2]
    return lo + size if upstream_sign(orientation) > 0 else lo


def _spans(d: Diagram, axis: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(solid, text) extents along ``axis``: boxes and glyphs; titles, labels and captions."""
    solid = [((b.x, b.y)[axis], (b.x, b.y)[axis] + (b.w, b.h)[axis]) for b in d.boxes]
    solid += [((g.x, g.y)[axis] - g.r, (g.x, g.y)[axis] + g.r) for g in d.glyphs]
    rects = [f.title_rect for f in d.frames] + [e.label_rect for e in d.edges if e.label]
    rects += [g.label_rect for g in d.glyphs if g.caption]
    text = [(r[axis], r[axis] + r[axis + 2]) for r in rects if r is not None]
    return solid, text


def clear_cut(d: Diagram, axis: int, at: float, sign: int) -> float | None:
    """The first coordinate from ``at`` (moving towards ``sign``) where a cut runs through no
    box, glyph or text: text in the way is stepped over; None when a box or glyph is."""
    solid, text = _spans(d, axis)
    cut = at
    for _ in range(len(text) + 1):
        if any(lo < cut < hi for lo, hi in solid):
            return None
        hit = [(lo, hi) for lo, hi in text if lo < cut < hi]
        if not hit:
            return cut
        edge = max(h for _, h in hit) if sign > 0 else min(lo for lo, _ in hit)
        cut = edge + sign * CUT_MARGIN
    return None


class _Shift:
    """Where a coordinate goes after all the cuts: each cut below it adds its gap."""

    def __init__(self, cuts: list[tuple[float, float]]) -> None:
        ordered = sorted(cuts)
        self.at = [c for c, _ in ordered]
        self.total = [0.0]
        for _, gap in ordered:
            self.total.append(self.total[-1] + gap)

    def __call__(self, v: float) -> float:
        return v + self.total[bisect_left(self.at, v)]


def stretch(d: Diagram, axis: int, cuts: list[tuple[float, float]]) -> Diagram:
    """A copy of ``d`` with ``gap`` inserted at each ``(cut, gap)`` along ``axis`` (cuts given
    in ``d``'s coordinates; each must be clear, see :func:`clear_cut`)."""
    if not cuts:
        return d
    shift = _Shift(cuts)

    def moved(x: float, y: float) -> tuple[float, float]:
        v = (x, y)[axis]
        dv = shift(v) - v
        return (dv, 0.0) if axis == 0 else (0.0, dv)

    def rect(r: Rect | None) -> Rect | None:
        if r is None:
            return None
        dx, dy = moved(r[0], r[1])
        return (r[0] + dx, r[1] + dy, r[2], r[3])

    boxes = [b.moved(*moved(b.x, b.y)) for b in d.boxes]
    glyphs = [g.moved(*moved(g.x, g.y)) for g in d.glyphs]
    frames = []
    for f in d.frames:
        lo, size = (f.x, f.y)[axis], (f.w, f.h)[axis]
        grown = shift(lo + size) - shift(lo) - size
        dx, dy = moved(f.x, f.y)
        size = {"w": f.w + grown} if axis == 0 else {"h": f.h + grown}
        frames.append(altered(f, title_rect=rect(f.title_rect), x=f.x + dx, y=f.y + dy, **size))
    edges = []
    for e in d.edges:
        points = [(x + dx, y + dy) for x, y in e.points for dx, dy in [moved(x, y)]]
        edges.append(altered(e, points=points, label_rect=rect(e.label_rect)))
    extra = shift.total[-1]
    return replace(
        d,
        boxes=boxes,
        frames=frames,
        glyphs=glyphs,
        edges=edges,
        width=d.width + (extra if axis == 0 else 0.0),
        height=d.height + (extra if axis == 1 else 0.0),
    )
