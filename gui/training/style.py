"""Plot colours that read well on the app's light and dark palettes.

Plots take their background and text from the application palette, so they follow the theme the
window applies (``gui.appearance``); each curve has one hue per scheme, lighter on dark.
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QPen

# The book's animator: train loss blue, train acc magenta dashed, test acc green dash-dot.
_HUES = {
    "train_loss": ("#1f6fb4", "#6cb2f0", Qt.PenStyle.SolidLine),
    "train_acc": ("#a8329a", "#e58ad8", Qt.PenStyle.DashLine),
    "test_acc": ("#2a7f2a", "#74d274", Qt.PenStyle.DashDotLine),
    "step_loss": ("#a9c9e6", "#3b5f80", Qt.PenStyle.SolidLine),  # raw per step: drawn light
    "step_smooth": ("#1f6fb4", "#6cb2f0", Qt.PenStyle.SolidLine),  # its moving average
    "epoch_loss": ("#c25400", "#ffa24d", Qt.PenStyle.SolidLine),
    "accent": ("#c25400", "#ffa24d", Qt.PenStyle.SolidLine),
    "second": ("#5a5a9a", "#b0b0f0", Qt.PenStyle.SolidLine),
}
COMPARED_STYLE = Qt.PenStyle.DotLine


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def hue(name: str, dark: bool) -> QColor:
    light_colour, dark_colour, _ = _HUES[name]
    return QColor(dark_colour if dark else light_colour)


THIN = {"step_loss"}  # curves drawn under another: a hairline


def pen(name: str, dark: bool, compared: bool = False) -> QPen:
    """The pen of curve ``name``; a compared run's is dotted and thinner."""
    style = COMPARED_STYLE if compared else _HUES[name][2]
    width = 1.5 if compared else 1.0 if name in THIN else 2.0
    return pg.mkPen(hue(name, dark), width=width, style=style)


def style_layout(layout: pg.GraphicsLayoutWidget, palette: QPalette) -> None:
    """Background, axes, titles and legends of every plot in ``layout`` from ``palette``."""
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    layout.setBackground(background)
    for item in layout.ci.items:
        if isinstance(item, pg.PlotItem):
            _style_plot(item, text, background)
        elif isinstance(item, pg.LegendItem):
            _style_legend(item, text, background)
        elif isinstance(item, pg.ColorBarItem):
            item.axis.setPen(text)
            item.axis.setTextPen(text)


def _style_plot(plot: pg.PlotItem, text: QColor, background: QColor) -> None:
    grid = QColor(text)
    grid.setAlpha(60)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(grid)
        axis.setTextPen(text)
        if axis.label.isVisible():
            axis.setLabel(axis.labelText, units=axis.labelUnits, color=text.name())
    plot.setTitle(plot.titleLabel.text, color=text.name(), size="10pt")
    if plot.legend is not None:
        _style_legend(plot.legend, text, background)


def _style_legend(legend: pg.LegendItem, text: QColor, background: QColor) -> None:
    panel = QColor(background)
    panel.setAlpha(200)
    legend.setBrush(panel)
    legend.setLabelTextColor(text)
    for _, label in legend.items:
        label.setText(label.text)  # the colour applies when the text is drawn again


def without_menus(layout: pg.GraphicsLayoutWidget) -> None:
    """No pyqtgraph context menus (their words are pyqtgraph's, in English only): the panel's
    own buttons export, and each plot's "A" button fits it again."""
    scene = layout.scene()
    for action in scene.contextMenu:
        shiboken6.delete(action)
    scene.contextMenu = []
    for item in layout.ci.items:
        if isinstance(item, pg.PlotItem):
            item.setMenuEnabled(False)
