"""Side by side: the book's comparisons exported as one figure each, and their JSON checked as
any tool would read it (columns apart, every column a valid single-model layout, facing stages
on one row, guides clear of everything); the alignment and the difference summary alone."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import main
from models.registry import get_spec
from netgraph import build_graph
from netgraph.compare.align import align_units, only_here
from netgraph.compare.session import CompareColumn, Comparison
from netgraph.compare.summary import Part, difference_summary, ratio_text
from netgraph.compare.units import Unit
from netgraph.layout import ExpansionState, layout_diagram
from netgraph.layout.stretch import clear_cut, stretch
from tests.test_layout_geometry import (
    assert_clear,
    assert_joined,
    items,
    overlap,
    rect4,
    texts,
)

ACCEPTANCE = [
    (("lenet", "alexnet"), "png"),
    (("alexnet", "vgg11"), "svg"),
    (("vgg11", "nin"), "pdf"),
    (("--preset", "residual-dense"), "png"),
    (("--preset", "residual-1x1"), "svg"),
]
EPS = 0.5


@cache
def figure_json(argv: tuple[str, ...], folder: str) -> dict:
    out = Path(folder) / f"{'-'.join(argv).strip('-')}.json"
    assert main.main(["export", *argv, "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("compare"))


def shifted(r, dx, dy):
    return (r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy)


def upstream(rect, orientation: str) -> float:
    left, top, right, bottom = rect
    return {"bt": bottom, "tb": top, "lr": left}[orientation]


@pytest.mark.parametrize(("argv", "fmt"), ACCEPTANCE)
def test_each_comparison_is_one_figure_file(qapp, tmp_path, argv, fmt):
    out = tmp_path / f"cmp.{fmt}"
    assert main.main(["export", *argv, "-o", str(out), "--theme", "print"]) == 0
    if fmt == "png":
        image = QImage(str(out))
        assert not image.isNull() and image.width() > 600
    elif fmt == "svg":
        text = "".join(
            t.text or "" for t in ET.parse(out).getroot().iter() if t.tag.endswith("text")
        )
        titles = [c["title"] for c in figure_json(argv, str(tmp_path))["columns"]]
        assert all(title.replace(" ", "") in text.replace(" ", "") for title in titles)
    else:
        assert (
            out.read_bytes().startswith(b"%PDF") and out.read_bytes().count(b"/Type /Page\n") <= 1
        )


TURNED = [("vgg11", "nin", "--orientation", "lr"), ("lenet", "alexnet", "--orientation", "tb")]


@pytest.mark.parametrize("argv", [a for a, _ in ACCEPTANCE] + TURNED)
def test_columns_apart_each_valid_and_facing_stages_on_one_row(argv, folder):
    d = figure_json(argv, folder)
    columns = d["columns"]
    assert len(columns) == 2 and d["kind"] == "compare"
    boxes = []
    for c in columns:
        ox, oy = c["offset"]
        layout = c["layout"]
        assert_clear(layout)  # the single-model geometry tests, per column
        assert_joined(layout)
        boxes.append(rect4(ox, oy, layout["width"], layout["height"]))
        boxes += [rect4(*c["title_rect"]), rect4(*c["subtitle_rect"])]
    for a, b in combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    assert all(r[2] <= d["width"] + EPS and r[3] <= d["height"] + EPS for r in boxes)
    lined_up = [r for r in d["rows"] if len(r["members"]) >= 2]
    assert len(lined_up) >= 2
    for row in lined_up:
        for column, ident in row["members"].items():
            c = columns[int(column)]
            rects = items(c["layout"]) | {
                f["id"]: rect4(f["x"], f["y"], f["w"], f["h"]) for f in c["layout"]["frames"]
            }
            border = upstream(shifted(rects[ident], *c["offset"]), d["orientation"])
            assert abs(border - row["at"]) < EPS, (argv, ident, border, row["at"])
    solid = []
    for c in columns:
        ox, oy = c["offset"]
        solid += [shifted(r, ox, oy) for r in {**items(c["layout"]), **texts(c["layout"])}.values()]
    for guide in d["guides"]:
        for x0, y0, x1, y1 in guide["segments"]:
            line = (min(x0, x1), min(y0, y1) - 0.1, max(x0, x1), max(y0, y1) + 0.1)
            assert not any(overlap(line, r) for r in solid), guide["caption"]


def labels_of(column: dict, ids: list[str]) -> list[str]:
    layout = column["layout"]
    named = {b["id"]: b["label"] for b in layout["boxes"]}
    named |= {f["id"]: f["title"] for f in layout["frames"]}
    return [named.get(i, i) for i in ids]


def test_what_one_network_alone_has_is_marked(folder):
    lenet, alexnet = figure_json(("lenet", "alexnet"), folder)["columns"]
    assert lenet["only_here"] == []
    assert sorted(labels_of(alexnet, alexnet["only_here"])) == [
        "3×3 Conv (256), pad 1 · ReLU",
        "3×3 Conv (384), pad 1 · ReLU",
        "3×3 Conv (384), pad 1 · ReLU",
        "3×3 MaxPool, stride 2",
    ]  # AlexNet's three extra convolutions and their pool, as the book sets them apart
    plain, projected = figure_json(("--preset", "residual-1x1"), folder)["columns"]
    assert plain["only_here"] == []
    assert labels_of(projected, projected["only_here"]) == ["1×1 Conv (128), stride 2"]
    vgg, nin = figure_json(("vgg11", "nin"), folder)["columns"]
    assert {"FC (4096) · ReLU", "VGG block 5"} <= set(labels_of(vgg, vgg["only_here"]))
    assert "Global AvgPool" in labels_of(nin, nin["only_here"])


def test_only_what_no_other_network_has_is_marked(folder):
    """An outline is true: a layer facing nothing is not marked when another network has its
    kind of layer anywhere, folded into a label or inside a closed block (GoogLeNet's ReLU in
    its convolutions' labels, VGG's max-pools beside NiN's); what truly is one network's own
    still is (ResNet's ⊕, its BatchNorm beside the book's GoogLeNet, NiN's 1×1 convolutions)."""
    googlenet, resnet = figure_json(("googlenet", "resnet18"), folder)["columns"]
    marked = labels_of(resnet, resnet["only_here"])
    assert "ReLU" not in marked and "BatchNorm (64) · ReLU" in marked
    assert any(ident.startswith("add") for ident in resnet["only_here"])  # the ⊕ glyphs
    assert not any("MaxPool" in label for label in labels_of(googlenet, googlenet["only_here"]))
    lenet, alexnet, vgg, nin = figure_json(("lenet", "alexnet", "vgg11", "nin"), folder)["columns"]
    assert lenet["only_here"] == alexnet["only_here"] == vgg["only_here"] == []
    marked = labels_of(nin, nin["only_here"])
    assert marked and all(label.startswith("1×1 Conv") for label in marked)


def test_blocks_face_blocks_in_order(folder):
    d = figure_json(("vgg11", "nin"), folder)
    pairs = [(r["members"]["0"], r["members"]["1"]) for r in d["rows"] if len(r["members"]) == 2]
    frames = [p for p in pairs if p[0] in "01234"]
    assert frames == [("0", "0"), ("1", "2"), ("2", "4"), ("3", "7")]  # VGG block i ↔ NiN block i
    assert [g["caption"] for g in d["guides"]][:2] == ["224×224", "112×112 · 26×26"]


def test_expand_addresses_one_column(folder, tmp_path):
    plain = figure_json(("googlenet", "resnet18"), folder)
    argv = ("googlenet", "resnet18", "--expand", "resnet18:2.0", "1:3.0")
    out = tmp_path / "x.json"
    assert main.main(["export", *argv, "-o", str(out)]) == 0
    opened = json.loads(out.read_text(encoding="utf-8"))
    frames = [{f["id"] for f in c["layout"]["frames"]} for c in opened["columns"]]
    before = [{f["id"] for f in c["layout"]["frames"]} for c in plain["columns"]]
    assert frames[1] == before[1] | {"2.0"} and frames[0] == before[0] | {"3.0"}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["lenet", "alexnet", "vgg11", "nin", "googlenet"], "2 to 4"),
        (["lenet", "alexnet", "--expand", "vgg11:0"], "none of the models compared"),
        (["lenet", "alexnet", "--only", "3:0"], "no column 3"),
        (["lenet", "--preset", "vgg-nin"], "either --preset"),
    ],
)
def test_bad_comparisons_say_what_to_do(capsys, tmp_path, argv, says):
    assert main.main(["export", *argv, "-o", str(tmp_path / "x.json")]) == 2
    assert says in capsys.readouterr().err


