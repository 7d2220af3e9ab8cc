"""Live training curves: the book's animator (loss and accuracies against fractional epochs) and
the loss per step, plus overlays of other runs, each in its own colour and named in the legends
(the curve's kind keeps its line style).

The step plot is TensorBoard's: each logged step's own mini-batch loss drawn light, a smoothed
line over it (an exponential moving average; the slider sets its weight) and each epoch's mean
loss as a marker at the epoch's last step. Events only append to numpy buffers
(:class:`RunCurves`); a short timer calls ``setData`` when something changed, so a burst of
events costs one redraw, never one per event.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from gui.training.style import (
    fit_width,
    hue,
    is_dark,
    pen,
    run_colour,
    run_pen,
    style_layout,
    without_menus,
)
from models.training.curves import RunCurves

REDRAW_MS = 75  # ~13 redraws a second: live to the eye, and the cores stay with training
EPOCH_CURVES = ("train_loss", "train_acc", "test_acc")
STEP_CURVES = ("step_loss", "step_smooth", "epoch_loss")
SMOOTHING = 0.6  # TensorBoard's default weight
SMOOTHING_STEPS = 100  # the slider's resolution: weights 0.00 … 0.99


PLOT_MIN_H = 120  # px: a plot's axes and curve stay readable (the panel scrolls below that)
LEGEND_CHARS = 18  # a run's name in a legend, at most (two columns fit a 360 px dock)


def elided(name: str, limit: int = LEGEND_CHARS) -> str:
    """``name`` shortened in the middle, so a legend never widens the plots past the dock."""
    if len(name) <= limit:
        return name
    half = (limit - 1) // 2
    return f"{name[:half]}…{name[-(limit - 1 - half) :]}"


def _symbol(name: str) -> dict:
    """Test accuracy and epoch means are one point per epoch: markers make one epoch visible."""
    if name == "test_acc":
        return {"symbol": "o", "symbolSize": 6}
    if name == "epoch_loss":
        return {"symbol": "d", "symbolSize": 9}
    return {}


class CurvePlots(QWidget):
    smoothing_changed = Signal(float)  # the user moved the smoothing slider

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setSpacing(12)
        self.smoothing_label = QLabel()
        self.smoothing_slider = QSlider(Qt.Orientation.Horizontal)
        self.smoothing_slider.setRange(0, SMOOTHING_STEPS - 1)
        self.smoothing_slider.setValue(round(SMOOTHING * SMOOTHING_STEPS))
        self.smoothing_value = QLabel()
        self.smoothing_slider.valueChanged.connect(self._smoothing_moved)
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 0)
        row.addWidget(self.smoothing_label)
        row.addWidget(self.smoothing_slider, 1)
        row.addWidget(self.smoothing_value)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel()  # a sentence, not empty axes, while there is nothing to plot
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyState")
        box.addWidget(self.empty, 1)
        fit_width(self.graphics)
        box.addWidget(self.graphics, 1)
        box.addLayout(row)
        self.epochs, self.epoch_legend = self._plot(0)
        self.steps, self.step_legend = self._plot(2)
        self._dark = is_dark(self.palette())
        self.curves = RunCurves()
        # overlaid runs: label -> (curves, plot items, colour number)
        self.compared: dict[str, tuple[RunCurves, dict[str, pg.PlotDataItem], int]] = {}
        self._live = self._items(self.curves, "", None)
        self._drawn = -1
        self.redraws = 0  # how often setData ran: the bench's redraw rate
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        without_menus(self.graphics)
        self._restyle()
        self.retranslate()
        self._show_smoothing()

    def _plot(self, row: int) -> tuple[pg.PlotItem, pg.LegendItem]:
        """A plot with its legend in the row below, where it never hides a curve (its words
        come in ``retranslate``)."""
        plot = self.graphics.addPlot(row=row, col=0)
        plot.showGrid(x=True, y=True, alpha=0.25)
        legend = pg.LegendItem(colCount=3, verSpacing=-4, labelTextSize="10pt")
        legend.layout.setContentsMargins(0, 0, 0, 0)
        self.graphics.addItem(legend, row=row + 1, col=0)
        # the plot takes the height the legend does not need (they shared it evenly)
        rows = self.graphics.ci.layout
        rows.setRowStretchFactor(row, 1)
        rows.setRowStretchFactor(row + 1, 0)
        plot.setMinimumHeight(PLOT_MIN_H)
        return plot, legend

    def _items(
        self, curves: RunCurves, label: str, colour: int | None
    ) -> dict[str, pg.PlotDataItem]:
        """The plot items of one run: the live one's every curve, an overlaid one's (number
        ``colour``) book curves and smoothed step loss (its raw steps would only add noise)."""
        dark = self._dark
        compared = colour is not None
        names = EPOCH_CURVES + (("step_smooth",) if compared else STEP_CURVES)
        items = {}
        for name in names:
            plot = self.steps if name in STEP_CURVES else self.epochs
            if name == "epoch_loss":
                style = {"pen": None}
            else:
                style = {"pen": run_pen(name, colour, dark) if compared else pen(name, dark)}
            items[name] = plot.plot(**style, **_symbol(name))
        self._set_data(items, curves)
        if compared:  # one entry per overlaid run keeps the legend narrow
            short = elided(label)
            self.epoch_legend.addItem(items["train_loss"], short)
            self.step_legend.addItem(items["step_smooth"], short)
            self._colour_markers(items["test_acc"], colour)
        else:
            names = self.legend_names()
            for name, item in items.items():
                self._legend_of(name).addItem(item, names[name])
        return items

    def legend_names(self) -> dict[str, str]:
        return {
            "train_loss": self.tr("train loss"),
            "train_acc": self.tr("train acc"),
            "test_acc": self.tr("test acc"),
            "step_loss": self.tr("loss per step"),
            "step_smooth": self.tr("smoothed"),
            "epoch_loss": self.tr("epoch mean"),
        }

    def _set_data(self, items: dict[str, pg.PlotDataItem], curves: RunCurves) -> None:
        for name, item in items.items():
            series = curves.series["step_loss" if name == "step_smooth" else name]
            y = curves.smoothed_loss(self.smoothing) if name == "step_smooth" else series.y
            item.setData(series.x, y, connect="finite")

    def _legend_of(self, name: str) -> pg.LegendItem:
        return self.step_legend if name in STEP_CURVES else self.epoch_legend

    @property
    def smoothing(self) -> float:
        """The moving average's weight, 0 (raw) … 0.99."""
        return self.smoothing_slider.value() / SMOOTHING_STEPS

    def set_smoothing(self, weight: float) -> None:
        self.smoothing_slider.setValue(round(min(max(weight, 0.0), 0.99) * SMOOTHING_STEPS))

    def _smoothing_moved(self) -> None:
        self._show_smoothing()
        self._drawn = -1
        self.refresh()
        for curves, items, _ in self.compared.values():
            self._set_data({"step_smooth": items["step_smooth"]}, curves)
        self.smoothing_changed.emit(self.smoothing)

    def _show_smoothing(self) -> None:
        self.smoothing_value.setText(f"{self.smoothing:.2f}")

    def retranslate(self) -> None:
        self.smoothing_label.setText(self.tr("Smoothing"))
        tip = self.tr(
            "Weight of the moving average drawn over the loss per step, as in TensorBoard "
            "(0: the raw values)"
        )
        self.smoothing_slider.setToolTip(tip)
        self.empty.setText(
            self.tr(
                "No curves yet: press Start to train the model on show, or open Runs… "
                "to overlay earlier runs."
            )  # fmt: skip
        )
        self.epochs.setTitle(self.tr("Loss and accuracy"))
        self.epochs.setLabel("bottom", self.tr("epoch"))
        self.epochs.setLabel("left", self.tr("loss / acc"))
        self.steps.setTitle(self.tr("Training loss per step"))
        self.steps.setLabel("bottom", self.tr("step"))
        self.steps.setLabel("left", self.tr("loss"))
        names = self.legend_names()
        for legend in (self.epoch_legend, self.step_legend):
            for sample, label in legend.items:
                name = next((n for n, i in self._live.items() if i is sample.item), None)
                if name is not None:
                    label.setText(names[name])
        self._restyle()

    def reset(self) -> None:
        """A new live run: empty buffers (compared runs stay)."""
        self.show_curves(RunCurves())

    def show_curves(self, curves: RunCurves) -> None:
        """Draw ``curves`` as the live run's (another run's, when the model changed)."""
        self.curves = curves
        self._drawn = -1
        for plot in (self.epochs, self.steps):
            plot.enableAutoRange()  # fit this run, not the ranges of the one shown before
        self.refresh()

    def compare(self, label: str, curves: RunCurves) -> None:
        """Overlay a run's curves in a colour of its own, named ``label`` in the legends."""
        self.remove_compared(label)
        used = {colour for _, _, colour in self.compared.values()}
        colour = next(i for i in range(len(self.compared) + 1) if i not in used)
        self.compared[label] = (curves, self._items(curves, label, colour), colour)
        self._show_or_say()

    def remove_compared(self, label: str) -> None:
        if label in self.compared:
            _, items, _ = self.compared.pop(label)
            for name, item in items.items():
                (self.steps if name in STEP_CURVES else self.epochs).removeItem(item)
                self._legend_of(name).removeItem(item)
            self._show_or_say()

    def _show_or_say(self) -> None:
        """The plots once there is a curve to draw, the sentence until then."""
        nothing = not self.curves.records and not self.compared
        self.empty.setVisible(nothing)
        self.graphics.setVisible(not nothing)

    def _tick(self) -> None:
        """Hidden plots (another tab, a closed dock) cost nothing; they catch up when shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._show_or_say()
        if self.curves.revision == self._drawn:
            return
        self._drawn = self.curves.revision
        self._set_data(self._live, self.curves)
        self.redraws += 1

    def _restyle(self) -> None:
        self._dark = is_dark(self.palette())
        style_layout(self.graphics, self.palette())
        for name, item in self._live.items():
            if name != "epoch_loss":
                item.setPen(pen(name, self._dark))
            if name in ("test_acc", "epoch_loss"):
                item.setSymbolBrush(hue(name, self._dark))
                item.setSymbolPen(hue(name, self._dark))
        for _, items, colour in self.compared.values():
            for name, item in items.items():
                item.setPen(run_pen(name, colour, self._dark))
            self._colour_markers(items["test_acc"], colour)

    def _colour_markers(self, item: pg.PlotDataItem, colour: int) -> None:
        marker = run_colour(colour, self._dark)
        item.setSymbolBrush(marker)
        item.setSymbolPen(marker)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
