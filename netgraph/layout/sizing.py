"""Phase 0: what each visible item says and how big it is drawn.

Boxes are the book's full-width rectangles, widened only where a label needs it (text width is
estimated per character, the same estimate the geometry tests check); merges are small glyphs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from netgraph.formatting import format_count, format_shape
from netgraph.model import ModuleInfo, NetGraph

LABEL_CHAR_W = 7.2  # px per character at the 12 px label font
SUBLABEL_CHAR_W = 6.2  # px per character at the 10.5 px sublabel font
TEXT_PAD = 12.0  # each side
BOX_W = 176.0
BOX_H = 40.0
GLYPH_R = 11.0
TITLE_H = 20.0
GLYPH_KINDS = {"add": "add", "concat": "concat"}


@dataclass
class ItemLook:
    kind: str  # op kind, or "block"
    label: str
    sublabel: str
    w: float
    h: float
    glyph: str | None = None  # "add" / "concat" for merge ops drawn as glyphs
    block_kind: str | None = None
    repeat: int = 1
    tooltip: str = ""


def text_width(label: str, sublabel: str = "") -> float:
    """The width a box needs so neither line overflows."""
    return math.ceil(max(len(label) * LABEL_CHAR_W, len(sublabel) * SUBLABEL_CHAR_W) + 2 * TEXT_PAD)


def shape_text(shape) -> str:
    """C×H×W without the batch dimension ("" if unknown)."""
    return format_shape(shape, batch=False, unknown="")


def _sub(shape, params: int) -> str:
    parts = [shape_text(shape)] if shape_text(shape) else []
    if params:
        parts.append(f"{format_count(params)} params")
    return " · ".join(parts)


def op_look(graph: NetGraph, op: str) -> ItemLook:
    data = graph.ops.nodes[op]
    kind = data.get("kind", "other")
    label = data.get("label") or op
    sub = _sub(data.get("shape"), data.get("params", 0))
    tip = f"{label}\n{sub}\n{op} in {data.get('module_path') or 'the model'}"
    if kind in GLYPH_KINDS:
        return ItemLook(kind, label, sub, 2 * GLYPH_R, 2 * GLYPH_R, GLYPH_KINDS[kind], tooltip=tip)
    return ItemLook(kind, label, sub, max(BOX_W, text_width(label, sub)), BOX_H, tooltip=tip)


def block_look(graph: NetGraph, members: list[str]) -> ItemLook:
    """A collapsed block, or a folded run of identical ones ("×N")."""
    first, last = graph.modules[members[0]], graph.modules[members[-1]]
    name = first.path if len(members) == 1 else f"{first.path}…{last.path}"
    label = f"{block_title(first)} ({graph.block_names.get(name, name)})"
    params = sum(graph.modules[m].params for m in members)
    sub = _sub(last.output_shape, params)
    if len(members) > 1:
        sub = f"×{len(members)} · {sub}"
    return ItemLook(
        "block",
        label,
        sub,
        max(BOX_W, text_width(label, sub)),
        BOX_H,
        block_kind=first.structure,
        repeat=len(members),
        tooltip=f"{label}\n{sub}\nclick to expand",
    )


# Containers whose class name says nothing about the block (the book builds its transition and
# conv blocks as plain nn.Sequential): a recognised structure names them better.
_GENERIC_CONTAINERS = {"Sequential", "ModuleList", "ModuleDict"}
_STRUCTURE_TITLES = {
    "inception": "Inception",
    "residual": "Residual",
    "dense": "Dense block",
    "transition": "Transition",
}


def block_title(info: ModuleInfo) -> str:
    """The name a block is drawn with: its class, or its recognised kind for a bare container."""
    if info.type_name in _GENERIC_CONTAINERS and info.structure in _STRUCTURE_TITLES:
        return _STRUCTURE_TITLES[info.structure]
    return info.type_name


def frame_title(graph: NetGraph, path: str) -> str:
    """An expanded block's title: "Inception 2.0", or "b3 (Sequential 2)" if the book names it."""
    title = f"{block_title(graph.modules[path])} {path}"
    book = graph.block_names.get(path)
    return f"{book} ({title})" if book else title
