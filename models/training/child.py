"""A training run in a child process, for the app.

In a thread of the app's own process the trainer and the plots share one interpreter lock: on a
2-core laptop the redraws then halve the training speed. In a child process each has its own
interpreter. Events travel through a multiprocessing queue (they are plain dataclasses with numpy
arrays); pause and stop through multiprocessing events. The child closes the queue with
``(FINISHED, None)`` or ``(FAILED, message)``.
"""

from __future__ import annotations

import threading
from multiprocessing.synchronize import Event as ProcessEvent
from pathlib import Path
from typing import TYPE_CHECKING

from errors import NetAtlasError

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    from models.data import ImageSet
    from models.training.config import TrainConfig
    from models.training.trainer import Trainer

FINISHED = "finished"
FAILED = "failed"
CONTROL_POLL_S = 0.02  # how often the child looks at pause/stop: well within one step


def _follow_controls(
    trainer: Trainer, pause: ProcessEvent, stop: ProcessEvent, done: threading.Event
) -> None:
    """Pass the app's pause and stop requests on to the trainer until the run is over."""
    paused = False
    while not done.wait(CONTROL_POLL_S):
        if stop.is_set():
            trainer.request_stop()
            return
        if pause.is_set() != paused:
            paused = pause.is_set()
            if paused:
                trainer.request_pause()
            else:
                trainer.resume()


def train_in_child(
    config: TrainConfig,
    run_dir: Path,
    data: ImageSet | None,
    events: Queue,
    pause: ProcessEvent,
    stop: ProcessEvent,
) -> None:
    """The child's entry point: train, sending every trainer event, then the closing message."""
    try:
        from models.training.cpu import training_threads
        from models.training.trainer import Trainer

        # leave a core to the app that draws the plots (an oversubscribed OpenMP team on a
        # 2-core machine runs several times slower)
        trainer = Trainer(config, run_dir, data=data, threads=training_threads(leave=1))
        trainer.subscribe(events.put)
        done = threading.Event()
        follower = threading.Thread(
            target=_follow_controls, args=(trainer, pause, stop, done), daemon=True
        )
        follower.start()
        try:
            trainer.run()
        finally:
            done.set()
        events.put((FINISHED, None))
    except NetAtlasError as exc:
        events.put((FAILED, str(exc)))
    except Exception as exc:  # a bug or a user model's own error: report, keep the app alive
        first = str(exc).splitlines()[0] if str(exc) else ""
        events.put((FAILED, f"Training stopped: {type(exc).__name__}: {first}"))
