"""What each op is: its kind (one of ``netgraph.model.KINDS``) and its hyper-parameters.

Modules are classified by type, functions and tensor methods by name, so ``torch.cat``,
``Tensor.cat`` and ``torch.concat`` all land on "concat" without listing every alias twice.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from torch import fx, nn

_ELEMENTWISE_ACTIVATIONS = "torch.nn.modules.activation"

# Checked in order: the first matching type wins (InstanceNorm before the generic norms, …).
_MODULE_KINDS: tuple[tuple[tuple[type, ...], str], ...] = (
    ((nn.modules.conv._ConvNd,), "conv"),
    ((nn.Linear, nn.Bilinear), "linear"),
    ((nn.modules.batchnorm._BatchNorm,), "bn"),
    (
        (nn.modules.instancenorm._InstanceNorm, nn.LayerNorm, nn.GroupNorm, nn.LocalResponseNorm)
        + ((nn.RMSNorm,) if hasattr(nn, "RMSNorm") else ()),
        "norm",
    ),
    ((nn.MultiheadAttention,), "attention"),
    ((nn.ReLU, nn.ReLU6), "relu"),
    ((nn.Flatten,), "flatten"),
    ((nn.Unflatten,), "reshape"),
)

_MODULE_FILE_KINDS = {
    "torch.nn.modules.pooling": "pool",
    "torch.nn.modules.dropout": "dropout",
    _ELEMENTWISE_ACTIVATIONS: "activation",
}

# Functions (call_function, by __name__) and tensor methods (call_method) by name.
_NAME_KINDS: dict[str, str] = {
    **dict.fromkeys(("cat", "concat", "concatenate"), "concat"),
    **dict.fromkeys(("add", "add_", "iadd"), "add"),
    **dict.fromkeys(("mul", "mul_", "imul"), "mul"),
    "flatten": "flatten",
    **dict.fromkeys(("relu", "relu_", "relu6"), "relu"),
    **dict.fromkeys(
        (
            "sigmoid",
            "sigmoid_",
            "tanh",
            "gelu",
            "silu",
            "hardswish",
            "hardsigmoid",
            "softmax",
            "log_softmax",
            "leaky_relu",
            "elu",
            "mish",
        ),
        "activation",
    ),
    **dict.fromkeys(
        (
            "max_pool1d",
            "max_pool2d",
            "max_pool3d",
            "avg_pool1d",
            "avg_pool2d",
            "avg_pool3d",
            "adaptive_avg_pool1d",
            "adaptive_avg_pool2d",
            "adaptive_avg_pool3d",
            "adaptive_max_pool1d",
            "adaptive_max_pool2d",
            "adaptive_max_pool3d",
            "_max_pool2d",
            "max_pool2d_with_indices",
        ),
        "pool",
    ),
    **dict.fromkeys(("dropout", "dropout1d", "dropout2d", "dropout3d"), "dropout"),
    "linear": "linear",
    **dict.fromkeys(("conv1d", "conv2d", "conv3d"), "conv"),
    "batch_norm": "bn",
    **dict.fromkeys(("layer_norm", "group_norm", "local_response_norm", "rms_norm"), "norm"),
    "scaled_dot_product_attention": "attention",
    **dict.fromkeys(
        (
            "view",
            "reshape",
            "permute",
            "transpose",
            "squeeze",
            "unsqueeze",
            "contiguous",
            "expand",
            "unflatten",
            "flip",
            "roll",
            "chunk",
            "split",
        ),
        "reshape",
    ),
}

# Module attributes worth keeping as hyper-parameters (the label and the app's tooltip read them).
_HPARAM_ATTRS = (
    "in_channels",
    "out_channels",
    "kernel_size",
    "stride",
    "padding",
    "dilation",
    "groups",
    "in_features",
    "out_features",
    "num_features",
    "normalized_shape",
    "num_groups",
    "num_channels",
    "size",
    "p",
    "output_size",
    "embed_dim",
    "num_heads",
    "ceil_mode",
    "start_dim",
    "end_dim",
    "dim",
    "negative_slope",
    "transposed",
    "batch_first",
)


def is_scratch_batchnorm(module: nn.Module) -> bool:
    """The book's from-scratch ``BatchNorm`` (gamma/beta parameters), drawn as one "bn" op.

    Reads ``_parameters`` directly: during fx tracing, attribute access on a module records a
    ``get_attr`` op.
    """
    params = module._parameters
    return type(module).__name__ == "BatchNorm" and "gamma" in params and "beta" in params


def module_kind(module: nn.Module) -> str:
    if is_scratch_batchnorm(module):
        return "bn"
    for types, kind in _MODULE_KINDS:
        if isinstance(module, types):
            return kind
    return _MODULE_FILE_KINDS.get(type(module).__module__, "other")


def target_name(target: Callable[..., Any] | str) -> str:
    """``torch.cat`` -> "cat", ``operator.iadd`` -> "iadd", a method name stays as it is."""
    if isinstance(target, str):
        return target
    return getattr(target, "__name__", None) or type(target).__name__


def name_kind(name: str) -> str:
    return _NAME_KINDS.get(name, "other")


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a hyper-parameter, or None if it is not plain data."""
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, tuple | list) and all(isinstance(v, bool | int | float) for v in value):
        return tuple(value)
    return None


def module_hparams(module: nn.Module) -> dict[str, Any]:
    found = {}
    for attr in _HPARAM_ATTRS:
        value = _plain(getattr(module, attr, None))
        if value is not None:
            found[attr] = value
    if is_scratch_batchnorm(module):
        found["num_features"] = int(module.gamma.numel())
    return found


@functools.lru_cache(maxsize=512)
def _signature(target: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(target)
    except (TypeError, ValueError):  # builtins such as torch.cat have none
        return None


def call_hparams(target: Callable[..., Any] | str, node: fx.Node) -> dict[str, Any]:
    """Constant arguments of a function/method call, by parameter name where Python knows it."""
    args, kwargs = node.args, node.kwargs
    named: dict[str, Any] = {}
    signature = _signature(target) if callable(target) else None
    if signature is not None:
        try:
            named = dict(list(signature.bind(*args, **kwargs).arguments.items())[1:])
        except TypeError:
            named = {}
    if not named:
        named = {f"arg{i}": a for i, a in enumerate(args[1:], start=1)} | dict(kwargs)
    found = {}
    for key, value in named.items():
        plain = _plain(value)
        if plain is not None:
            found[key] = plain
    return found
