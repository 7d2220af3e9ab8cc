"""``main.py gui --model M --train --screenshot FILE``: train the opened model, then draw the
window with its plots (a picture of a finished run for docs and checks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SETTLE_MS = 300  # let the plot timers draw the last points before the grab


def train_then(
    window: MainWindow, dataset: str, epochs: int | None, done: Callable[[], None]
) -> None:
    """Once the first model is live, train with the book's preset (``epochs`` if given) on
    ``dataset``, then call ``done``; a failure reaches ``window.error_shown`` instead."""
    dock = window.training_dock
    started = False

    def begin() -> None:
        nonlocal started
        if started or window.spec is None:
            return
        started = True
        dock.show_panel()
        config = replace(dock.controls.config(window.spec.name), dataset=dataset)
        if epochs is not None:
            config = replace(config, epochs=epochs)
        dock.run_finished.connect(lambda _folder: QTimer.singleShot(SETTLE_MS, finish))
        dock.start(config)

    def finish() -> None:
        if dock.last_error:
            return
        if dock.bn_view.layers.count():  # a network with batch norm: show what BN does
            dock.tabs.setCurrentIndex(1)
            dock.bn_view.refresh()
            QTimer.singleShot(SETTLE_MS, done)
        else:
            done()

    window.model_ready.connect(begin)
