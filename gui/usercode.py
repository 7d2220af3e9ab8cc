"""A user's file at work in a child process, from the window's side: one at a time, ended by a
new one, by *Cancel* (offered after a few seconds) or by closing the window; and *Open model
file…*: the file runs (in its process) to list its models, then the user picks one and its
inputs. The file of the user's model on show is watched: ``file_changed`` when it changes on
disk (settled: editors write a file in several steps)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.browser import UserModelDialog
from gui.inputs import remembered_inputs
from gui.workers import JobRunner, user_file_candidates
from models.registry import is_user_reference

if TYPE_CHECKING:
    from models.user import Candidate

CANCEL_AFTER_MS = 3000  # a user's file still running after this gets a Cancel button
SETTLE_MS = 400  # a changed file is reloaded once it has not changed for this long


class UserCode(QObject):
    cancel_offered = Signal(bool)  # show (True) or hide the Cancel button
    stopped = Signal()  # the running file's process was ended on request
    running_file = Signal(str)  # a file runs to list its models ("": it has listed them)
    chosen = Signal(str, object)  # "file.py:Name" and the inputs to open it with
    failed = Signal(str)
    file_changed = Signal()  # the watched model file changed on disk (and has settled)

    def __init__(self, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._running: threading.Event | None = None  # set = cancel the running file
        self.dialog: UserModelDialog | None = None
        self.listing: str | None = None  # a file opened to list its models, none picked yet
        self.watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.file_changed)
        self.watcher.fileChanged.connect(lambda _path: self._settle.start())

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

    # Open model file… ------------------------------------------------------------------------
    def choose_file(self, parent: QWidget, settings: QSettings) -> None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            self.tr("Open model file (its Python code will run)"),
            str(settings.value("model/dir", "")),
            "Python (*.py)",
        )
        if path:
            self.open_file(path, parent, settings)

    def open_file(self, path: str, parent: QWidget, settings: QSettings) -> None:
        """Run the file off-thread to list its models, then let the user pick one and its
        inputs (``chosen``), those last used for it first."""
        settings.setValue("model/dir", str(Path(path).parent))
        self.listing = path
        self._watch(path)

        def listed(candidates: list[Candidate]) -> None:
            self.running_file.emit("")
            remembered = {
                c.name: remembered_inputs(settings, f"{path}:{c.name}") for c in candidates
            }
            found = {name: inputs for name, inputs in remembered.items() if inputs}
            self.dialog = UserModelDialog(path, candidates, found, parent)
            self.dialog.accepted.connect(
                lambda d=self.dialog: d.inputs() and self.chosen.emit(d.reference(), d.inputs())
            )
            self.dialog.open()

        self.run(lambda cancelled: user_file_candidates(path, cancelled), listed, self.failed.emit)
        self.running_file.emit(path)

    # the model file on show, watched -----------------------------------------------------------
    def watch(self, name: str) -> None:
        """A model is opened: watch its file if it is a user's (and only that one)."""
        self.listing = None
        self._watch(name)

    def _watch(self, name: str) -> None:
        from models.user import split_reference

        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if is_user_reference(name):
            path = split_reference(name)[0]
            if path.is_file():
                self.watcher.addPath(str(path))
