"""The compare figure as one scene: every column drawn by the single diagram's own items, put at
its offset, plus what only a comparison has (column titles, guide lines, the marks of what one
network alone has, the figure's point). The app shows it and every export renders it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.diagram.items import ID, DiagramItem, qrect
from gui.diagram.scene import DiagramScene
from gui.diagram.text import draw_text, fitted_font
from gui.diagram.theme import Theme
from netgraph.compare.figure import (
    GUIDE_PX,
    NOTE_PX,
    SUBTITLE_PX,
    TITLE_PX,
    Column,
    CompareFigure,
    Guide,
)
from netgraph.layout.geometry import Diagram
from netgraph.words import word

COLUMN = 3  # item data slot: the index of the column an element belongs to
MARK_WIDTH = 2.4


class TextItem(DiagramItem):
    """One line of text in the rectangle the figure placed it in."""

    role = "text"

    def __init__(
        self,
        rect: QRectF,
        text: str,
        px: int,
        colour: str,
        theme: Theme,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    ) -> None:
        super().__init__("", "text", theme)
        self.setData(ID, None)  # text identifies no element of a model
        self.rect, self.text, self.colour, self.align = rect, text, colour, align
        self.text_font = fitted_font(text, rect.width() + 2, px, bold=bold)
        self.setZValue(35)

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QColor(self.colour))
        draw_text(painter, self.rect, self.text, self.text_font, self.align)


class GuidesItem(DiagramItem):
    """The faint lines across the columns at each stage, and their captions."""

    role = "guide"

    def __init__(self, guides: list[Guide], theme: Theme) -> None:
        super().__init__("", "guide", theme)
        self.setData(ID, None)
        self.guides = guides
        self.caption_font = fitted_font("0", 100, GUIDE_PX)
        bounds = QRectF()
        for g in guides:
            bounds |= qrect(g.caption_rect)
            for x0, y0, x1, y1 in g.segments:
                bounds |= QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized()
        self._bounds = bounds.adjusted(-2, -2, 2, 2)
        self.setZValue(9)  # above the frames' fill, below boxes and lines
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        colour = QColor(self.theme.muted)
        colour.setAlphaF(0.55)
        pen = QPen(colour, 1.0, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([5.0, 4.0])
        for guide in self.guides:
            painter.setPen(pen)
            for x0, y0, x1, y1 in guide.segments:
                painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
            painter.setPen(QColor(self.theme.muted))
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            draw_text(painter, qrect(guide.caption_rect), guide.caption, self.caption_font, align)


class MarkItem(DiagramItem):
    """The outline that says an element has no counterpart in the other columns."""

    role = "mark"

    def __init__(self, target: QGraphicsItem, theme: Theme) -> None:
        super().__init__("", "mark", theme)
        self.setData(ID, None)
        self.target_role = str(target.data(2))
        self.kind = str(target.data(1))
        self.rect = target.rect.translated(target.pos())  # type: ignore[attr-defined]
        self.setZValue(target.zValue() + 1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        style = Qt.PenStyle.DashLine if self.target_role == "frame" else Qt.PenStyle.SolidLine
        painter.setPen(QPen(QColor(self.theme.mark), MARK_WIDTH, style))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.target_role == "glyph" and self.kind == "add":
            painter.drawEllipse(self.rect)
        else:
            radius = 8 if self.target_role == "frame" else 5
            painter.drawRoundedRect(self.rect, radius, radius)


def legend_diagram(figure: CompareFigure) -> Diagram:
    """What the legend and the exports read: every column's kinds, the figure's title."""
    return Diagram(
        boxes=[b for c in figure.columns for b in c.diagram.boxes],
        glyphs=[g for c in figure.columns for g in c.diagram.glyphs],
        width=figure.width,
        height=figure.height,
        orientation=figure.orientation,
        title=figure.title,
        style=figure.style,
        lang=figure.lang,
    )


def only_here_text(lang: str) -> str:
    return word("only in this network", lang)


class CompareScene(DiagramScene):
    """Items for one CompareFigure; ``column_item(column, id)`` maps an element back."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.figure: CompareFigure | None = None
        self._columns: list[dict[str, QGraphicsItem]] = []

    def set_figure(
        self, figure: CompareFigure, theme: Theme | str = "light", show_shapes: bool = True
    ) -> None:
        summary = legend_diagram(figure)
        self.reset(summary, theme, show_shapes)
        self.figure, self._columns = figure, []
        for index, column in enumerate(figure.columns):
            self._columns.append(self._add_column(index, column))
        if figure.guides:
            self.addItem(GuidesItem(figure.guides, self.theme))
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for rect, line in zip(figure.note_rects, figure.note_lines, strict=True):
            t = self.theme
            self.addItem(TextItem(qrect(rect), line, NOTE_PX, t.text, t, align=left))
        marked = any(c.only_here for c in figure.columns)
        marks = [(self.theme.mark, only_here_text(figure.lang))] if marked else []
        self.setSceneRect(self.place_legend(summary, marks))

    def _add_column(self, index: int, column: Column) -> dict[str, QGraphicsItem]:
        by_id: dict[str, QGraphicsItem] = {}
        for item in self.add_elements(column.diagram, column.offset):
            item.setData(COLUMN, index)
            by_id.setdefault(str(item.data(ID)), item)
        for ident in column.only_here:
            if (target := by_id.get(ident)) is not None:
                self.addItem(MarkItem(target, self.theme))
        t = self.theme
        self.addItem(TextItem(qrect(column.title_rect), column.title, TITLE_PX, t.text, t, True))
        self.addItem(
            TextItem(qrect(column.subtitle_rect), column.subtitle, SUBTITLE_PX, t.muted, t)
        )
        return by_id

    def clear(self) -> None:
        """Nothing drawn, and nothing for the minimap or the view to show of the last figure."""
        super().clear()
        self.figure, self._columns, self.diagram = None, [], Diagram()
        self.setSceneRect(QRectF())

    def overview(self) -> list[tuple[Diagram, tuple[float, float]]]:
        """Each column's drawing where it sits (the minimap reads this)."""
        return [(c.diagram, c.offset) for c in self.figure.columns] if self.figure else []

    def column_item(self, column: int, ident: str) -> QGraphicsItem | None:
        if 0 <= column < len(self._columns):
            return self._columns[column].get(ident)
        return None

    def item_for(self, item_id: str) -> QGraphicsItem | None:
        """The first column's item (a comparison's ids repeat across columns)."""
        for column in self._columns:
            if item_id in column:
                return column[item_id]
        return None
