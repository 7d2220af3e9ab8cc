"""What a compare view lines up: each column's drawn items as a tree of *units* (a frame's
units are the items directly inside it), in the order the data meets them.

A unit knows what it is (a category: conv, pool, dense, a block of some kind, a merge, …) and
the spatial size of the feature maps entering it (from the graph's shapes), which is all the
alignment (:mod:`netgraph.compare.align`) compares.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from netgraph.layout.geometry import Diagram, Rect
from netgraph.layout.stretch import flow_axis, upstream_border, upstream_sign
from netgraph.memo import PerGraph
from netgraph.model import NetGraph

_CATEGORY = {
    "linear": "dense",
    "bn": "norm",
    "relu": "act",
    "activation": "act",
    "flatten": "reshape",
    "add": "merge:add",
    "concat": "merge:concat",
    "mul": "merge:mul",
}


@dataclass
class Unit:
    """One drawn item: a box, a merge glyph or an open block's frame (with its units)."""

    id: str
    role: str  # "box", "glyph" or "frame"
    category: str  # "conv", "pool", "pool:global", "dense", "block:residual", "merge:add", …
    rect: Rect
    side: tuple[int, int] | None = None  # height×width of the feature maps entering it
    children: list[Unit] = field(default_factory=list)
    head: str = ""  # what its label says it is, without the counts: "5×5 Conv", "NiN block"
    sort: str = ""  # the kind of layer, finer than the category: "conv:1×1", "pool:max", …

    # read thousands of times by the alignment: worked out once (after the category is set)
    @cached_property
    def is_block(self) -> bool:
        return self.category.startswith("block:")

    @cached_property
    def family(self) -> str:
        """The category without its kind: "block", "merge", or the category itself."""
        return self.category.partition(":")[0]

    @cached_property
    def level(self) -> int | None:
        """log₂ of the maps' side, rounded: 56×56 and 54×54 are one level, 28×28 the next."""
        if self.side is None:
            return None
        return round(math.log2(math.sqrt(self.side[0] * self.side[1])))


def _category(kind: str, block_kind: str | None = None) -> str:
    if kind == "block":
        return f"block:{block_kind or 'block'}"
    return _CATEGORY.get(kind, kind)


def _head(label: str) -> str:
    """ "5×5 Conv (16), pad 2 · Sigmoid" → "5×5 Conv"; "VGG block 3" → "VGG block"."""
    head = re.split(r" \(|,| ·", label, maxsplit=1)[0].strip()
    return re.sub(r"\s*\d+$", "", head)


def layer_sort(graph: NetGraph, op: str) -> str:
    """What kind of layer an op is, as finely as "only in this network" needs: a convolution by
    its kernel (NiN's 1×1 beside VGG's 3×3), a pool as max or average, an activation by its
    function (one folded into a box's label counts as much as one drawn alone)."""
    node = graph.ops.nodes[op]
    kind, hp = node.get("kind", ""), node.get("hparams") or {}
    category = _category(kind)
    if category == "conv":
        size = hp.get("kernel_size")
        size = tuple(size) if isinstance(size, (list, tuple)) else (size,) * 2
        return "conv:" + "×".join(str(k) for k in size)
    named = f"{node.get('module_type', '')} {node.get('target', '')}".lower()
    if category == "pool":
        pool = "pool:global" if _is_global(graph, op) else "pool"
        return f"{pool}:{'max' if 'max' in named else 'avg'}"
    if kind == "activation":
        return f"act:{node.get('module_type') or str(node.get('target', '')).rpartition('.')[2]}"
    if "identity" in named:  # a placeholder (timm's Identity): no layer at all
        return "identity"
    return "act:relu" if kind == "relu" else category


# every kind of layer of a graph, worked out once (comparing a model again is common)
_layer_sorts = PerGraph(lambda graph: frozenset(layer_sort(graph, op) for op in graph.ops), 16)


def network_sorts(graph: NetGraph, tree: list[Unit], only: str | None = None) -> set[str]:
    """Every kind of layer a network has (drawn, folded or inside a closed block; ``only``: in
    that block, a figure of one block) and every kind of block it draws."""
    if only:
        sorts = {layer_sort(graph, op) for op in graph.modules[only].ops}
    else:
        sorts = set(_layer_sorts(graph))

    def walk(units: list[Unit]) -> None:
        for unit in units:
            sorts.add(unit.sort)
            walk(unit.children)

    walk(tree)
    return sorts


