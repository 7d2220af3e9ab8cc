"""What the model browser lists: the book's networks (titles, sections, notes), torchvision's
model names by group and timm's names (when timm is installed), kept in the disk cache
(:mod:`models.cache`) between starts.

Listing them imports torch, torchvision (and timm), seconds on a small machine, yet the list only
changes with the software: the app shows the cached list at once and reads the real one only
when there is none. A spec read back from the cache is an *outline*: every field but ``build``,
which asks the registry for the real builder when a model is first built. No torch, no Qt here.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from models.cache import entry_name, read_entry, write_entry
from models.inputs import InputSpec
from models.registry import ModelSpec, TrainPreset, book_models, get_spec, timm_names

# the book's specs in chapter order, torchvision's names -> their group, timm's names
Catalogue = tuple[list[ModelSpec], dict[str, str], list[str]]
KIND = "catalogue"


def spec_data(spec: ModelSpec) -> dict[str, Any]:
    """Every field of ``spec`` but its builder, as JSON data."""
    data = {k: v for k, v in asdict(spec).items() if k != "build"}
    data["input_size"] = list(spec.input_size)
    data["inputs"] = [[list(i.shape), i.dtype, i.high] for i in spec.inputs]
    return data


def outline_spec(data: dict[str, Any]) -> ModelSpec:
    """A spec from :func:`spec_data`; building it resolves the real one through the registry."""
    fields = dict(data)
    fields["input_size"] = tuple(int(n) for n in fields["input_size"])
    fields["inputs"] = tuple(
        InputSpec(tuple(int(n) for n in shape), str(dtype), None if high is None else int(high))
        for shape, dtype, high in fields.get("inputs", ())
    )
    preset = fields.get("preset")
    fields["preset"] = TrainPreset(**preset) if isinstance(preset, dict) else None
    name, inputs = fields["name"], fields["inputs"] or None
    return ModelSpec(build=lambda: get_spec(name, inputs).build(), **fields)


def load_catalogue() -> Catalogue:
    """The real list (imports torch and torchvision), stored for the next start."""
    from models.zoo import torchvision_groups

    book, groups, timm = book_models(), torchvision_groups(), timm_names()
    data = {"book": [spec_data(s) for s in book], "groups": groups, "timm": timm}
    write_entry(KIND, entry_name(KIND), data)
    return book, groups, timm


def cached_catalogue() -> Catalogue | None:
    """The list as the last start stored it, or None (then :func:`load_catalogue`)."""
    data = read_entry(KIND, entry_name(KIND))
    try:
        book = [outline_spec(d) for d in data["book"]]
        groups = {str(n): str(g) for n, g in data["groups"].items()}
        return book, groups, [str(n) for n in data["timm"]]
    except (TypeError, KeyError, ValueError, AttributeError):
        return None
