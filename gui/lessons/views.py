"""The lesson panel's plots: the runs' curves side by side, and each lesson's own view (BN
statistics, per-layer gradient norms over time, cost beside accuracy, the generalisation gap).

Each run has its colour (``gui.training.style.run_colour``) in every plot and its label in the
legends; a plot with nothing yet shows a sentence, not empty axes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gui.training.style import is_dark, run_colour, run_pen, style_layout
from models.lessons.track import LessonTrack


class EmptyOr(QWidget):
    """A widget, or a sentence in its place while it has nothing to show."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("emptyState")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(widget)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_widget(self) -> None:
        self.stack.setCurrentWidget(self.widget)

    @property
    def empty(self) -> bool:
        return self.stack.currentWidget() is self.message


def _plot(layout: pg.GraphicsLayoutWidget, row: int, col: int, title: str, x: str, y: str):
    plot = layout.addPlot(row=row, col=col, title=title)
    plot.setLabel("bottom", x)
    plot.setLabel("left", y)
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.getAxis("left").enableAutoSIPrefix(False)  # 0.05, not 50 (×0.001)
    return plot


def _legend(layout: pg.GraphicsLayoutWidget, row: int, span: int) -> pg.LegendItem:
    """One legend for the plots above it, in a row of its own: inside the picture (and its
    exports), never over a curve."""
    legend = pg.LegendItem(colCount=2, verSpacing=-4, labelTextSize="10pt")
    layout.addItem(legend, row=row, col=0, colspan=span)
    return legend


def _fit(widget: pg.GraphicsLayoutWidget, height: int) -> None:
    """As tall as the panel gives, at least ``height``: the plots' own size hints (their
    axes' text) never make the panel scroll sideways or grow past the window."""
    widget.setMinimumHeight(height)
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)


class LessonCurves(pg.GraphicsLayoutWidget):
    """Test accuracy and the running training loss of every run, over epochs."""

    def __init__(self, labels: list[str], titles: dict[str, str]) -> None:
        super().__init__()
        _fit(self, 250)
        self.acc = _plot(self, 0, 0, titles["acc"], titles["epoch"], titles["accuracy"])
        self.loss = _plot(self, 0, 1, titles["loss"], titles["epoch"], titles["loss_axis"])
        self.acc.setYRange(0, 1, padding=0.02)
        legend = _legend(self, 1, 2)
        dark = is_dark(self.palette())
        self.items = []
        for i, label in enumerate(labels):
            acc = self.acc.plot(pen=run_pen("train_loss", i, dark), symbol="o",
                                symbolSize=6, symbolBrush=run_colour(i, dark))  # fmt: skip
            loss = self.loss.plot(pen=run_pen("train_acc", i, dark))
            legend.addItem(acc, label)
            self.items.append((acc, loss))
        style_layout(self, self.palette())

    def draw(self, tracks: list[LessonTrack]) -> None:
        for (acc, loss), track in zip(self.items, tracks, strict=True):
            s = track.curves.series
            acc.setData(s["test_acc"].x, s["test_acc"].y)
            loss.setData(s["train_loss"].x, s["train_loss"].y, connect="finite")


class GradHeatmaps(pg.GraphicsLayoutWidget):
    """One heat map per run: rows are the layers with parameters (the first at the top),
    columns the capture steps, colour the log10 gradient norm on one shared scale."""

    def __init__(self, labels: list[str], titles: dict[str, str]) -> None:
        super().__init__()
        _fit(self, 260)
        self.images: list[pg.ImageItem] = []
        self.plots = []
        for i, label in enumerate(labels):
            plot = self.addPlot(row=0, col=i, title=label)
            plot.setLabel("bottom", titles["step"])
            plot.setLabel("left", titles["layer"])
            plot.invertY(True)
            image = pg.ImageItem()
            plot.addItem(image)
            self.images.append(image)
            self.plots.append(plot)
        self.bar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False,
                                   label=titles["log_norm"])  # fmt: skip
        self.addItem(self.bar, row=0, col=len(labels))
        style_layout(self, self.palette())

    def draw(self, tracks: list[LessonTrack]) -> None:
        tables = [track.grad_table() for track in tracks]
        finite = [t[2][np.isfinite(t[2])] for t in tables if t[2].size]
        if not finite or not any(v.size for v in finite):
            return
        low = min(float(v.min()) for v in finite if v.size)
        high = max(float(v.max()) for v in finite if v.size)
        high = high if high > low else low + 1e-6
        for image, (layers, steps, table) in zip(self.images, tables, strict=True):
            if not table.size:
                continue
            image.setImage(table, autoLevels=False, levels=(low, high))
            pitch = (steps[-1] - steps[0]) / (len(steps) - 1) if len(steps) > 1 else 1.0
            image.setRect(QRectF(steps[0] - pitch / 2, 0, steps[-1] - steps[0] + pitch,
                                 len(layers)))  # fmt: skip
            image.setColorMap(pg.colormap.get("viridis"))
        self.bar.setLevels((low, high))


