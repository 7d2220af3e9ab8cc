"""``layout_diagram``: the pipeline's entry point, with sub-layouts cached per subtree.

visible graph → looks (wording, sizes) → per frame, bottom-up: rank, order, position, joins,
route, title (cached by module path, the expansion inside it, the items feeding it and fed by
it, folding, flow, style, language and box width) → absolute placement, edges joined across
frame borders → shape labels placed → orientation. Expanding one block re-lays out only that
block, its ancestors and the frames it feeds.

The result depends only on the model and the options, so diagrams of several models can be
laid out independently and set side by side.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import replace

from errors import NetAtlasError
from netgraph.layout.blocks import BlockIndex
from netgraph.layout.expansion import ExpansionSnapshot, ExpansionState
from netgraph.layout.frame_layout import TITLE_TOP, Padding, SubLayout, layout_frame
from netgraph.layout.geometry import Box, Diagram, Edge, Frame, Glyph, Point
from netgraph.layout.orient import (
    ORIENTATIONS,
    layout_orientation,
    to_screen_point,
    to_screen_rect,
    turn_clockwise,
)
from netgraph.layout.placement import place_edge_labels
from netgraph.layout.route import simplify
from netgraph.layout.sizing import (
    MAX_EQUAL_W,
    STYLES,
    TITLE_H,
    ItemLook,
    Wording,
    block_look,
    frame_title,
    op_look,
    shape_text,
    text_extent,
    title_size,
)
from netgraph.layout.visible import ROOT, VisibleGraph, edge_pieces, visible_graph
from netgraph.model import NetGraph
from netgraph.words import check_language, sentence

CACHE_LIMIT = 4096
CAPTION_GAP = 5.0  # between a glyph and its caption
CAPTION_PX = 10
_caches: weakref.WeakKeyDictionary[BlockIndex, dict] = weakref.WeakKeyDictionary()
# Whole diagrams of a graph, newest last: a model shown again, a comparison's columns that did
# not change while another one opened a block, the compare view of models already on show.
DIAGRAMS_KEPT = 8
_diagrams: weakref.WeakKeyDictionary[BlockIndex, OrderedDict] = weakref.WeakKeyDictionary()
_diagrams_lock = threading.Lock()


def layout_diagram(
    graph: NetGraph,
    state: ExpansionState | ExpansionSnapshot,
    orientation: str = "bt",
    fold_repeats: bool = False,
    style: str = "detailed",
    lang: str = "en",
) -> Diagram:
    """Lay out ``graph`` as ``state`` shows it; "bt" is the book's bottom-to-top flow, "book"
    the book's wording and omissions, ``lang`` "en" or "zh" the labels' language.

    It reads a snapshot of ``state`` taken on entry (pass ``state.snapshot()`` from the thread
    that changes the state when the layout runs on another), and changes no process-wide state
    (the garbage collector included): any thread may call it."""
    state, fold = state.snapshot(), fold_repeats
    if orientation not in ORIENTATIONS:
        raise NetAtlasError(f"unknown orientation {orientation!r}: use one of bt, tb, lr")
    if style not in STYLES:
        raise NetAtlasError(f"unknown style {style!r}: use one of {', '.join(STYLES)}")
    if state.graph is not graph:
        raise NetAtlasError("the expansion state belongs to another graph: make one for this graph")
    key = _diagram_key(state, orientation, fold, style, lang)
    diagram = _kept(state.index, key)
    if diagram is None:
        diagram = _lay_out(graph, state, orientation, fold, key[-1])
        _keep(state.index, key, diagram)
    return replace(diagram)  # a copy of its own: callers set its title


def laid_out(
    state: ExpansionState | ExpansionSnapshot,
    orientation: str = "bt",
    fold_repeats: bool = False,
    style: str = "detailed",
    lang: str = "en",
) -> bool:
    """Whether :func:`layout_diagram` has this diagram at hand (it costs no layout then)."""
    state = state.snapshot()
    key = _diagram_key(state, orientation, fold_repeats, style, lang)
    with _diagrams_lock:
        return key in _diagrams.get(state.index, ())


def keep_diagram(
    state: ExpansionState | ExpansionSnapshot,
    orientation: str,
    fold_repeats: bool,
    style: str,
    lang: str,
    diagram: Diagram,
) -> None:
    """Take ``diagram`` as this view's layout: one this software laid out for the same graph
    and view before (the disk cache's first diagram), so it is not laid out again."""
    state = state.snapshot()
    key = _diagram_key(state, orientation, fold_repeats, style, lang)
    _keep(state.index, key, replace(diagram, title=state.graph.model_name))  # as laid out


def _kept(index: BlockIndex, key: tuple) -> Diagram | None:
    with _diagrams_lock:
        kept = _diagrams.get(index)
        if kept is None or key not in kept:
            return None
        kept.move_to_end(key)
        return kept[key]


def _keep(index: BlockIndex, key: tuple, diagram: Diagram) -> None:
    with _diagrams_lock:
        kept = _diagrams.setdefault(index, OrderedDict())
        kept[key] = diagram
        kept.move_to_end(key)
        while len(kept) > DIAGRAMS_KEPT:
            kept.popitem(last=False)


def _diagram_key(state: ExpansionSnapshot, orientation: str, fold: bool, style: str, lang: str):
    return (state.subtree_key(ROOT), orientation, fold, Wording(style, check_language(lang)))


def _lay_out(
    graph: NetGraph, state: ExpansionSnapshot, orientation: str, fold: bool, wording: Wording
) -> Diagram:
    lang = wording.lang
    flow = layout_orientation(orientation)
    vis = visible_graph(state, fold, wording.book)
    looks = _looks(graph, state.index.names, vis, wording)
    join_kind = {
        item: "span" if look.span else "circle" if look.glyph == "add" else "concat"
        for item, look in looks.items()
        if look.span or look.glyph
    }
    equal_w = max((lk.w for lk in looks.values() if lk.w <= MAX_EQUAL_W), default=0.0)
    titles = {
        path: frame_title(graph, state.index.names, path, lang, vis.repeat_frames.get(path))
        for path in vis.problems
        if path != ROOT
    }
    cache = sublayout_cache(state)
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    subs: dict[str, SubLayout] = {}

    def lay_out(path: str) -> SubLayout:
        problem = vis.problems[path]
        for child in problem.subframes:
            lay_out(child)
        key = (
            path,
            state.subtree_key(path),
            tuple(sorted(problem.in_ports)),
            tuple(sorted(problem.out_ports)),
            fold,
            flow,
            wording,
            equal_w,
        )
        sub = cache.get(key)
        if sub is None:
            size = {n: _extent(looks[n]) for n in problem.nodes if n not in problem.subframes}
            size.update({c: (subs[c].breadth, subs[c].depth) for c in problem.subframes})
            order = {n: float(vis.order[n]) for n in problem.nodes}
            order.update({i: float(vis.order[i]) for i in problem.in_ports + problem.out_ports})
            pad = _padding(titles.get(path), flow)
            sub = layout_frame(problem, size, order, subs, pad, join_kind)
            cache[key] = sub
        subs[path] = sub
        return sub

    root = lay_out(ROOT)
    diagram = _assemble(graph, state, vis, looks, subs, root, flow, titles, lang)
    diagram.style, diagram.lang = wording.style, lang
    if orientation == "lr":
        turn_clockwise(diagram)
    return diagram


def sublayout_cache(state: ExpansionState | ExpansionSnapshot) -> dict:
    """The sub-layouts kept for this state's graph, keyed by (module path, expanded blocks
    inside it, items feeding it and fed by it, folding, flow, wording, box width)."""
    return _caches.setdefault(state.index, {})


def _looks(graph, names, vis: VisibleGraph, wording: Wording) -> dict[str, ItemLook]:
    """Every item's look; in the book's style every box as wide as the widest (the book's
    equal widths), but for the odd label longer than MAX_EQUAL_W allows."""
    spans = {s.merge for s in graph.structures_of("inception")}
    looks = {}
    for item in vis.chain:
        if item in graph.modules and item not in graph.ops:
            members = vis.repeat.get(item, [item])
            looks[item] = block_look(graph, names, members, vis.ops_of.get(item, []), wording)
        else:
            folded = vis.folded_in.get(item, [])
            looks[item] = op_look(graph, item, wording, folded, span=item in spans)
    if wording.book:
        boxes = [lk for lk in looks.values() if not lk.glyph and not lk.span]
        widest = max((lk.w for lk in boxes if lk.w <= MAX_EQUAL_W), default=0.0)
        for lk in boxes:
            lk.w = max(lk.w, widest)
    return looks


def _caption_w(look: ItemLook) -> float:
    return text_extent(look.caption, CAPTION_PX) + 4.0 if look.caption else 0.0


def _extent(look: ItemLook) -> tuple[float, float]:
    """(breadth, depth) an item takes: a glyph's caption is mirrored by empty room on its other
    side, so the glyph stays on its column."""
    if look.caption:
        return (look.w + 2 * (_caption_w(look) + CAPTION_GAP), look.h)
    return (look.w, look.h)


def _padding(title: str | None, flow: str) -> Padding:
    if title is None:
        return Padding(side=16.0)
    title_w = title_size(title)[0]
    if flow == "tb":
        return Padding(start=TITLE_H, title_w=title_w, title_at="start")
    return Padding(end=TITLE_H, title_w=title_w, title_at="end")


def _assemble(graph, state, vis, looks, subs, root: SubLayout, flow: str, titles, lang) -> Diagram:
    total = root.depth
    diagram = Diagram(orientation=flow, title=graph.model_name, lang=lang)
    diagram.width, diagram.height = root.breadth, root.depth
    pieces: dict[tuple, list[Point]] = {}

    def place(path: str, ox: float, oy: float, level: int) -> None:
        sub, problem = subs[path], vis.problems[path]
        for key, pts in sub.pieces.items():
            pieces[(path, key)] = [(x + ox, y + oy) for x, y in pts]
        for node in problem.nodes:
            lx, ty = sub.pos[node]
            x, y = ox + lx, oy + ty
            if node in problem.subframes:
                child = subs[node]
                sx, sy, w, h = to_screen_rect(x, y, child.breadth, child.depth, flow, total)
                title = titles[node]
                tw, th = title_size(title)
                info = graph.modules[node]
                run = vis.repeat_frames.get(node, [node])
                diagram.frames.append(
                    Frame(
                        node,
                        info.structure or "block",
                        sx,
                        sy,
                        w,
                        h,
                        title,
                        depth=level + 1,
                        title_rect=(sx + child.title_x, sy + TITLE_TOP, tw, th),
                        tooltip=_frame_tooltip(graph, run, diagram.lang),
                        repeat=len(run),
                    )
                )
                place(node, x, y, level + 1)
            else:
                breadth = sub.spans.get(node)
                _emit_item(diagram, graph, node, looks[node], x, y, flow, total, breadth)

    place(ROOT, 0.0, 0.0, 0)
    for (a, b), skip in vis.edges.items():
        pts = [p for f, e in edge_pieces(vis.chain, a, b) for p in pieces[(f, e.key)]]
        screen = [to_screen_point(p, flow, total) for p in simplify(pts)]
        diagram.edges.append(Edge(a, b, screen, skip=skip, shape=shape_text(vis.edge_shape[a, b])))
    place_edge_labels(diagram, _wanted_labels(diagram))
    return diagram


def _frame_tooltip(graph, run: list[str], lang: str) -> str:
    info = graph.modules[run[0]]
    tip = f"{info.type_name} {run[0]}"
    if len(run) > 1:
        tip += "\n" + sentence("run", lang, count=len(run), first=run[0], last=run[-1])
    return tip


def _wanted_labels(d: Diagram) -> list[tuple[Edge, str, bool]]:
    """Each tensor's shape once: one label per (source, shape), on the stem its edges share
    when they fan out; none into a ⊕ (the sum's own edge carries that shape); the main flow
    first, so shortcuts give way."""
    adds = {g.id for g in d.glyphs if g.kind == "add"}
    fan: dict[tuple[str, str], int] = {}
    for e in d.edges:
        fan[(e.source, e.shape)] = fan.get((e.source, e.shape), 0) + 1
    wanted, seen = [], set()
    for e in sorted(d.edges, key=lambda e: e.skip):
        key = (e.source, e.shape)
        if not e.shape or e.target in adds or key in seen or len(e.points) < 2:
            continue
        seen.add(key)
        wanted.append((e, e.shape, fan[key] > 1))
    return wanted


def _emit_item(diagram, graph, item, look: ItemLook, x, y, flow, total, span_w=None) -> None:
    breadth, depth = _extent(look)
    breadth = span_w or breadth
    sx, sy, w, h = to_screen_rect(x, y, breadth, depth, flow, total)
    if look.glyph:
        cx, cy, r = sx + w / 2, sy + h / 2, look.h / 2
        caption = None
        if look.caption:
            cw = _caption_w(look)
            caption = (cx - r - CAPTION_GAP - cw, cy - 7.0, cw, 14.0)
        diagram.glyphs.append(
            Glyph(item, look.glyph, cx, cy, r, look.label, look.tooltip, look.caption, caption)
        )
        return
    module_path = item if look.kind == "block" else graph.ops.nodes[item].get("module_path", "")
    diagram.boxes.append(
        Box(
            item,
            look.kind,
            sx,
            sy,
            w,
            h,
            look.label,
            look.sublabel,
            module_path,
            look.block_kind,
            look.repeat,
            look.tooltip,
            look.mark,
        )
    )


def diagram_to_json(diagram: Diagram) -> dict:
    """Plain JSON: boxes, frames and glyphs as they are (text rectangles as [x, y, w, h]),
    each edge with its ``polyline``."""
    data = diagram.to_json_dict()
    data["text_rotation"] = diagram.text_rotation
    for edge in data["edges"]:
        edge["polyline"] = [list(p) for p in edge.pop("points")]
    for group in ("edges", "frames", "glyphs"):
        for element in data[group]:
            for key in ("label_rect", "title_rect"):
                if element.get(key) is not None:
                    element[key] = list(element[key])
    return data
