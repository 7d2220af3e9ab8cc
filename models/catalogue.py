"""What the model browser lists: the book's networks (titles, sections, notes) and torchvision's
model names, kept in the disk cache (:mod:`models.cache`) between starts.

Listing them imports torch and torchvision, seconds on a small machine, yet the list only
changes with the software: the app shows the cached list at once and reads the real one only
when there is none. A spec read back from the cache is an *outline*: every field but ``build``,
which asks the registry for the real builder when a model is first built. No torch, no Qt here.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from models.cache import entry_name, read_entry, write_entry
from models.registry import ModelSpec, TrainPreset, book_models, get_spec, torchvision_names

Catalogue = tuple[list[ModelSpec], list[str]]  # the book's specs in chapter order, torchvision's
KIND = "catalogue"


def spec_data(spec: ModelSpec) -> dict[str, Any]:
    """Every field of ``spec`` but its builder, as JSON data."""
    data = {k: v for k, v in asdict(spec).items() if k != "build"}
    data["input_size"] = list(spec.input_size)
    return data


def outline_spec(data: dict[str, Any]) -> ModelSpec:
    """A spec from :func:`spec_data`; building it resolves the real one through the registry."""
    fields = dict(data)
    fields["input_size"] = tuple(int(n) for n in fields["input_size"])
    preset = fields.get("preset")
    fields["preset"] = TrainPreset(**preset) if isinstance(preset, dict) else None
    name, size = fields["name"], fields["input_size"]
    return ModelSpec(build=lambda: get_spec(name, size).build(), **fields)


def load_catalogue() -> Catalogue:
    """The real list (imports torch and torchvision), stored for the next start."""
    book, names = book_models(), torchvision_names()
    write_entry(KIND, entry_name(KIND), {"book": [spec_data(s) for s in book], "names": names})
    return book, names


def cached_catalogue() -> Catalogue | None:
    """The list as the last start stored it, or None (then :func:`load_catalogue`)."""
    data = read_entry(KIND, entry_name(KIND))
    try:
        return [outline_spec(d) for d in data["book"]], [str(n) for n in data["names"]]
    except (TypeError, KeyError, ValueError):
        return None
