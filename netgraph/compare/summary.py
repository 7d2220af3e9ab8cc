"""The difference summary of a comparison: per stage, each network's layers and output shape
side by side; parameters and MACs with their ratio to the first network.

A stage is where the feature maps have one size: ops are grouped by the side of their output
(56×56 and 54×54 fall in one stage, log₂ of the side rounded), flat outputs (after Flatten or
global pooling) form the last stage. The compare view shows it under the columns and
``main.py info A B`` prints it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from netgraph.formatting import format_count, format_macs, format_shape
from netgraph.model import NetGraph
from netgraph.words import word

FLAT = "flat"
TOKENS = "tokens"  # a sequence of vectors (a transformer's): batch × tokens × width
# Which ops a stage counts as its layers, in the order they are listed.
LAYER_WORDS = {
    "conv": "conv",
    "linear": "FC",
    "pool": "pool",
    "bn": "BN",
    "norm": "norm",
    "attention": "attention",
    "add": "add",
    "concat": "concat",
}


@dataclass
class Part:
    """What one column shows: a whole network, or one of its blocks."""

    title: str
    graph: NetGraph
    block: str | None = None

    @property
    def ops(self) -> list[str]:
        if self.block:
            return list(self.graph.modules[self.block].ops)
        return list(self.graph.ops.nodes)

    @property
    def params(self) -> int:
        return self.graph.modules[self.block].params if self.block else self.graph.total_params

    @property
    def macs(self) -> int:
        return self.graph.modules[self.block].macs if self.block else self.graph.total_macs


@dataclass
class Cell:
    """One network's layers in one stage."""

    layers: dict[str, int]  # "conv" → 3, in LAYER_WORDS order
    output_shape: tuple[int, ...] | None  # of the stage's last op, without the batch
    sides: str = ""  # the maps' size, e.g. "56×56"

    @property
    def text(self) -> str:
        return self.text_in("en")

    def text_in(self, lang: str) -> str:
        """ "3 conv, 1 pool → 256×12×12"; the layer words in ``lang`` (the app's table)."""
        layers = ", ".join(f"{n} {word(w, lang)}" for w, n in self.layers.items())
        shape = format_shape(self.output_shape, unknown="")
        if not layers:  # only reshaping here (NiN's flatten): just what comes out
            return f"→ {shape}" if shape else "—"
        return f"{layers} → {shape}" if shape else layers


@dataclass
class Stage:
    key: int | str  # the level (log₂ of the side) or FLAT
    label: str  # "56×56 · 54×54", or "flat"
    cells: list[Cell | None]

    def label_in(self, lang: str) -> str:
        if self.key == TOKENS:
            return self.label.replace(TOKENS, word(TOKENS, lang))
        return word(self.label, lang) if self.label == FLAT else self.label


@dataclass
class DifferenceSummary:
    titles: list[str]
    stages: list[Stage]
    params: list[int]
    macs: list[int]
    ratios: list[tuple[float, float]] = field(default_factory=list)  # params, MACs ÷ the first

    def headline(self) -> str:
        """ "VGG-11 has 2.78× the params and 10.8× the MACs of AlexNet; NiN 0.03× and 1.2×"."""
        if len(self.titles) < 2:
            return ""
        first = self.titles[0]
        parts = []
        for i, (title, (p, m)) in enumerate(zip(self.titles[1:], self.ratios[1:], strict=True)):
            if i == 0:
                parts.append(
                    f"{title} has {ratio_text(p)} the params and {ratio_text(m)} the MACs "
                    f"of {first}"
                )
            else:
                parts.append(f"{title} {ratio_text(p)} and {ratio_text(m)}")
        return "; ".join(parts) + "."

    def to_json(self) -> dict:
        return {
            "models": self.titles,
            "stages": [
                {
                    "label": s.label,
                    "cells": [
                        None
                        if c is None
                        else {
                            "layers": c.layers,
                            "output_shape": list(c.output_shape) if c.output_shape else None,
                            "sides": c.sides,
                            "text": c.text,
                        }
                        for c in s.cells
                    ],
                }
                for s in self.stages
            ],
            "params": self.params,
            "macs": self.macs,
            "params_ratio": [r[0] for r in self.ratios],
            "macs_ratio": [r[1] for r in self.ratios],
            "headline": self.headline(),
        }


