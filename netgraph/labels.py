"""Human labels in the style of the book's figures: "3×3 Conv (64), pad 1", "Dropout 0.5".

In Chinese they follow the Chinese edition: "3×3卷积层 (64), 填充1", "3×3最大汇聚层, 步幅2".
"""

from __future__ import annotations

from typing import Any

from netgraph.formatting import format_shape
from netgraph.words import word

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


def _option(name: str, value: Any, lang: str) -> str:
    """ "pad 1" in English, "填充1" in Chinese."""
    return f"{word(name, lang)}{value}" if lang == "zh" else f"{name} {value}"


def _options(hparams: dict[str, Any], lang: str = "en") -> str:
    parts = []
    if not _is_trivial(hparams.get("stride"), 1):
        parts.append(_option("stride", _compact(hparams["stride"]), lang))
    padding = hparams.get("padding")
    if isinstance(padding, str):
        if padding != "valid":
            parts.append(_option("pad", padding, lang))
    elif not _is_trivial(padding, 0):
        parts.append(_option("pad", _compact(padding), lang))
    if not _is_trivial(hparams.get("dilation"), 1):
        parts.append(_option("dilation", _compact(hparams["dilation"]), lang))
    if not _is_trivial(hparams.get("groups"), 1):
        parts.append(_option("groups", hparams["groups"], lang))
    return "".join(f", {p}" for p in parts)


def _sized(head: str, name: str, lang: str) -> str:
    """ "3×3 Conv" in English, "3×3卷积层" in Chinese (no space before Chinese words)."""
    if not head:
        return word(name, lang)
    return f"{head}{word(name, lang)}" if lang == "zh" else f"{head} {name}"


def _conv(
    type_name: str, hparams: dict[str, Any], shape: tuple[int, ...] | None, lang: str = "en"
) -> str:
    name = _base_name(type_name) if type_name.startswith("Conv") else "Conv"
    kernel = hparams.get("kernel_size")
    head = _kernel(kernel, _spatial_ndim(type_name, shape)) if kernel is not None else ""
    width = f" ({hparams['out_channels']})" if "out_channels" in hparams else ""
    return f"{_sized(head, name, lang)}{width}{_options(hparams, lang)}"


def _pool(
    type_name: str,
    name: str,
    hparams: dict[str, Any],
    shape: tuple[int, ...] | None,
    lang: str = "en",
) -> str:
    source = type_name if type_name[:1].isupper() else name
    flavour = "MaxPool" if "max" in source.lower() else "AvgPool"
    if "adaptive" in source.lower():
        size = hparams.get("output_size")
        if size is None or _is_trivial(size, 1):
            return word(f"Global {flavour}", lang)
        adaptive = word(f"Adaptive {flavour}", lang)
        return f"{adaptive} {_kernel(size, _spatial_ndim(type_name, shape))}"
    kernel = hparams.get("kernel_size")
    if kernel is None:
        return word(flavour, lang)
    if hparams.get("stride") is None:  # the functional form's default: stride = kernel size
        hparams = {**hparams, "stride": kernel}
    head = _kernel(kernel, _spatial_ndim(type_name, shape))
    options = _options({k: hparams.get(k) for k in ("stride", "padding")}, lang)
    return f"{_sized(head, flavour, lang)}{options}"


def _width(term: str, value: Any, lang: str) -> str:
    """ "FC (4096)", or the bare term when the width is unknown."""
    return f"{word(term, lang)} ({value})" if value is not None else word(term, lang)


def op_label(
    kind: str,
    type_name: str,
    name: str,
    hparams: dict[str, Any],
    shape: tuple[int, ...] | None,
    lang: str = "en",
    book: bool = False,
) -> str:
    """The label of one op.

    ``type_name`` is the module class for module calls ("" otherwise), ``name`` the function or
    method name for calls (``cat``, ``view``) or the module path for module calls. ``book``
    words it as the book's figures do: "FC (4096)", and a bare "Input" (its shape is on the edge).
    """
    if kind == "input":  # one of several: named as forward names it
        head = word("Input", lang)
        if "name" in hparams:
            head = f"{head} {hparams['name']}"
        return f"{head} {format_shape(shape, batch=False)}" if shape and not book else head
    if kind in _FIXED:
        return word(_FIXED[kind], lang)
    if kind == "conv":
        return _conv(type_name, hparams, shape, lang)
    if kind == "linear":
        return _width("FC" if book or lang == "zh" else "Linear", hparams.get("out_features"), lang)
    if kind == "bn":
        return _width("BatchNorm", hparams.get("num_features"), lang)
    if kind == "norm":
        label = word(type_name or name, lang)
        if "normalized_shape" in hparams:
            return f"{label} ({dims(hparams['normalized_shape'])})"
        if "num_groups" in hparams:
            return f"{label} ({hparams['num_groups']} {word('groups', lang)})"
        return label
    if kind == "pool":
        return _pool(type_name, name, hparams, shape, lang)
    if kind == "dropout":
        p = hparams.get("p")
        return (
            f"{word('Dropout', lang)} {p:g}"
            if isinstance(p, float | int)
            else word("Dropout", lang)
        )
    if kind == "activation":
        return type_name or _FUNCTION_NAMES.get(name, name)
    if kind == "attention":
        heads = hparams.get("num_heads")
        if not heads:
            return word("Attention", lang)
        return f"{word('Multi-head Attention', lang)} ({heads} {word('heads', lang)})"
    if kind == "reshape":
        return type_name or name.capitalize()
    return type_name or name
