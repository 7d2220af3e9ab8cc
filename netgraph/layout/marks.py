"""Where a training run's statistics land on a diagram (no Qt): a layer's gradient norm on its
own box, or on the closed block's box that holds it (the norm over all its layers), and each
norm's place on a log colour scale."""

from __future__ import annotations

import math

from netgraph.layout.geometry import Diagram


def box_norms(diagram: Diagram, norms: dict[str, float]) -> dict[str, float]:
    """Gradient norm per box id: a layer's own, or the combined L2 norm of a block's layers."""
    squares: dict[str, float] = {}
    for path, norm in norms.items():
        box = diagram.box_for_module(path)
        if box is not None and math.isfinite(norm):
            squares[box.id] = squares.get(box.id, 0.0) + norm * norm
    return {ident: math.sqrt(total) for ident, total in squares.items()}


def log_positions(values: dict[str, float]) -> dict[str, float]:
    """Each value's place in [0, 1] on a log scale between the smallest and largest."""
    logs = {k: math.log10(v) for k, v in values.items() if v > 0}
    if not logs:
        return {}
    low, high = min(logs.values()), max(logs.values())
    span = high - low or 1.0
    return {k: (v - low) / span for k, v in logs.items()}
