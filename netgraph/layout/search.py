"""Finding layers and blocks by text: what the app's Find box searches.

Text is compared normalised (:func:`normalise`): case does not count, and "5x5", "5 x 5" and
"5×5" are one text, so a kernel ("5x5") or a tensor shape ("28x28") typed on any keyboard is
found. A layer is found by its id, label, module path and the shape of the tensor it makes.

A match need not be drawn: a layer inside a closed block is still found, and
:func:`hidden_matches` names the blocks to open to show it, so a search never silently misses
what the model holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netgraph.formatting import format_shape
from netgraph.layout.drawn import hidden_ops
from netgraph.layout.expansion import ExpansionSnapshot, ExpansionState
from netgraph.layout.geometry import Diagram
from netgraph.layout.sizing import frame_title
from netgraph.words import LANGUAGES

_TIMES = re.compile(r"(?<=\d)\s*[x×*]\s*(?=\d)")


def normalise(text: str) -> str:
    """Lower case, every "×" (or "*", or "x" between numbers) a plain "x" with no spaces."""
    return _TIMES.sub("x", text.strip().lower().replace("×", "x"))


def matching_ids(diagram: Diagram, text: str) -> list[str]:
    """Ids of boxes, merge glyphs and frames whose id, label, module path or output shape
    contains ``text`` (normalised), in drawing order."""
    needle = normalise(text)
    if not needle:
        return []
    shapes: dict[str, list[str]] = {}
    for edge in diagram.edges:
        shapes.setdefault(edge.source, []).append(edge.shape)
    elements = [
        (
            e.id,
            f"{e.id} {e.label} {getattr(e, 'sublabel', '')} {getattr(e, 'module_path', '')} "
            + " ".join(shapes.get(e.id, ())),
        )
        for e in (*diagram.boxes, *diagram.glyphs)
    ] + [(f.id, f"{f.id} {f.title}") for f in diagram.frames]
    return list(dict.fromkeys(i for i, hay in elements if needle in normalise(hay)))


@dataclass(frozen=True)
class HiddenMatches:
    """Layers and blocks matching a search that closed blocks keep out of the drawing."""

    count: int = 0
    to_open: frozenset[str] = frozenset()  # the closed blocks that hide them


def hidden_matches(state: ExpansionState | ExpansionSnapshot, text: str) -> HiddenMatches:
    """Matches (by id, label, module path or shape; blocks also by title) inside closed
    blocks."""
    needle = normalise(text)
    if not needle:
        return HiddenMatches()
    graph, index = state.graph, state.index
    count, to_open = 0, set()

    def closed(chain: tuple[str, ...], item: str) -> list[str]:
        """The closed blocks hiding ``item``; none if a closed block draws it round its merge
        (a residual block's ⊕, ReLU and projection shortcut stay on show)."""
        shut = [block for block in chain if not state.is_expanded(block)]
        if shut and index.splits.get(shut[0], {}).get(item) == item:
            return []
        return shut

    left_out = hidden_ops(graph)
    for op, data in graph.ops.nodes(data=True):
        shut = closed(index.chain_of_op[op], op)
        shape = format_shape(data.get("shape"), batch=False, unknown="")
        hay = f"{op} {data.get('label', '')} {data.get('module_path', '')} {shape}"
        if shut and op not in left_out and needle in normalise(hay):
            count += 1
            to_open.update(shut)
    for block, chain in index.block_chain.items():
        shut = closed(chain[:-1], block)  # a closed block is itself drawn, as one box
        if len(shut) == 1 and block in index.splits.get(shut[0], {}).values():
            shut = []  # a projection shortcut's block, drawn beside its closed residual block
        titles = " ".join(frame_title(graph, index.names, block, lang) for lang in LANGUAGES)
        if shut and needle in normalise(f"{block} {titles}"):
            count += 1
            to_open.update(shut)
    return HiddenMatches(count, frozenset(to_open))
