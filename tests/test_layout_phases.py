"""Each layout phase alone, on tiny hand-made graphs (dagre style)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from models.errors import NetAtlasError
from netgraph.layout import ExpansionState, diagram_to_json, layout_diagram
from netgraph.layout.diagram import sublayout_cache
from netgraph.layout.layered import Layered, LEdge
from netgraph.layout.order import count_crossings, order_layers, skip_class
from netgraph.layout.position import SEPARATION, assign_x, ordered_least_squares
from netgraph.layout.rank import assign_ranks, make_acyclic, split_long_edges
from netgraph.layout.route import assign_y, route_edges
from netgraph.layout.synthetic import chain, make_graph, residual_stack
from netgraph.layout.visible import visible_graph
from netgraph.model import Structure


def layered(edges, nodes=None, in_ports=(), out_ports=(), skip=()) -> Layered:
    nodes = list(nodes or dict.fromkeys(n for e in edges for n in e))
    return Layered(
        nodes=nodes,
        size={n: (0.0, 0.0) if ":" in n else (40.0, 20.0) for n in nodes},
        order_key={n: float(i) for i, n in enumerate(nodes)},
        edges=[LEdge((u, v), u, v, skip=(u, v) in skip) for u, v in edges],
        in_ports=list(in_ports),
        out_ports=list(out_ports),
    )


def run_phases(g: Layered) -> Layered:
    make_acyclic(g)
    assign_ranks(g)
    split_long_edges(g)
    order_layers(g)
    assign_x(g, skip_class(g))
    route_edges(g, assign_y(g, [28.0] * len(g.layers)))
    return g


def test_ranks_follow_the_longest_path_with_ports_on_the_borders():
    g = layered(
        [("in:x", "a"), ("a", "b"), ("b", "c"), ("a", "c"), ("c", "out:c")],
        in_ports=["in:x"],
        out_ports=["out:c"],
    )
    make_acyclic(g)
    assign_ranks(g)
    assert g.rank == {"in:x": 0, "a": 1, "b": 2, "c": 3, "out:c": 4}
    split_long_edges(g)
    long_edge = next(e for e in g.edges if e.key == ("a", "c"))
    assert len(long_edge.path) == 3 and g.is_dummy(long_edge.path[1])


def test_a_cycle_is_broken_by_reversing_one_edge():
    g = layered([("a", "b"), ("b", "c"), ("c", "a")])
    make_acyclic(g)
    assign_ranks(g)
    assert sum(e.reversed for e in g.edges) == 1
    assert all(g.rank[e.dst] > g.rank[e.src] for e in g.edges)


def test_long_edges_from_one_source_share_their_dummies():
    g = layered([("s", "a"), ("a", "b"), ("b", "c"), ("s", "b"), ("s", "c")])
    make_acyclic(g)
    assign_ranks(g)
    split_long_edges(g)
    dummies = {n for layer in g.layers for n in layer if g.is_dummy(n)}
    assert len(dummies) == 2  # s→c's bus, reused by s→b


def test_ordering_removes_a_crossing():
    g = layered([("r", "a"), ("r", "b"), ("a", "d"), ("b", "c")], nodes=["r", "a", "b", "c", "d"])
    make_acyclic(g)
    assign_ranks(g)
    split_long_edges(g)
    order_layers(g)
    down = defaultdict(list, {"a": ["d"], "b": ["c"], "r": ["a", "b"]})
    assert count_crossings(g.layers, down) == 0


def test_branches_keep_definition_order_and_skips_go_right():
    edges = [("x", f"p{i}") for i in range(4)] + [(f"p{i}", "cat") for i in range(4)]
    g = run_phases(layered(edges + [("x", "add"), ("cat", "add")], skip={("x", "add")}))
    xs = [g.x[f"p{i}"] for i in range(4)]
    assert xs == sorted(xs) and g.rank["p0"] == g.rank["p3"]
    skip = next(e for e in g.edges if e.key == ("x", "add"))
    assert g.x[skip.path[1]] > max(xs)  # the shortcut passes right of the branches


def testordered_least_squares_placement_keeps_order_and_separation():
    xs = ordered_least_squares([5.0, 0.0, 0.0], [1.0, 1.0, 1.0], [10.0, 10.0], None)
    assert xs[1] - xs[0] >= 10.0 - 1e-9 and xs[2] - xs[1] >= 10.0 - 1e-9
    assert sum(x - o for x, o in zip(xs, (0, 10, 20), strict=True)) / 3 == pytest.approx(-25 / 3)
    assert ordered_least_squares([0.0], [1.0], [], 7.0) == [7.0]


def test_a_chain_is_one_straight_column():
    g = run_phases(layered([("a", "b"), ("b", "c"), ("c", "d")]))
    assert len({g.x[n] for n in "abcd"}) == 1


def test_side_by_side_nodes_keep_their_separation():
    g = run_phases(layered([("r", c) for c in "abc"]))
    xs = sorted(g.x[c] for c in "abc")
    assert all(b - a >= 40.0 + SEPARATION - 1e-6 for a, b in zip(xs, xs[1:], strict=False))


def test_routes_are_orthogonal_and_join_borders():
    g = run_phases(layered([("r", "a"), ("r", "b"), ("a", "c"), ("b", "c"), ("r", "c")]))
    for e in g.edges:
        pts = g.routes[e.key]
        assert pts[0] == (g.x[e.src], g.y[e.src] + 20.0)  # bottom centre of the source
        assert pts[-1] == (g.x[e.dst], g.y[e.dst])  # top centre of the target
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            assert x0 == x1 or y0 == y1


def test_collapsed_block_is_one_item_and_edges_are_hoisted():
    graph = make_graph(
        [("x", "input", ""), ("a", "conv", "blk.a"), ("b", "relu", "blk"), ("c", "conv", "")],
        [("x", "a"), ("a", "b"), ("b", "c")],
    )
    vis = visible_graph(ExpansionState(graph, depth=0))
    assert vis.item_of_op["a"] == vis.item_of_op["b"] == "blk"
    assert set(vis.edges) == {("x", "blk"), ("blk", "c")}


def test_closed_residual_blocks_still_draw_their_sum_and_shortcut():
    """The body is the block's box; the ⊕ and what follows it are drawn, the shortcut enters."""
    graph = residual_stack(2)
    vis = visible_graph(ExpansionState(graph, depth=0))
    assert vis.item_of_op["b0_conv1"] == vis.item_of_op["b0_bn2"] == "b0"
    assert vis.item_of_op["b1_add"] == "b1_add" and vis.item_of_op["b1_relu"] == "b1_relu"
    assert vis.edges == {
        ("x", "b0"): False,
        ("x", "b0_add"): True,  # the shortcut, drawn round the body
        ("b0", "b0_add"): False,
        ("b0_add", "b0_relu"): False,
        ("b0_relu", "b1"): False,
        ("b0_relu", "b1_add"): True,
        ("b1", "b1_add"): False,
        ("b1_add", "b1_relu"): False,
    }
    vis = visible_graph(ExpansionState(graph, depth=1))
    frame = vis.problems["b1"]
    assert frame.in_ports == ["b0_relu"]  # one port per outside source, shared by two targets
    assert {e.key for e in frame.edges.values() if e.key[0] == "in"} == {
        ("in", "b0_relu", "b1_conv1"),
        ("in", "b0_relu", "b1_add"),
    }
    assert vis.edges[("b0_relu", "b1_add")] is True  # the shortcut is a skip edge


