"""Batch-norm statistics of one layer: how its running estimates settle, how the current batch
compares to them, what γ and β learned, and how the layer's input distribution moves.

The layer is chosen from the list or by clicking its box in the diagram (``select_layer``).
Captured statistics accumulate in the shown run's :class:`BNHistory`; a timer redraws the chosen
layer's plots when a capture or the choice changed. With no statistics to show, a sentence says
why (no run of this model yet, no BatchNorm in it, a run of other layers).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.training.style import hue, is_dark, pen, style_layout, without_menus
from models.training.bnhistory import BNHistory, LayerHistory
from models.training.events import BNEvent

REDRAW_MS = 100
PLOT_HEIGHT = 190  # one column of plots, scrolled: the dock is narrow


def _step_rect(steps: list[int], channels: int) -> QRectF:
    """Image rectangle that centres each capture column on its step."""
    first, last = steps[0], steps[-1]
    pitch = (last - first) / (len(steps) - 1) if len(steps) > 1 else 1.0
    return QRectF(first - pitch / 2, 0, last - first + pitch, channels)


class SpreadCurve:
    """A centre line with a shaded band between ``centre ± spread``."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.centre = plot.plot()
        self.upper, self.lower = plot.plot(), plot.plot()
        self.band = pg.FillBetweenItem(self.upper, self.lower)
        plot.addItem(self.band)

    def set_data(self, x: np.ndarray, centre: np.ndarray, spread: np.ndarray) -> None:
        self.centre.setData(x, centre)
        self.upper.setData(x, centre + spread)
        self.lower.setData(x, centre - spread)
        self.band.setVisible(len(x) > 0)  # an emptied band would keep its last shape

    def colour(self, key: str, dark: bool) -> None:
        self.centre.setPen(pen(key, dark))
        fill = hue(key, dark)
        fill.setAlpha(60)
        self.band.setBrush(fill)
        for edge in (self.upper, self.lower):
            edge.setPen(None)