class BNSummary(pg.GraphicsLayoutWidget):
    """The first BN layer of the run that has one: its input's mean and std over steps, and
    its running mean and variance settling (averaged over the channels)."""

    def __init__(self, titles: dict[str, str]) -> None:
        super().__init__()
        _fit(self, 240)
        self.input = _plot(self, 0, 0, titles["bn_input"], titles["step"], titles["value"])
        self.mean = _plot(self, 0, 1, titles["running_mean"], titles["step"], "")
        self.var = _plot(self, 0, 2, titles["running_var"], titles["step"], "")
        legend = _legend(self, 1, 3)
        dark = is_dark(self.palette())
        self.items = {
            "input": self.input.plot(pen=run_pen("train_loss", 2, dark)),
            "input_std": self.input.plot(pen=run_pen("train_acc", 2, dark)),
            "mean": self.mean.plot(pen=run_pen("train_loss", 3, dark)),
            "var": self.var.plot(pen=run_pen("train_acc", 3, dark)),
        }
        for key, title in (("input", "input_mean"), ("input_std", "input_std"),
                           ("mean", "running_mean_all"), ("var", "running_var_all")):  # fmt: skip
            legend.addItem(self.items[key], titles[title])
        self.layer = ""
        style_layout(self, self.palette())

    def draw(self, tracks: list[LessonTrack]) -> str:
        """Draw the first BN layer of the first run that has one; returns its path."""
        for track in tracks:
            if track.bn.layers:
                self.layer, history = next(iter(track.bn.layers.items()))
                steps = np.asarray(history.steps, dtype=float)
                self.items["input"].setData(steps, np.asarray(history.input_mean))
                self.items["input_std"].setData(steps, np.asarray(history.input_std))
                self.items["mean"].setData(steps, history.spread("running_mean")[0])
                self.items["var"].setData(steps, history.spread("running_var")[0])
                return self.layer
        return ""


class GapPlot(pg.GraphicsLayoutWidget):
    """Training minus test accuracy after each epoch, per run: how much a run memorises."""

    def __init__(self, labels: list[str], titles: dict[str, str]) -> None:
        super().__init__()
        _fit(self, 220)
        self.plot = _plot(self, 0, 0, titles["gap"], titles["epoch"], titles["gap_axis"])
        self.plot.addLine(y=0, pen=pg.mkPen((128, 128, 128), style=Qt.PenStyle.DashLine))
        dark = is_dark(self.palette())
        self.items = [
            self.plot.plot(
                name=label,
                pen=run_pen("train_loss", i, dark),
                symbol="o",
                symbolSize=5,
                symbolBrush=run_colour(i, dark),
            )  # fmt: skip
            for i, label in enumerate(labels)
        ]
        style_layout(self, self.palette())

    def draw(self, tracks: list[LessonTrack]) -> None:
        for item, track in zip(self.items, tracks, strict=True):
            epochs = [r for r in track.curves.records if r["kind"] == "epoch"]
            item.setData(
                [r["epoch"] for r in epochs], [r["train_acc"] - r["test_acc"] for r in epochs]
            )


class CostTable(QTableWidget):
    """MACs and parameters of each network beside its accuracy and speed."""

    def __init__(self, labels: list[str], headers: list[str]) -> None:
        super().__init__(len(labels), len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, label in enumerate(labels):
            self.setItem(row, 0, QTableWidgetItem(label))
        self.horizontalHeader().setStretchLastSection(True)
        self.setMinimumHeight(110)

    def set_cost(self, row: int, macs: str, params: str) -> None:
        for col, text in ((1, macs), (2, params)):
            self._set(row, col, text)

    def draw(self, tracks: list[LessonTrack]) -> None:
        for row, track in enumerate(tracks):
            test = track.curves.series["test_acc"]
            self._set(row, 3, f"{test.y[-1]:.3f}" if len(test) else "—")
            done = track.done
            self._set(row, 4, f"{done.examples_per_sec:,.0f}" if done else "—")
        self.resizeColumnsToContents()

    def _set(self, row: int, col: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, col, item)
