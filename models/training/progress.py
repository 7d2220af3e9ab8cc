"""The CLI's view of a run: a progress line while training and the book's closing lines.

On a terminal the line is redrawn in place (carriage return); in a log file or pipe a plain line
is printed every ``interval`` seconds, so CI logs stay short and readable. A terminal that goes
away (SIGHUP, a closed pipe) silences the output, never the run.
"""

from __future__ import annotations

import math
import sys
import time
from typing import TextIO

from models.training.events import DoneEvent, EpochEvent, Event, StartEvent, StepEvent

BAR = 20


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Progress:
    def __init__(self, stream: TextIO | None = None, interval: float = 10.0) -> None:
        self.stream: TextIO | None = stream or sys.stdout
        self.tty = self.stream.isatty()
        self.interval = interval
        self._last_print = -math.inf  # the first sample always prints
        self._steps = 1
        self._epochs = 1
        self._batch = 1
        self._open_line = False

    def __call__(self, event: Event) -> None:
        if self.stream is None:
            return
        try:
            self._show(event)
        except (OSError, ValueError):  # a closed terminal or pipe: the run goes on, unprinted
            self.stream = None

    def _show(self, event: Event) -> None:
        if isinstance(event, StartEvent):
            self._start(event)
        elif isinstance(event, StepEvent):
            self._step(event)
        elif isinstance(event, EpochEvent):
            self._line(
                f"epoch {event.epoch}/{event.epochs}: loss {_loss(event.train_loss)}, "
                f"train acc {event.train_acc:.3f}, test acc {event.test_acc:.3f} "
                f"({event.seconds:.1f} s)"
            )
        elif isinstance(event, DoneEvent):
            self._done(event)

    def _start(self, event: StartEvent) -> None:
        config = event.config
        self._steps, self._epochs = event.steps_per_epoch, config["epochs"]
        self._batch = config["batch_size"]
        for note in event.notes:
            self._line(f"note: {note}")
        start = f", resuming after epoch {event.start_epoch}" if event.start_epoch else ""
        how = [event.device, config["precision_used"]]
        if config.get("threads_used"):
            threads = config["threads_used"]
            how.insert(1, f"{threads} thread{'s' if threads > 1 else ''}")
        if config.get("channels_last_used"):
            how.append("channels-last")
        self._line(
            f"training {config['model']} on {config['dataset']} ({', '.join(how)}): "
            f"{_count(config['epochs'], 'epoch')} × {_count(self._steps, 'step')}, "
            f"batch {self._batch}, "
            f"lr {config['lr']:g}{start}"
        )

    def _step(self, event: StepEvent) -> None:
        total = self._epochs * self._steps
        remaining = max(0, total - event.step) * self._batch / max(event.examples_per_sec, 1e-9)
        text = (
            f"epoch {event.epoch}/{self._epochs} step {event.step}/{total} "
            f"loss {_loss(event.mean_loss)} acc {event.mean_acc:.3f} "
            f"{event.examples_per_sec:,.0f} ex/s ETA {_clock(remaining)}"
        )
        if self.tty:
            done = int(BAR * event.frac_epoch / self._epochs)
            self.stream.write(f"\r[{'#' * done}{'.' * (BAR - done)}] {text}\033[K")
            self.stream.flush()
            self._open_line = True
        elif time.monotonic() - self._last_print >= self.interval:
            self._last_print = time.monotonic()
            self._line(text)

    def _done(self, event: DoneEvent) -> None:
        if event.reason == "stopped":
            held = f"epoch {event.epoch}" if event.epoch else "no finished epoch yet"
            self._line(f"stopped; the run folder holds {held}")
        if event.reason == "error" or event.epoch == 0:
            return
        self._line(
            f"loss {_loss(event.train_loss)}, train acc {event.train_acc:.3f}, "
            f"test acc {event.test_acc:.3f}"
        )
        self._line(f"{event.examples_per_sec:.1f} examples/sec on {event.device}")
        if event.steps != "eager":
            self._line(f"steps: {event.steps}")

    def _line(self, text: str) -> None:
        if self._open_line:
            self.stream.write("\n")
            self._open_line = False
        self.stream.write(text + "\n")
        self.stream.flush()


def _loss(value: float) -> str:
    """Three decimals, or three significant digits for a loss that has blown up (1.23e+31)."""
    return f"{value:.3f}" if abs(value) < 1e6 else f"{value:.3g}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
