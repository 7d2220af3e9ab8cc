"""A training run on a worker thread, its events delivered to the GUI thread.

The trainer calls its listeners on the worker thread; the listener here only emits a Qt signal.
The receiving QObject lives in the GUI thread, so Qt queues each event there: the GUI never
blocks on the trainer and the trainer never waits for a paint.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from models.errors import NetAtlasError

if TYPE_CHECKING:
    from models.data import ImageSet
    from models.training.config import TrainConfig

JOIN_SECONDS = 60.0  # longest a close waits for the current step (and test pass) to end


class TrainingRun(QObject):
    """One run: ``start()``, then ``pause()``/``resume()``/``stop()`` from the GUI thread."""

    event = Signal(object)  # a models.training.events event, in the GUI thread
    failed = Signal(str)  # one line: the run cannot go on (the app stays usable)
    finished = Signal()  # the worker thread is done, after any ``failed``

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
        self._data = data
        self._trainer = None
        self._lock = threading.Lock()  # guards _trainer and the controls asked before it exists
        self._stop_asked = False
        self._pause_asked = False
        self._thread = threading.Thread(target=self._work, name="trainer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def pause(self) -> None:
        with self._lock:
            self._pause_asked = True
            if self._trainer is not None:
                self._trainer.request_pause()

    def resume(self) -> None:
        with self._lock:
            self._pause_asked = False
            if self._trainer is not None:
                self._trainer.resume()

    def stop(self) -> None:
        with self._lock:
            self._stop_asked = True
            if self._trainer is not None:
                self._trainer.request_stop()

    def stop_and_wait(self, seconds: float = JOIN_SECONDS) -> bool:
        """Stop and wait for the worker: the run folder is closed when this returns True."""
        self.stop()
        if self._thread.is_alive():
            self._thread.join(seconds)
        return not self._thread.is_alive()

    def _work(self) -> None:
        try:
            from models.training.trainer import Trainer  # torch import stays off the GUI path

            trainer = Trainer(self.config, self.run_dir, data=self._data)
            trainer.subscribe(self.event.emit)
            with self._lock:
                self._trainer = trainer
                if self._pause_asked:
                    trainer.request_pause()
                if self._stop_asked:
                    trainer.request_stop()
            trainer.run()
        except NetAtlasError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug or a user model's own error: report, keep the app alive
            first = str(exc).splitlines()[0] if str(exc) else ""
            self.failed.emit(f"Training stopped: {type(exc).__name__}: {first}")
        finally:
            self._data = None
            self.finished.emit()
