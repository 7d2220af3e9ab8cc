"""``main.py gui --lesson NAME --screenshot FILE``: start a lesson and draw the window mid-run,
once every run has finished half of its epochs (the pictures in docs/)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from models.lessons.catalog import get_lesson
from models.training.events import EpochEvent

if TYPE_CHECKING:
    from gui.main_window import MainWindow

SETTLE_MS = 600  # the panel's redraw timer draws the last events before the grab


def lesson_then(window: MainWindow, key: str, mid_run: Callable[[], None]) -> None:
    """Start lesson ``key`` once the first diagram is shown; call ``mid_run`` once each run is
    half way (or the lesson ended sooner)."""
    lesson = get_lesson(key)
    state = {"started": False, "called": False}

    def begin() -> None:
        if state["started"]:
            return
        state["started"] = True
        window.resize(1440, 960)  # the size of the docs' pictures
        panel = window.lessons.panel
        panel.event_received.connect(check)
        panel.finished.connect(call)
        window.lessons.start(lesson)

    def check(_index: int, event: object) -> None:
        if not isinstance(event, EpochEvent):
            return
        tracks = window.lessons.panel.tracks
        halfway = max(1, event.epochs // 2)
        if all(len(t.curves.series["test_acc"]) >= halfway for t in tracks):
            call()

    def call() -> None:
        if not state["called"]:
            state["called"] = True
            window.lessons.panel.raise_()  # in front of a panel the model's opening raised
            QTimer.singleShot(SETTLE_MS, mid_run)

    window.diagram_shown.connect(begin)