def ratio_text(ratio: float) -> str:
    """1.7× for 1.7, 758× for 758.3, 0.03× for 0.0312: two significant digits at most."""
    if not math.isfinite(ratio):
        return "—"
    if ratio >= 10:
        return f"{ratio:,.0f}×"
    return f"{float(f'{ratio:.2g}'):g}×"


def _stage_of(shape) -> tuple[int | str, str] | None:
    if not shape or len(shape) < 2:
        return None
    if len(shape) == 4 and shape[2] * shape[3] > 0:
        side = math.sqrt(shape[2] * shape[3])
        return round(math.log2(side)), f"{shape[2]}×{shape[3]}"
    if len(shape) == 3 and shape[1] > 0:
        return TOKENS, str(shape[1])
    if len(shape) == 2:
        return FLAT, ""
    return None


def _cells(part: Part) -> dict[int | str, Cell]:
    graph = part.graph
    order = {op: graph.ops.nodes[op].get("order", 0) for op in part.ops}
    cells: dict[int | str, Cell] = {}
    for op in sorted(order, key=order.get):
        data = graph.ops.nodes[op]
        if data.get("kind") in ("input", "output"):
            continue
        stage = _stage_of(data.get("shape"))
        if stage is None:
            continue
        key, sides = stage
        cell = cells.setdefault(key, Cell({}, None, sides))
        if key == TOKENS:  # the sequence's length as it leaves (not a reshape on the way in)
            cell.sides = sides
        word = LAYER_WORDS.get(data.get("kind", ""))
        if word:
            cell.layers[word] = cell.layers.get(word, 0) + 1
        shape = data.get("shape")
        cell.output_shape = tuple(shape[1:]) if shape else None
    for cell in cells.values():
        cell.layers = {w: cell.layers[w] for w in LAYER_WORDS.values() if w in cell.layers}
    return cells


def difference_summary(parts: list[Part]) -> DifferenceSummary:
    """The stages of every part, largest maps first, then token sequences, flat last; totals
    and ratios."""
    per_part = [_cells(p) for p in parts]
    keys = {k for cells in per_part for k in cells}
    ordered = sorted((k for k in keys if k not in (FLAT, TOKENS)), reverse=True)
    ordered += [k for k in (TOKENS, FLAT) if k in keys]
    stages = []
    for key in ordered:
        cells = [cells.get(key) for cells in per_part]
        sides = list(dict.fromkeys(c.sides for c in cells if c is not None and c.sides))
        label = " · ".join(sides) if sides else FLAT
        stages.append(Stage(key, f"{label} {TOKENS}" if key == TOKENS else label, cells))
    params = [p.params for p in parts]
    macs = [p.macs for p in parts]
    ratios = [(_ratio(p, params[0]), _ratio(m, macs[0])) for p, m in zip(params, macs, strict=True)]
    return DifferenceSummary([p.title for p in parts], stages, params, macs, ratios)


def _ratio(value: int, base: int) -> float:
    return value / base if base else math.inf


def summary_text(summary: DifferenceSummary) -> str:
    """The summary as a plain table (``main.py info A B``)."""
    header = ["Stage", *summary.titles]
    body = [[s.label, *(c.text if c else "—" for c in s.cells)] for s in summary.stages]
    body.append(
        ["Params"]
        + [
            format_count(p) + ("" if i == 0 else f" ({ratio_text(r[0])})")
            for i, (p, r) in enumerate(zip(summary.params, summary.ratios, strict=True))
        ]
    )
    body.append(
        ["MACs"]
        + [
            format_macs(m) + ("" if i == 0 else f" ({ratio_text(r[1])})")
            for i, (m, r) in enumerate(zip(summary.macs, summary.ratios, strict=True))
        ]
    )
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "─" * len(line(header))
    lines = [rule, line(header), rule, *map(line, body[:-2]), rule, *map(line, body[-2:]), rule]
    if summary.headline():
        lines.append(summary.headline())
    return "\n".join(lines)