def test_info_prints_the_difference_summary(capsys):
    assert main.main(["info", "alexnet", "vgg11", "nin"]) == 0
    out = capsys.readouterr().out
    assert "VGG-11 has 2.8× the params and 8× the MACs of AlexNet" in out
    assert "NiN (Network in Network) 0.043×" in out
    assert "54×54 · 56×56" in out and "3 FC → 10" in out
    assert main.main(["info", "lenet", "alexnet", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["model"] for m in data["models"]] == ["lenet", "alexnet"]
    assert data["difference"]["models"] == ["LeNet", "AlexNet"]
    assert data["difference"]["params_ratio"][1] == pytest.approx(46_787_978 / 61_706, rel=1e-3)


# the parts alone ---------------------------------------------------------------------------
def unit(ident: str, category: str, side: int | None = None, children=()) -> Unit:
    role = "frame" if children else "box"
    return Unit(
        ident, role, category, (0, 0, 10, 10), (side, side) if side else None, list(children)
    )


def test_kinds_and_order_first_sizes_and_names_break_ties():
    lenet = [unit("in", "input", 28), unit("c1", "conv", 28), unit("p1", "pool", 28)]
    lenet += [unit("fc", "dense")]
    alex = [unit("in", "input", 224), unit("c1", "conv", 224), unit("p1", "pool", 54)]
    alex += [unit("c2", "conv", 26), unit("c3", "conv", 12), unit("fc", "dense")]
    rows = align_units({0: lenet, 1: alex})
    pairs = [(r.members[0].id, r.members[1].id) for r in rows if len(r.members) == 2]
    assert pairs == [("in", "in"), ("c1", "c1"), ("p1", "p1"), ("fc", "fc")]
    assert only_here(rows) == {1: ["c2", "c3"]}


def test_layers_face_blocks_only_where_their_network_has_none():
    alex = [unit("c1", "conv", 224), unit("p1", "pool", 54), unit("c2", "conv", 26)]
    vgg = [unit(f"b{i}", "block:block", s, [unit(f"b{i}c", "conv", s)]) for i, s in
           enumerate((224, 112, 56, 28))]  # fmt: skip
    rows = align_units({0: alex, 1: vgg})
    pairs = [(r.members[0].id, r.members[1].id) for r in rows if len(r.members) == 2]
    assert pairs == [("c1", "b0"), ("p1", "b2"), ("c2", "b3")]  # 54 beside 56, 26 beside 28
    assert only_here(rows) == {}  # layers beside blocks: no layer is "missing"
    nin = [unit("n0", "block:block", 224, [unit("n0c", "conv", 224)]), unit("p", "pool", 54)]
    rows = align_units({0: vgg[:2], 1: nin})
    assert [r.members[1].id for r in rows if len(r.members) == 2] == ["n0"]


def test_a_container_holding_most_of_a_network_is_no_stage_of_it():
    """torchvision's ``features`` wraps MobileNet's whole body: its blocks face ResNet's stages
    themselves (the wrapper faced ``layer4`` alone, the stem beside a 7×7 stage); GoogLeNet's
    stages b1–b5, each a part of the network, stay units of their own."""

    def faced(names: tuple[str, str], column: int) -> set[str]:
        columns = [CompareColumn.open(n, get_spec(n), build_graph(get_spec(n))) for n in names]
        figure = Comparison(columns).figure("bt", False, "book", "en")
        return {row.members[column] for row in figure.rows if column in row.members}

    mobile = faced(("resnet18", "torchvision.mobilenet_v3_small"), 1)
    assert "features" not in mobile and {"features.0", "features.1"} <= mobile
    assert {"0", "1", "2", "3", "4"} <= faced(("googlenet", "resnet18"), 0)  # b1–b5


def test_stretching_at_a_clear_cut_keeps_the_geometry():
    graph = build_graph(get_spec("resnet18"))
    d = layout_diagram(graph, ExpansionState(graph), "bt", False, "book", "en")
    box = max(d.boxes, key=lambda b: b.y)  # the input, at the bottom
    assert clear_cut(d, 1, box.y + box.h / 2, 1) is None  # never through a box
    cut = clear_cut(d, 1, box.y - 1, 1)
    longer = stretch(d, 1, [(cut, 40.0)])
    assert longer.height == d.height + 40
    assert_clear(diagram_json(longer))
    assert_joined(diagram_json(longer))


def diagram_json(d) -> dict:
    from netgraph.layout import diagram_to_json

    return diagram_to_json(d)


def test_the_summary_groups_stages_by_size_and_gives_ratios():
    parts = [Part(n, build_graph(get_spec(n))) for n in ("lenet", "alexnet")]
    s = difference_summary(parts)
    assert [st.label for st in s.stages] == [
        "54×54",
        "28×28 · 26×26",
        "14×14 · 12×12",
        "10×10",
        "5×5",
        "flat",
    ]
    assert s.stages[2].cells[1].text == "3 conv, 1 pool → 256×12×12"
    assert ratio_text(s.ratios[1][0]) == "758×" and ratio_text(0.0312) == "0.031×"
    nin = difference_summary([Part("nin", build_graph(get_spec("nin")))])
    assert nin.stages[-1].label == "flat" and nin.stages[-1].cells[0].text == "→ 10"


def test_a_transformers_token_layers_are_a_stage_of_their_own():
    """ViT's encoder works on a sequence (batch × tokens × width): its layers are counted in
    a "197 tokens" stage (they were left out of the table, though in the totals)."""
    from netgraph.load import load_graph

    _, graph = load_graph("torchvision.vit_b_16")
    summary = difference_summary([Part("vit", graph)])
    assert [s.label for s in summary.stages] == ["14×14", "197 tokens", "flat"]
    tokens = summary.stages[1]
    assert tokens.cells[0].layers["attention"] == 12 and tokens.cells[0].layers["FC"] == 24
    assert tokens.cells[0].output_shape == (197, 768) and tokens.label_in("zh") == "197 词元"


def test_a_block_column_counts_the_block_alone():
    graph = build_graph(get_spec("resnet18"))
    spec = get_spec("resnet18")
    columns = [CompareColumn.open("resnet18", spec, graph, only=p) for p in ("1.0", "2.0")]
    comparison = Comparison(columns)
    assert [c.title() for c in columns] == ["ResNet-18: Residual 1", "ResNet-18: Residual 3"]
    summary = comparison.summary()
    assert summary.params == [graph.modules["1.0"].params, graph.modules["2.0"].params]
    assert columns[0].keeps_open("1.0") and not columns[0].keeps_open("2.0")
