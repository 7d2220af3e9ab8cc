"""Each layout phase alone, on tiny hand-made graphs (dagre style)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from errors import NetAtlasError
from netgraph.layout import ExpansionState, diagram_to_json, layout_diagram
from netgraph.layout.diagram import sublayout_cache
from netgraph.layout.drawn import drawn_ops
from netgraph.layout.frame_layout import title_place
from netgraph.layout.geometry import Box, Diagram, Edge, Frame
from netgraph.layout.joins import place_joins
from netgraph.layout.layered import Layered, LEdge
from netgraph.layout.names import localise, run_name
from netgraph.layout.order import count_crossings, order_layers, skip_class
from netgraph.layout.placement import place_edge_labels
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


def run_phases(g: Layered, joins: bool = False) -> Layered:
    make_acyclic(g)
    assign_ranks(g)
    split_long_edges(g)
    order_layers(g)
    assign_x(g, skip_class(g))
    if joins:
        place_joins(g)
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


def repeated_stack():
    """Three residual blocks recognised as one run."""
    base = residual_stack(3)
    return make_graph(
        [(op, d["kind"], d["module_path"]) for op, d in base.ops.nodes(data=True)],
        list(base.ops.edges),
        [*base.structures, Structure("repeat", "", members=["b0", "b1", "b2"])],
    )


def test_fold_repeats_draws_identical_blocks_once():
    graph = repeated_stack()
    state = ExpansionState(graph, depth=0)
    folded = layout_diagram(graph, state, fold_repeats=True)
    (box,) = [b for b in folded.boxes if b.kind == "block"]
    assert box.repeat == 3 and box.mark == "3 ×" and box.label == "b0 … b2"
    assert len([b for b in layout_diagram(graph, state).boxes if b.kind == "block"]) == 3


def test_an_open_first_member_stands_for_its_run_until_unfolded():
    graph = repeated_stack()
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


# --- joins, titles, labels, names (phases added for the book's figures) ------------------------


def joined(edges, join_kind, skip=(), sizes=None) -> Layered:
    g = layered(edges, skip=skip)
    g.size.update(sizes or {})
    g.join_kind.update(join_kind)
    return run_phases(g, joins=True)


def test_a_span_box_covers_its_branches_and_takes_each_at_its_own_point():
    g = joined([("r", b) for b in "abcd"] + [(b, "cat") for b in "abcd"], {"cat": "span"})
    left = min(g.x[b] - 20 for b in "abcd")
    right = max(g.x[b] + 20 for b in "abcd")
    assert g.x["cat"] - g.size["cat"][0] / 2 <= left and g.x["cat"] + g.size["cat"][0] / 2 >= right
    ends = [g.routes[e.key][-1] for e in g.edges if e.dst == "cat"]
    assert len(set(ends)) == 4 and all(len(g.routes[e.key]) == 2 for e in g.edges if e.dst == "cat")


def test_a_shortcut_enters_its_sum_from_the_side_on_its_own_run():
    g = joined(
        [("x", "a"), ("a", "b"), ("b", "add"), ("x", "add")],
        {"add": "circle"},
        skip={("x", "add")},
        sizes={"add": (22.0, 22.0)},
    )
    (main,) = [e for e in g.edges if e.key == ("b", "add")]
    (shortcut,) = [e for e in g.edges if e.key == ("x", "add")]
    cx, cy = g.x["add"], g.y["add"] + 11
    assert g.routes[main.key][-1] == (cx, g.y["add"])  # from below, at the bottom
    (x0, y0), (x1, y1) = g.routes[shortcut.key][-2:]
    assert y0 == y1 == cy and x1 == cx + 11 and x0 > x1  # across, into the right side


def test_a_title_takes_the_first_gap_that_fits_or_the_cheaper_widening():
    assert title_place([(90.0, 92.0)], 200.0, 60.0) == (6.0, 0.0, 0.0)  # left of the line
    x, left, right = title_place([(40.0, 42.0)], 200.0, 60.0)
    assert (x, left, right) == (46.0, 0.0, 0.0)  # right of it
    # no gap fits: widen on the right only (the title right of every line) …
    lines = [(30.0, 32.0), (90.0, 92.0), (150.0, 152.0)]
    assert title_place(lines, 200.0, 80.0) == (156.0, 0.0, 42.0)
    # … or on both sides, the content staying centred, whichever widens less
    assert title_place([(95.0, 97.0)], 110.0, 100.0) == (6.0, 15.0, 15.0)


def test_labels_go_beside_lines_clear_of_boxes_titles_and_each_other():
    d = Diagram(
        boxes=[Box("a", "conv", 0, 100, 200, 40, "A"), Box("b", "conv", 0, 0, 200, 40, "B")],
        frames=[Frame("f", "block", 250, 0, 40, 140, "F", title_rect=(154, 60, 60, 16))],
        edges=[
            Edge("a", "b", [(100, 100), (100, 40)], shape="64×56×56"),
            Edge("a", "b", [(150, 100), (150, 40)], shape="64×56×56"),
            Edge("a", "b", [(20, 100), (20, 97)], shape="too short"),
        ],
        width=300,
        height=140,
    )
    place_edge_labels(d, [(e, e.shape, False) for e in d.edges])
    first, second, short = d.edges
    x, _, w, _ = first.label_rect
    assert x + w == 96  # left of its line: on its right it would cross the second line
    x, y, w, h = second.label_rect
    assert x == 154 and (y + h <= 60 or y >= 76)  # right of its line, clear of the title
    assert not short.label and short.label_rect is None  # no room: not drawn


def test_names_come_from_the_book_then_the_model():
    def graph():
        return make_graph(
            [("x", "input", ""), ("a", "conv", "features.0.a"), ("b", "conv", "features.0.b")]
            + [("c", "conv", "features.1.a"), ("d", "conv", "features.1.b")]
            + [("e", "conv", "head.a"), ("f", "conv", "head.b")],
            [("x", "a"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f")],
        )

    names = ExpansionState(graph()).index.names
    assert names["features"] == "features" and names["head"] == "head"  # attribute names
    assert names["features.0"] == "Block 1" and names["features.1"] == "Block 2"
    book = graph()
    book.block_names = {"features.1": "VGG block 2"}
    assert ExpansionState(book).index.names["features.1"] == "VGG block 2"
    assert localise("VGG block 2", "zh") == "VGG块 2" and localise("layer1", "zh") == "layer1"
    assert run_name(["Inception 3", "Inception 4", "Inception 5"]) == "Inception 3–5"
    assert run_name(["layer1.0", "layer1.1"]) == "layer1.0 … layer1.1"


def test_a_dense_block_re_concatenating_all_features_is_drawn_as_a_running_concat():
    ops = [("x", "input", "")]
    edges = []
    features = ["x"]
    for i in range(3):
        ops += [(f"cat{i}", "concat", f"block.l{i}"), (f"conv{i}", "conv", f"block.l{i}.conv")]
        edges += [(f, f"cat{i}") for f in features] + [(f"cat{i}", f"conv{i}")]
        features.append(f"conv{i}")
    dense = Structure("dense", "block", merges=["cat0", "cat1", "cat2"])
    drawn = drawn_ops(make_graph(ops, edges, [dense]))
    into = {v: [(u, skip) for u, w, _, skip in drawn.edges if w == v] for v in ("cat1", "cat2")}
    assert into == {
        "cat1": [("cat0", True), ("conv0", False)],  # the running features, then the new one
        "cat2": [("cat1", True), ("conv1", False)],
    }


def test_every_state_of_one_graph_shares_its_block_index():
    """A comparison's column reuses the index (and the sub-layouts cached on it) of the model's
    own view; another graph, even an equal one, gets its own."""
    graph = make_graph(
        [("x", "input", ""), ("a", "conv", "f.0.a"), ("b", "conv", "f.0.b")],
        [("x", "a"), ("a", "b")],
    )
    first, second = ExpansionState(graph), ExpansionState(graph, depth=0)
    assert first.index is second.index and first.expanded != second.expanded
    other = make_graph(
        [("x", "input", ""), ("a", "conv", "f.0.a"), ("b", "conv", "f.0.b")],
        [("x", "a"), ("a", "b")],
    )
    assert ExpansionState(other).index is not first.index
    assert ExpansionState(other).index.graph is other


def test_layer_titles_name_kind_channels_and_block():
    from models.registry import get_spec
    from netgraph import build_graph
    from netgraph.layout.names import layer_title

    graph = build_graph(get_spec("resnet18"))
    assert layer_title(graph, "0.1") == "BatchNorm (64) · b1"
    assert layer_title(graph, "2.0.bn1") == "BatchNorm (128) · b3"
    assert layer_title(graph, "2.0.bn1", "zh").startswith("BatchNorm (128) · ")
    assert layer_title(graph, "no.such") == "no.such"
