"""A user's file at work in a child process, from the window's side: one at a time, ended by a
new one, by *Cancel* (offered after a few seconds) or by closing the window."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from gui.workers import JobRunner

CANCEL_AFTER_MS = 3000  # a user's file still running after this gets a Cancel button


class UserCode(QObject):
    cancel_offered = Signal(bool)  # show (True) or hide the Cancel button
    stopped = Signal()  # the running file's process was ended on request

    def __init__(self, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._running: threading.Event | None = None  # set = cancel the running file

    @property
    def running(self) -> bool:
        return self._running is not None

    def run(
        self,
        work: Callable[[Callable[[], bool]], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Run ``work(cancelled)``, which runs a user's file in a child process, as a job; a
        new one stops the one before."""
        self.cancel()
        cancel = threading.Event()
        self._running = cancel

        def over() -> bool:
            """True if the job was cancelled (then it was already reported)."""
            if self._running is cancel:
                self._running = None
                self.cancel_offered.emit(False)
            return cancel.is_set()

        def failed(message: str) -> None:
            if not over():
                on_failed(message)

        def offer_cancel() -> None:
            if self._running is cancel:
                self.cancel_offered.emit(True)

        QTimer.singleShot(CANCEL_AFTER_MS, self, offer_cancel)
        self._jobs.submit(lambda: work(cancel.is_set), lambda r: over() or on_done(r), failed)

    def cancel(self) -> None:
        """End the user's file that is running (if any)."""
        cancel, self._running = self._running, None
        if cancel is not None:
            cancel.set()
            self.cancel_offered.emit(False)
            self.stopped.emit()
