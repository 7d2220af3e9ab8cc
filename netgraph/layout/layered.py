"""The data the layered (Sugiyama) phases share, in one frame's own coordinates.

The phases work top to bottom whatever the final orientation: ``x`` runs across the flow
(breadth) and ``y`` along it (depth); orientation is applied once at the end. Node ids are item
ids, child-frame paths, ports ("in:…", "out:…") and dummies ("~k", one per rank a long edge
crosses).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass
class LEdge:
    key: tuple[str, ...]
    src: str
    dst: str
    src_off: float = 0.0  # attach point: offset from the node's centre along x
    dst_off: float = 0.0
    skip: bool = False
    reversed: bool = False  # turned round to break a cycle; its route is flipped back
    path: list[str] = field(default_factory=list)  # src, dummies…, dst once normalised


@dataclass
class Layered:
    nodes: list[str]
    size: dict[str, tuple[float, float]]  # node -> (breadth, depth)
    order_key: dict[str, float]  # initial left-to-right order (execution order)
    edges: list[LEdge]
    in_ports: list[str] = field(default_factory=list)
    out_ports: list[str] = field(default_factory=list)
    rank: dict[str, int] = field(default_factory=dict)
    layers: list[list[str]] = field(default_factory=list)
    dummy_skip: dict[str, bool] = field(default_factory=dict)
    x: dict[str, float] = field(default_factory=dict)  # centre
    y: dict[str, float] = field(default_factory=dict)  # top
    rank_top: list[float] = field(default_factory=list)
    rank_height: list[float] = field(default_factory=list)
    routes: dict[tuple[str, ...], list[Point]] = field(default_factory=dict)
    # joins: "span" (a concat box widened over its inputs), "circle" (⊕), "concat" ([ , ]),
    # "port" (a child frame, whose entry points are its in ports)
    join_kind: dict[str, str] = field(default_factory=dict)
    side: dict[tuple[str, ...], int] = field(default_factory=dict)  # edge -> enters from +1/-1

    def is_dummy(self, node: str) -> bool:
        return node.startswith("~")
