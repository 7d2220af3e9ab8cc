"""ExpansionState: the evented set of open blocks, on hand-made and real graphs."""

from __future__ import annotations

import gc

import pytest
import torch
from torch import nn

from errors import NetAtlasError
from models.registry import get_spec
from netgraph import build_graph
from netgraph.layout import ExpansionChanged, ExpansionState, UnknownBlockError
from netgraph.layout.synthetic import residual_stack


@pytest.fixture
def stack():
    return residual_stack(3)


def test_depth_zero_collapses_everything_and_depth_one_opens_top_blocks(stack):
    assert ExpansionState(stack, depth=0).expanded == frozenset()
    assert ExpansionState(stack, depth=1).expanded == {"b0", "b1", "b2"}


def test_leaf_modules_are_not_blocks(stack):
    state = ExpansionState(stack, depth=0)
    assert state.is_expanded("b0.conv1")  # a single layer is always shown as itself
    assert not state.is_expanded("b0")
    assert state.is_expanded("")


class Swish(nn.Module):
    """A custom activation with a learnable slope: no submodules, several ops."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.beta = nn.Parameter(torch.ones(1, channels, 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(self.beta * x)


def test_a_custom_module_of_several_ops_is_a_block_holding_its_weights():
    """A user's own activation (no submodules) is drawn as one titled block with its params,
    as its module holds them, not as loose ops beside an unnamed parameter read."""
    from netgraph.layout import layout_diagram

    model = nn.Sequential(nn.Conv2d(3, 8, 3), Swish(8), nn.Conv2d(8, 4, 1))
    graph = build_graph(model, (3, 16, 16))
    state = ExpansionState(graph, depth=0)
    assert not state.is_expanded("1")  # a block, closed
    boxes = {b.id: b for b in layout_diagram(graph, state, "bt", False, "detailed", "en").boxes}
    assert boxes["1"].kind == "block" and boxes["1"].sublabel.endswith("8 params")
    state.expand("1")
    inside = layout_diagram(graph, state, "bt", False, "detailed", "en").boxes
    assert sum(b.kind == "mul" for b in inside) == 2
    assert sum(graph.ops.nodes[op]["params"] for op in graph.modules["1"].ops) == 8


def test_each_change_is_one_event(stack):
    state = ExpansionState(stack, depth=0)
    events: list[ExpansionChanged] = []
    unsubscribe = state.subscribe(events.append)
    state.expand("b1")
    state.expand("b1")  # no change, no event
    state.toggle("b1")
    state.set_depth(1)
    state.expand_all_below("")
    assert [e.changed for e in events] == [{"b1"}, {"b1"}, {"b0", "b1", "b2"}]
    assert events[-1].expanded == {"b0", "b1", "b2"}
    unsubscribe()
    state.collapse("b0")
    assert len(events) == 3


def test_bound_method_subscribers_are_held_weakly(stack):
    state = ExpansionState(stack, depth=0)

    class View:
        def __init__(self) -> None:
            self.seen = 0

        def on_change(self, event: ExpansionChanged) -> None:
            self.seen += 1

    view = View()
    state.subscribe(view.on_change)
    state.expand("b0")
    assert view.seen == 1
    del view
    gc.collect()
    state.expand("b1")  # the dead subscriber is dropped, not called
    assert state.is_expanded("b1")


def test_unknown_path_suggests_the_closest_blocks(stack):
    state = ExpansionState(stack)
    with pytest.raises(UnknownBlockError, match="did you mean b1"):
        state.expand("b11")
    assert issubclass(UnknownBlockError, NetAtlasError)


def test_negative_depth_is_refused(stack):
    with pytest.raises(NetAtlasError, match="0 or more"):
        ExpansionState(stack, depth=-1)
    with pytest.raises(NetAtlasError):
        ExpansionState(stack).set_depth(-2)


def test_default_depth_keeps_recognised_blocks_closed_but_the_first(stack):
    # the first residual block opens to show the idea; the others stay closed (and still
    # draw their ⊕ and shortcut)
    assert ExpansionState(stack).expanded == frozenset({"b0"})


@pytest.mark.parametrize(
    ("name", "open_", "closed"),
    [
        # b1…b5 and the first Inception block open (the idea), the other eight closed
        ("googlenet", {"0", "1", "2", "3", "4", "2.0"}, {"2.1", "3.0", "4.1"}),
        ("resnet18", {"1", "2", "3", "4", "1.0"}, {"1.1", "2.1"}),  # stages, one residual
        ("densenet", {"0", "1"}, {"3", "1.net.0"}),  # the first dense block open
        ("torchvision.resnet50", {"layer1", "layer4", "layer1.0"}, {"layer1.1", "layer3.5"}),
    ],
)
def test_default_depth_of_real_models(name, open_, closed):
    state = ExpansionState(build_graph(get_spec(name)))
    assert open_ <= state.expanded
    assert not closed & state.expanded
