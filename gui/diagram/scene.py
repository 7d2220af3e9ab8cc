"""The diagram as a QGraphicsScene: the one drawing the app shows and every export renders."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from gui.diagram.edges import EdgeItem, EdgeLabelItem
from gui.diagram.items import ID, ROLE, BoxItem, FrameItem, GlyphItem
from gui.diagram.legend import LegendItem, legend_entries
from gui.diagram.theme import Theme, get_theme
from netgraph.layout.geometry import Diagram

MARGIN = 24.0  # around the drawing, so outlines and the legend never touch the image border
LEGEND_GAP = 32.0


class DiagramScene(QGraphicsScene):
    """Items for one Diagram; ``item_for(id)`` maps a graph node back to its item."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.diagram = Diagram()
        self.theme = get_theme("light")
        self.show_shapes = True
        self._by_id: dict[str, QGraphicsItem] = {}
        self._labels: list[EdgeLabelItem] = []

    def set_diagram(
        self, diagram: Diagram, theme: Theme | str = "light", show_shapes: bool = True
    ) -> None:
        """Replace everything with items for diagram, painted in theme."""
        self.reset(diagram, theme, show_shapes)
        for item in self.add_elements(diagram):
            self._by_id.setdefault(item.data(ID), item)
        self.setSceneRect(self.place_legend(diagram))

    def reset(self, diagram: Diagram, theme: Theme | str, show_shapes: bool) -> None:
        """Empty the scene for a new drawing of ``diagram`` in ``theme``."""
        self.clear()
        self.diagram, self.theme, self.show_shapes = diagram, get_theme(theme), show_shapes
        self._by_id, self._labels = {}, []
        self.setBackgroundBrush(QColor(self.theme.background))

    def add_elements(
        self, diagram: Diagram, offset: tuple[float, float] = (0.0, 0.0)
    ) -> list[QGraphicsItem]:
        """Items for the diagram's frames, boxes, glyphs and edges (and the shape labels), put
        ``offset`` from the scene's origin; returns the element items."""
        book, turn = diagram.style == "book", diagram.text_rotation
        items: list[QGraphicsItem] = [FrameItem(f, self.theme, book, turn) for f in diagram.frames]
        items += [BoxItem(b, self.theme, book, turn) for b in diagram.boxes]
        items += [GlyphItem(g, self.theme, book, turn) for g in diagram.glyphs]
        items += [EdgeItem(e, self.theme) for e in diagram.edges]
        for item in items:
            item.setPos(*offset)
            self.addItem(item)
        for edge in diagram.edges:  # each where the layout placed it, clear of everything
            if edge.label and edge.label_rect is not None:
                label = EdgeLabelItem(edge, self.theme, turn)
                label.setPos(*offset)
                label.setVisible(self.show_shapes)
                self.addItem(label)
                self._labels.append(label)
        return items

    def place_legend(self, diagram: Diagram, marks: list[tuple[str, str]] | None = None) -> QRectF:
        """Put the legend in the top-right corner beside a tall diagram, below a wide one;
        ``marks`` are outlined entries (colour, meaning). Returns the scene's rectangle."""
        drawing = self.itemsBoundingRect() | QRectF(0, 0, diagram.width, diagram.height)
        kinds = [b.kind for b in diagram.boxes] + [g.kind for g in diagram.glyphs]
        entries = legend_entries(kinds, self.theme, diagram.style == "book", diagram.lang)
        if not entries and not marks:
            return drawing.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        legend = LegendItem(entries, self.theme, diagram.title, marks or [])
        self.addItem(legend)
        if drawing.height() >= drawing.width():
            legend.setPos(drawing.right() + LEGEND_GAP, drawing.top())
        else:
            legend.setPos(drawing.left(), drawing.bottom() + LEGEND_GAP)
        full = drawing | legend.sceneBoundingRect()
        return full.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def item_for(self, item_id: str) -> QGraphicsItem | None:
        return self._by_id.get(item_id)

    def items_of_role(self, role: str) -> list[QGraphicsItem]:
        return [i for i in self.items() if i.data(ROLE) == role]

    def set_show_shapes(self, show: bool) -> None:
        self.show_shapes = show
        for label in self._labels:
            label.setVisible(show)
