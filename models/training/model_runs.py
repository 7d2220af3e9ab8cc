"""A training run's views, bound to the model it trained (no Qt).

Curves, BatchNorm statistics and gradient norms are kept per run, and a run is shown only with
its own model: statistics are keyed by module path, and two models can share paths that mean
different layers (LeNet's "5" is an AvgPool, LeNet-BN's a BatchNorm). So the panel keeps each
model's last run, shows it again when that model comes back, and refuses to lay statistics on a
model whose module paths are not the ones the run was taken from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models.training.bnhistory import BNHistory
from models.training.curves import RunCurves
from netgraph.formatting import format_paths


@dataclass
class ModelRun:
    """What one run of ``model`` produced, as the panel shows it."""

    model: str
    folder: Path | None = None
    curves: RunCurves = field(default_factory=RunCurves)
    bn: BNHistory = field(default_factory=BNHistory)
    norms: dict[str, float] = field(default_factory=dict)  # the latest gradient norms
    module_paths: frozenset[str] = frozenset()  # of the trained model (its StartEvent)

    def mismatch(self, paths: Iterable[str]) -> str:
        """Why this run's statistics cannot be shown on a model with module ``paths`` ("" if
        they can: same paths, or the run has not said yet which it has)."""
        if not self.module_paths:
            return ""
        shown = frozenset(paths)
        missing = sorted(self.module_paths - shown)
        extra = sorted(shown - self.module_paths)
        if not missing and not extra:
            return ""
        parts = []
        if missing:
            parts.append(f"the run has {format_paths([repr(p) for p in missing])}")
        if extra:
            parts.append(f"the model shown has {format_paths([repr(p) for p in extra])}")
        return " and ".join(parts)
