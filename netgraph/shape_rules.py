"""Output shapes of the common layers, computed by formula instead of by torch's meta kernels.

Torch's meta kernels for conv, relu and friends are Python code whose first call imports
torch._dynamo and sympy (several seconds) and then costs ~0.1 ms per op; the formulas below cover
the layers of every CNN in the book and most of torchvision at a fraction of that. Anything they
do not cover (or any unusual argument) returns None and runs on meta tensors as before. Shape
errors are raised as RuntimeError with torch's wording, so ``netgraph.shapes`` reports them the
same way whichever path found them.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.modules.lazy import LazyModuleMixin

from netgraph.kinds import is_scratch_batchnorm

Shape = tuple[int, ...]

_UNARY_FUNCTIONS = frozenset(
    (
        F.relu,
        F.relu6,
        F.gelu,
        F.silu,
        F.hardswish,
        F.hardsigmoid,
        F.dropout,
        torch.relu,
        torch.relu_,
        torch.sigmoid,
        torch.tanh,
        torch.nn.functional.sigmoid,
        torch.nn.functional.tanh,
    )
)
_UNARY_METHODS = frozenset(
    ("relu", "relu_", "sigmoid", "sigmoid_", "tanh", "tanh_", "contiguous", "clone")
)
_BINARY_FUNCTIONS = frozenset(
    (operator.add, operator.iadd, operator.mul, operator.imul, torch.add, torch.mul)
)
_BINARY_METHODS = frozenset(("add", "add_", "mul", "mul_"))
_SAME_SHAPE_MODULES = (
    nn.ReLU,
    nn.ReLU6,
    nn.Sigmoid,
    nn.Tanh,
    nn.GELU,
    nn.SiLU,
    nn.Hardswish,
    nn.Hardsigmoid,
    nn.LeakyReLU,
    nn.ELU,
    nn.Mish,
    nn.Identity,
    nn.LocalResponseNorm,
    nn.modules.dropout._DropoutNd,
)


def _meta(shape: Sequence[int], like: torch.Tensor) -> torch.Tensor:
    return torch.empty(tuple(shape), dtype=like.dtype, device="meta")


def _tuple(value: int | Sequence[int], n: int) -> tuple[int, ...]:
    return (value,) * n if isinstance(value, int) else tuple(value)


def _too_small(x: torch.Tensor, out: Sequence[int]) -> RuntimeError:
    given = "x".join(str(d) for d in x.shape[1:])
    calc = "x".join(str(d) for d in (x.shape[1], *out))
    return RuntimeError(
        f"Given input size: ({given}). Calculated output size: ({calc}). Output size is too small"
    )


def _sliding(
    x: torch.Tensor,
    n: int,
    kernel: Any,
    stride: Any,
    padding: Any,
    dilation: Any,
    ceil_mode: bool = False,
) -> tuple[int, ...] | None:
    """Spatial output size of a conv or pool window over the last ``n`` dims of ``x``."""
    if x.dim() != n + 2:
        return None
    k, s = _tuple(kernel, n), _tuple(stride or kernel, n)
    p, d = _tuple(padding, n), _tuple(dilation, n)
    out = []
    for size, k_i, s_i, p_i, d_i in zip(x.shape[2:], k, s, p, d, strict=True):
        span = size + 2 * p_i - d_i * (k_i - 1) - 1
        o = (math.ceil(span / s_i) if ceil_mode else span // s_i) + 1
        if ceil_mode and (o - 1) * s_i >= size + p_i:
            o -= 1
        out.append(o)
    if min(out) <= 0:
        raise _too_small(x, out)
    return tuple(out)


def _conv(module: nn.modules.conv._ConvNd, x: torch.Tensor) -> torch.Tensor | None:
    n = len(module.kernel_size)
    if module.transposed or x.dim() != n + 2:
        return None
    if x.shape[1] != module.in_channels:
        raise RuntimeError(
            f"expected input to have {module.in_channels} channels, but got {x.shape[1]}"
        )
    padding = module.padding
    if isinstance(padding, str):
        if padding == "same":
            return _meta((x.shape[0], module.out_channels, *x.shape[2:]), x)
        padding = 0
    out = _sliding(x, n, module.kernel_size, module.stride, padding, module.dilation)
    return None if out is None else _meta((x.shape[0], module.out_channels, *out), x)


def _pool(module: nn.Module, x: torch.Tensor) -> torch.Tensor | None:
    n = int(type(module).__name__[-2])
    kernel, padding = module.kernel_size, module.padding
    if any(p * 2 > k for p, k in zip(_tuple(padding, n), _tuple(kernel, n), strict=True)):
        return None  # torch rejects this; let it say so
    dilation = getattr(module, "dilation", 1)
    if isinstance(module, nn.AvgPool3d) and x.dim() == 5:  # its kernel must fit unpadded
        t, h, w = x.shape[2:]
        kt, kh, kw = _tuple(kernel, 3)
        if t < kt or h < kh or w < kw:
            raise RuntimeError(
                f"input image (T: {t} H: {h} W: {w}) smaller than kernel size "
                f"(kT: {kt} kH: {kh} kW: {kw})"
            )
    out = _sliding(x, n, kernel, module.stride, padding, dilation, module.ceil_mode)
    return None if out is None else _meta((*x.shape[:2], *out), x)


def _adaptive(output_size: Any, x: torch.Tensor, n: int) -> torch.Tensor | None:
    if x.dim() != n + 2:
        return None
    sizes = _tuple(output_size, n)
    out = [x.shape[2 + i] if s is None else s for i, s in enumerate(sizes)]
    return _meta((*x.shape[:2], *out), x)


def _flatten(x: torch.Tensor, start_dim: int = 0, end_dim: int = -1) -> torch.Tensor:
    dims = max(x.dim(), 1)
    start, end = start_dim % dims, end_dim % dims
    middle = math.prod(x.shape[start : end + 1])
    return _meta((*x.shape[:start], middle, *x.shape[end + 1 :]), x)


def _linear(module: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    if x.shape[-1] != module.in_features:
        rows = math.prod(x.shape[:-1])
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{x.shape[-1]} and "
            f"{module.in_features}x{module.out_features})"
        )
    return _meta((*x.shape[:-1], module.out_features), x)


def module_output(module: nn.Module, args: tuple, kwargs: dict) -> torch.Tensor | None:
    """The output of ``module(*args)`` on a meta tensor, or None to run the module itself."""
    if kwargs or len(args) != 1 or not isinstance(args[0], torch.Tensor) or not args[0].is_meta:
        return None
    x = args[0]
    if is_scratch_batchnorm(module):
        gamma = module._parameters["gamma"]
        ok = gamma is not None and x.dim() == gamma.dim() and x.shape[1] == gamma.shape[1]
        return _meta(x.shape, x) if ok else None
    if not getattr(type(module).forward, "__module__", "").startswith("torch.nn."):
        return None  # a subclass with its own forward (timm's AvgPool2dSame pads first)
    if isinstance(module, _SAME_SHAPE_MODULES):
        return _meta(x.shape, x)
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        ok = x.dim() >= 2 and x.shape[1] == module.num_features
        return _meta(x.shape, x) if ok else None
    if isinstance(module, nn.modules.conv._ConvNd):
        return _conv(module, x)
    if isinstance(module, nn.Linear) and not isinstance(module, LazyModuleMixin):
        return _linear(module, x)
    if isinstance(module, nn.MaxPool1d | nn.MaxPool2d | nn.MaxPool3d) and not module.return_indices:
        return _pool(module, x)
    if isinstance(module, nn.AvgPool1d | nn.AvgPool2d | nn.AvgPool3d):
        return _pool(module, x)
    if isinstance(module, nn.AdaptiveAvgPool1d | nn.AdaptiveAvgPool2d | nn.AdaptiveAvgPool3d):
        return _adaptive(module.output_size, x, int(type(module).__name__[-2]))
    if isinstance(module, nn.Flatten):
        return _flatten(x, module.start_dim, module.end_dim)
    return None


def _broadcast(a: Shape, b: Shape) -> Shape | None:
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        da = a[-i] if i <= len(a) else 1
        db = b[-i] if i <= len(b) else 1
        if da != db and 1 not in (da, db):
            return None  # torch raises its own message
        out.append(max(da, db) if 1 in (da, db) else da)
    return tuple(reversed(out))


def _binary(args: tuple, kwargs: dict) -> torch.Tensor | None:
    if kwargs or len(args) != 2:
        return None
    a, b = args
    if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
        if not (a.is_meta and b.is_meta) or a.dtype != b.dtype:
            return None
        shape = _broadcast(tuple(a.shape), tuple(b.shape))
        return None if shape is None else _meta(shape, a)
    tensor, scalar = (a, b) if isinstance(a, torch.Tensor) else (b, a)
    if (
        isinstance(tensor, torch.Tensor)
        and tensor.is_meta
        and tensor.is_floating_point()
        and isinstance(scalar, int | float)
        and not isinstance(scalar, bool)
    ):
        return _meta(tensor.shape, tensor)
    return None


def _cat(args: tuple, kwargs: dict) -> torch.Tensor | None:
    tensors = args[0] if args else kwargs.get("tensors")
    dim = args[1] if len(args) > 1 else kwargs.get("dim", 0)
    if not isinstance(tensors, list | tuple) or not tensors or not isinstance(dim, int):
        return None
    first = tensors[0]
    if not all(isinstance(t, torch.Tensor) and t.is_meta for t in tensors):
        return None
    if any(t.dtype != first.dtype or t.dim() != first.dim() for t in tensors):
        return None
    dim %= first.dim()
    for t in tensors:
        if any(t.shape[i] != first.shape[i] for i in range(first.dim()) if i != dim):
            return None
    shape = list(first.shape)
    shape[dim] = sum(t.shape[dim] for t in tensors)
    return _meta(shape, first)


def function_output(target: Any, args: tuple, kwargs: dict) -> torch.Tensor | None:
    """The output of ``target(*args, **kwargs)`` on meta tensors, or None to call it."""
    x = args[0] if args else None
    if target in _UNARY_FUNCTIONS and isinstance(x, torch.Tensor) and x.is_meta:
        return _meta(x.shape, x)
    if target in _BINARY_FUNCTIONS:
        return _binary(args, kwargs)
    if target is torch.cat or target is torch.concat:
        return _cat(args, kwargs)
    if target is torch.flatten and isinstance(x, torch.Tensor) and x.is_meta:
        return _flatten(x, *args[1:], **kwargs)
    if target is F.adaptive_avg_pool2d and isinstance(x, torch.Tensor) and x.is_meta:
        size = args[1] if len(args) > 1 else kwargs.get("output_size")
        return _adaptive(size, x, 2) if size is not None else None
    return None


def method_output(name: str, args: tuple, kwargs: dict) -> torch.Tensor | None:
    """The output of ``args[0].name(*args[1:])`` on meta tensors, or None to call it."""
    x = args[0]
    if not isinstance(x, torch.Tensor) or not x.is_meta:
        return None
    if name in _UNARY_METHODS and len(args) == 1 and not kwargs:
        return _meta(x.shape, x)
    if name in _BINARY_METHODS:
        return _binary(args, kwargs)
    if name == "flatten":
        return _flatten(x, *args[1:], **kwargs)
    return None
