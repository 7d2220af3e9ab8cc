"""Scene items for the layout's boxes, frames and merge glyphs.

Each item paints from geometry computed once in its constructor (paths, fonts), keeps the id and
kind of what it shows in ``data(ID)``/``data(KIND)`` so the app can map clicks back to graph nodes,
and its role ("box", "frame", "glyph", "edge", …) in ``data(ROLE)``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.diagram.text import fitted_font, font, text_width
from gui.diagram.theme import Theme
from netgraph.layout.geometry import Box, Frame, Glyph

ID, KIND, ROLE = 0, 1, 2

LABEL_PX, SUBLABEL_PX, TITLE_PX, MARK_PX = 12, 11, 11, 13
RADIUS = 5.0
PAD = 6.0  # horizontal text padding inside a box
DOUBLE_INSET = 3.0  # gap of a collapsed block's inner outline


class DiagramItem(QGraphicsItem):
    """Common base: identity in data(), a selectable item with a theme."""

    role = ""

    def __init__(self, item_id: str, kind: str, theme: Theme, tooltip: str = "") -> None:
        super().__init__()
        self.theme = theme
        self.setData(ID, item_id)
        self.setData(KIND, kind)
        self.setData(ROLE, self.role)
        if tooltip:
            self.setToolTip(tooltip)

    def outline_pen(self, width: float | None = None) -> QPen:
        if self.isSelected():
            return QPen(QColor(self.theme.selection), 2.4)
        return QPen(QColor(self.theme.outline), width or self.theme.outline_width)


class BoxItem(DiagramItem):
    """A layer or a collapsed block: a rounded rectangle filled by kind, label over sublabel."""

    role = "box"

    def __init__(self, box: Box, theme: Theme) -> None:
        super().__init__(box.id, box.kind, theme, box.tooltip or box.label)
        self.box = box
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(10)
        self.rect = QRectF(box.x, box.y, box.w, box.h)
        room = box.w - 2 * PAD - (2 * DOUBLE_INSET if self.is_block else 0)
        self.label_font = fitted_font(box.label, room, LABEL_PX, bold=True)
        self.sublabel_font = fitted_font(box.sublabel, room, SUBLABEL_PX, condensed=True)
        self.mark = f"×{box.repeat}" if box.repeat > 1 else ""
        mark_w = text_width(self.mark, MARK_PX, bold=True) + 8 if self.mark else 0
        self._bounds = self.rect.adjusted(-2, -2, 2 + mark_w, 2)

    @property
    def is_block(self) -> bool:
        return self.box.kind == "block"

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme, r = self.theme, self.rect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.outline_pen())
        painter.setBrush(QColor(theme.fill(self.box.kind)))
        painter.drawRoundedRect(r, RADIUS, RADIUS)
        if self.is_block:  # a double outline says "there is more inside"
            painter.setPen(QPen(QColor(theme.outline), 0.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = r.adjusted(DOUBLE_INSET, DOUBLE_INSET, -DOUBLE_INSET, -DOUBLE_INSET)
            painter.drawRoundedRect(inner, RADIUS - 2, RADIUS - 2)
        self._paint_text(painter)
        if self.mark:
            painter.setFont(font(MARK_PX, bold=True))
            painter.setPen(QColor(theme.text))
            mark_rect = QRectF(r.right() + 6, r.top(), 200, r.height())
            painter.drawText(
                mark_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.mark
            )

    def _paint_text(self, painter: QPainter) -> None:
        r = self.rect
        if not self.box.sublabel:
            painter.setFont(self.label_font)
            painter.setPen(QColor(self.theme.text))
            painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.box.label)
            return
        mid = r.center().y()
        top = QRectF(r.left(), mid - LABEL_PX - 3, r.width(), LABEL_PX + 4)
        bottom = QRectF(r.left(), mid + 1, r.width(), SUBLABEL_PX + 4)
        painter.setFont(self.label_font)
        painter.setPen(QColor(self.theme.text))
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self.box.label)
        painter.setFont(self.sublabel_font)
        painter.setPen(QColor(self.theme.muted))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, self.box.sublabel)


class FrameItem(DiagramItem):
    """An expanded block: a dashed rounded container, shaded by depth, titled top-left."""

    role = "frame"

    def __init__(self, frame: Frame, theme: Theme) -> None:
        super().__init__(frame.id, frame.kind, theme, frame.title)
        self.frame = frame
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(frame.depth)  # deeper frames above their parents, all below edges
        self.rect = QRectF(frame.x, frame.y, frame.w, frame.h)
        self.title_font = fitted_font(frame.title, frame.w - 2 * PAD, TITLE_PX, bold=True)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(theme.frame_outline), 1.1, Qt.PenStyle.DashLine)
        if self.isSelected():
            pen = QPen(QColor(theme.selection), 2.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(theme.frame_fill(self.frame.depth)))
        painter.drawRoundedRect(self.rect, 8, 8)
        painter.setFont(self.title_font)
        painter.setPen(QColor(theme.frame_title))
        title_rect = QRectF(self.rect.left() + PAD, self.rect.top() + 3, self.rect.width(), 16)
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.frame.title
        )


class GlyphItem(DiagramItem):
    """A merge: "add" is a ⊕ circle, "concat" a small rounded box reading "[ , ]"."""

    role = "glyph"

    def __init__(self, glyph: Glyph, theme: Theme) -> None:
        super().__init__(glyph.id, glyph.kind, theme, glyph.tooltip or glyph.label or glyph.kind)
        self.glyph = glyph
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(10)
        g = glyph
        self.rect = QRectF(g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r)  # the layout's footprint
        self.cross = QPainterPath()
        if g.kind == "add":
            arm = g.r * 0.55
            self.cross.moveTo(QPointF(g.x - arm, g.y))
            self.cross.lineTo(QPointF(g.x + arm, g.y))
            self.cross.moveTo(QPointF(g.x, g.y - arm))
            self.cross.lineTo(QPointF(g.x, g.y + arm))

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = self.outline_pen(1.3)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(theme.fill(self.glyph.kind))))
        if self.glyph.kind == "add":
            painter.drawEllipse(self.rect)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.cross)
            return
        painter.drawRoundedRect(self.rect, 4, 4)
        px = max(8, min(12, int(self.rect.height() * 0.6)))
        painter.setFont(fitted_font("[ , ]", self.rect.width() - 2, px, bold=True))
        painter.setPen(QColor(theme.text))
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, "[ , ]")
