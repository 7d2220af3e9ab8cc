"""What the first view of a diagram shows: the whole figure when it fits at a zoom where its shape
still reads, else a part at a zoom where its labels read, starting at the input (no Qt: the
scene's rectangle and the view's size in, zoom and centre out).
"""

from __future__ import annotations

from netgraph.layout.geometry import Diagram, Point, Rect

FIT_MIN_ZOOM = 0.4  # a figure that fits at this zoom or more is shown whole
READABLE_ZOOM = 0.75  # else: labels at a size one reads, from the input on
VIEW_PAD = 4.0  # pixels kept clear round a fitted figure


def fit_zoom(scene: Rect, port_w: float, port_h: float) -> float:
    """The zoom at which all of ``scene`` fits a view of ``port_w`` × ``port_h`` pixels."""
    _, _, w, h = scene
    if w <= 0 or h <= 0:
        return 1.0
    return max(0.01, min((port_w - VIEW_PAD) / w, (port_h - VIEW_PAD) / h))


def first_view(diagram: Diagram, scene: Rect, port_w: float, port_h: float) -> tuple[float, Point]:
    """(zoom, centre in scene coordinates): fitted, never past 100 %; when fitting would take
    the zoom under FIT_MIN_ZOOM, READABLE_ZOOM with the input's end in view, centred on the
    input's column (not on the edge of a wide block)."""
    x0, y0, w, h = scene
    fit = fit_zoom(scene, port_w, port_h)
    if fit >= FIT_MIN_ZOOM:
        return min(1.0, fit), (x0 + w / 2, y0 + h / 2)
    zoom = READABLE_ZOOM
    hw, hh = port_w / zoom / 2, port_h / zoom / 2

    def along(start: float, size: float, half: float, from_end: bool) -> float:
        """Centre that shows the start (or end) of [start, start + size] at a view edge."""
        if size <= 2 * half:
            return start + size / 2
        return start + size - half if from_end else start + half

    def on_input(start: float, size: float, half: float, at: float | None) -> float:
        if at is None:
            return along(start, size, half, from_end=False)
        return min(max(at, start + half), max(start + size - half, start + half))

    first = next((b for b in diagram.boxes if b.kind == "input"), None)
    if diagram.orientation == "lr":
        centre = (
            along(x0, w, hw, from_end=False),
            on_input(y0, h, hh, first.y + first.h / 2 if first else None),
        )
    else:
        centre = (
            on_input(x0, w, hw, first.x + first.w / 2 if first else None),
            along(y0, h, hh, from_end=diagram.orientation == "bt"),
        )
    return zoom, centre
