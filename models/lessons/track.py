"""What one run of a lesson has reported so far, as the lesson panel draws it (no Qt)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from models.training.acthistory import ActHistory
from models.training.bnhistory import BNHistory
from models.training.curves import RunCurves
from models.training.events import ActEvent, BNEvent, DoneEvent, Event, GradEvent


@dataclass
class LessonTrack:
    """What one run of a lesson has reported so far."""

    label: str
    curves: RunCurves = field(default_factory=RunCurves)
    bn: BNHistory = field(default_factory=BNHistory)
    grads: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    acts: ActHistory = field(default_factory=ActHistory)
    done: DoneEvent | None = None
    revision: int = 0

    def add(self, event: Event) -> None:
        if isinstance(event, BNEvent):
            self.bn.add(event)
        elif isinstance(event, GradEvent) and event.norms:
            self.grads.append((event.step, event.norms))
        elif isinstance(event, ActEvent):
            self.acts.add(event)
        else:
            if isinstance(event, DoneEvent):
                self.done = event
            self.curves.add_event(event)
        self.revision += 1

    def grad_table(self) -> tuple[list[str], list[int], np.ndarray]:
        """Layers (in the model's order), capture steps, log10 norms (capture × layer)."""
        if not self.grads:
            return [], [], np.zeros((0, 0))
        layers = list(self.grads[0][1])
        table = np.array(
            [
                [math.log10(max(n.get(name, math.nan), 1e-12)) for name in layers]
                for _, n in self.grads
            ]  # fmt: skip
        )
        return layers, [step for step, _ in self.grads], table
