"""Live training curves: the book's animator (loss and accuracies against fractional epochs) and
the step-level loss, plus dotted overlays of compared runs.

Events only append to numpy buffers (:class:`RunCurves`); a short timer calls ``setData`` when
something changed, so a burst of events costs one redraw, never one per event.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.training.curves import RunCurves
from gui.training.style import is_dark, pen, style_layout

REDRAW_MS = 75  # ~13 redraws a second: live to the eye, and the cores stay with training
EPOCH_CURVES = ("train_loss", "train_acc", "test_acc")
LEGEND = {
    "train_loss": "train loss",
    "train_acc": "train acc",
    "test_acc": "test acc",
    "step_loss": "loss",
}


def _symbol(name: str) -> dict:
    """Test accuracy is one point per epoch: dots make a single epoch visible."""
    return {"symbol": "o", "symbolSize": 6} if name == "test_acc" else {}


class CurvePlots(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setSpacing(12)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.graphics)
        self.epochs, self.epoch_legend = self._plot(0, "Loss and accuracy", "epoch", "loss / acc")
        self.steps, self.step_legend = self._plot(2, "Training loss per step", "step", "loss")
        self._dark = is_dark(self.palette())
        self.curves = RunCurves()
        self.compared: dict[str, tuple[RunCurves, dict[str, pg.PlotDataItem]]] = {}
        self._live = self._items(self.curves, "", compared=False)
        self._drawn = -1
        self.redraws = 0  # how often setData ran: the bench's redraw rate
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._restyle()

    def _plot(self, row: int, title: str, x: str, y: str) -> tuple[pg.PlotItem, pg.LegendItem]:
        """A plot with its legend in the row below, where it never hides a curve."""
        plot = self.graphics.addPlot(row=row, col=0, title=title)
        plot.setLabel("bottom", x)
        plot.setLabel("left", y)
        plot.showGrid(x=True, y=True, alpha=0.25)
        legend = pg.LegendItem(colCount=2, verSpacing=-4)
        self.graphics.addItem(legend, row=row + 1, col=0)
        return plot, legend

    def _items(self, curves: RunCurves, label: str, compared: bool) -> dict[str, pg.PlotDataItem]:
        dark = self._dark
        items = {
            name: self.epochs.plot(pen=pen(name, dark, compared), **_symbol(name))
            for name in EPOCH_CURVES
        }
        items["step_loss"] = self.steps.plot(pen=pen("step_loss", dark, compared))
        for name, item in items.items():
            item.setData(curves.series[name].x, curves.series[name].y)
        if compared:  # one entry per compared run keeps the legend narrow
            self.epoch_legend.addItem(items["train_loss"], f"{label} (dotted)")
            self.step_legend.addItem(items["step_loss"], f"{label} (dotted)")
        else:
            for name, item in items.items():
                self._legend_of(name).addItem(item, LEGEND[name])
        return items

    def _legend_of(self, name: str) -> pg.LegendItem:
        return self.step_legend if name == "step_loss" else self.epoch_legend

    def reset(self) -> None:
        """A new live run: empty buffers (compared runs stay)."""
        self.curves = RunCurves()
        self._drawn = -1
        self.refresh()

    def compare(self, label: str, curves: RunCurves) -> None:
        """Overlay a finished run's curves, dotted, named ``label`` in the legends."""
        self.remove_compared(label)
        self.compared[label] = (curves, self._items(curves, label, compared=True))

    def remove_compared(self, label: str) -> None:
        if label in self.compared:
            _, items = self.compared.pop(label)
            for name, item in items.items():
                (self.steps if name == "step_loss" else self.epochs).removeItem(item)
                self._legend_of(name).removeItem(item)

    def _tick(self) -> None:
        """Hidden plots (another tab, a closed dock) cost nothing; they catch up when shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.curves.revision == self._drawn:
            return
        self._drawn = self.curves.revision
        for name, item in self._live.items():
            series = self.curves.series[name]
            item.setData(series.x, series.y)
        self.redraws += 1

    def _restyle(self) -> None:
        self._dark = is_dark(self.palette())
        style_layout(self.graphics, self.palette())
        groups = [(self._live, False)] + [(items, True) for _, items in self.compared.values()]
        for items, compared in groups:
            for name, item in items.items():
                item.setPen(pen(name, self._dark, compared))
                if name == "test_acc":
                    item.setSymbolBrush(pen(name, self._dark).color())
                    item.setSymbolPen(pen(name, self._dark).color())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)
