"""A training run in a child process, its events delivered to the GUI thread.

The trainer runs in a child process (models/training/child.py) so that the plots' redraws and
the training steps never wait on one interpreter lock. A reader thread here takes the child's
events off its queue and emits them as a Qt signal; the receiving QObject lives in the GUI thread,
so Qt queues each event there: the GUI never blocks on the trainer and the trainer never waits
for a paint. A run takes a child that is already waiting with torch loaded (:class:`TrainingChild`,
made in advance by :func:`standby_child`) when there is one, so its first step follows *Start*
within a fraction of a second.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from models.training.child import FAILED, FINISHED, serve_one_run

if TYPE_CHECKING:
    from models.data import ImageSet
    from models.training.config import TrainConfig

JOIN_SECONDS = 60.0  # longest a close waits for the current step (and test pass) to end
READ_TIMEOUT_S = 0.2  # how often the reader checks that the child is still alive


class TrainingChild:
    """A training process started ahead of its run: it loads torch, then waits for one job."""

    def __init__(self) -> None:
        # spawn, not fork: the app has Qt and worker threads that a forked child must not copy
        context = multiprocessing.get_context("spawn")
        self.events = context.Queue()
        self.pause = context.Event()
        self.stop = context.Event()
        self._jobs = context.SimpleQueue()
        self.process = context.Process(
            target=serve_one_run,
            args=(self._jobs, self.events, self.pause, self.stop),
            name="netatlas-trainer",
            daemon=True,
        )
        self.process.start()

    def train(self, config: TrainConfig, run_dir: Path, data: ImageSet | None, resume: bool):
        self._jobs.put((config, run_dir, data, resume))

    def dismiss(self) -> None:
        """Let a child that never got a run leave."""
        if self.process.is_alive():
            self._jobs.put(None)


_standby: TrainingChild | None = None
# dismissed children, kept until they have left: a child still starting unpickles its queues
# and events from the parent's, which must exist until then
_leaving: list[TrainingChild] = []


def standby_child() -> None:
    """Have a child waiting for the next run (the Train panel calls this when it shows and
    after each run)."""
    global _standby
    if _standby is None or not _standby.process.is_alive():
        _standby = TrainingChild()


def dismiss_standby() -> None:
    global _standby
    _leaving[:] = [child for child in _leaving if child.process.is_alive()]
    if _standby is not None:
        _standby.dismiss()
        _leaving.append(_standby)
        _standby = None


def _take_child() -> TrainingChild:
    global _standby
    child, _standby = _standby, None
    return child if child is not None and child.process.is_alive() else TrainingChild()


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
        resume: bool = False,
    ) -> None:
        """``resume``: continue the run in ``run_dir`` (``config`` is the one it saved)."""
        super().__init__(parent)
        self.config = config
        self.run_dir = run_dir
        self._job = (config, run_dir, data, resume)
        self._child: TrainingChild | None = None
        self._reader = threading.Thread(target=self._read, name="trainer-events", daemon=True)
        self.killed = False

    def start(self) -> None:
        self._child = _take_child()
        self._child.train(*self._job)
        self._events, self._pause, self._stop = (
            self._child.events,
            self._child.pause,
            self._child.stop,
        )
        self._process = self._child.process
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