def test_fold_repeats_draws_identical_blocks_once():
    base = residual_stack(3)
    graph = make_graph(
        [(op, d["kind"], d["module_path"]) for op, d in base.ops.nodes(data=True)],
        list(base.ops.edges),
        [*base.structures, Structure("repeat", "", members=["b0", "b1", "b2"])],
    )
    state = ExpansionState(graph, depth=0)
    folded = layout_diagram(graph, state, fold_repeats=True)
    (box,) = [b for b in folded.boxes if b.kind == "block"]
    assert box.repeat == 3 and box.mark == "3 ×" and box.label == "b0 … b2"
    assert len([b for b in layout_diagram(graph, state).boxes if b.kind == "block"]) == 3


def test_an_open_first_member_stands_for_its_run_until_unfolded():
    base = residual_stack(3)
    graph = make_graph(
        [(op, d["kind"], d["module_path"]) for op, d in base.ops.nodes(data=True)],
        list(base.ops.edges),
        [*base.structures, Structure("repeat", "", members=["b0", "b1", "b2"])],
    )
    state = ExpansionState(graph, depth=0)
    state.expand("b0")
    d = layout_diagram(graph, state, fold_repeats=True)
    (frame,) = d.frames
    assert frame.id == "b0" and frame.repeat == 3 and frame.title.startswith("3 × ")
    assert not [b for b in d.boxes if b.kind == "block"]  # b1, b2 are in the run
    assert {b.id for b in d.boxes} == {"x", "b0_conv1", "b0_bn1", "b0_relu1", "b0_conv2"} | {
        "b0_bn2",
        "b0_relu",
    }
    events = []
    state.subscribe(events.append)
    state.set_unfolded("b0", True)
    assert events[-1].changed == {"b0"} and state.unfolded == {"b0"}
    d = layout_diagram(graph, state, fold_repeats=True)
    assert d.frames[0].repeat == 1 and {"b1", "b2"} <= {b.id for b in d.boxes}


