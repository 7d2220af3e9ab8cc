"""Search over a model, drawn or not: closed blocks never make a search miss a layer."""

from __future__ import annotations

import pytest

from models.registry import get_spec
from netgraph import build_graph
from netgraph.layout import ExpansionState, layout_diagram
from netgraph.layout.search import hidden_matches, matching_ids
from netgraph.layout.visible import hidden_ops


@pytest.fixture(scope="module")
def resnet():
    return build_graph(get_spec("resnet18"))


def test_layers_inside_closed_blocks_are_counted_and_opening_them_draws_them(resnet):
    state = ExpansionState(resnet, depth=1)  # stages open, residual blocks closed
    drawn = matching_ids(layout_diagram(resnet, state), "conv")
    hidden = hidden_matches(state, "conv")
    residuals = {p for p, m in resnet.modules.items() if m.structure == "residual"}
    # the stem's conv and the 3 projections are drawn (a closed residual block shows its
    # shortcut); the 2 convs of each of the 8 bodies are not
    assert len(drawn) == 1 + 3 and hidden.count == 2 * 8
    assert hidden.to_open == residuals

    events = []
    state.subscribe(events.append)
    state.expand_many(hidden.to_open)
    assert len(events) == 1 and events[0].changed == residuals
    assert len(matching_ids(layout_diagram(resnet, state), "conv")) == 4 + hidden.count
    assert hidden_matches(state, "conv").count == 0


def test_blocks_inside_closed_blocks_are_found_by_title(resnet):
    state = ExpansionState(resnet, depth=0)  # b1…b5 closed: no residual block is drawn
    hidden = hidden_matches(state, "residual")
    assert hidden.count == 8 and hidden.to_open == {"1", "2", "3", "4"}
    assert hidden_matches(state, "残差块") == hidden  # the Chinese diagram's titles too
    assert matching_ids(layout_diagram(resnet, state), "residual") == []
    assert (
        hidden_matches(state, "  ") == hidden_matches(state, "")
        and not hidden_matches(state, "no such layer").to_open
    )


def test_bookkeeping_ops_left_out_of_the_drawing_are_not_counted():
    graph = build_graph(get_spec("torchvision.vit_b_16"))
    state = ExpansionState(graph, depth=0)
    inside = [op for op in hidden_ops(graph) if "_assert" in op and state.index.chain_of_op[op]]
    assert inside  # fx's shape asserts inside closed blocks: never drawn, so never "hidden"
    assert hidden_matches(state, "_assert").count == 0
    assert hidden_matches(state, "encoder_layer").count > 0
