"""Scene items for the layout's boxes, frames and merge glyphs.

Each item paints from geometry computed once in its constructor (paths, fonts), keeps the id and
kind of what it shows in ``data(ID)``/``data(KIND)`` so the app can map clicks back to graph nodes,
and its role ("box", "frame", "glyph", "edge", …) in ``data(ROLE)``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.diagram.text import draw_text, fitted_font
from gui.diagram.theme import Theme
from netgraph.layout.geometry import Box, Frame, Glyph, Rect

ID, KIND, ROLE = 0, 1, 2

LABEL_PX, SUBLABEL_PX, TITLE_PX, MARK_PX, CAPTION_PX = 12, 11, 11, 13, 10
RADIUS = 5.0
PAD = 6.0  # horizontal text padding inside a box
DOUBLE_INSET = 3.0  # gap of a collapsed block's inner outline


def qrect(rect: Rect) -> QRectF:
    return QRectF(*rect)


def along(rect: QRectF, rotation: int) -> float:
    """The length text runs along in ``rect``: its width, or its height when turned."""
    return rect.height() if rotation % 180 else rect.width()


def split_along(rect: QRectF, start: float, rotation: int) -> tuple[QRectF, QRectF]:
    """Cut ``rect`` ``start`` units along its text direction: (head, rest)."""
    if rotation % 180:
        return (
            QRectF(rect.left(), rect.top(), rect.width(), start),
            QRectF(rect.left(), rect.top() + start, rect.width(), rect.height() - start),
        )
    return (
        QRectF(rect.left(), rect.top(), start, rect.height()),
        QRectF(rect.left() + start, rect.top(), rect.width() - start, rect.height()),
    )


class DiagramItem(QGraphicsItem):
    """Common base: identity in data(), a selectable item with a theme; ``book`` paints the
    book's fills, ``rotation`` turns text (degrees clockwise, 90 in a left-to-right figure)."""

    role = ""

    def __init__(
        self,
        item_id: str,
        kind: str,
        theme: Theme,
        tooltip: str = "",
        book: bool = False,
        rotation: int = 0,
    ) -> None:
        super().__init__()
        self.theme, self.book, self.turn = theme, book, rotation
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
    """A layer or a collapsed block: a rounded rectangle filled by kind, label over sublabel;
    a folded run carries its "N ×" at its start, inside the box."""

    role = "box"

    def __init__(self, box: Box, theme: Theme, book: bool = False, rotation: int = 0) -> None:
        super().__init__(box.id, box.kind, theme, box.tooltip or box.label, book, rotation)
        self.box = box
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(10)
        self.rect = QRectF(box.x, box.y, box.w, box.h)
        inset = DOUBLE_INSET if self.is_block else 0.0
        text_area = self.rect.adjusted(inset, inset, -inset, -inset)
        self.mark_rect = QRectF()
        if box.mark:
            mark_len = min(along(text_area, rotation) / 3, 10 + MARK_PX * 0.8 * len(box.mark))
            self.mark_rect, text_area = split_along(text_area, mark_len, rotation)
        self.text_area = text_area
        room = along(text_area, rotation) - 2 * PAD
        self.label_font = fitted_font(box.label, room, LABEL_PX, bold=True)
        self.sublabel_font = fitted_font(box.sublabel, room, SUBLABEL_PX, condensed=True)
        self.mark_font = fitted_font(box.mark, along(self.mark_rect, rotation), MARK_PX, True)
        self._bounds = self.rect.adjusted(-2, -2, 2, 2)

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
        painter.setBrush(QColor(theme.fill(self.box.kind, self.book)))
        painter.drawRoundedRect(r, RADIUS, RADIUS)
        if self.is_block:  # a double outline says "there is more inside"
            painter.setPen(QPen(QColor(theme.outline), 0.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = r.adjusted(DOUBLE_INSET, DOUBLE_INSET, -DOUBLE_INSET, -DOUBLE_INSET)
            painter.drawRoundedRect(inner, RADIUS - 2, RADIUS - 2)
        if self.box.mark:
            painter.setPen(QColor(theme.text))
            draw_text(painter, self.mark_rect, self.box.mark, self.mark_font, rotation=self.turn)
            painter.setPen(QPen(QColor(theme.outline), 0.8))
            m = self.mark_rect
            if self.turn % 180:
                painter.drawLine(
                    QPointF(m.left() + 4, m.bottom()), QPointF(m.right() - 4, m.bottom())
                )
            else:
                painter.drawLine(
                    QPointF(m.right(), m.top() + 4), QPointF(m.right(), m.bottom() - 4)
                )
        self._paint_text(painter)

    def _paint_text(self, painter: QPainter) -> None:
        area, rot = self.text_area, self.turn
        painter.setPen(QColor(self.theme.text))
        if not self.box.sublabel:
            draw_text(painter, area, self.box.label, self.label_font, rotation=rot)
            return
        # two lines across the text direction: label above (or right of, turned) the sublabel
        if rot % 180:
            mid = area.center().x()
            top = QRectF(mid + 1, area.top(), LABEL_PX + 4, area.height())
            bottom = QRectF(mid - SUBLABEL_PX - 5, area.top(), SUBLABEL_PX + 4, area.height())
        else:
            mid = area.center().y()
            top = QRectF(area.left(), mid - LABEL_PX - 3, area.width(), LABEL_PX + 4)
            bottom = QRectF(area.left(), mid + 1, area.width(), SUBLABEL_PX + 4)
        draw_text(painter, top, self.box.label, self.label_font, rotation=rot)
        painter.setPen(QColor(self.theme.muted))
        draw_text(painter, bottom, self.box.sublabel, self.sublabel_font, rotation=rot)


class FrameItem(DiagramItem):
    """An expanded block: a dashed rounded container, shaded by depth, titled where the layout
    placed its title (clear of every line)."""

    role = "frame"

    def __init__(self, frame: Frame, theme: Theme, book: bool = False, rotation: int = 0) -> None:
        super().__init__(frame.id, frame.kind, theme, frame.tooltip or frame.title, book, rotation)
        self.frame = frame
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(frame.depth)  # deeper frames above their parents, all below edges
        self.rect = QRectF(frame.x, frame.y, frame.w, frame.h)
        default = (frame.x + PAD, frame.y + 3, frame.w - 2 * PAD, 16)
        self.title_rect = qrect(frame.title_rect or default)
        room = along(self.title_rect, rotation)
        self.title_font = fitted_font(frame.title, room, TITLE_PX, bold=True)

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
        painter.setPen(QColor(theme.frame_title))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        draw_text(painter, self.title_rect, self.frame.title, self.title_font, align, self.turn)


class GlyphItem(DiagramItem):
    """A merge: "add" is a ⊕ circle, "concat" a rounded box reading "[ , ]", captioned."""

    role = "glyph"

    def __init__(self, glyph: Glyph, theme: Theme, book: bool = False, rotation: int = 0) -> None:
        tip = glyph.tooltip or glyph.label or glyph.kind
        super().__init__(glyph.id, glyph.kind, theme, tip, book, rotation)
        self.glyph = glyph
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(10)
        g = glyph
        self.rect = QRectF(g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r)  # the layout's footprint
        self.caption_rect = qrect(g.label_rect) if g.label_rect else QRectF()
        self.caption_font = fitted_font(g.caption, along(self.caption_rect, rotation), CAPTION_PX)
        self.mark_font = fitted_font("[ , ]", self.rect.width() - 4, 12, bold=True)
        self.cross = QPainterPath()
        if g.kind == "add":
            arm = g.r * 0.55
            self.cross.moveTo(QPointF(g.x - arm, g.y))
            self.cross.lineTo(QPointF(g.x + arm, g.y))
            self.cross.moveTo(QPointF(g.x, g.y - arm))
            self.cross.lineTo(QPointF(g.x, g.y + arm))
        self._bounds = (self.rect | self.caption_rect).adjusted(-2, -2, 2, 2)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = self.outline_pen(1.3)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(theme.fill(self.glyph.kind, self.book))))
        if self.glyph.kind == "add":
            if not self.isSelected():  # the ring in the lines' colour, the cross in the text's:
                pen = QPen(QColor(theme.edge), 1.5)  # clear on the dark theme's dark fill too
            painter.setPen(pen)
            painter.drawEllipse(self.rect)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            cross = QPen(QBrush(QColor(theme.text)), 1.8, Qt.PenStyle.SolidLine)
            cross.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(cross)
            painter.drawPath(self.cross)
            return
        painter.drawRoundedRect(self.rect, 6, 6)
        painter.setPen(QColor(theme.text))
        draw_text(painter, self.rect, "[ , ]", self.mark_font, rotation=self.turn)
        if self.glyph.caption:
            painter.setPen(QColor(theme.muted))
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            draw_text(
                painter,
                self.caption_rect,
                self.glyph.caption,
                self.caption_font,
                align,
                self.turn,
            )
