"""Build a model's structure without its weights: every parameter and buffer on the meta device.

Tracing needs shapes, never values, so a 600M-parameter network costs nothing to build. Random
initialisation is skipped: on meta tensors there is nothing to write, and torch's meta versions
of ``normal_`` and friends are slow Python decompositions (they were most of the build time of a
deep network).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import init
from torch.overrides import TorchFunctionMode

from models.registry import ModelSpec

# Tensor methods that only fill values; on a meta tensor each is a no-op.
_FILLS = (
    "normal_",
    "uniform_",
    "fill_",
    "zero_",
    "erfinv_",
    "mul_",
    "add_",
    "clamp_",
    "copy_",
    "random_",
    "exponential_",
    "bernoulli_",
    "sub_",
    "div_",
)
_INITS = frozenset(getattr(init, n) for n in dir(init) if n.endswith("_") and n[0] != "_")
_META_FILLS = frozenset(getattr(torch.Tensor, n) for n in _FILLS) | _INITS


class SkipInit(TorchFunctionMode):
    """Skips initialisation: ``torch.nn.init`` calls and fills of meta tensors, or (``any_device``)
    every ``torch.nn.init`` call whatever the device, for weights about to be moved to meta."""

    def __init__(self, any_device: bool = False) -> None:
        super().__init__()
        self.any_device = any_device

    def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001, ANN204
        kwargs = kwargs or {}
        if func in _META_FILLS:
            tensor = args[0] if args else kwargs.get("tensor")
            if isinstance(tensor, torch.Tensor) and (
                tensor.is_meta or (self.any_device and func in _INITS)
            ):
                return tensor
        return func(*args, **kwargs)


def build_on_meta(spec: ModelSpec) -> nn.Module:
    """``spec.build()`` with weights on the meta device.

    Builders that compute with tensors (regnet derives its widths with ``torch.round(...)
    .tolist()``) cannot run under the meta device; they are built on the CPU without
    initialisation and then moved to meta.
    """
    try:
        with torch.device("meta"), SkipInit():
            return spec.build()
    except Exception:  # any builder code that needs real tensors; the CPU retry reports real errors
        pass
    with SkipInit(any_device=True):
        model = spec.build()
    return model.to("meta")
