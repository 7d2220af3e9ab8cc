"""Every torchvision classification model gives a graph (built on meta: no weights allocated)."""

from __future__ import annotations

import pytest

from models.registry import get_spec, torchvision_names
from netgraph import build_graph
from netgraph.model import TRACE_METHODS


@pytest.mark.slow
@pytest.mark.parametrize("name", torchvision_names())
def test_torchvision_model_gives_a_graph(name: str) -> None:
    graph = build_graph(get_spec(name))
    assert graph.method in TRACE_METHODS
    assert graph.ops.nodes["output"]["shape"] == (1, 1000)
    assert graph.modules[""].output_shape == (1, 1000)
    kinds = {a["kind"] for _, a in graph.ops.nodes(data=True)}
    assert {"input", "output", "conv"} <= kinds or {"input", "output", "linear"} <= kinds
    assert graph.total_params > 1_000_000 and graph.total_macs > 10_000_000
    assert graph.total_macs == sum(a["macs"] for _, a in graph.ops.nodes(data=True))
