"""One registry for every model NetAtlas knows: the book's networks, torchvision's, a user's file.

The CLI, the app's model browser and the tests all read this registry, so a network is added in
one place (its own file under ``models/book/``, decorated with :func:`register_model`).

Names:
- a bare name (``resnet18``) is one of the book's networks;
- ``torchvision.NAME`` is any torchvision model (classification, detection, segmentation, video,
  optical flow, quantized; ``models/zoo.py``), built without weights;
- ``timm.NAME`` is a timm model (``pretrained=False``) when the optional ``timm`` is installed;
- ``path/to/file.py:Name`` is a class or factory function in a user's file.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from errors import ModelNotFoundError
from models.inputs import Inputs, InputsLike, InputSpec, as_inputs

if TYPE_CHECKING:  # the registry itself stays torch-free: the app lists models before torch loads
    from torch import nn

InputSize = tuple[int, ...]  # one input's shape without the batch dimension: (C, H, W) for images


@dataclass(frozen=True)
class TrainPreset:
    """The book's training settings for a network (``resize`` None = the data set's own size)."""

    lr: float
    epochs: int
    batch_size: int
    resize: int | None


@dataclass(frozen=True)
class ModelSpec:
    """Everything needed to build, draw and train one model."""

    name: str
    build: Callable[[], nn.Module]
    input_size: InputSize  # the first input's shape (kept equal to ``inputs[0].shape``)
    family: str  # "book", "torchvision", "timm" or "user"
    title: str
    section: str = ""  # the book's section, e.g. "7.4" (zh.d2l.ai numbering)
    preset: TrainPreset | None = None
    notes: dict[str, str] = field(default_factory=dict)  # language code -> "why" note
    num_classes: int = 10
    # the book's names of blocks that PyTorch only numbers: {"2": "b3", "0": "VGG block 1"};
    # netgraph.layout.names derives the others (translated terms: netgraph.words)
    block_names: dict[str, str] = field(default_factory=dict)
    # every positional input of forward; () = one float input of ``input_size``
    inputs: Inputs = ()
    group: str = ""  # where the browser lists it: "classification", "detection", …

    def __post_init__(self) -> None:
        inputs = self.inputs or (InputSpec(tuple(self.input_size)),)
        object.__setattr__(self, "inputs", inputs)
        object.__setattr__(self, "input_size", inputs[0].shape)

    def note(self, lang: str = "en") -> str:
        """The note in ``lang``, falling back to English."""
        return self.notes.get(lang) or self.notes.get("en", "")

    def with_input_size(self, size: InputsLike) -> ModelSpec:
        """The spec fed ``size``: one shape, an InputSpec, or one of either per input."""
        inputs = as_inputs(size)
        if inputs is None:
            return self
        return replace(self, inputs=inputs, input_size=inputs[0].shape)


_BOOK: dict[str, ModelSpec] = {}


def book_block_names(count: int) -> dict[str, str]:
    """The book's b1, b2, … for the first ``count`` children of an ``nn.Sequential``."""
    return {str(i): f"b{i + 1}" for i in range(count)}


def numbered_names(paths: list[str], term: str) -> dict[str, str]:
    """ "VGG block 1", "VGG block 2", … for ``paths`` in reading order (not by module index)."""
    return {path: f"{term} {i + 1}" for i, path in enumerate(paths)}


# Modules under models/book/ that register networks, in the book's chapter order.
_BOOK_MODULES = (
    "lenet",
    "alexnet",
    "vgg",
    "nin",
    "googlenet",
    "batchnorm",
    "resnet",
    "densenet",
)


def register_model(
    name: str,
    *,
    title: str,
    input_size: InputSize,
    section: str,
    preset: TrainPreset | None,
    note_en: str,
    note_zh: str,
    block_names: dict[str, str] | None = None,
) -> Callable[[Callable[[], nn.Module]], Callable[[], nn.Module]]:
    """Decorator: register a builder of one of the book's networks under ``name``."""

    def wrap(builder: Callable[[], nn.Module]) -> Callable[[], nn.Module]:
        if name in _BOOK:
            raise ValueError(f"model {name!r} registered twice")
        _BOOK[name] = ModelSpec(
            name=name,
            build=builder,
            input_size=input_size,
            family="book",
            title=title,
            section=section,
            preset=preset,
            notes={"en": note_en, "zh": note_zh},
            block_names=block_names or {},
        )
        return builder

    return wrap


def _load_book() -> dict[str, ModelSpec]:
    """The book's networks in chapter order, whatever order their modules were imported in
    (importing one module directly, e.g. for its blocks, registers only its own networks)."""
    for module in _BOOK_MODULES:
        importlib.import_module(f"models.book.{module}")  # cached after the first call
    chapter = {f"models.book.{module}": i for i, module in enumerate(_BOOK_MODULES)}
    in_order = sorted(_BOOK.values(), key=lambda spec: chapter[spec.build.__module__])
    return {spec.name: spec for spec in in_order}


def book_models() -> list[ModelSpec]:
    """The book's networks in chapter order."""
    return list(_load_book().values())


def natural_key(name: str) -> list[str | int]:
    """Sorts numbers by value: resnet18, resnet34, resnet50, resnet101, resnet152."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())]


def torchvision_names() -> list[str]:
    """``torchvision.NAME`` for every model torchvision offers, classification first."""
    from models.zoo import torchvision_names as names

    return names()


def timm_names() -> list[str]:
    """``timm.NAME`` for every timm architecture; [] when the optional timm is not installed."""
    from models.zoo import timm_names as names

    return names()


def list_models(include_torchvision: bool = True) -> list[str]:
    names = [spec.name for spec in book_models()]
    if include_torchvision:
        names += torchvision_names()
    return names


def _unknown_message(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return f"Unknown model {name!r}.{hint} Run 'main.py list' to see all models."


def file_stem(name: str) -> str:
    """A file name for a model's figure: "resnet18", "densenet121" for torchvision's, the
    class or function name for a user's ``file.py:Net``."""
    stem = name.rpartition(":")[2] if ".py:" in name else name
    stem = stem.removeprefix("torchvision.").removesuffix(".py")
    return (
        "".join(c if c.isalnum() or c in "-_." else "_" for c in stem.rpartition("/")[2]) or "model"
    )


def is_user_reference(name: str) -> bool:
    """``path/file.py:Name`` (or a bare ``file.py``): a user's file, whose code runs to load."""
    return ".py:" in name or name.endswith(".py")


def get_spec(name: str, input_size: InputsLike = None) -> ModelSpec:
    """Resolve a model name of any of the four forms into its spec, fed ``input_size`` if given
    (one shape, or one InputSpec per positional input).

    Raises ``ModelNotFoundError`` (with the closest names) or ``UserModelError``.
    """
    if name.startswith(("torchvision.", "timm.")):
        from models.zoo import zoo_spec

        spec = zoo_spec(name)
    elif is_user_reference(name):
        from models.user import user_spec

        spec = user_spec(name)
    else:
        book = _load_book()
        if name not in book:
            raise ModelNotFoundError(
                _unknown_message(name, list(book) + [f"torchvision.{n}" for n in _tv_short()])
            )
        spec = book[name]
    return spec.with_input_size(input_size)


def _tv_short() -> list[str]:
    try:
        from models.zoo import torchvision_names as names

        return [n.removeprefix("torchvision.") for n in names()]
    except ImportError:
        return []
