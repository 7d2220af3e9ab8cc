"""The disk cache behind the app's instant start: exact round trips, data-only files, and damaged,
foreign or outdated entries ignored and made again (real models, real files in a tmp folder)."""

from __future__ import annotations

import json
from dataclasses import fields, replace

import pytest

from gui.workers import forget_traced, store_traced, trace_model
from models import cache as disk
from models.catalogue import cached_catalogue, load_catalogue
from models.registry import get_spec
from netgraph import build_graph
from netgraph import cache as graphs
from netgraph.layout import ExpansionState, layout_diagram
from netgraph.model import NetGraph
from netgraph.serialize import diagram_from_data, diagram_to_data, graph_from_data, graph_to_data


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(disk.CACHE_ENV, str(tmp_path / "cache"))
    forget_traced()  # the session's graphs in memory would answer before the disk
    return tmp_path / "cache"


def same_graph(a: NetGraph, b: NetGraph) -> None:
    assert list(a.ops.nodes(data=True)) == list(b.ops.nodes(data=True))
    assert list(a.ops.edges(data=True)) == list(b.ops.edges(data=True))
    for node in a.ops:  # the layout reads inputs and outputs in order
        assert list(a.ops.predecessors(node)) == list(b.ops.predecessors(node))
        assert list(a.ops.successors(node)) == list(b.ops.successors(node))
    for f in fields(NetGraph):
        if f.name != "ops":
            assert getattr(a, f.name) == getattr(b, f.name), f.name


@pytest.mark.parametrize(
    "name", ["googlenet", "densenet", "lenet-bn-scratch", "torchvision.vit_b_16"]
)
def test_a_graph_and_its_diagram_come_back_exactly_through_json(name):
    graph = build_graph(get_spec(name))
    data = json.loads(json.dumps(graph_to_data(graph)))  # through real JSON text
    back = graph_from_data(data)
    same_graph(graph, back)
    diagram = layout_diagram(graph, ExpansionState(graph), "bt", True, "book", "zh")
    assert layout_diagram(back, ExpansionState(back), "bt", True, "book", "zh") == diagram
    assert diagram_from_data(json.loads(json.dumps(diagram_to_data(diagram)))) == diagram


def test_a_model_is_traced_once_then_read_from_the_cache(cache_dir):
    spec, graph = trace_model("resnet18", None)  # traced, then stored
    files = list((cache_dir / graphs.GRAPHS).glob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["model"] == ["resnet18", None]
    cached_spec, cached = graphs.load_graph("resnet18", None)
    same_graph(graph, cached)
    assert cached_spec.preset == spec.preset and cached_spec.block_names == spec.block_names
    count = sum(p.numel() for p in cached_spec.build().parameters())  # the real builder
    assert count == sum(p.numel() for p in spec.build().parameters()) == graph.module_params
    assert graphs.load_graph("resnet18", (3, 64, 64)) is None  # another input: another entry


def test_a_graph_traced_for_the_screen_is_written_by_the_next_job(cache_dir):
    """The window shows a model before its graph is written: ``store_later`` waits for
    store_traced, which writes it once; forgetting the session drops what waits."""
    spec, graph = trace_model("alexnet", None, store_later=True)
    assert graphs.load_graph("alexnet", None) is None  # not written yet
    store_traced()
    same_graph(graph, graphs.load_graph("alexnet", None)[1])
    store_traced()  # nothing waits: nothing written twice
    assert len(list((cache_dir / graphs.GRAPHS).glob("*.json"))) == 1
    trace_model("nin", None, store_later=True)
    forget_traced()
    store_traced()
    assert graphs.load_graph("nin", None) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short by a crash
        lambda text: "\x00\x01 not json",
        lambda text: json.dumps({**json.loads(text), "graph": {"nodes": 3}}),  # wrong shape
        lambda text: json.dumps(
            {**json.loads(text), "versions": {**json.loads(text)["versions"], "torch": "1.0"}}
        ),  # made by other software
    ],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_made_again(cache_dir, damage):
    trace_model("lenet", None)
    entry = next((cache_dir / graphs.GRAPHS).glob("*.json"))
    entry.write_text(damage(entry.read_text()))
    assert graphs.load_graph("lenet", None) is None
    forget_traced()
    _, graph = trace_model("lenet", None)  # never a crash: traced again and stored anew
    same_graph(graph, graphs.load_graph("lenet", None)[1])


