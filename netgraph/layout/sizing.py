"""Phase 0: what each visible item says and how big it is drawn.

Boxes are the book's full-width rectangles, widened only where a label needs it; merges are
small glyphs, except an Inception block's concatenation: a box spanning its branches. Text is
measured with a per-character estimate of DejaVu Sans (CJK characters one em wide), the
estimate the renderer fits its fonts into and the geometry tests check.

Two styles: "detailed" shows every op with its shape and parameters; "book" words and shows
only what the book's figures do (no shapes in boxes: each shape is shown once, on its edge).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from netgraph.formatting import format_count, format_shape
from netgraph.labels import op_label
from netgraph.layout.names import localise, run_name
from netgraph.model import NetGraph
from netgraph.words import is_wide, sentence, word

STYLES = ("detailed", "book")
LABEL_PX, SUBLABEL_PX, TITLE_PX, EDGE_LABEL_PX, MARK_PX = 12, 11, 11, 10, 13
TEXT_PAD = 12.0  # each side
BOX_W = 176.0
BOX_H = 40.0
BOOK_BOX_H = 34.0  # one line of text
GLYPH_R = 11.0
CONCAT_R = 14.0  # a [ , ] box, wide enough to read
TITLE_H = 20.0
EDGE_LABEL_H = 14.0
MAX_EQUAL_W = 320.0  # the book's equal widths, unless one label needs more than this
GLYPH_KINDS = {"add": "add", "concat": "concat"}

# DejaVu Sans advances in em (regular weight); bold is ~13 % wider.
_NARROW = set(" ,.·:;'|!il")
_BRACKETS = set("()[]{}")
_MEDIUM = set("–-_/")


@functools.lru_cache(maxsize=4096)
def _char_em(ch: str) -> float:
    if is_wide(ch):
        return 1.0
    if ch.isdigit():
        return 0.64
    if ch == "×":
        return 0.84
    if ch in _NARROW:
        return 0.33
    if ch in _BRACKETS:
        return 0.40
    if ch in _MEDIUM:
        return 0.50
    if ch.isupper():
        return 0.72
    if ch.islower():
        return 0.60
    return 0.92  # …, +, =, %, symbols


def text_extent(text: str, px: float, bold: bool = False) -> float:
    """Estimated width of ``text`` at ``px`` pixels in DejaVu Sans (CJK from the CJK font)."""
    return _text_em(text) * px * (1.13 if bold else 1.0)


@functools.lru_cache(maxsize=8192)
def _text_em(text: str) -> float:
    """A text's width in em; every layout measures the same labels again (cached)."""
    return sum(map(_char_em, text))


def text_width(label: str, sublabel: str = "") -> float:
    """The width a box needs so neither line overflows."""
    widest = max(text_extent(label, LABEL_PX, bold=True), text_extent(sublabel, SUBLABEL_PX))
    return math.ceil(widest + 2 * TEXT_PAD)


def title_size(title: str) -> tuple[float, float]:
    """A frame title's footprint (bold, drawn at the frame's top-left corner)."""
    return math.ceil(text_extent(title, TITLE_PX, bold=True)) + 4.0, 16.0


def edge_label_size(text: str) -> tuple[float, float]:
    """An edge label's footprint: the text on a small halo."""
    return math.ceil(text_extent(text, EDGE_LABEL_PX)) + 6.0, EDGE_LABEL_H


def mark_width(mark: str) -> float:
    """Room for a folded run's "N ×" badge at the left end of its box."""
    return math.ceil(text_extent(mark, MARK_PX, bold=True)) + 10.0 if mark else 0.0


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
    span: bool = False  # a concatenation box widened to span its branches
    caption: str = ""  # a glyph's name, drawn beside it
    mark: str = ""  # "2 ×": a folded run, drawn at the box's left end


@dataclass(frozen=True)
class Wording:
    """How one diagram words its items."""

    style: str = "detailed"
    lang: str = "en"

    @property
    def book(self) -> bool:
        return self.style == "book"


def shape_text(shape) -> str:
    """C×H×W without the batch dimension ("" if unknown)."""
    return format_shape(shape, batch=False, unknown="")


def shape_range(shapes: list) -> str:
    """ "256…480×12×12" for a run whose members differ only in channels, "A … B" otherwise."""
    first, last = shape_text(shapes[0]), shape_text(shapes[-1])
    if first == last:
        return first
    head_a, _, tail_a = first.partition("×")
    head_b, _, tail_b = last.partition("×")
    if tail_a == tail_b and tail_a:
        return f"{head_a}…{head_b}×{tail_a}"
    return f"{first} … {last}"


def _sub(shape, params: int, lang: str, body: bool = False) -> str:
    """Shape and params; ``body``: the params of a block's body only (its shortcut drawn
    outside it), said so."""
    parts = [shape_text(shape)] if shape_text(shape) else []
    if params:
        parts.append(
            f"{format_count(params)} {word('params in its body' if body else 'params', lang)}"
        )
    return " · ".join(parts)


