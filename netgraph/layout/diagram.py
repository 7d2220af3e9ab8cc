"""``layout_diagram``: the pipeline's entry point, with sub-layouts cached per subtree.

visible graph → per frame, bottom-up: rank, order, position, route (cached by module path, the
expansion inside it, the items feeding it, folding and orientation) → absolute placement, edges
joined across frame borders → orientation. Expanding one block re-lays out only that block, its
ancestors and the frames it feeds.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from models.errors import NetAtlasError
from netgraph.layout.blocks import BlockIndex
from netgraph.layout.expansion import ExpansionState
from netgraph.layout.frame_layout import Padding, SubLayout, layout_frame
from netgraph.layout.geometry import Box, Diagram, Edge, Frame, Glyph, Point
from netgraph.layout.orient import ORIENTATIONS, item_extent, to_screen_point, to_screen_rect
from netgraph.layout.route import simplify
from netgraph.layout.sizing import (
    TITLE_H,
    ItemLook,
    block_look,
    frame_title,
    op_look,
    shape_text,
    text_width,
)
from netgraph.layout.visible import ROOT, VisibleGraph, edge_pieces, visible_graph
from netgraph.model import NetGraph

CACHE_LIMIT = 4096
_caches: weakref.WeakKeyDictionary[BlockIndex, dict] = weakref.WeakKeyDictionary()


def layout_diagram(
    graph: NetGraph, state: ExpansionState, orientation: str = "bt", fold_repeats: bool = False
) -> Diagram:
    """Lay out ``graph`` as ``state`` shows it; "bt" is the book's bottom-to-top flow."""
    with _no_cyclic_gc():
        return _layout_diagram(graph, state, orientation, fold_repeats)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The layout allocates millions of small objects and frees them all at the end; Python's
    cyclic collector would rescan them again and again (10k ops: ~3× slower) for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _layout_diagram(
    graph: NetGraph, state: ExpansionState, orientation: str, fold_repeats: bool
) -> Diagram:
    if orientation not in ORIENTATIONS:
        raise NetAtlasError(f"unknown orientation {orientation!r}: use one of bt, tb, lr")
    if state.graph is not graph:
        raise NetAtlasError("the expansion state belongs to another graph: make one for this graph")
    vis = visible_graph(state, fold_repeats)
    looks = {item: _look(graph, vis, item) for item in vis.chain}
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
            fold_repeats,
            orientation,
        )
        sub = cache.get(key)
        if sub is None:
            size = {
                n: item_extent(looks[n].w, looks[n].h, orientation)
                for n in problem.nodes
                if n not in problem.subframes
            }
            size.update({c: (subs[c].breadth, subs[c].depth) for c in problem.subframes})
            order = {n: float(vis.order[n]) for n in problem.nodes}
            order.update({i: float(vis.order[i]) for i in problem.in_ports + problem.out_ports})
            sub = layout_frame(problem, size, order, subs, _padding(graph, path, orientation))
            cache[key] = sub
        subs[path] = sub
        return sub

    root = lay_out(ROOT)
    return _assemble(graph, vis, looks, subs, root, orientation)


def sublayout_cache(state: ExpansionState) -> dict:
    """The sub-layouts kept for this state's graph, keyed by (module path, expanded blocks
    inside it, items feeding it, folding, orientation)."""
    return _caches.setdefault(state.index, {})


def _look(graph, vis: VisibleGraph, item: str) -> ItemLook:
    if item in graph.modules and item not in graph.ops:
        return block_look(graph, vis.repeat.get(item, [item]))
    return op_look(graph, item)


def _padding(graph, path: str, orientation: str) -> Padding:
    if path == ROOT:
        return Padding(side=16.0)
    title_w = text_width(frame_title(graph, path))
    if orientation == "lr":
        return Padding(left=TITLE_H)
    if orientation == "tb":
        return Padding(start=TITLE_H, min_breadth=title_w)
    return Padding(end=TITLE_H, min_breadth=title_w)


def _assemble(graph, vis, looks, subs, root: SubLayout, orientation: str) -> Diagram:
    total = root.depth
    diagram = Diagram(orientation=orientation, title=graph.model_name)
    diagram.width, diagram.height = (
        (root.depth, root.breadth) if orientation == "lr" else (root.breadth, root.depth)
    )
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
                sx, sy, w, h = to_screen_rect(x, y, child.breadth, child.depth, orientation, total)
                info = graph.modules[node]
                diagram.frames.append(
                    Frame(
                        node,
                        info.structure or "block",
                        sx,
                        sy,
                        w,
                        h,
                        frame_title(graph, node),
                        depth=level + 1,
                    )
                )
                place(node, x, y, level + 1)
            else:
                _emit_item(diagram, graph, node, looks[node], x, y, orientation, total)

    place(ROOT, 0.0, 0.0, 0)
    labels = {edge: shape_text(vis.edge_shape.get(edge)) for edge in vis.edges}
    shapes_into: dict[str, set[str]] = {}
    for (_, b), label in labels.items():
        shapes_into.setdefault(b, set()).add(label)
    for (a, b), skip in vis.edges.items():
        pts = [p for f, e in edge_pieces(vis.chain, a, b) for p in pieces[(f, e.key)]]
        screen = [to_screen_point(p, orientation, total) for p in simplify(pts)]
        diagram.edges.append(
            Edge(a, b, screen, labels[a, b], _label_pos(screen, len(shapes_into[b]) > 1), skip)
        )
    return diagram


def _label_pos(screen: list[Point], branches_differ: bool) -> Point:
    """By the edge's last run, where it enters its target; but edges bringing different shapes
    into one target (a concatenation's branches) share that run, so each is labelled where it
    leaves its source instead."""
    (x0, y0), (x1, y1) = screen[:2] if branches_differ else screen[-2:]
    return ((x0 + x1) / 2 + 4, (y0 + y1) / 2)


def _emit_item(diagram, graph, item, look: ItemLook, x, y, orientation, total) -> None:
    breadth, depth = item_extent(look.w, look.h, orientation)
    sx, sy, w, h = to_screen_rect(x, y, breadth, depth, orientation, total)
    if look.glyph:
        diagram.glyphs.append(
            Glyph(item, look.glyph, sx + w / 2, sy + h / 2, w / 2, look.label, look.tooltip)
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
        )
    )


def diagram_to_json(diagram: Diagram) -> dict:
    """Plain JSON: boxes, frames and glyphs as they are, each edge with its ``polyline``."""
    data = diagram.to_json_dict()
    for edge in data["edges"]:
        edge["polyline"] = [list(p) for p in edge.pop("points")]
        if edge["label_pos"] is not None:
            edge["label_pos"] = list(edge["label_pos"])
    return data
