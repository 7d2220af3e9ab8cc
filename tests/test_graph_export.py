"""Node-link JSON and GraphML exports of the op graph read back with networkx."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from models.registry import get_spec
from netgraph import build_graph
from netgraph.export import write_graphml, write_json


def test_json_and_graphml_round_trip(tmp_path: Path) -> None:
    graph = build_graph(get_spec("googlenet"))
    json_path, graphml_path = tmp_path / "g.json", tmp_path / "g.graphml"
    write_json(graph, json_path)
    write_graphml(graph, graphml_path)

    data = json.loads(json_path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_nodes() == graph.ops.number_of_nodes()
    assert back.number_of_edges() == graph.ops.number_of_edges()
    concat = next(n for n, a in graph.ops.nodes(data=True) if a["kind"] == "concat")
    assert back.nodes[concat]["shape"] == list(graph.ops.nodes[concat]["shape"])
    assert back.nodes[concat]["label"] == "Concat"
    assert data["graph"]["total_params"] == graph.total_params
    assert data["graph"]["input_shape"] == [1, 1, 96, 96]

    read = nx.read_graphml(graphml_path)
    assert read.number_of_nodes() == graph.ops.number_of_nodes()
    assert read.number_of_edges() == graph.ops.number_of_edges()
    assert read.nodes[concat]["kind"] == "concat"
    assert json.loads(read.nodes[concat]["shape"]) == list(graph.ops.nodes[concat]["shape"])
    assert read.nodes[concat]["macs"] == graph.ops.nodes[concat]["macs"]
    conv = next(n for n, a in graph.ops.nodes(data=True) if a["kind"] == "conv")
    assert json.loads(read.nodes[conv]["hparams"])["kernel_size"] == [7, 7]
    assert read.graph["method"] == "fx"