def item_label(graph: NetGraph, op: str, wording: Wording) -> str:
    """An op's label in the diagram's language and style (the graph keeps the English one)."""
    data = graph.ops.nodes[op]
    if wording.lang == "en" and not wording.book:
        return data.get("label") or op
    type_name = data.get("module_type", "") if data.get("op") == "call_module" else ""
    return op_label(
        data.get("kind", "other"),
        type_name,
        str(data.get("target", "")),
        data.get("hparams") or {},
        data.get("shape"),
        wording.lang,
        wording.book,
    )


def op_look(
    graph: NetGraph, op: str, wording: Wording, folded_in: list[str], span: bool = False
) -> ItemLook:
    data = graph.ops.nodes[op]
    kind = data.get("kind", "other")
    label = item_label(graph, op, wording)
    activations = [o for o in folded_in if graph.ops.nodes[o].get("kind") in ("relu", "activation")]
    if activations:
        label = " · ".join([label, *(item_label(graph, a, wording) for a in activations)])
    lang = wording.lang
    sub = _sub(data.get("shape"), data.get("params", 0), lang)
    module = data.get("module_path") or sentence("the model", lang)
    full = item_label(graph, op, Wording("detailed", lang))
    tip = f"{full}\n{sub}\n{sentence('where', lang, op=op, module=module)}"
    if folded_in:
        names = ", ".join(item_label(graph, o, Wording("detailed", lang)) for o in folded_in)
        tip += "\n" + sentence("then", lang, ops=names)
    shown = "" if wording.book else sub
    if span:
        label = word("Concat", wording.lang)
        w = text_width(label, shown)
        return ItemLook(kind, label, shown, w, _box_h(shown), tooltip=tip, span=True)
    if kind in GLYPH_KINDS:
        r = CONCAT_R if kind == "concat" else GLYPH_R
        caption = word("Concat", wording.lang) if kind == "concat" else ""
        glyph_tip = f"{label}\n{tip}"
        return ItemLook(
            kind, label, sub, 2 * r, 2 * r, GLYPH_KINDS[kind], tooltip=glyph_tip, caption=caption
        )
    return ItemLook(
        kind, label, shown, max(BOX_W, text_width(label, shown)), _box_h(shown), tooltip=tip
    )


def _box_h(sublabel: str) -> float:
    return BOX_H if sublabel else BOOK_BOX_H


def block_look(
    graph: NetGraph, names: dict[str, str], members: list[str], ops: list[str], wording: Wording
) -> ItemLook:
    """A collapsed block (its ``ops``: all of them, or its body when drawn round its merge), or
    a folded run of repeated ones ("N ×")."""
    first = graph.modules[members[0]]
    lang = wording.lang
    member_names = [names.get(m, m) for m in members]
    label = localise(run_name(member_names) if len(members) > 1 else member_names[0], lang)
    params = sum(graph.ops.nodes[o].get("params", 0) for o in ops)
    # drawn round its merge, its shortcut's weights outside the box
    body = len(members) == 1 and len(ops) < len(first.ops) and params != first.params
    last_shape = graph.ops.nodes[ops[-1]].get("shape") if ops else None
    if len(members) > 1:
        shapes = [graph.modules[m].output_shape for m in members]
        shape = shape_range(shapes)
        sub = (
            shape if wording.book else " · ".join(p for p in (shape, _sub(None, params, lang)) if p)
        )
    else:
        sub = "" if wording.book else _sub(last_shape, params, lang, body)
    mark = f"{len(members)} ×" if len(members) > 1 else ""
    path = members[0] if len(members) == 1 else f"{members[0]} … {members[-1]}"
    tip = f"{label} ({first.type_name} {path})\n{_sub(last_shape, params, lang, body)}"
    if body:
        tip += "\n" + sentence("body", lang, params=format_count(first.params))
    tip += "\n" + sentence("open", lang)
    w = max(BOX_W, text_width(label, sub)) + mark_width(mark)
    return ItemLook(
        "block",
        label,
        sub,
        w,
        _box_h(sub),
        block_kind=first.structure,
        repeat=len(members),
        tooltip=tip,
        mark=mark,
    )


def frame_title(
    graph: NetGraph,
    names: dict[str, str],
    path: str,
    lang: str = "en",
    run: list[str] | None = None,
) -> str:
    """An expanded block's title: its name ("Inception 3", "b3"); the first member of a folded
    run speaks for the run: "2 × Inception 1–2"."""
    if run and len(run) > 1:
        return f"{len(run)} × {localise(run_name([names.get(m, m) for m in run]), lang)}"
    return localise(names.get(path, path), lang)
