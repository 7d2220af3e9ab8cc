"""The window's status bar: what is happening, the model's totals and how it was traced.

The totals read as ``info`` prints them (parameters, and those outside the graph; MACs; weight
memory); how the graph was traced says "fx" or names the fallback (the banner over the diagram
says what a fallback means).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QStatusBar

from gui.inspector import unused_summary
from netgraph.formatting import format_bytes, format_count

if TYPE_CHECKING:
    from gui.usercode import UserCode
    from netgraph.model import NetGraph


def rich_tip(text: str) -> str:
    """A tooltip Qt wraps at a readable width (a long plain one runs off the screen)."""
    return f"<qt>{html.escape(text)}</qt>" if text else ""


class StatusLine(QObject):
    """The widgets the window puts into its QStatusBar (``install``); the window calls
    ``retranslate`` when the language changes."""

    cancel_clicked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setMinimumWidth(0)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.totals = QLabel()
        self.method = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self._graph: NetGraph | None = None
        self.retranslate()

    def install(self, bar: QStatusBar) -> None:
        bar.addWidget(self.message, 1)
        for widget in (self.cancel_button, self.busy, self.totals, self.method):
            bar.addPermanentWidget(widget)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def follow(self, user_code: UserCode) -> None:
        """Say which model file runs, offer Cancel after a while, say it was stopped."""
        user_code.cancel_offered.connect(self.cancel_button.setVisible)
        user_code.stopped.connect(lambda: self.say(self.tr("Stopped the model file's code.")))
        user_code.running_file.connect(
            lambda path: self.say(self.tr("Running %s…") % path if path else "")
        )
        self.cancel_clicked.connect(user_code.cancel)

    def show_graph(self, graph: NetGraph | None) -> None:
        self._graph = graph
        self._show_totals()

    def _show_totals(self) -> None:
        graph = self._graph
        if graph is None:
            for label in (self.totals, self.method):
                label.setText("")
                label.setToolTip("")
            return
        unused = ""
        if graph.unused_params:
            unused = self.tr(" (+%1 unused)").replace("%1", format_count(graph.unused_params))
        self.totals.setText(
            self.tr("%1 params%4 · %2 MACs · %3 weights")
            .replace("%1", format_count(graph.total_params))
            .replace("%4", unused)
            .replace("%2", format_count(graph.total_macs))
            .replace("%3", format_bytes(graph.weight_bytes))
        )
        self.totals.setToolTip(unused_summary(graph) or "")
        self.method.setText(self.tr("traced with %s") % graph.method)
        self.method.setToolTip(
            rich_tip(graph.method_note or self.tr("torch.fx traced the whole model"))
        )

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the model file's code (it runs in a separate process)")
        )
        self._show_totals()
