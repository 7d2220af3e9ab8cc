"""Batch-norm statistics over a run, per layer (no Qt): what the BN plots draw.

The layer's input distribution over time is the pooled distribution of its channels: with equal
counts per channel its mean is the mean of the batch means and its variance the mean of the batch
variances plus the variance of the batch means (the law of total variance).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from models.training.events import BNEvent, BNStats


@dataclass
class LayerHistory:
    steps: list[int] = field(default_factory=list)
    running_mean: list[np.ndarray] = field(default_factory=list)
    running_var: list[np.ndarray] = field(default_factory=list)
    input_mean: list[float] = field(default_factory=list)
    input_std: list[float] = field(default_factory=list)
    latest: BNStats | None = None

    def add(self, step: int, stats: BNStats) -> None:
        self.steps.append(step)
        self.running_mean.append(np.asarray(stats.running_mean, dtype=np.float32))
        self.running_var.append(np.asarray(stats.running_var, dtype=np.float32))
        mean = np.asarray(stats.batch_mean, dtype=np.float64)
        var = np.asarray(stats.batch_var, dtype=np.float64)
        self.input_mean.append(float(mean.mean()))
        self.input_std.append(float(np.sqrt(var.mean() + mean.var())))
        self.latest = stats

    def heatmap(self, name: str) -> np.ndarray:
        """``running_mean`` or ``running_var`` as a (capture, channel) array."""
        return np.stack(getattr(self, name)) if self.steps else np.zeros((0, 0), np.float32)

    def spread(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation across channels at each capture."""
        table = self.heatmap(name)
        if not table.size:
            return np.zeros(0), np.zeros(0)
        return table.mean(axis=1), table.std(axis=1)


class BNHistory:
    """Every BN layer's history; ``revision`` grows with each captured step."""

    def __init__(self) -> None:
        self.layers: dict[str, LayerHistory] = {}
        self.revision = 0

    def add(self, event: BNEvent) -> None:
        for name, stats in event.layers.items():
            self.layers.setdefault(name, LayerHistory()).add(event.step, stats)
        if event.layers:
            self.revision += 1
