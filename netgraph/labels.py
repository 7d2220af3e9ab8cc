"""Human labels in the style of the book's figures: "3×3 Conv (64), pad 1", "Dropout 0.5"."""

from __future__ import annotations

from typing import Any

from netgraph.formatting import format_shape

_FUNCTION_NAMES = {
    "sigmoid": "Sigmoid",
    "sigmoid_": "Sigmoid",
    "tanh": "Tanh",
    "gelu": "GELU",
    "silu": "SiLU",
    "hardswish": "Hardswish",
    "hardsigmoid": "Hardsigmoid",
    "softmax": "Softmax",
    "log_softmax": "LogSoftmax",
    "leaky_relu": "LeakyReLU",
    "elu": "ELU",
    "mish": "Mish",
}

_FIXED = {
    "relu": "ReLU",
    "flatten": "Flatten",
    "concat": "Concat",
    "add": "Add",
    "mul": "Multiply",
    "output": "Output",
}


def dims(value: Any) -> str:
    """``(3, 3)`` -> "3×3", ``3`` -> "3", ``(1, 1)`` with a single number kept as "1×1"."""
    if isinstance(value, tuple | list):
        return "×".join(str(v) for v in value)
    return str(value)


def _compact(value: Any) -> str:
    """A stride/padding as one number when all sides agree: ``(2, 2)`` -> "2"."""
    if isinstance(value, tuple | list) and len(set(value)) == 1:
        return str(value[0])
    return dims(value)


def _is_trivial(value: Any, neutral: int) -> bool:
    if value is None:
        return True
    if isinstance(value, tuple | list):
        return all(v == neutral for v in value)
    return value == neutral


def _kernel(value: Any, ndim: int) -> str:
    if isinstance(value, int):
        value = (value,) * ndim
    return dims(value)


def _spatial_ndim(type_name: str, shape: tuple[int, ...] | None) -> int:
    for n in (1, 2, 3):
        if type_name.endswith(f"{n}d"):
            return n
    return max(len(shape) - 2, 1) if shape else 2


def _base_name(type_name: str) -> str:
    """ "Conv2d" -> "Conv", "MaxPool2d" -> "MaxPool"; 1-d and 3-d keep their suffix."""
    return type_name.removesuffix("2d")


def _options(hparams: dict[str, Any]) -> str:
    parts = []
    if not _is_trivial(hparams.get("stride"), 1):
        parts.append(f"stride {_compact(hparams['stride'])}")
    padding = hparams.get("padding")
    if isinstance(padding, str):
        if padding != "valid":
            parts.append(f"pad {padding}")
    elif not _is_trivial(padding, 0):
        parts.append(f"pad {_compact(padding)}")
    if not _is_trivial(hparams.get("dilation"), 1):
        parts.append(f"dilation {_compact(hparams['dilation'])}")
    if not _is_trivial(hparams.get("groups"), 1):
        parts.append(f"groups {hparams['groups']}")
    return "".join(f", {p}" for p in parts)


def _conv(type_name: str, hparams: dict[str, Any], shape: tuple[int, ...] | None) -> str:
    name = _base_name(type_name) if type_name.startswith("Conv") else "Conv"
    kernel = hparams.get("kernel_size")
    head = f"{_kernel(kernel, _spatial_ndim(type_name, shape))} " if kernel is not None else ""
    width = f" ({hparams['out_channels']})" if "out_channels" in hparams else ""
    return f"{head}{name}{width}{_options(hparams)}"


def _pool(type_name: str, name: str, hparams: dict[str, Any], shape: tuple[int, ...] | None) -> str:
    source = type_name if type_name[:1].isupper() else name
    flavour = "MaxPool" if "max" in source.lower() else "AvgPool"
    if "adaptive" in source.lower():
        size = hparams.get("output_size")
        if size is None or _is_trivial(size, 1):
            return f"Global {flavour}"
        return f"Adaptive {flavour} {_kernel(size, _spatial_ndim(type_name, shape))}"
    kernel = hparams.get("kernel_size")
    if kernel is None:
        return flavour
    if hparams.get("stride") is None:  # the functional form's default: stride = kernel size
        hparams = {**hparams, "stride": kernel}
    head = _kernel(kernel, _spatial_ndim(type_name, shape))
    return f"{head} {flavour}{_options({k: hparams.get(k) for k in ('stride', 'padding')})}"


def op_label(
    kind: str,
    type_name: str,
    name: str,
    hparams: dict[str, Any],
    shape: tuple[int, ...] | None,
) -> str:
    """The label of one op.

    ``type_name`` is the module class for module calls ("" otherwise), ``name`` the function or
    method name for calls (``cat``, ``view``) or the module path for module calls.
    """
    if kind == "input":  # one of several: named as forward names it
        head = f"Input {hparams['name']}" if "name" in hparams else "Input"
        return f"{head} {format_shape(shape, batch=False)}" if shape else head
    if kind in _FIXED:
        return _FIXED[kind]
    if kind == "conv":
        return _conv(type_name, hparams, shape)
    if kind == "linear":
        width = hparams.get("out_features")
        return f"Linear ({width})" if width is not None else "Linear"
    if kind == "bn":
        width = hparams.get("num_features")
        return f"BatchNorm ({width})" if width is not None else "BatchNorm"
    if kind == "norm":
        label = type_name or name
        if "normalized_shape" in hparams:
            return f"{label} ({dims(hparams['normalized_shape'])})"
        if "num_groups" in hparams:
            return f"{label} ({hparams['num_groups']} groups)"
        return label
    if kind == "pool":
        return _pool(type_name, name, hparams, shape)
    if kind == "dropout":
        p = hparams.get("p")
        return f"Dropout {p:g}" if isinstance(p, float | int) else "Dropout"
    if kind == "activation":
        return type_name or _FUNCTION_NAMES.get(name, name)
    if kind == "attention":
        heads = hparams.get("num_heads")
        return f"Multi-head Attention ({heads} heads)" if heads else "Attention"
    if kind == "reshape":
        return type_name or name.capitalize()
    return type_name or name
