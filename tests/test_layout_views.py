"""The Qt-free parts of the app's views: arrow-key moves, the first view, normalised search,
lookups by id, and the immutable snapshot a layout reads while the state changes."""

from __future__ import annotations

import threading

import pytest

from models.registry import get_spec
from netgraph import build_graph
from netgraph.layout import ExpansionState, layout_diagram
from netgraph.layout.navigate import first_item, neighbour
from netgraph.layout.search import hidden_matches, matching_ids, normalise
from netgraph.layout.viewport import FIT_MIN_ZOOM, READABLE_ZOOM, first_view


@pytest.fixture(scope="module")
def googlenet():
    graph = build_graph(get_spec("googlenet"))
    state = ExpansionState(graph)  # the first Inception block open
    return graph, state, layout_diagram(graph, state, "bt", False, "book", "en")


@pytest.fixture(scope="module")
def lenet():
    graph = build_graph(get_spec("lenet"))
    return graph, layout_diagram(graph, ExpansionState(graph), "bt", False, "detailed", "en")


def centre(diagram, ident):
    return diagram.centre_of(ident)


def test_arrows_follow_the_flow_up_the_books_figure(lenet):
    _, diagram = lenet
    start = first_item(diagram)
    assert diagram.element(start).kind == "input"
    up = neighbour(diagram, start, "up")
    assert (start, up) in {(e.source, e.target) for e in diagram.edges}  # along an edge
    assert centre(diagram, up)[1] < centre(diagram, start)[1]  # bottom to top
    assert neighbour(diagram, up, "down") == start
    assert neighbour(diagram, start, "down") is None  # nothing below the input


def test_left_and_right_cross_the_branches_of_an_inception_block(googlenet):
    graph, state, diagram = googlenet
    block = next(s for s in graph.structures_of("inception") if s.module in state.expanded)
    firsts = [branch[0] for branch in block.branches]
    drawn = [op for op in firsts if diagram.element(op) is not None]
    ordered = sorted(drawn, key=lambda op: centre(diagram, op)[0])
    right = neighbour(diagram, ordered[0], "right")
    assert right is not None and centre(diagram, right)[0] > centre(diagram, ordered[0])[0]
    assert abs(centre(diagram, right)[1] - centre(diagram, ordered[0])[1]) < 80  # same row
    assert neighbour(diagram, right, "left") == ordered[0]


def test_an_arrow_from_an_open_block_leaves_its_frame(googlenet):
    _, state, diagram = googlenet
    frame = next(f for f in diagram.frames if f.kind == "inception")
    above = neighbour(diagram, frame.id, "up")
    assert above is not None and centre(diagram, above)[1] < frame.y
    assert state.index.enclosing_block(above) != frame.id


def test_lookups_by_id(googlenet):
    graph, state, diagram = googlenet
    frame = next(f for f in diagram.frames if f.kind == "inception")
    assert diagram.label_of(frame.id) == frame.title
    box = diagram.boxes[3]
    assert diagram.label_of(box.id) == box.label and diagram.label_of("nope") == "nope"
    op = next(o for o in graph.modules[frame.id].ops if diagram.element(o) is not None)
    assert state.index.enclosing_block(op) == frame.id
    assert state.index.enclosing_block(frame.id) == state.index.block_chain[frame.id][-2]
    run = state.index.repeat_run(frame.id)
    assert run is not None and frame.id in run


def test_the_first_view_fits_a_readable_figure_and_else_starts_at_the_input(googlenet):
    _, _, diagram = googlenet
    scene = (0.0, 0.0, diagram.width, diagram.height)
    zoom, (cx, cy) = first_view(diagram, scene, 4 * diagram.width, 4 * diagram.height)
    assert zoom == 1.0 and (cx, cy) == (diagram.width / 2, diagram.height / 2)
    zoom, _ = first_view(diagram, scene, diagram.width * 0.7, diagram.height * 0.7)
    assert zoom == pytest.approx(0.7, abs=0.01)  # fitted, not shown at 100 %
    small = (diagram.width * FIT_MIN_ZOOM + 5, diagram.height * FIT_MIN_ZOOM + 5)  # just fits
    assert first_view(diagram, scene, *small)[0] == pytest.approx(FIT_MIN_ZOOM, abs=0.01)
    zoom, (cx, cy) = first_view(diagram, scene, 300, 300)
    assert zoom == READABLE_ZOOM and cy > diagram.height / 2  # the input end, at the bottom
    assert cy == pytest.approx(diagram.height - 300 / READABLE_ZOOM / 2)


