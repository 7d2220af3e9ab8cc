"""Phase 8: turn the top-to-bottom layout into the requested orientation, once, at the end."""

from __future__ import annotations

from netgraph.layout.layered import Point

ORIENTATIONS = ("bt", "tb", "lr")


def to_screen_rect(
    x: float, y: float, breadth: float, depth: float, orientation: str, total_depth: float
) -> tuple[float, float, float, float]:
    """(left, top, w, h) on screen of a rectangle given across/along the flow."""
    if orientation == "bt":
        return x, total_depth - y - depth, breadth, depth
    if orientation == "lr":
        return y, x, depth, breadth
    return x, y, breadth, depth


def to_screen_point(p: Point, orientation: str, total_depth: float) -> Point:
    x, y = p
    if orientation == "bt":
        return x, total_depth - y
    if orientation == "lr":
        return y, x
    return x, y


def item_extent(w: float, h: float, orientation: str) -> tuple[float, float]:
    """(breadth, depth) of an item drawn w × h on screen."""
    return (h, w) if orientation == "lr" else (w, h)
