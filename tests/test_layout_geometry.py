"""Acceptance geometry of real diagrams, read from their JSON as any tool would: every book
network and five torchvision ones, at the default depth, fully expanded and folded, in both
styles. No box, glyph, frame title or label overlaps another; no line runs through a box, a
glyph, a title or a label; shortcuts enter their ⊕ from the side; concatenations take each
input at its own point."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from itertools import pairwise

import pytest

from models.registry import book_models, get_spec
from netgraph import build_graph
from netgraph.layout import ExpansionState, diagram_to_json, layout_diagram
from netgraph.layout.sizing import edge_label_size, text_width

BOOK = [s.name for s in book_models()]
TORCHVISION = [
    "torchvision.googlenet",
    "torchvision.resnet50",
    "torchvision.densenet121",
    "torchvision.mobilenet_v3_small",
    "torchvision.vit_b_16",
]
DEPTHS = ("default", "full", "fold")
EPS = 0.5
CELL = 128.0
Rect = tuple[float, float, float, float]  # left, top, right, bottom


@cache
def graph(name: str):
    return build_graph(get_spec(name))


@cache
def layout(name: str, depth: str, style: str = "book", orientation: str = "bt", lang="en"):
    g = graph(name)
    state = ExpansionState(g, 99 if depth == "full" else None)
    return layout_diagram(g, state, orientation, depth == "fold", style, lang)


@cache
def data(name: str, depth: str, style: str = "book", orientation: str = "bt", lang="en") -> dict:
    return diagram_to_json(layout(name, depth, style, orientation, lang))


def rect4(x, y, w, h) -> Rect:
    return (x, y, x + w, y + h)


def items(d: dict) -> dict[str, Rect]:
    rects = {b["id"]: rect4(b["x"], b["y"], b["w"], b["h"]) for b in d["boxes"]}
    rects.update(
        {
            g["id"]: (g["x"] - g["r"], g["y"] - g["r"], g["x"] + g["r"], g["y"] + g["r"])
            for g in d["glyphs"]
        }
    )
    return rects


def texts(d: dict) -> dict[str, Rect]:
    """Every piece of text outside the boxes: frame titles, edge labels, glyph captions."""
    out = {f"title {f['id']}": rect4(*f["title_rect"]) for f in d["frames"]}
    out.update(
        {
            f"label {e['source']}→{e['target']}": rect4(*e["label_rect"])
            for e in d["edges"]
            if e["label"]
        }
    )
    out.update({f"caption {g['id']}": rect4(*g["label_rect"]) for g in d["glyphs"] if g["caption"]})
    return out


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] - EPS and b[0] < a[2] - EPS and a[1] < b[3] - EPS and b[1] < a[3] - EPS


def grid(rects: dict[str, Rect]) -> dict[tuple[int, int], list[tuple[str, Rect]]]:
    cells = defaultdict(list)
    for name, r in rects.items():
        for i in range(int(r[0] // CELL), int(r[2] // CELL) + 1):
            for j in range(int(r[1] // CELL), int(r[3] // CELL) + 1):
                cells[(i, j)].append((name, r))
    return cells


def near(cells, r: Rect):
    seen = set()
    for i in range(int(r[0] // CELL), int(r[2] // CELL) + 1):
        for j in range(int(r[1] // CELL), int(r[3] // CELL) + 1):
            for name, other in cells.get((i, j), ()):
                if name not in seen:
                    seen.add(name)
                    yield name, other


def segments(e: dict):
    return list(pairwise(tuple(p) for p in e["polyline"]))


def segment_rect(seg) -> Rect:
    (x0, y0), (x1, y1) = seg
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def crosses(seg, r: Rect) -> bool:
    """The segment runs through the rectangle's inside (touching its border is allowed)."""
    s = segment_rect(seg)
    return s[2] > r[0] + EPS and s[0] < r[2] - EPS and s[3] > r[1] + EPS and s[1] < r[3] - EPS


def on_border(p, rect: Rect, glyph_r: float | None) -> bool:
    x, y = p
    l, t, r, b = rect
    if glyph_r is not None:
        cx, cy = (l + r) / 2, (t + b) / 2
        return abs(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 - glyph_r) < EPS
    inside = l - EPS <= x <= r + EPS and t - EPS <= y <= b + EPS
    return inside and min(abs(x - l), abs(x - r), abs(y - t), abs(y - b)) < EPS


CASES = [(n, depth, "book") for n in BOOK + TORCHVISION for depth in DEPTHS] + [
    (n, depth, "detailed")
    for n in ["googlenet", "resnet18", "densenet", *TORCHVISION]
    for depth in DEPTHS
]


