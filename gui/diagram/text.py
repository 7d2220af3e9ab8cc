"""Fonts of the diagram and fitting text into the boxes the layout sized.

Sizes are in pixels (scene units), never points, so text scales with the painter's transform the
same way on screen, in a PNG, an SVG and a PDF. The layout budgets ~7.2 px/char for 12 px labels
and ~6.2 px/char for 10.5 px sublabels; DejaVu Sans fits the first, its condensed cut the second,
and anything still too wide is shrunk rather than clipped.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetricsF

FAMILY = "DejaVu Sans"
CONDENSED = "DejaVu Sans Condensed"
MIN_PX = 7


@lru_cache(maxsize=64)
def font(px: int, bold: bool = False, condensed: bool = False) -> QFont:
    f = QFont(CONDENSED if condensed else FAMILY)
    f.setPixelSize(px)
    f.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same widths at any scale
    return f


@lru_cache(maxsize=64)
def _metrics(px: int, bold: bool, condensed: bool) -> QFontMetricsF:
    return QFontMetricsF(font(px, bold, condensed))


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
