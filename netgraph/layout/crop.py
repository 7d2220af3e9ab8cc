"""Part of a diagram as a diagram of its own: what the export of a view, a selection or one
block writes (vector, not a screenshot).

Whole boxes, glyphs and frames are kept, never cut; an edge is kept when both its ends are; text
comes with what it belongs to. A block's figure (:func:`block_figure`) is its frame with the
items just outside it that feed it and take its output, as the book draws a block between its
input and what follows.
"""

from __future__ import annotations

from dataclasses import replace

from errors import NetAtlasError
from netgraph.layout.expansion import ExpansionState
from netgraph.layout.geometry import Diagram, Rect

CROP_MARGIN = 16.0


def _touches(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _contains(outer: Rect, inner: Rect) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[0] + inner[2] <= outer[0] + outer[2]
        and inner[1] + inner[3] <= outer[1] + outer[3]
    )


def crop(diagram: Diagram, rect: Rect, keep: set[str] | None = None) -> Diagram:
    """The items touching ``rect`` (and those in ``keep``), frames inside it, edges between kept
    items, moved so the part starts at a small margin."""
    keep = keep or set()
    boxes = [b for b in diagram.boxes if b.id in keep or _touches(rect, (b.x, b.y, b.w, b.h))]
    glyphs = [
        g
        for g in diagram.glyphs
        if g.id in keep or _touches(rect, (g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r))
    ]
    frames = [f for f in diagram.frames if _contains(rect, (f.x, f.y, f.w, f.h))]
    kept = {b.id for b in boxes} | {g.id for g in glyphs}
    edges = [e for e in diagram.edges if e.source in kept and e.target in kept]
    bounds: list[Rect] = [(b.x, b.y, b.w, b.h) for b in boxes]
    bounds += [(g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r) for g in glyphs]
    bounds += [g.label_rect for g in glyphs if g.label_rect]
    bounds += [(f.x, f.y, f.w, f.h) for f in frames]
    bounds += [e.label_rect for e in edges if e.label_rect]
    if not bounds:
        raise NetAtlasError("nothing to export there: select a layer or block, or zoom out")
    left = min(r[0] for r in bounds)
    top = min(r[1] for r in bounds)
    right = max(r[0] + r[2] for r in bounds)
    bottom = max(r[1] + r[3] for r in bounds)
    dx, dy = CROP_MARGIN - left, CROP_MARGIN - top
    return replace(
        diagram,
        boxes=[b.moved(dx, dy) for b in boxes],
        frames=[f.moved(dx, dy) for f in frames],
        glyphs=[g.moved(dx, dy) for g in glyphs],
        edges=[e.moved(dx, dy) for e in edges],
        width=right - left + 2 * CROP_MARGIN,
        height=bottom - top + 2 * CROP_MARGIN,
    )


def block_figure(diagram: Diagram, path: str) -> Diagram:
    """The open block ``path`` with the items feeding it and fed by it."""
    frame = next((f for f in diagram.frames if f.id == path), None)
    if frame is None:
        raise NetAtlasError(f"block {path!r} is not open in this diagram: expand it to export it")
    rect = (frame.x, frame.y, frame.w, frame.h)
    inside = {b.id for b in diagram.boxes if _contains(rect, (b.x, b.y, b.w, b.h))}
    inside |= {
        g.id for g in diagram.glyphs if _contains(rect, (g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r))
    }
    neighbours = {e.source for e in diagram.edges if e.target in inside}
    neighbours |= {e.target for e in diagram.edges if e.source in inside}
    return crop(diagram, rect, neighbours)


def open_block(state: ExpansionState, path: str) -> None:
    """Open block ``path`` and the blocks around it, for its figure; a layer or an unknown
    path is an error that names blocks to try."""
    state.expand_many({path, *state.index.block_chain.get(path, ())})  # unknown: an error
    if not state.index.is_block(path):
        blocks = state.index.blocks
        hint = f"try {', '.join(blocks[:4])}" if blocks else "this model has none: leave --only out"
        raise NetAtlasError(f"--only takes a block, and {path!r} is a single layer: {hint}")