@pytest.mark.parametrize(("name", "depth", "style"), CASES)
def test_nothing_overlaps_and_no_line_runs_through_anything(name, depth, style):
    assert_clear(data(name, depth, style))


def assert_clear(d: dict) -> None:
    solid, words = items(d), texts(d)
    everything = {**solid, **words}
    cells = grid(everything)
    for a, ra in everything.items():
        for b, rb in near(cells, ra):
            assert a == b or not overlap(ra, rb), f"{a} overlaps {b}"
    for e in d["edges"]:
        for seg in segments(e):
            (x0, y0), (x1, y1) = seg
            assert x0 == x1 or y0 == y1, f"{e['source']}→{e['target']}: not orthogonal"
            for other, r in near(cells, segment_rect(seg)):
                assert not crosses(seg, r), f"{e['source']}→{e['target']} runs through {other}"
    turned = d["text_rotation"] == 90  # text runs down the long side of every rectangle
    for b in d["boxes"]:
        along = b["h"] if turned else b["w"]
        assert text_width(b["label"], b["sublabel"]) <= along + EPS, b["label"]
    for e in d["edges"]:
        if e["label"]:
            w, h = edge_label_size(e["label"])
            assert tuple(e["label_rect"][2:]) == ((h, w) if turned else (w, h))
    bounds = (0, 0, d["width"], d["height"])
    assert all(
        r[0] >= -EPS and r[1] >= -EPS and r[2] <= bounds[2] + EPS and r[3] <= bounds[3] + EPS
        for r in words.values()
    )


@pytest.mark.parametrize(("name", "depth", "style"), CASES)
def test_edges_join_borders_shortcuts_enter_the_side_and_merges_take_distinct_points(
    name, depth, style
):
    assert_joined(data(name, depth, style))


def assert_joined(d: dict) -> None:
    rects = items(d)
    radius = {g["id"]: g["r"] for g in d["glyphs"] if g["kind"] == "add"}  # [ , ] is a box
    for e in d["edges"]:
        assert on_border(e["polyline"][0], rects[e["source"]], radius.get(e["source"])), e
        assert on_border(e["polyline"][-1], rects[e["target"]], radius.get(e["target"])), e
    adds = {g["id"]: g for g in d["glyphs"] if g["kind"] == "add"}
    for e in d["edges"]:
        if e["skip"] and e["target"] in adds:  # a shortcut: its own horizontal run into a side
            g = adds[e["target"]]
            (x0, y0), (x1, y1) = e["polyline"][-2:]
            assert y0 == y1 == g["y"], f"{e['source']}→{e['target']}: last run not horizontal"
            assert abs(abs(x1 - g["x"]) - g["r"]) < EPS and abs(x0 - g["x"]) > g["r"]
    merges = {g["id"] for g in d["glyphs"]} | {b["id"] for b in d["boxes"] if b["kind"] == "concat"}
    ends = defaultdict(list)
    for e in d["edges"]:
        if e["target"] in merges:
            ends[e["target"]].append(tuple(e["polyline"][-1]))
    for target, points in ends.items():
        assert len(set(points)) == len(points), f"inputs of {target} share an end point"


@pytest.mark.parametrize("name", BOOK)
def test_book_networks_use_the_books_names(name):
    for depth in ("default", "full"):
        titles = [f["title"] for f in data(name, depth)["frames"]]
        labels = [b["label"] for b in data(name, depth)["boxes"] if b["kind"] == "block"]
        assert not [t for t in titles + labels if "Sequential" in t], name


def test_book_names_are_numbered_in_reading_order():
    titles = {f["id"]: f["title"] for f in data("densenet", "full")["frames"]}
    assert [titles[p] for p in ("1", "3", "5", "7")] == [f"Dense block {i}" for i in range(1, 5)]
    assert [titles[f"3.net.{i}"] for i in range(4)] == [f"Dense layer {i}" for i in range(1, 5)]
    assert [titles[p] for p in ("2", "4", "6")] == [f"Transition {i}" for i in range(1, 4)]
    vgg = {f["id"]: f["title"] for f in data("vgg11", "full")["frames"]}
    assert [vgg[str(i)] for i in range(5)] == [f"VGG block {i}" for i in range(1, 6)]
    goog = {f["id"]: f["title"] for f in data("googlenet", "full")["frames"]}
    assert [goog[p] for p in ("1", "2.0", "2.1", "3.0", "4.1")] == ["b2"] + [
        f"Inception {i}" for i in (1, 2, 3, 9)
    ]
    resnet50 = {f["id"]: f["title"] for f in data("torchvision.resnet50", "full")["frames"]}
    assert resnet50["layer1"] == "layer1" and resnet50["layer2.0"] == "Bottleneck 4"


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        ("googlenet", [2, 5, 2]),
        ("torchvision.googlenet", [2, 5, 2]),
        ("resnet18", [2, 2, 2, 2]),
        ("torchvision.resnet50", [3, 4, 6, 3]),
    ],
)
def test_folding_draws_each_run_once_marked_n_times(name, runs):
    d = data(name, "fold")
    marks = sorted(
        [(b["y"], b["repeat"]) for b in d["boxes"] if b["repeat"] > 1]
        + [(f["y"], f["repeat"]) for f in d["frames"] if f["repeat"] > 1],
        reverse=True,  # bottom to top: the order they run in
    )
    assert [n for _, n in marks] == runs
    assert all(b["mark"] == f"{b['repeat']} ×" for b in d["boxes"] if b["repeat"] > 1)


