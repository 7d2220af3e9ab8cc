"""The legend: which fill means which kind of layer, for the kinds this diagram shows."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from gui.diagram.items import DiagramItem
from gui.diagram.text import font, text_width
from gui.diagram.theme import GROUP_NAMES, GROUPS, Theme, group_of
from netgraph.words import word

ROW, SWATCH_W, SWATCH_H, PAD, TEXT_PX, TITLE_PX = 18.0, 18.0, 11.0, 8.0, 11, 12


MERGES_WITH_PRODUCTS = "concat / add / multiply"


def legend_entries(
    kinds: Iterable[str], theme: Theme, book: bool = False, lang: str = "en"
) -> list[tuple[str, str]]:
    """(fill, names) for the kinds shown, groups that share a fill on one line (the book's
    white covers dense, normalisation and more), in the diagram's language."""
    kinds = set(kinds)
    present = {group_of(k) for k in kinds}
    names: dict[str, list[str]] = {}
    palette = theme.palette(book)
    for group in GROUPS:
        if group in present:
            name = GROUP_NAMES[group]
            if group == "merge" and "mul" in kinds:  # a product is drawn in the merges' fill
                name = MERGES_WITH_PRODUCTS
            names.setdefault(palette[group], []).append(word(name, lang))
    sep = "、" if lang == "zh" else ", "
    return [(fill, sep.join(n)) for fill, n in names.items()]


class LegendItem(DiagramItem):
    """A small titled table of swatches; the scene places it beside the diagram."""

    role = "legend"

    def __init__(
        self,
        entries: list[tuple[str, str]],
        theme: Theme,
        title: str = "",
        marks: list[tuple[str, str]] | None = None,
    ) -> None:
        """``entries``: (fill, meaning); ``marks``: (outline colour, meaning), drawn after."""
        super().__init__("legend", "legend", theme)
        self.entries, self.title, self.marks = entries, title, marks or []
        self.setZValue(40)
        widths = [text_width(text, TEXT_PX) for _, text in entries + self.marks]
        widths.append(text_width(title, TITLE_PX, bold=True) - SWATCH_W - 6)
        self.title_h = ROW + 2 if title else 0.0
        width = 2 * PAD + SWATCH_W + 6 + max(widths)
        rows = len(entries) + len(self.marks)
        self.rect = QRectF(0, 0, width, 2 * PAD + self.title_h + ROW * rows - 4)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.frame_outline), 0.8))
        painter.setBrush(QColor(theme.background))
        painter.drawRoundedRect(self.rect, 6, 6)
        y = self.rect.top() + PAD
        if self.title:
            painter.setFont(font(TITLE_PX, bold=True))
            painter.setPen(QColor(theme.text))
            painter.drawText(
                QRectF(PAD, y, self.rect.width(), ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.title,
            )
            y += self.title_h
        painter.setFont(font(TEXT_PX))
        swatches = [(fill, theme.outline, theme.outline_width, t) for fill, t in self.entries]
        swatches += [(theme.background, colour, 2.0, t) for colour, t in self.marks]
        for fill, outline, width, text in swatches:
            swatch = QRectF(PAD, y + (ROW - 4 - SWATCH_H) / 2, SWATCH_W, SWATCH_H)
            painter.setPen(QPen(QColor(outline), width))
            painter.setBrush(QColor(fill))
            painter.drawRoundedRect(swatch, 2.5, 2.5)
            painter.setPen(QColor(theme.text))
            text_rect = QRectF(PAD + SWATCH_W + 6, y, self.rect.width(), ROW - 4)
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
            )
            y += ROW