def test_first_diagrams_are_kept_per_options_and_read_without_the_graph(cache_dir):
    graph = build_graph(get_spec("lenet"))
    state = ExpansionState(graph)
    diagram = layout_diagram(graph, state, "bt", False, "book", "en")
    options = graphs.DiagramOptions("bt", "book", False, "en")
    assert graphs.store_diagram("lenet", None, options, diagram, state.expanded, set())
    found = graphs.load_diagram("lenet", None, options)
    assert found.diagram == diagram and found.expanded == state.expanded
    assert graphs.load_diagram("lenet", None, graphs.DiagramOptions(lang="zh")) is None


def test_a_stored_first_diagram_stands_for_a_layout_of_the_same_view(cache_dir):
    """A comparison of models opened in an earlier session takes their stored first diagrams
    instead of laying them out, only where the view is the one stored."""
    from netgraph.layout.diagram import laid_out

    graph = build_graph(get_spec("resnet18"))
    state = ExpansionState(graph)
    options = graphs.DiagramOptions("lr", "book", True, "zh")
    diagram = layout_diagram(graph, state, "lr", True, "book", "zh")
    diagram.title = "ResNet-18"  # as the window titles what it stores
    assert graphs.store_diagram("resnet18", None, options, diagram, state.expanded, set())
    later = build_graph(get_spec("resnet18"))  # the next session's graph: nothing laid out
    other = ExpansionState(later)
    other.expand(next(b for b in other.index.blocks if not other.is_expanded(b)))
    assert not graphs.reuse_first_diagram("resnet18", None, other, options)  # another view
    assert not graphs.reuse_first_diagram(
        "resnet18", None, ExpansionState(later), replace(options, lang="en")
    )
    same = ExpansionState(later)
    assert graphs.reuse_first_diagram("resnet18", None, same, options)
    assert laid_out(same, "lr", True, "book", "zh")
    taken = layout_diagram(later, same, "lr", True, "book", "zh")
    fresh_graph = build_graph(get_spec("resnet18"))
    assert taken == layout_diagram(
        fresh_graph, ExpansionState(fresh_graph), "lr", True, "book", "zh"
    )


def test_user_files_are_never_cached(cache_dir, tmp_path):
    source = tmp_path / "net.py"
    source.write_text("from torch import nn\nclass Net(nn.Sequential):\n    pass\n")
    lenet = get_spec("lenet")
    assert not graphs.store_graph(f"{source}:Net", None, lenet, build_graph(lenet))
    assert not (cache_dir / graphs.GRAPHS).exists()


def test_the_catalogue_is_cached_as_outlines_that_build_the_real_model(cache_dir):
    assert cached_catalogue() is None
    book, groups, timm = load_catalogue()
    cached_book, cached_groups, cached_timm = cached_catalogue()
    assert cached_groups == groups and list(cached_groups) == list(groups)  # in order
    assert cached_timm == timm and [s.name for s in cached_book] == [s.name for s in book]
    assert groups["torchvision.fasterrcnn_resnet50_fpn"] == "detection"
    assert cached_book[0].note("zh") == book[0].note("zh") and cached_book[0].preset
    assert [s.inputs for s in cached_book] == [s.inputs for s in book]
    assert type(cached_book[0].build()).__name__ == type(book[0].build()).__name__


def test_the_cache_folder_follows_the_platform_and_the_override(monkeypatch, tmp_path):
    monkeypatch.delenv(disk.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert disk.cache_root() == tmp_path / "xdg" / "NetAtlas"
    monkeypatch.setenv(disk.CACHE_ENV, str(tmp_path / "mine"))
    assert disk.cache_root() == tmp_path / "mine"


def test_an_unwritable_cache_is_skipped(cache_dir):
    cache_dir.parent.mkdir(exist_ok=True)
    cache_dir.write_text("a file where the folder should be")
    spec, graph = trace_model("lenet", None)  # works without a cache
    assert graph.model_name and graphs.load_graph("lenet", None) is None
