"""Moving a selection through a diagram with the arrow keys (no Qt: geometry in, an id out).

The arrow that points the way the data flows (up the book's bottom-to-top figure, down a "tb"
one, right in "lr") follows an edge to the next item, the one most in line when the flow fans
out; the opposite arrow goes back along an edge. The two others go across: to the nearest item
that way, the next branch of an Inception block or the box beside a shortcut. When no edge
leads on, the nearest item that way is taken. Frames (open blocks) are left by their border:
from a frame an arrow goes to the nearest item outside it.
"""

from __future__ import annotations

from netgraph.layout.geometry import Diagram, Frame, Point

DIRECTIONS: dict[str, Point] = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}
FORWARD = {"bt": "up", "tb": "down", "lr": "right"}  # the arrow pointing the way data flows
BACKWARD = {"bt": "down", "tb": "up", "lr": "left"}
OFF_AXIS = 2.0  # how much a step sideways costs against a step the way of the arrow


def first_item(diagram: Diagram) -> str | None:
    """Where a selection starts: the input, else the first box drawn."""
    box = next((b for b in diagram.boxes if b.kind == "input"), None) or next(
        iter(diagram.boxes), None
    )
    return box.id if box is not None else None


def neighbour(diagram: Diagram, ident: str, direction: str) -> str | None:
    """The item the arrow ``direction`` ("up", "down", "left", "right") selects after ``ident``;
    None when nothing lies that way."""
    start = diagram.element(ident)
    if start is None:
        return first_item(diagram)
    dx, dy = DIRECTIONS[direction]
    here = diagram.centre_of(ident)
    assert here is not None
    inside = _rect(start) if isinstance(start, Frame) else None

    def cost(point: Point) -> float | None:
        vx, vy = point[0] - here[0], point[1] - here[1]
        along, across = vx * dx + vy * dy, abs(vx * dy - vy * dx)
        if inside is not None:
            along = _beyond(inside, point, dx, dy)
        return along + OFF_AXIS * across if along > 1.0 else None

    items = {
        e.id: p
        for e in (*diagram.boxes, *diagram.glyphs)
        if e.id != ident
        and (p := diagram.centre_of(e.id)) is not None
        and (inside is None or not _contains(inside, p))
    }
    if direction == FORWARD.get(diagram.orientation):
        linked = {e.target for e in diagram.edges if e.source == ident}
    elif direction == BACKWARD.get(diagram.orientation):
        linked = {e.source for e in diagram.edges if e.target == ident}
    else:
        linked = set()
    for pool in ([i for i in items if i in linked], list(items)):
        scored = [(c, i) for i in pool if (c := cost(items[i])) is not None]
        if scored:
            return min(scored)[1]
    return None


def _rect(frame: Frame) -> tuple[float, float, float, float]:
    return (frame.x, frame.y, frame.x + frame.w, frame.y + frame.h)


def _contains(rect: tuple[float, float, float, float], p: Point) -> bool:
    return rect[0] <= p[0] <= rect[2] and rect[1] <= p[1] <= rect[3]


def _beyond(rect: tuple[float, float, float, float], p: Point, dx: float, dy: float) -> float:
    """How far ``p`` lies past the frame's border the arrow points at."""
    if dx:
        return p[0] - rect[2] if dx > 0 else rect[0] - p[0]
    return p[1] - rect[3] if dy > 0 else rect[1] - p[1]
