"""Training marks on the diagram: the BN layer being plotted, and boxes coloured by gradient norm.

Marks are plain rectangles added to the scene over the boxes (the scene's own items untouched).
A layer's statistics are keyed by module path; a layer inside a collapsed block is shown on that
block's box (its gradient norm is the norm over all layers inside).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from gui.diagram import DiagramScene
from netgraph.layout.geometry import Box

MARK_COLOUR = "#e8590c"
TINT_ALPHA = 70  # light enough to read the box's label through
COLOURMAP = "viridis"


def box_for_layer(boxes: list[Box], path: str) -> Box | None:
    """The box showing module ``path``: its own op box, else the collapsed block holding it."""
    for box in boxes:
        if box.kind != "block" and box.module_path == path:
            return box
    holders = [b for b in boxes if b.kind == "block" and path.startswith(b.id + ".")]
    return max(holders, key=lambda b: len(b.id), default=None)


def box_norms(boxes: list[Box], norms: dict[str, float]) -> dict[str, float]:
    """Gradient norm per box id: a layer's own, or the combined L2 norm of a block's layers."""
    squares: dict[str, float] = {}
    for path, norm in norms.items():
        box = box_for_layer(boxes, path)
        if box is not None and math.isfinite(norm):
            squares[box.id] = squares.get(box.id, 0.0) + norm * norm
    return {ident: math.sqrt(total) for ident, total in squares.items()}


def log_positions(values: dict[str, float]) -> dict[str, float]:
    """Each value's place in [0, 1] on a log scale between the smallest and largest."""
    logs = {k: math.log10(v) for k, v in values.items() if v > 0}
    if not logs:
        return {}
    low, high = min(logs.values()), max(logs.values())
    span = high - low or 1.0
    return {k: (v - low) / span for k, v in logs.items()}


def _mark(scene: DiagramScene, box: Box, pen: QPen, brush: QBrush) -> QGraphicsRectItem:
    mark = QGraphicsRectItem(box.x - 3, box.y - 3, box.w + 6, box.h + 6)
    mark.setPen(pen)
    mark.setBrush(brush)
    mark.setZValue(11)  # over the boxes (10), under the search highlights
    mark.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(mark)
    return mark


class DiagramMarks:
    """The marks on one scene. A relayout or theme change rebuilds the scene and deletes them;
    :meth:`refresh` notices (the items are no longer valid) and draws them again."""

    def __init__(self, scene: DiagramScene) -> None:
        self.scene = scene
        self.bn_layer = ""
        self.norms: dict[str, float] = {}
        self.box_norms: dict[str, float] = {}  # what the gradient tint shows, per box id
        self._items: list[QGraphicsRectItem] = []
        self._stale = True

    def set_bn_layer(self, path: str) -> None:
        self.bn_layer = path
        self._stale = True

    def set_norms(self, norms: dict[str, float]) -> None:
        """Gradient norms per module path to tint by; {} removes the tint."""
        self.norms = norms
        self._stale = True

    def refresh(self) -> None:
        if not self._stale and all(shiboken6.isValid(item) for item in self._items):
            return
        self._stale = False
        for item in self._items:
            if shiboken6.isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self._items = self._draw_gradients() + self._draw_bn_mark()

    def _draw_bn_mark(self) -> list[QGraphicsRectItem]:
        box = box_for_layer(self.scene.diagram.boxes, self.bn_layer) if self.bn_layer else None
        if box is None:
            return []
        return [_mark(self.scene, box, QPen(QColor(MARK_COLOUR), 4), QBrush(Qt.BrushStyle.NoBrush))]

    def _draw_gradients(self) -> list[QGraphicsRectItem]:
        """Tint each box by its gradient norm, on a log scale."""
        self.box_norms = box_norms(self.scene.diagram.boxes, self.norms)
        colours = pg.colormap.get(COLOURMAP)
        boxes = {box.id: box for box in self.scene.diagram.boxes}
        marks = []
        for ident, where in log_positions(self.box_norms).items():
            colour = colours.map(where, mode="qcolor")
            tint = QColor(colour)
            tint.setAlpha(TINT_ALPHA)
            marks.append(_mark(self.scene, boxes[ident], QPen(colour, 4), QBrush(tint)))
        return marks
