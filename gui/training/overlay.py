"""Training marks on the diagram: the BN layer being plotted, and boxes coloured by gradient norm.

Marks are plain rectangles added to the scene over the boxes (the scene's own items untouched).
A layer's statistics are keyed by module path; a layer inside a collapsed block is shown on that
block's box (its gradient norm is the norm over all layers inside: ``netgraph.layout.marks``).
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from gui.diagram import DiagramScene
from netgraph.layout.geometry import Box
from netgraph.layout.marks import box_norms, log_positions

MARK_COLOUR = "#e8590c"
TINT_ALPHA = 70  # light enough to read the box's label through
COLOURMAP = "viridis"


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
        box = self.scene.diagram.box_for_module(self.bn_layer) if self.bn_layer else None
        if box is None:
            return []
        return [_mark(self.scene, box, QPen(QColor(MARK_COLOUR), 4), QBrush(Qt.BrushStyle.NoBrush))]

    def _draw_gradients(self) -> list[QGraphicsRectItem]:
        """Tint each box by its gradient norm, on a log scale."""
        self.box_norms = box_norms(self.scene.diagram, self.norms)
        colours = pg.colormap.get(COLOURMAP)
        boxes = {box.id: box for box in self.scene.diagram.boxes}
        marks = []
        for ident, where in log_positions(self.box_norms).items():
            colour = colours.map(where, mode="qcolor")
            tint = QColor(colour)
            tint.setAlpha(TINT_ALPHA)
            marks.append(_mark(self.scene, boxes[ident], QPen(colour, 4), QBrush(tint)))
        return marks