@pytest.mark.parametrize("orientation", ["bt", "tb", "lr"])
def test_orientation_puts_the_input_where_the_flow_starts(orientation):
    graph = chain(3)
    d = layout_diagram(graph, ExpansionState(graph), orientation=orientation)
    first, last = (next(b for b in d.boxes if b.id == i) for i in ("op0", "op2"))
    if orientation == "bt":
        assert first.y > last.y and first.x == last.x
    elif orientation == "tb":
        assert first.y < last.y
    else:
        assert first.x < last.x and first.y == last.y


def test_relayout_reuses_untouched_sub_layouts():
    graph = residual_stack(6)
    state = ExpansionState(graph, depth=1)
    layout_diagram(graph, state)
    before = len(sublayout_cache(state))
    state.collapse("b3")
    layout_diagram(graph, state)
    # new: only the root; b4 is still fed by b3's last ReLU (a closed residual block draws
    # its ⊕ and ReLU), and b0…b2 and b5 come from the cache
    assert len(sublayout_cache(state)) == before + 1


def test_json_has_every_box_frame_and_polyline():
    graph = residual_stack(2)
    data = diagram_to_json(layout_diagram(graph, ExpansionState(graph, depth=1)))
    assert {"boxes", "frames", "glyphs", "edges", "width", "height"} <= set(data)
    assert {f["id"] for f in data["frames"]} == {"b0", "b1"}
    assert all({"id", "kind", "x", "y", "w", "h"} <= set(b) for b in data["boxes"])
    assert all(len(e["polyline"]) >= 2 and e["source"] and e["target"] for e in data["edges"])


def test_bad_orientation_or_foreign_state_is_a_clear_error():
    graph = chain(3)
    with pytest.raises(NetAtlasError, match="use one of bt, tb, lr"):
        layout_diagram(graph, ExpansionState(graph), orientation="up")
    with pytest.raises(NetAtlasError, match="another graph"):
        layout_diagram(chain(3), ExpansionState(graph))


def test_visible_graph_leaves_out_python_bookkeeping_and_weight_reads() -> None:
    """fx records ViT's shape asserts and ConvNeXt's layer_norm weights as ops; a diagram of
    them would be noise. Tensors taken out of a tuple, and real parameters such as ViT's class
    token, stay."""
    from models.registry import get_spec
    from netgraph import build_graph

    vit = build_graph(get_spec("torchvision.vit_b_16"))
    shown = visible_graph(ExpansionState(vit, depth=99)).item_of_op
    assert "class_token" in shown and "encoder_pos_embedding" in shown
    assert all(vit.ops.nodes[op]["shape"] is not None for op in shown), "a non-tensor op is drawn"
    assert not any(vit.ops.nodes[op]["target"] == "_assert" for op in shown)

    convnext = build_graph(get_spec("torchvision.convnext_tiny"))
    shown = visible_graph(ExpansionState(convnext, depth=99)).item_of_op
    weights = [
        op
        for op, d in convnext.ops.nodes(data=True)
        if d["op"] == "get_attr" and d["target"].endswith((".weight", ".bias"))
    ]
    assert weights and not set(weights) & set(shown)


def test_frames_of_the_books_numbered_blocks_carry_its_names() -> None:
    """The book builds GoogLeNet as nn.Sequential(b1, …, b5): PyTorch numbers those blocks,
    the diagram names them as the book does, and the module paths stay PyTorch's."""
    from models.registry import get_spec
    from netgraph import build_graph

    graph = build_graph(get_spec("googlenet"))
    state = ExpansionState(graph)
    state.expand("2.0")
    frames = {f.id: f for f in layout_diagram(graph, state).frames}
    assert frames["2"].title == "b3" and frames["4"].title == "b5"
    assert frames["2.0"].title == "Inception 1"  # numbered in reading order
    assert frames["2"].tooltip == "Sequential 2"  # the module path stays at hand
