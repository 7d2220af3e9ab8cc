"""The op graph as files other tools read: node-link JSON and GraphML."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from models.files import write_atomic
from netgraph.model import NetGraph


def _json_safe(value: Any) -> Any:
    """Tuples become lists (recursively); everything else JSON already knows stays."""
    if isinstance(value, tuple | list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return value


def _graph_attrs(graph: NetGraph) -> dict[str, Any]:
    return {
        "model": graph.model_name,
        "input_shape": list(graph.input_shape),
        "input_shapes": [list(shape) for shape in graph.input_shapes],
        "method": graph.method,
        "method_note": graph.method_note,
        "total_params": graph.total_params,
        "total_macs": graph.total_macs,
        "unused_params": graph.unused_params,
        "unused_modules": graph.unused_modules,
        "warnings": graph.warnings,
        "opaque_modules": graph.opaque_modules,
        "unknown_cost_modules": graph.unknown_cost_modules,
        "traced_modules": graph.traced_modules,
    }


def node_link(graph: NetGraph) -> dict[str, Any]:
    """``networkx.node_link_data`` of the op graph, JSON-safe, with the model's totals."""
    data = nx.node_link_data(graph.ops, edges="edges")
    data["graph"] = _graph_attrs(graph)
    return _json_safe(data)


def write_json(graph: NetGraph, path: str | Path) -> None:
    write_atomic(path, json.dumps(node_link(graph), indent=1))


def _graphml_value(value: Any) -> str | int | float | bool:
    """GraphML holds scalars only: tuples and dicts become JSON text, None an empty string."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(_json_safe(value))


def write_graphml(graph: NetGraph, path: str | Path) -> None:
    flat = nx.DiGraph(**{k: _graphml_value(v) for k, v in _graph_attrs(graph).items()})
    for node, attrs in graph.ops.nodes(data=True):
        flat.add_node(node, **{k: _graphml_value(v) for k, v in attrs.items()})
    for source, target, attrs in graph.ops.edges(data=True):
        flat.add_edge(source, target, **{k: _graphml_value(v) for k, v in attrs.items()})
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer)
    write_atomic(path, buffer.getbuffer())
