"""Summaries of a layer's real tensors (BatchNorm's γ, β and running statistics), for the
inspector: the traced graph is made on meta tensors and holds no values.

Plain numbers come back (the view words them in the user's language); a user's model is built
and summarised in a child process (``models.isolated``), whose result must be plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from torch import nn

    from models.inputs import InputsLike


@dataclass(frozen=True)
class TensorSummary:
    name: str  # the parameter's or buffer's attribute name: "weight", "running_mean", …
    mean: float
    std: float
    min: float
    max: float
    count: int


def tensor_stats(module: nn.Module) -> list[TensorSummary]:
    """One summary per floating-point parameter and buffer owned directly by ``module``."""
    rows = []
    tensors = [*module.named_parameters(recurse=False), *module.named_buffers(recurse=False)]
    for name, tensor in tensors:
        if not tensor.is_floating_point() or tensor.numel() == 0:
            continue
        t = tensor.detach().float()
        rows.append(
            TensorSummary(
                name,
                float(t.mean()),
                float(t.std(unbiased=False)),
                float(t.min()),
                float(t.max()),
                t.numel(),
            )
        )
    return rows


def built_tensor_stats(name: str, inputs: InputsLike, module_path: str) -> list[TensorSummary]:
    """Build ``name`` (in the process that may run its code) and summarise one of its layers."""
    from models.registry import get_spec

    model = get_spec(name, inputs).build().eval()
    return tensor_stats(model.get_submodule(module_path))
