"""Phase 8: turn the top-to-bottom layout into the requested orientation.

"bt" (the book's) flips it, "tb" keeps it. "lr" is the book's bottom-to-top figure turned a
quarter turn clockwise, as the book prints its wide figures: boxes stay narrow along the flow
and their text turns with them, so a long network fits a slide's width at a legible size.
"""

from __future__ import annotations

from netgraph.layout.geometry import Diagram, Rect
from netgraph.layout.layered import Point

ORIENTATIONS = ("bt", "tb", "lr")


def layout_orientation(orientation: str) -> str:
    """The flow the layout is computed in: "lr" is computed as "bt", then turned."""
    return "bt" if orientation == "lr" else orientation


def to_screen_rect(
    x: float, y: float, breadth: float, depth: float, orientation: str, total_depth: float
) -> tuple[float, float, float, float]:
    """(left, top, w, h) on screen ("bt" or "tb") of a rectangle given across/along the flow."""
    if orientation == "bt":
        return x, total_depth - y - depth, breadth, depth
    return x, y, breadth, depth


def to_screen_point(p: Point, orientation: str, total_depth: float) -> Point:
    x, y = p
    return (x, total_depth - y) if orientation == "bt" else (x, y)


def turn_clockwise(d: Diagram) -> None:
    """Turn a bottom-to-top diagram a quarter turn clockwise, in place: its "lr" form."""
    height = d.height

    def point(p: Point) -> Point:
        return (height - p[1], p[0])

    def rect(r: Rect) -> Rect:
        x, y, w, h = r
        return (height - y - h, x, h, w)

    for b in d.boxes:
        b.x, b.y, b.w, b.h = rect((b.x, b.y, b.w, b.h))
    for f in d.frames:
        f.x, f.y, f.w, f.h = rect((f.x, f.y, f.w, f.h))
        f.title_rect = rect(f.title_rect) if f.title_rect else None
    for g in d.glyphs:
        g.x, g.y = point((g.x, g.y))
        g.label_rect = rect(g.label_rect) if g.label_rect else None
    for e in d.edges:
        e.points = [point(p) for p in e.points]
        e.label_rect = rect(e.label_rect) if e.label_rect else None
    d.width, d.height = d.height, d.width
    d.orientation = "lr"
