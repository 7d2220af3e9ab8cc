"""Per-layer activation histograms over a run (no Qt): what the Activations tab draws."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from models.training.events import ActEvent


@dataclass
class LayerHistograms:
    low: float = 0.0
    high: float = 1.0
    steps: list[int] = field(default_factory=list)
    counts: list[np.ndarray] = field(default_factory=list)

    def table(self) -> np.ndarray:
        """(capture, bin) counts as fractions of each capture's values."""
        if not self.counts:
            return np.zeros((0, 0))
        table = np.stack(self.counts).astype(np.float64)
        return table / np.maximum(table.sum(axis=1, keepdims=True), 1.0)


class ActHistory:
    """Every followed layer's histograms; ``revision`` grows with each capture."""

    def __init__(self) -> None:
        self.layers: dict[str, LayerHistograms] = {}
        self.revision = 0

    def add(self, event: ActEvent) -> None:
        for name, hist in event.layers.items():
            layer = self.layers.setdefault(name, LayerHistograms(hist.low, hist.high))
            layer.steps.append(event.step)
            layer.counts.append(np.asarray(hist.counts, dtype=np.float32))
        if event.layers:
            self.revision += 1
