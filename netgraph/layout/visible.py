"""Phase 1: collapse the op graph to what is visible (TensorBoard style).

Pre: a graph and its expansion. Post: every drawn op mapped to one visible item (itself, the
outermost collapsed block around it — or a part of it, for a block drawn round its merge
(``split``) — or the first block of a folded repeat), every expanded block a frame, and per
frame a small layout problem whose edges are hoisted to the frame's own children. An edge
between items in different frames leaves each inner frame through an *out port* (one per inner
source item) and enters through an *in port* (one per inner target item), so a frame's problem
depends only on its own subtree: its sub-layout can be cached.

In the book's style the figure leaves out what the book leaves out: an activation is folded
into the layer it follows ("3×3 Conv (64), pad 1 · ReLU"), and Dropout, Flatten and the output
are folded into the item before them (named in its tooltip), their edges joined through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netgraph.layout.drawn import hidden_ops
from netgraph.layout.expansion import ExpansionSnapshot

__all__ = ["ROOT", "FrameProblem", "LayoutEdge", "VisibleGraph", "hidden_ops", "visible_graph"]

ROOT = ""

ACTIVATION_KINDS = ("relu", "activation")
HOST_KINDS = ("conv", "linear", "bn", "norm", "pool")  # layers an activation folds into
LEFT_OUT_KINDS = ("dropout", "flatten", "output")  # what the book's figures leave out


@dataclass
class LayoutEdge:
    """An edge of one frame's problem; ``via`` names the inner item a child frame's port serves."""

    key: tuple[str, ...]  # ("e", a, node), ("out", a), ("in", a, node): a = the source item
    src: str
    dst: str
    src_via: str | None = None
    dst_via: str | None = None
    skip: bool = False


@dataclass
class FrameProblem:
    """One expanded block (or the root): its children and the edges among them and its ports."""

    path: str
    nodes: list[str] = field(default_factory=list)  # items and child frames, definition order
    subframes: set[str] = field(default_factory=set)
    edges: dict[tuple[str, ...], LayoutEdge] = field(default_factory=dict)
    in_ports: list[str] = field(default_factory=list)  # outside items feeding the frame
    out_ports: list[str] = field(default_factory=list)  # inner items feeding the outside


@dataclass
class VisibleGraph:
    """What one layout draws, before any geometry."""

    item_of_op: dict[str, str]
    chain: dict[str, tuple[str, ...]]  # item -> frames around it, outermost first (root omitted)
    order: dict[str, int]  # item or frame -> first op's execution order
    repeat: dict[str, list[str]]  # folded item -> the member blocks it stands for
    edges: dict[tuple[str, str], bool]  # (source item, target item) -> skip
    edge_shape: dict[tuple[str, str], tuple[int, ...] | None]
    problems: dict[str, FrameProblem]
    ops_of: dict[str, list[str]] = field(default_factory=dict)  # item -> its ops, in order
    folded_in: dict[str, list[str]] = field(default_factory=dict)  # op item -> ops folded in
    repeat_frames: dict[str, list[str]] = field(default_factory=dict)  # open first member -> run


def visible_graph(
    state: ExpansionSnapshot, fold_repeats: bool = False, book: bool = False
) -> VisibleGraph:
    graph, index = state.graph, state.index
    drawn = index.drawn
    expanded, splits = state.expanded, index.splits
    folded, tails, repeat, repeat_frames, glue = _folding(state, fold_repeats)
    item_of_op: dict[str, str] = {}
    chain: dict[str, tuple[str, ...]] = {}
    order: dict[str, int] = {}
    ops_in_order = sorted(
        (op for op in graph.ops if op not in drawn.hidden),
        key=lambda op: graph.ops.nodes[op].get("order", 0),
    )
    tail_ops: dict[str, list[str]] = {}  # first member of an open run -> ops of the others
    for op in ops_in_order:
        blocks = index.chain_of_op[op]
        item, frames = op, blocks
        if op in glue:  # a dense block's concat between folded layers: part of the run
            item, frames = glue[op], index.block_chain[glue[op]][:-1]
            blocks = ()
        for i, block in enumerate(blocks):
            if block in tails:
                tail_ops.setdefault(tails[block], []).append(op)
                item = None
                break
            if block not in expanded:
                plan = splits.get(block) if block not in folded else None
                item = folded.get(block) or (plan or {}).get(op, block)
                frames = blocks[:i]
                break
        if item is None:
            continue
        item_of_op[op] = item
        chain.setdefault(item, frames)
        o = graph.ops.nodes[op].get("order", 0)
        for key in (item, *frames):
            if key not in order or o < order[key]:
                order[key] = o
    for first, ops in tail_ops.items():  # a run shown by its open first member ends at its end
        last = max(
            (op for op, item in item_of_op.items() if _inside(graph, op, first)),
            key=lambda op: graph.ops.nodes[op].get("order", 0),
        )
        item_of_op.update(dict.fromkeys(ops, item_of_op[last]))
    folded_in = _fold_into_hosts(graph, drawn, item_of_op, chain, order) if book else {}
    ops_of: dict[str, list[str]] = {}
    for op in ops_in_order:
        if op in item_of_op:
            ops_of.setdefault(item_of_op[op], []).append(op)
    edges: dict[tuple[str, str], bool] = {}
    edge_shape: dict[tuple[str, str], tuple[int, ...] | None] = {}
    for u, v, shape, skip in drawn.edges:
        a, b = item_of_op.get(u), item_of_op.get(v)
        if a is not None and b is not None and a != b:
            edges[(a, b)] = edges.get((a, b), True) and skip  # a skip only if all of it is
            edge_shape.setdefault((a, b), shape)
    problems = _problems(chain, order, edges)
    return VisibleGraph(
        item_of_op,
        chain,
        order,
        repeat,
        edges,
        edge_shape,
        problems,
        ops_of,
        folded_in,
        repeat_frames,
    )


def _inside(graph, op: str, block: str) -> bool:
    path = graph.ops.nodes[op].get("module_path", "")
    return path == block or path.startswith(block + ".")


def _folding(state: ExpansionSnapshot, fold_repeats: bool) -> tuple[dict, dict, dict, dict, dict]:
    """Runs of repeated blocks drawn once: (member → the folded box's id, later member → the
    open first member whose frame stands for the run, folded box → run, open member → run,
    glue op → the folded box's id).

    A run is folded while none of its members is open, or only its first (which then shows
    the run's structure once, marked "N ×"), unless the user unfolded it. *Glue* ops run
    between the members outside them (the book's dense block concatenates between its conv
    blocks): folded with the run; such a run unfolds when its first member opens.
    """
    folded: dict[str, str] = {}
    tails: dict[str, str] = {}
    repeat: dict[str, list[str]] = {}
    repeat_frames: dict[str, list[str]] = {}
    glue: dict[str, str] = {}
    if not fold_repeats:
        return folded, tails, repeat, repeat_frames, glue
    index, expanded, graph = state.index, state.expanded, state.graph
    for s in graph.structures_of("repeat"):
        members = s.members
        if len(members) < 2 or not all(index.is_block(m) for m in members):
            continue
        first = members[0]
        if first in state.unfolded or any(m in expanded for m in members[1:]):
            continue
        if not all(p in expanded for p in index.block_chain[first][:-1]):
            continue
        between = _glue(graph, index.drawn, members)
        if first in expanded and not between:
            tails.update(dict.fromkeys(members[1:], first))
            repeat_frames[first] = list(members)
        elif first not in expanded:
            folded.update(dict.fromkeys(members, first))
            glue.update(dict.fromkeys(between, first))
            repeat[first] = list(members)
    return folded, tails, repeat, repeat_frames, glue


def _glue(graph, drawn, members: list[str]) -> list[str]:
    """Ops outside the members that take a member's output and feed a later member."""
    where = {op: i for i, m in enumerate(members) for op in graph.modules[m].ops}
    found = []
    for op, i in where.items():
        for s in drawn.succs.get(op, []):
            if s not in where and any(where.get(n, -1) > i for n in drawn.succs.get(s, [])):
                found.append(s)
    return list(dict.fromkeys(found))


def _fold_into_hosts(graph, drawn, item_of_op, chain, order) -> dict[str, list[str]]:
    """The book's figure: activations into the layer they follow, Dropout/Flatten/output into
    the item before them. Returns host op → the ops folded into it."""
    ops = graph.ops
    folded_in: dict[str, list[str]] = {}
    for op in sorted(item_of_op, key=lambda o: ops.nodes[o].get("order", 0)):
        if item_of_op[op] != op:
            continue
        kind = ops.nodes[op].get("kind")
        preds = [p for p in drawn.preds.get(op, []) if p in item_of_op]
        if len(preds) != 1 or kind not in ACTIVATION_KINDS + LEFT_OUT_KINDS:
            continue
        pred = preds[0]
        host = item_of_op[pred]
        if kind in ACTIVATION_KINDS and not (
            host == pred
            and ops.nodes[pred].get("kind") in HOST_KINDS
            and len(drawn.succs.get(pred, [])) == 1
            and chain.get(host) == chain.get(op)
        ):
            continue
        item_of_op[op] = host
        chain.pop(op, None)
        order.pop(op, None)
        folded_in.setdefault(host, []).append(op)
    return folded_in


def _problems(
    chain: dict[str, tuple[str, ...]], order: dict[str, int], edges: dict[tuple[str, str], bool]
) -> dict[str, FrameProblem]:
    problems: dict[str, FrameProblem] = {ROOT: FrameProblem(ROOT)}
    for item in sorted(chain, key=lambda it: order[it]):
        frames = (ROOT, *chain[item])
        for depth in range(1, len(frames)):
            f = frames[depth]
            if f not in problems:
                problems[f] = FrameProblem(f)
                parent = problems[frames[depth - 1]]
                parent.nodes.append(f)
                parent.subframes.add(f)
        problems[frames[-1]].nodes.append(item)

    for (a, b), skip in edges.items():
        for frame, edge in edge_pieces(chain, a, b, skip):
            p = problems[frame]
            ports = {"out": p.out_ports, "in": p.in_ports}.get(edge.key[0])
            old = p.edges.get(edge.key)
            if old is None:
                p.edges[edge.key] = edge
                if ports is not None and a not in ports:
                    ports.append(a)
            else:
                old.skip = old.skip and skip
    return problems


def edge_pieces(
    chain: dict[str, tuple[str, ...]], a: str, b: str, skip: bool = False
) -> list[tuple[str, LayoutEdge]]:
    """The pieces of the edge a → b, in order, each with the frame it is laid out in: out of
    a's frames through their out ports (one per inner source), across the lowest common frame,
    into b's frames through their in ports (one per outside source, shared by its targets)."""
    ca, cb = (ROOT, *chain[a]), (ROOT, *chain[b])
    k = 1
    while k < len(ca) and k < len(cb) and ca[k] == cb[k]:
        k += 1

    def hoist(item: str, frames: tuple[str, ...], depth: int) -> tuple[str, str | None]:
        """The node of frames[depth-1] holding ``item``; a child frame's port is keyed by a."""
        return (frames[depth], a) if depth < len(frames) else (item, None)

    pieces = []
    for i in range(len(ca) - 1, k - 1, -1):
        node, via = hoist(a, ca, i + 1)
        pieces.append((ca[i], LayoutEdge(("out", a), node, "out:" + a, src_via=via, skip=skip)))
    (node_a, via_a), (node_b, via_b) = hoist(a, ca, k), hoist(b, cb, k)
    pieces.append((ca[k - 1], LayoutEdge(("e", a, node_b), node_a, node_b, via_a, via_b, skip)))
    for i in range(k, len(cb)):
        node, via = hoist(b, cb, i + 1)
        pieces.append((cb[i], LayoutEdge(("in", a, node), "in:" + a, node, dst_via=via, skip=skip)))
    return pieces