def test_search_text_is_normalised_and_finds_shapes(lenet):
    graph, diagram = lenet
    assert normalise(" 5 X 5 ") == normalise("5×5") == normalise("5*5") == "5x5"
    kernels = matching_ids(diagram, "5x5")
    assert kernels and kernels == matching_ids(diagram, "5×5") == matching_ids(diagram, "5 × 5")
    assert matching_ids(diagram, "CONV") == matching_ids(diagram, "conv")
    made_28 = [
        op for op, shape in graph.ops.nodes(data="shape") if shape and tuple(shape[-2:]) == (28, 28)
    ]
    found = matching_ids(diagram, "28x28")
    assert found and set(found) <= {b.id for b in diagram.boxes} and set(made_28) & set(found)


def test_hidden_matches_find_shapes_too():
    graph = build_graph(get_spec("resnet18"))
    state = ExpansionState(graph, depth=0)
    assert hidden_matches(state, "128x28x28").count > 0
    assert hidden_matches(state, "128×28×28") == hidden_matches(state, "128x28x28")


def test_a_layout_reads_a_snapshot_while_the_state_changes(googlenet):
    graph, _, _ = googlenet
    state = ExpansionState(graph)
    snapshot = state.snapshot()
    expected = layout_diagram(graph, snapshot, "bt", False, "book", "en")
    changed = threading.Event()

    def change() -> None:
        for block in state.index.blocks[:6]:
            state.toggle(block)
        changed.set()

    worker = threading.Thread(target=change)
    worker.start()
    result = layout_diagram(graph, snapshot, "bt", False, "book", "en")
    worker.join()
    assert changed.is_set() and state.expanded != snapshot.expanded
    assert result == expected  # what the snapshot showed, whatever the state did meanwhile
    assert snapshot.expanded == frozenset(ExpansionState(graph).expanded)


def test_reset_and_toggle_are_one_event_each(googlenet):
    graph, _, _ = googlenet
    state = ExpansionState(graph)
    events = []
    state.subscribe(events.append)
    inner = next(b for b in state.index.blocks if state.index.depth(b) == 2)
    state.set_depth(0)
    state.toggle(inner)  # opened with the closed block around it
    assert state.is_expanded(inner) and state.is_expanded(state.index.block_chain[inner][0])
    state.set_unfolded(state.index.blocks[0], True)
    state.reset()
    assert len(events) == 4
    assert state.expanded == frozenset(state.default_expanded()) and not state.unfolded


def test_a_diagram_asked_for_again_is_the_kept_one_as_a_copy_of_its_own():
    """The same view of the same graph is laid out once: the kept diagram equals a fresh
    layout, and what a caller changes on its copy (the title) never reaches the next one."""
    from netgraph.layout.diagram import laid_out

    graph = build_graph(get_spec("resnet18"))
    state = ExpansionState(graph)
    assert not laid_out(state, "lr", True, "book", "zh")
    first = layout_diagram(graph, state, "lr", True, "book", "zh")
    assert laid_out(state, "lr", True, "book", "zh") and not laid_out(state, "bt", True)
    first.title = "changed by its caller"
    again = layout_diagram(graph, state, "lr", True, "book", "zh")
    assert again is not first and again.title == graph.model_name and again.boxes == first.boxes
    fresh_graph = build_graph(get_spec("resnet18"))  # nothing kept for it: a real layout
    fresh = layout_diagram(fresh_graph, ExpansionState(fresh_graph), "lr", True, "book", "zh")
    assert fresh == again
    block = next(b for b in state.index.blocks if not state.is_expanded(b))
    state.expand(block)  # another view: another diagram, then the first one back
    opened = layout_diagram(graph, state, "lr", True, "book", "zh")
    assert block in {f.id for f in opened.frames} and opened.boxes != first.boxes
    state.collapse(block)
    assert layout_diagram(graph, state, "lr", True, "book", "zh").boxes == first.boxes


def test_a_closed_block_drawn_round_its_merge_says_its_params_are_its_bodys():
    """ResNet's block with a 1×1 shortcut is drawn closed with the shortcut beside it: its box
    counts the body's params and says so, its tooltip gives the whole block's; a block whose
    box holds every param says nothing more."""
    graph = build_graph(get_spec("resnet18"))
    diagram = layout_diagram(graph, ExpansionState(graph), "bt", False, "detailed", "en")
    boxes = {b.id: b for b in diagram.boxes}
    projected, plain = boxes["2.0"], boxes["2.1"]
    assert projected.sublabel.endswith("222 k params in its body")
    assert "the block holds 230 k params in all" in projected.tooltip
    assert graph.modules["2.0"].params == 230272
    assert plain.sublabel.endswith("296 k params") and "in all" not in plain.tooltip
    zh = layout_diagram(graph, ExpansionState(graph), "bt", False, "detailed", "zh")
    assert {b.id: b for b in zh.boxes}["2.0"].sublabel.endswith("参数（主体）")