class BNView(QWidget):
    layer_selected = Signal(str)  # module path of the layer now plotted ("" = none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = BNHistory()
        self.layers = QComboBox()
        self.layers.setMinimumContentsLength(12)
        self.layers.currentTextChanged.connect(self._layer_changed)
        self.hint = QLabel()
        self.message = QLabel()  # why nothing is shown, when nothing is
        self.message.setObjectName("bnMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.hide()
        row = QHBoxLayout()
        self.layer_label = QLabel()
        row.addWidget(self.layer_label)
        row.addWidget(self.layers, 1)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(8 * PLOT_HEIGHT)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.hint)
        box.addWidget(self.message)
        box.addWidget(self.graphics, 1)
        self._build_plots()
        self._drawn: tuple[int, str] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        without_menus(self.graphics)
        self.retranslate()
        self._restyle()

    def _plot(self, key: str, legend: bool = False) -> pg.PlotItem:
        """A plot in the next row; its title and axes come from :meth:`plot_words`."""
        plot = self.graphics.addPlot(row=len(self.graphics.ci.items), col=0)
        if legend:
            plot.addLegend(offset=(-5, 5))
        self.plots[key] = plot
        return plot

    def _heatmap(self, key: str) -> pg.ImageItem:
        plot = self._plot(key)
        image = pg.ImageItem()
        plot.addItem(image)
        self.bars.append(
            plot.addColorBar(image, colorMap=pg.colormap.get("viridis"), interactive=False)
        )
        return image

    def _build_plots(self) -> None:
        self.bars: list[pg.ColorBarItem] = []
        self.plots: dict[str, pg.PlotItem] = {}
        self.mean_map = self._heatmap("mean_map")
        self.mean_spread = SpreadCurve(self._plot("mean_spread"))
        self.var_map = self._heatmap("var_map")
        self.var_spread = SpreadCurve(self._plot("var_spread"))
        self.mean_now = self._plot("mean_now", legend=True)
        self.batch_mean = self.mean_now.plot(name="", symbol="o", symbolSize=5, pen=None)
        self.running_mean = self.mean_now.plot(name="")
        self.var_now = self._plot("var_now", legend=True)
        self.batch_var = self.var_now.plot(name="", symbol="o", symbolSize=5, pen=None)
        self.running_var = self.var_now.plot(name="")
        affine = self._plot("affine", legend=True)
        self.gamma = affine.plot(name="")  # legend words: retranslate
        self.beta = affine.plot(name="")
        self.input_spread = SpreadCurve(self._plot("input_spread"))

    def plot_words(self) -> dict[str, tuple[str, str, str]]:
        """(title, x axis, y axis) of each plot, in the user's language."""
        step, channel, value = self.tr("step"), self.tr("channel"), self.tr("value")
        return {
            "mean_map": (self.tr("Running mean per channel"), step, channel),
            "mean_spread": (self.tr("Running mean: channel mean ± std"), step, value),
            "var_map": (self.tr("Running var per channel"), step, channel),
            "var_spread": (self.tr("Running var: channel mean ± std"), step, value),
            "mean_now": (self.tr("This batch's mean vs running mean"), channel, self.tr("mean")),
            "var_now": (self.tr("This batch's var vs running var"), channel, self.tr("var")),
            "affine": (self.tr("γ and β per channel"), channel, value),
            "input_spread": (self.tr("Layer input over time: mean ± std"), step, value),
        }

    def retranslate(self) -> None:
        self.layer_label.setText(self.tr("BN layer"))
        self.hint.setText(self.tr("Click a BatchNorm box in the diagram, or choose it here."))
        for key, (title, x, y) in self.plot_words().items():
            plot = self.plots[key]
            plot.setTitle(title)
            plot.setLabel("bottom", x)
            plot.setLabel("left", y)
        names = {
            self.batch_mean: self.tr("batch"),
            self.running_mean: self.tr("running"),
            self.batch_var: self.tr("batch"),
            self.running_var: self.tr("running"),
            self.gamma: self.tr("γ (scale)"),
            self.beta: self.tr("β (shift)"),
        }
        for plot in (self.mean_now, self.var_now, self.plots["affine"]):
            for sample, label in plot.legend.items:
                if sample.item in names:
                    label.setText(names[sample.item])
        self._restyle()

    # data -------------------------------------------------------------------------------
    def add(self, event: BNEvent) -> None:
        self.history.add(event)
        for name in event.layers:
            if self.layers.findText(name) < 0:
                self.layers.addItem(name)

    def show_history(self, history: BNHistory, layer: str = "", message: str = "") -> None:
        """Plot ``history`` (the shown run's; an empty one for none), ``layer`` chosen;
        ``message`` says why there is nothing to show."""
        self.history = history
        self.layers.blockSignals(True)  # the panel sets the tracked layer itself
        self.layers.clear()
        for name in dict.fromkeys([*history.layers, *([layer] if layer else [])]):
            self.layers.addItem(name)
        self.layers.setCurrentIndex(self.layers.findText(layer) if layer else -1)
        self.layers.blockSignals(False)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.hint.setVisible(not message)
        self.graphics.setVisible(not message)  # no empty axes where there is nothing to show
        self._drawn = None
        self.refresh()

    @property
    def current_layer(self) -> str:
        return self.layers.currentText()

    def select_layer(self, name: str) -> None:
        """Plot ``name`` (a BN module path); it is listed even before its first capture."""
        if self.layers.findText(name) < 0:
            self.layers.addItem(name)
        self.layers.setCurrentText(name)

    def _layer_changed(self, name: str) -> None:
        self.refresh()
        self.layer_selected.emit(name)

    # drawing ----------------------------------------------------------------------------
    def _tick(self) -> None:
        """Hidden plots (another tab, a closed dock) cost nothing; they catch up when shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        key = (self.history.revision, self.current_layer)
        if key == self._drawn:
            return
        self._drawn = key
        layer = self.history.layers.get(self.current_layer)
        if layer is None or layer.latest is None:
            self._clear()
            return
        self._draw(layer)

    def _clear(self) -> None:
        for image in (self.mean_map, self.var_map):
            image.clear()
        empty = np.zeros(0)
        for spread in (self.mean_spread, self.var_spread, self.input_spread):
            spread.set_data(empty, empty, empty)
        for item in (self.batch_mean, self.running_mean, self.batch_var, self.running_var,
                     self.gamma, self.beta):  # fmt: skip
            item.setData(empty, empty)

    def _draw(self, layer: LayerHistory) -> None:
        steps = np.asarray(layer.steps, dtype=np.float64)
        for image, bar, name in zip(
            (self.mean_map, self.var_map), self.bars, ("running_mean", "running_var"), strict=True
        ):
            table = layer.heatmap(name)
            image.setImage(table, autoLevels=False)
            image.setRect(_step_rect(layer.steps, table.shape[1]))
            low, high = float(np.nanmin(table)), float(np.nanmax(table))
            bar.setLevels((low, high if high > low else low + 1e-6))
        self.mean_spread.set_data(steps, *layer.spread("running_mean"))
        self.var_spread.set_data(steps, *layer.spread("running_var"))
        self.input_spread.set_data(steps, np.asarray(layer.input_mean), np.asarray(layer.input_std))
        stats = layer.latest
        channels = np.arange(len(stats.batch_mean), dtype=np.float64)
        self.batch_mean.setData(channels, stats.batch_mean)
        self.running_mean.setData(channels, stats.running_mean)
        self.batch_var.setData(channels, stats.batch_var)
        self.running_var.setData(channels, stats.running_var)
        self.gamma.setData(channels, stats.gamma)
        self.beta.setData(channels, stats.beta)

    def _restyle(self) -> None:
        dark = is_dark(self.palette())
        style_layout(self.graphics, self.palette())
        self.mean_spread.colour("train_loss", dark)
        self.var_spread.colour("accent", dark)
        self.input_spread.colour("test_acc", dark)
        for batch, running in ((self.batch_mean, self.running_mean),
                               (self.batch_var, self.running_var)):  # fmt: skip
            colour = hue("accent", dark)
            batch.setSymbolBrush(colour)
            batch.setSymbolPen(colour)
            running.setPen(pen("train_loss", dark))
        self.gamma.setPen(pen("train_acc", dark))
        self.beta.setPen(pen("second", dark))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
