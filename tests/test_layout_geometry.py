"""Acceptance geometry of real diagrams: every book network and two torchvision ones, at the
default depth and fully expanded."""

from __future__ import annotations

from functools import cache

import pytest

from models.registry import book_models, get_spec
from netgraph import build_graph
from netgraph.layout import Diagram, ExpansionState, layout_diagram
from netgraph.layout.sizing import text_width

MODELS = [s.name for s in book_models()] + ["torchvision.googlenet", "torchvision.resnet50"]
EPS = 0.5
Rect = tuple[float, float, float, float]  # left, top, right, bottom


@cache
def graph(name: str):
    return build_graph(get_spec(name))


@cache
def diagram(name: str, full: bool | str, orientation: str = "bt") -> Diagram:
    """``full``: True = every block open, False = the default depth, "fold" = default, folded."""
    g = graph(name)
    state = ExpansionState(g, 99 if full is True else None)
    return layout_diagram(g, state, orientation, fold_repeats=full == "fold")


def items(d: Diagram) -> dict[str, Rect]:
    rects = {b.id: (b.x, b.y, b.x + b.w, b.y + b.h) for b in d.boxes}
    rects.update({g.id: (g.x - g.r, g.y - g.r, g.x + g.r, g.y + g.r) for g in d.glyphs})
    return rects


def on_border(p, rect: Rect, glyph_r: float | None) -> bool:
    x, y = p
    l, t, r, b = rect
    if glyph_r is not None:
        cx, cy = (l + r) / 2, (t + b) / 2
        return abs(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 - glyph_r) < EPS
    inside = l - EPS <= x <= r + EPS and t - EPS <= y <= b + EPS
    return inside and min(abs(x - l), abs(x - r), abs(y - t), abs(y - b)) < EPS


def crosses(seg, rect: Rect) -> bool:
    """True if the axis-parallel segment runs through the rectangle's inside."""
    (x0, y0), (x1, y1) = seg
    l, t, r, b = rect
    return (
        max(x0, x1) > l + EPS
        and min(x0, x1) < r - EPS
        and max(y0, y1) > t + EPS
        and min(y0, y1) < b - EPS
    )


CASES = [(name, full) for name in MODELS for full in (False, True)] + [
    ("torchvision.resnet50", "fold"),
    ("resnet18", "fold"),
]


@pytest.mark.parametrize(("name", "full"), CASES)
def test_items_do_not_overlap_and_labels_fit(name, full):
    d = diagram(name, full)
    rects = sorted(items(d).items(), key=lambda kv: kv[1][0])
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            if rb[0] >= ra[2] - EPS:
                break  # sorted by left edge: nothing further right can overlap ra
            assert rb[1] >= ra[3] - EPS or rb[3] <= ra[1] + EPS, f"{a} overlaps {b}"
    for box in d.boxes:
        assert text_width(box.label, box.sublabel) <= box.w + EPS, box.label


@pytest.mark.parametrize(("name", "full"), CASES)
def test_edges_join_borders_and_pass_no_box(name, full):
    d = diagram(name, full)
    rects = items(d)
    radius = {g.id: g.r for g in d.glyphs}
    boxes = sorted(rects.items(), key=lambda kv: kv[1][0])
    for e in d.edges:
        assert on_border(e.points[0], rects[e.source], radius.get(e.source)), e
        assert on_border(e.points[-1], rects[e.target], radius.get(e.target)), e
        for seg in zip(e.points, e.points[1:], strict=False):
            (x0, _), (x1, _) = seg
            assert seg[0][0] == seg[1][0] or seg[0][1] == seg[1][1], "not orthogonal"
            for item, rect in boxes:
                if rect[0] > max(x0, x1):
                    break
                assert not crosses(seg, rect), f"{e.source}→{e.target} passes through {item}"


def hoisted(d: Diagram, inside: str, op: str, module_path: str) -> Rect:
    """The child of the frame ``inside`` that holds ``op``: a nested frame or the op's box."""
    nested = [
        f
        for f in d.frames
        if f.id.startswith(inside + ".") and (module_path + ".").startswith(f.id + ".")
    ]
    if nested:
        f = min(nested, key=lambda f: len(f.id))
        return (f.x, f.y, f.x + f.w, f.y + f.h)
    return items(d)[op]


@pytest.mark.parametrize("name", ["googlenet", "torchvision.googlenet"])
def test_inception_branches_sit_side_by_side_in_definition_order(name):
    g, d = graph(name), diagram(name, True)
    blocks = g.structures_of("inception")
    assert blocks
    for s in blocks:
        firsts = [hoisted(d, s.module, b[0], g.ops.nodes[b[0]]["module_path"]) for b in s.branches]
        for left, right in zip(firsts, firsts[1:], strict=False):
            assert left[2] <= right[0], f"{s.module}: branches not left to right"
        top = max(r[1] for r in firsts)
        bottom = min(r[3] for r in firsts)
        assert top < bottom, f"{s.module}: branch starts share no rank"


@pytest.mark.parametrize("name", ["resnet18", "torchvision.resnet50"])
def test_residual_shortcut_runs_right_of_its_body(name):
    g, d = graph(name), diagram(name, True)
    rects = items(d)
    blocks = g.structures_of("residual")
    assert blocks
    for s in blocks:
        body = [rects[op] for op in s.branches[0] if op in rects]
        right = max(r[2] for r in body)
        top, bottom = min(r[1] for r in body), max(r[3] for r in body)
        shortcut = [e for e in d.edges if e.target == s.merge and e.skip]
        assert shortcut, f"{s.module}: no shortcut into its ⊕"
        for e in shortcut:
            for (x0, y0), (x1, y1) in zip(e.points, e.points[1:], strict=False):
                if max(y0, y1) > top + EPS and min(y0, y1) < bottom - EPS:
                    assert min(x0, x1) >= right, f"{s.module}: shortcut not right of the body"


@pytest.mark.parametrize("orientation", ["tb", "lr"])
def test_other_orientations_keep_the_geometry(orientation):
    d = diagram("resnet18", True, orientation)
    rects = items(d)
    for e in d.edges:
        assert e.source in rects and e.target in rects
        for seg in zip(e.points, e.points[1:], strict=False):
            for item, rect in rects.items():
                assert not crosses(seg, rect), f"{e.source}→{e.target} passes through {item}"


def _on_segment(p, a, b) -> bool:
    return (
        min(a[0], b[0]) - EPS <= p[0] - 4 <= max(a[0], b[0]) + EPS
        and min(a[1], b[1]) - EPS <= p[1] <= max(a[1], b[1]) + EPS
    )


def test_a_concatenations_branches_are_labelled_where_they_leave_their_sources():
    """The branches share the run into the [ , ] glyph: a label there would show one branch's
    shape as if it were the input; each is labelled on its own first run instead."""
    state = ExpansionState(graph("googlenet"))
    state.expand("2.0")
    d = layout_diagram(graph("googlenet"), state)
    concat = next(g for g in d.glyphs if g.kind == "concat")
    into = [e for e in d.edges if e.target == concat.id]
    assert sorted(e.label for e in into) == ["128×12×12", "32×12×12", "32×12×12", "64×12×12"]
    assert all(_on_segment(e.label_pos, *e.points[:2]) for e in into)
    after = next(e for e in d.edges if e.source == concat.id)
    assert after.label == "256×12×12" and _on_segment(after.label_pos, *after.points[-2:])
