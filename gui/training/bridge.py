"""A training run in a child process, its events delivered to the GUI thread.

The trainer runs in a child process (models/training/child.py) so that the plots' redraws and
the training steps never wait on one interpreter lock. A reader thread here takes the child's
events off its queue and emits them as a Qt signal; the receiving QObject lives in the GUI thread,
so Qt queues each event there: the GUI never blocks on the trainer and the trainer never waits
for a paint.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from models.training.child import FAILED, FINISHED, train_in_child

if TYPE_CHECKING:
    from models.data import ImageSet
    from models.training.config import TrainConfig

JOIN_SECONDS = 60.0  # longest a close waits for the current step (and test pass) to end
READ_TIMEOUT_S = 0.2  # how often the reader checks that the child is still alive


class TrainingRun(QObject):
    """One run: ``start()``, then ``pause()``/``resume()``/``stop()`` from the GUI thread."""

    event = Signal(object)  # a models.training.events event, in the GUI thread
    failed = Signal(str)  # one line: the run cannot go on (the app stays usable)
    finished = Signal()  # the child has ended, after any ``failed``

    def __init__(
        self,
        config: TrainConfig,
        run_dir: Path,
        data: ImageSet | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.run_dir = run_dir
        # spawn, not fork: the app has Qt and worker threads that a forked child must not copy
        context = multiprocessing.get_context("spawn")
        self._events = context.Queue()
        self._pause = context.Event()
        self._stop = context.Event()
        self._process = context.Process(
            target=train_in_child,
            args=(config, run_dir, data, self._events, self._pause, self._stop),
            name="netatlas-trainer",
            daemon=True,
        )
        self._reader = threading.Thread(target=self._read, name="trainer-events", daemon=True)
        self.killed = False

    def start(self) -> None:
        self._process.start()
        self._reader.start()

    @property
    def running(self) -> bool:
        return self._reader.is_alive()

    def pause(self) -> None:
        self._pause.set()

    def resume(self) -> None:
        self._pause.clear()

    def stop(self) -> None:
        self._stop.set()

    def kill(self) -> None:
        """End the training process now (its step may never return); the run folder keeps
        its last checkpoint, and a log line cut short is dropped when it is resumed."""
        self.killed = True
        if self._process.is_alive():
            self._process.kill()

    def stop_and_wait(self, seconds: float = JOIN_SECONDS) -> bool:
        """Stop and wait for the child: the run folder is closed when this returns True."""
        self.stop()
        if self._reader.is_alive():
            self._reader.join(seconds)
        if self._reader.is_alive():  # a step that never returns: do not keep the app open
            self.kill()
            self._reader.join(seconds)
        return not self._reader.is_alive()

    def _read(self) -> None:
        try:
            while True:
                try:
                    item = self._events.get(timeout=READ_TIMEOUT_S)
                except queue.Empty:
                    if not self._process.is_alive():
                        if self.killed:
                            return
                        code = self._process.exitcode
                        self.failed.emit(
                            f"The training process ended unexpectedly (exit code {code}); "
                            "the run folder keeps the last finished epoch."
                        )
                        return
                    continue
                if isinstance(item, tuple):
                    if item[0] == FAILED:
                        self.failed.emit(item[1])
                    if item[0] in (FAILED, FINISHED):
                        return
                self.event.emit(item)
        finally:
            self._process.join(JOIN_SECONDS)
            self.finished.emit()