def test_the_idea_shows_at_the_default_depth():
    resnet = data("resnet18", "default")
    assert len([g for g in resnet["glyphs"] if g["kind"] == "add"]) == 8  # every ⊕, closed
    assert sum(e["skip"] for e in resnet["edges"]) >= 8
    googlenet = data("googlenet", "default")
    assert [b for b in googlenet["boxes"] if b["kind"] == "concat"]  # an Inception block open
    densenet = data("densenet", "default")
    assert len([g for g in densenet["glyphs"] if g["kind"] == "concat"]) == 4  # a dense block


def test_a_dense_block_draws_one_trunk_of_running_features():
    """torchvision's layers each re-concatenate every earlier feature; drawn as the book does,
    each concat takes the running features and the newest one: two inputs, not up to 24."""
    d = data("torchvision.densenet121", "full")
    into = defaultdict(int)
    for e in d["edges"]:
        into[e["target"]] += 1
    assert max(into[g["id"]] for g in d["glyphs"] if g["kind"] == "concat") == 2


def test_book_style_folds_activations_and_leaves_out_what_the_book_does():
    d = data("alexnet", "default")
    labels = [b["label"] for b in d["boxes"]]
    assert labels[:2] == ["Input", "11×11 Conv (96), stride 4, pad 1 · ReLU"]
    assert "FC (4096) · ReLU" in labels
    assert not [x for x in labels if x.startswith(("Dropout", "Flatten", "Output", "ReLU"))]
    assert len({b["w"] for b in d["boxes"]}) == 1  # the book's equal widths
    assert all(not b["sublabel"] for b in d["boxes"])  # each shape once: on its edge
    shapes = [e["label"] for e in d["edges"] if e["label"]]
    assert len(shapes) == len(set(shapes)) or len(shapes) <= len(d["edges"])


def test_each_shape_is_labelled_once_per_tensor():
    for depth in DEPTHS:
        d = data("googlenet", depth)
        labelled = [(e["source"], e["label"]) for e in d["edges"] if e["label"]]
        assert len(labelled) == len(set(labelled))


def test_chinese_labels_follow_the_chinese_edition():
    d = data("alexnet", "default", "book", "bt", "zh")
    labels = [b["label"] for b in d["boxes"]]
    assert labels[0] == "输入" and labels[1] == "11×11卷积层 (96), 步幅4, 填充1 · ReLU"
    assert "3×3最大汇聚层, 步幅2" in labels and "全连接层 (4096) · ReLU" in labels
    g = data("googlenet", "default", "book", "bt", "zh")
    assert "通道合并层" in [b["label"] for b in g["boxes"]]
    dense = data("densenet", "full", "book", "bt", "zh")
    assert {"稠密块 1", "过渡层 1", "卷积块 1"} <= {f["title"] for f in dense["frames"]}
    for d in (g, dense, data("resnet18", "full", "detailed", "bt", "zh")):
        assert_clear(d)


@pytest.mark.parametrize("orientation", ["tb", "lr"])
def test_other_orientations_keep_the_geometry(orientation):
    for name in ("resnet18", "googlenet", "densenet"):
        assert_clear(data(name, "default", "book", orientation))
        assert_clear(data(name, "full", "detailed", orientation))


def test_left_to_right_googlenet_fits_a_slide():
    """The book's quarter-turned figure: narrow along the flow, text turned with the boxes."""
    d = data("googlenet", "fold", "book", "lr")
    assert d["text_rotation"] == 90 and d["width"] <= 1920 and d["height"] <= 1400
    assert all(b["h"] > b["w"] for b in d["boxes"])