def _is_global(graph: NetGraph, item: str) -> bool:
    """A pooling layer whose output is 1×1: global pooling, which NiN brought in."""
    shape = graph.ops.nodes[item].get("shape") if item in graph.ops else None
    return bool(shape) and len(shape) == 4 and shape[2] == shape[3] == 1


def _contains(outer: Rect, inner: Rect) -> bool:
    return (
        outer[0] <= inner[0] + 0.01
        and outer[1] <= inner[1] + 0.01
        and inner[0] + inner[2] <= outer[0] + outer[2] + 0.01
        and inner[1] + inner[3] <= outer[1] + outer[3] + 0.01
    )


def entering_side(graph: NetGraph, item: str) -> tuple[int, int] | None:
    """Height×width of the first 4-d tensor entering ``item`` (an op or a block's module
    path); the input's own shape for the input. None when no spatial map enters it."""
    if item in graph.ops:
        ops = [item]
    elif item in graph.modules:
        ops = graph.modules[item].ops
    else:
        return None
    inside = set(ops)
    shapes = [
        graph.ops.nodes[p].get("shape")
        for op in ops
        for p in graph.ops.predecessors(op)
        if p not in inside
    ]
    if not shapes and len(ops) == 1:
        shapes = [graph.ops.nodes[ops[0]].get("shape")]
    for shape in shapes:
        if shape and len(shape) == 4 and shape[2] * shape[3] > 0:
            return (int(shape[2]), int(shape[3]))
    return None


def unit_tree(diagram: Diagram, graph: NetGraph) -> list[Unit]:
    """The diagram's top-level units in flow order, each frame's units under it."""
    frame_kind = {f.id: f.kind if f.kind != "repeat" else None for f in diagram.frames}
    units = [
        Unit(f.id, "frame", _category("block", frame_kind[f.id]), (f.x, f.y, f.w, f.h))
        for f in diagram.frames
    ]
    units += [
        Unit(b.id, "box", _category(b.kind, b.block_kind), (b.x, b.y, b.w, b.h))
        for b in diagram.boxes
    ]
    units += [
        Unit(g.id, "glyph", _category(g.kind), (g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r))
        for g in diagram.glyphs
    ]
    labels = {f.id: f.title for f in diagram.frames} | {b.id: b.label for b in diagram.boxes}
    for unit in units:
        unit.side = entering_side(graph, unit.id)
        unit.head = _head(labels.get(unit.id, ""))
        if unit.category == "pool" and _is_global(graph, unit.id):
            unit.category = "pool:global"
        if unit.id in graph.ops:
            unit.sort = layer_sort(graph, unit.id)
        else:  # a block of no recognised kind is known by its name ("VGG block", "NiN block")
            generic = unit.category == "block:block"
            unit.sort = f"block:{unit.head}" if generic else unit.category
    frames = sorted((u for u in units if u.role == "frame"), key=lambda u: u.rect[2] * u.rect[3])
    top: list[Unit] = []
    for unit in units:
        parent = next(
            (f for f in frames if f is not unit and _contains(f.rect, unit.rect)), None
        )  # the smallest frame around it
        (parent.children if parent else top).append(unit)
    key = _flow_key(diagram.orientation)
    for frame in frames:
        frame.children.sort(key=key)
    top = _unwrapped(top, _size(top))
    top.sort(key=key)
    return top


def _size(units: list[Unit]) -> int:
    return sum(1 + _size(u.children) for u in units)


def _unwrapped(top: list[Unit], total: int) -> list[Unit]:
    """A plain container holding most of the network (torchvision's ``features``) is no stage
    of it: its units face the other columns' units themselves, as a stage of the book's does."""
    out: list[Unit] = []
    for unit in top:
        wrapper = unit.role == "frame" and unit.category == "block:block"
        if wrapper and 2 * _size(unit.children) > total:
            out += _unwrapped(unit.children, total)
        else:
            out.append(unit)
    return out


def _flow_key(orientation: str):
    """Sort key: the side facing the input first, then across the flow."""
    sign, across = upstream_sign(orientation), 1 - flow_axis(orientation)

    def key(unit: Unit) -> tuple[float, float]:
        return (-sign * upstream_border(unit.rect, orientation), unit.rect[across])

    return key
