"""A NetGraph and a Diagram as plain JSON data and back, exactly (the app's disk cache).

Tuples stay tuples (shapes, kernel sizes, rectangles are tuples in the objects and must compare
equal after the round trip), dict keys stay strings, nodes and edges keep their order (the
layout reads them in order). A value JSON cannot hold is a ``TypeError``: such a graph is not
cached. Reading never runs code: it builds our own dataclasses from lists, dicts and numbers.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from netgraph.layout.geometry import Box, Diagram, Edge, Frame, Glyph

if TYPE_CHECKING:
    from netgraph.model import NetGraph

_TUPLE = "__tuple__"
_SCALARS = (str, int, float, bool, type(None))


def to_plain(value: Any) -> Any:
    """``value`` in JSON's types, tuples marked so that :func:`from_plain` restores them."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple):
        return {_TUPLE: [to_plain(v) for v in value]}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: to_plain(v) for k, v in value.items()}
    raise TypeError(f"{type(value).__name__} is not plain data")


_LEAVES = frozenset(_SCALARS)


def from_plain(value: Any) -> Any:
    """What :func:`to_plain` made, back: JSON's own types in, tuples restored. (Scalars, most
    of a graph, are passed over without a call: reading a cached graph is on the way to the
    screen.)"""
    kind = type(value)
    if kind is list:
        return [v if type(v) in _LEAVES else from_plain(v) for v in value]
    if kind is dict:
        if len(value) == 1 and _TUPLE in value:
            return tuple(v if type(v) in _LEAVES else from_plain(v) for v in value[_TUPLE])
        return {k: v if type(v) in _LEAVES else from_plain(v) for k, v in value.items()}
    return value


def _fields_of(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: to_plain(getattr(obj, f.name)) for f in fields(obj) if f.name not in skip}


def graph_to_data(graph: NetGraph) -> dict[str, Any]:
    """Every field of ``graph``; the op graph as nodes (in order, with their attributes) and
    edges listed node by node in each node's order of inputs."""
    ops = graph.ops
    return {
        **_fields_of(graph, skip=("ops", "modules", "structures")),
        "nodes": [[node, to_plain(attrs)] for node, attrs in ops.nodes(data=True)],
        "edges": [
            [u, v, to_plain(ops.edges[u, v])] for v in ops.nodes for u in ops.predecessors(v)
        ],
        "modules": [_fields_of(info) for info in graph.modules.values()],
        "structures": [_fields_of(s) for s in graph.structures],
    }


def graph_from_data(data: dict[str, Any]) -> NetGraph:
    import networkx as nx

    from netgraph.model import ModuleInfo, NetGraph, Structure

    ops = nx.DiGraph()
    for node, attrs in data["nodes"]:
        ops.add_node(node, **from_plain(attrs))
    for u, v, attrs in data["edges"]:
        ops.add_edge(u, v, **from_plain(attrs))
    modules = {}
    for item in data["modules"]:
        info = ModuleInfo(**from_plain(item))
        modules[info.path] = info
    structures = [Structure(**from_plain(item)) for item in data["structures"]]
    simple = {f.name for f in fields(NetGraph)} - {"ops", "modules", "structures"}
    rest = {name: from_plain(data[name]) for name in simple}
    return NetGraph(ops=ops, modules=modules, structures=structures, **rest)


_PARTS = (("boxes", Box), ("frames", Frame), ("glyphs", Glyph), ("edges", Edge))


def diagram_to_data(diagram: Diagram) -> dict[str, Any]:
    data = _fields_of(diagram, skip=tuple(name for name, _ in _PARTS))
    for name, _ in _PARTS:
        data[name] = [_fields_of(element) for element in getattr(diagram, name)]
    return data


def diagram_from_data(data: dict[str, Any]) -> Diagram:
    parts = {name: [kind(**from_plain(e)) for e in data[name]] for name, kind in _PARTS}
    simple = {f.name for f in fields(Diagram)} - set(parts)
    return Diagram(**parts, **{name: from_plain(data[name]) for name in simple})
