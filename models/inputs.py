"""What a model is fed: one or several inputs of any rank, floats or integer token ids.

``InputSpec`` is one positional input of ``forward`` without its batch dimension, written as
text the way ``--input`` and the app's input boxes take it: ``3,224,224`` (an image),
``3,16,112,112`` (a clip), ``128`` (a vector), ``int:128`` (128 token ids below the model's
vocabulary) or ``int:128/30522`` (below 30522). Torch-free at import: the registry and the app
read these before torch loads.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch
    from torch import nn

# Names ``DTYPE:`` may use, and the torch dtype each stands for.
DTYPES = {
    "float": "float32",
    "float32": "float32",
    "float16": "float16",
    "half": "float16",
    "bfloat16": "bfloat16",
    "float64": "float64",
    "double": "float64",
    "int": "int64",
    "long": "int64",
    "int64": "int64",
    "int32": "int32",
    "int16": "int16",
    "int8": "int8",
    "uint8": "uint8",
    "bool": "bool",
}
MAX_INPUT_SIDE = 65_536  # per dimension; and at most MAX_INPUT_ELEMENTS in all
MAX_INPUT_ELEMENTS = 1 << 31
INPUT_SYNTAX = "C,H,W (any rank: 3,16,112,112 or 128), int:128 for token ids, int:128/30522"


class InputSyntaxError(ValueError):
    """Text that is not an input as ``--input`` takes it (the message says how to write one)."""


@dataclass(frozen=True)
class InputSpec:
    """One positional input of ``forward``: its shape without the batch dimension, its dtype
    and, for integer inputs, the exclusive upper bound of its values (token ids must stay below
    the vocabulary; None = below the model's smallest ``nn.Embedding``)."""

    shape: tuple[int, ...]
    dtype: str = "float32"
    high: int | None = None

    @property
    def is_integer(self) -> bool:
        return self.dtype not in ("float32", "float16", "bfloat16", "float64")

    def text(self) -> str:
        """The spec as ``--input`` takes it: ``3,224,224``, ``int:128/30522``."""
        dims = ",".join(str(d) for d in self.shape)
        if self.dtype == "float32":
            return dims
        name = "int" if self.dtype == "int64" else self.dtype
        bound = f"/{self.high}" if self.high is not None else ""
        return f"{name}:{dims}{bound}"


def parse_input(text: str) -> InputSpec:
    """``"3,224,224"``, ``"3x16x112x112"``, ``"int:128/30522"`` -> InputSpec."""
    body = text.strip()
    dtype = "float32"
    if ":" in body:
        name, _, body = body.partition(":")
        dtype = DTYPES.get(name.strip().lower(), "")
        if not dtype:
            raise InputSyntaxError(
                f"invalid input {text!r}: unknown type {name!r} (use int, float16, bfloat16, bool…)"
            )
    high: int | None = None
    if "/" in body:
        body, _, bound = body.partition("/")
        try:
            high = int(bound)
        except ValueError:
            high = 0
        if high <= 0 or dtype in ("float32", "float16", "bfloat16", "float64"):
            raise InputSyntaxError(
                f"invalid input {text!r}: a bound /N is for integer inputs, N ≥ 1 (int:128/30522)"
            )
    try:
        shape = tuple(int(p) for p in body.replace("x", ",").replace("×", ",").split(","))
    except ValueError:
        shape = ()
    if not shape or min(shape) <= 0:
        raise InputSyntaxError(f"invalid input {text!r}: give its size as {INPUT_SYNTAX}")
    if max(shape) > MAX_INPUT_SIDE or math.prod(shape) > MAX_INPUT_ELEMENTS:
        raise InputSyntaxError(  # sizes no tensor could have
            f"input size {text!r} is too large: each dimension at most {MAX_INPUT_SIDE}, and "
            f"at most {MAX_INPUT_ELEMENTS} values in all"
        )
    return InputSpec(shape, dtype, high)


Inputs = tuple[InputSpec, ...]
InputsLike = InputSpec | Sequence[int] | Sequence[InputSpec | Sequence[int]] | None


def as_inputs(value: InputsLike) -> Inputs | None:
    """One shape, one InputSpec or a sequence of either -> a tuple of InputSpecs (None stays)."""
    if value is None:
        return None
    if isinstance(value, InputSpec):
        return (value,)
    items = list(value)
    if items and all(isinstance(d, int) for d in items):
        return (InputSpec(tuple(items)),)
    return tuple(v if isinstance(v, InputSpec) else InputSpec(tuple(v)) for v in items)


def inputs_text(inputs: Iterable[InputSpec], flag: str = "") -> str:
    """``3,224,224 3,224,224``, or with ``flag="--input"``: ``--input 3,224,224 --input …``."""
    return " ".join(f"{flag} {i.text()}".strip() for i in inputs)


def vocabulary(model: nn.Module) -> int | None:
    """The smallest ``nn.Embedding`` vocabulary in ``model``: ids below it fit every table."""
    from torch import nn

    sizes = [m.num_embeddings for m in model.modules() if isinstance(m, nn.Embedding)]
    return min(sizes) if sizes else None


def make_tensor(
    spec: InputSpec, device: torch.device | str, vocab: int | None = None, batch: int = 1
) -> torch.Tensor:
    """A batch for ``spec``: zeros for floats; integer ids ``0, 1, 2, …`` wrapped below the
    bound (``spec.high``, else ``vocab``, else 2) so every id is a valid row of the table."""
    import torch

    dtype = getattr(torch, spec.dtype)
    shape = (batch, *spec.shape)
    if not spec.is_integer or torch.device(device).type == "meta":
        return torch.zeros(shape, dtype=dtype, device=device)
    if spec.dtype == "bool":
        return torch.ones(shape, dtype=dtype, device=device)
    high = spec.high or vocab or 2
    ids = torch.arange(math.prod(shape), device=device) % high
    return ids.reshape(shape).to(dtype)


@dataclass(frozen=True)
class ForwardInputs:
    """The tensors ``forward`` asks for: the names it requires, and those it would also take
    positionally (parameters with defaults), in order."""

    required: tuple[str, ...]
    optional: tuple[str, ...]


def forward_inputs(model: nn.Module | type) -> ForwardInputs:
    """The positional parameters of ``model.forward`` (a module or a module class)."""
    forward = model.forward
    try:
        params = list(inspect.signature(forward).parameters.values())
    except (TypeError, ValueError):
        return ForwardInputs(("input",), ())
    if isinstance(model, type) and params and params[0].name == "self":
        params = params[1:]
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = tuple(p.name for p in positional if p.default is p.empty)
    optional = tuple(p.name for p in positional if p.default is not p.empty)
    if any(p.kind == p.VAR_POSITIONAL for p in params) and not required:
        required = ("input",)
    return ForwardInputs(required, optional)


def _leading(model: nn.Module) -> Any:
    """The first layer that says what the input must be: a conv, a linear or an embedding."""
    from torch import nn

    for module in model.modules():
        if isinstance(module, nn.modules.conv._ConvNd | nn.Linear | nn.Embedding):
            return module
        if isinstance(module, nn.modules.lazy.LazyModuleMixin):
            return None
    return None


def declared_inputs(model: nn.Module) -> Inputs | None:
    """The input the model declares itself: timm's ``pretrained_cfg``/``default_cfg``
    ``input_size``, Lightning's ``example_input_array``, or an ``input_size`` attribute."""
    import torch

    example = getattr(model, "example_input_array", None)
    examples = example if isinstance(example, tuple | list) else [example]
    if examples and all(isinstance(t, torch.Tensor) and t.dim() >= 1 for t in examples):
        return tuple(
            InputSpec(tuple(t.shape[1:]) or (1,), str(t.dtype).removeprefix("torch."))
            for t in examples
        )
    for source in (getattr(model, "pretrained_cfg", None), getattr(model, "default_cfg", None)):
        size = source.get("input_size") if isinstance(source, dict) else None
        if _is_shape(size):
            return (InputSpec(tuple(size)),)
    size = getattr(model, "input_size", None)
    return (InputSpec(tuple(size)),) if _is_shape(size) else None


def _is_shape(value: object) -> bool:
    return (
        isinstance(value, tuple | list)
        and bool(value)
        and all(isinstance(d, int) and d > 0 for d in value)
    )


def suggested_inputs(model: nn.Module, fallback: Sequence[int] = (3, 224, 224)) -> Inputs:
    """A sensible input for a model nobody described: what it declares itself, else one input
    per required ``forward`` argument shaped for its first layer (:func:`first_layer_input`)."""
    declared = declared_inputs(model)
    if declared is not None:
        return declared
    count = max(1, len(forward_inputs(model).required))
    spec = first_layer_input(model, fallback) or InputSpec(tuple(fallback))
    return (spec,) * count


def first_layer_input(
    model: nn.Module, fallback: Sequence[int] = (3, 224, 224)
) -> InputSpec | None:
    """An input shaped for the first layer the model registers (a 1-channel conv gets
    1×224×224, a ``Linear(784, …)`` 784 features, an embedding 16 token ids); None when no
    conv, linear or embedding comes first."""
    from torch import nn

    first = _leading(model)
    if isinstance(first, nn.Embedding):
        return InputSpec((16,), "int64")
    if isinstance(first, nn.Linear):
        return InputSpec((first.in_features,))
    if isinstance(first, nn.modules.conv._ConvNd) and not first.transposed:
        spatial = len(first.kernel_size)
        side = fallback[-1] if spatial == 2 else {1: 128, 3: 16}.get(spatial, 32)
        dims = (side,) * spatial if spatial != 3 else (16, 112, 112)
        return InputSpec((first.in_channels, *dims))
    return None
