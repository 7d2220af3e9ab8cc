"""Fonts of the diagram, fitting text into the rectangles the layout sized, and drawing it turned.

Sizes are in pixels (scene units), never points, so text scales with the painter's transform the
same way on screen, in a PNG, an SVG and a PDF. The layout estimates DejaVu Sans's advances
(netgraph.layout.sizing); text still too wide is set in the condensed cut or shrunk, never
clipped. Chinese comes from a named CJK font (the set-up installs WenQuanYi Micro Hei), so every
export names a concrete font list instead of a generic family a viewer would guess at.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

FAMILY = "DejaVu Sans"
CONDENSED = "DejaVu Sans Condensed"
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC")
# What an SVG names (a viewer takes the first it has): Latin, then Chinese, then generic.
SVG_FONT_LIST = (
    ", ".join(f"'{f}'" for f in (FAMILY, *CJK_FAMILIES, "Microsoft YaHei")) + ", sans-serif"
)
MIN_PX = 7


@lru_cache(maxsize=64)
def font(px: int, bold: bool = False, condensed: bool = False) -> QFont:
    f = QFont()
    f.setFamilies([CONDENSED if condensed else FAMILY, *CJK_FAMILIES])
    f.setPixelSize(px)
    f.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same widths at any scale
    return f


@lru_cache(maxsize=64)
def _metrics(px: int, bold: bool, condensed: bool) -> QFontMetricsF:
    return QFontMetricsF(font(px, bold, condensed))


@lru_cache(maxsize=8192)  # a diagram's words repeat: measuring them costs more than drawing
def text_width(text: str, px: int, bold: bool = False, condensed: bool = False) -> float:
    return _metrics(px, bold, condensed).horizontalAdvance(text)


def fitted_font(
    text: str, width: float, px: int, bold: bool = False, condensed: bool = False
) -> QFont:
    """The largest font of this style (≤ px, condensed if need be) in which text fits width."""
    candidates = [(px, condensed), (px, True)] + [(p, True) for p in range(px - 1, MIN_PX - 1, -1)]
    for size, cond in candidates:
        if text_width(text, size, bold, cond) <= width:
            return font(size, bold, cond)
    return font(MIN_PX, bold, True)


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    qfont: QFont,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    rotation: int = 0,
) -> None:
    """Draw ``text`` in ``rect`` (as the layout gives it, on screen); turned ``rotation``
    degrees clockwise about the rectangle's centre, reading along its long side."""
    painter.setFont(qfont)
    if not rotation:
        painter.drawText(rect, align, text)
        return
    painter.save()
    painter.translate(rect.center())
    painter.rotate(rotation)
    w, h = (rect.height(), rect.width()) if rotation % 180 else (rect.width(), rect.height())
    painter.drawText(QRectF(-w / 2, -h / 2, w, h), align, text)
    painter.restore()
