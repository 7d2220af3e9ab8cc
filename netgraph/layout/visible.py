"""Phase 1: collapse the op graph to what is visible (TensorBoard style).

Pre: a graph and its expansion. Post: every op mapped to one visible item (itself, or the
outermost collapsed block around it, or the first block of a folded repeat), every expanded block
a frame, and per frame a small layout problem whose edges are hoisted to the frame's own
children. An edge between items in different frames leaves each inner frame through an *out
port* (one per inner source item) and enters through an *in port* (one per inner target item),
so a frame's problem depends only on its own subtree: its sub-layout can be cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netgraph.layout.expansion import ExpansionState
from netgraph.model import NetGraph

ROOT = ""


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


def skip_edges(graph: NetGraph) -> set[tuple[str, str]]:
    """Op edges drawn round blocks: residual shortcuts and dense connections to older features."""
    ops = graph.ops
    skips: set[tuple[str, str]] = set()
    for s in graph.structures:
        if s.kind == "residual" and s.merge:
            body = set(s.branches[0]) if s.branches else set()
            shortcut = set(s.branches[1]) if len(s.branches) > 1 else set()
            skips.update((u, s.merge) for u in ops.predecessors(s.merge) if u not in body)
            for op in shortcut:
                skips.update((u, op) for u in ops.predecessors(op))
        elif s.kind == "dense":
            for m in s.merges:
                preds = sorted(ops.predecessors(m), key=lambda u: ops.nodes[u].get("order", 0))
                skips.update((u, m) for u in preds[:-1])
    return skips


# Parameter reads that only feed a functional layer (ConvNeXt's layer_norm(x, w, b)).
_WEIGHT_NAMES = {"weight", "bias", "running_mean", "running_var"}


def hidden_ops(graph: NetGraph) -> set[str]:
    """Ops a diagram leaves out: the Python bookkeeping fx records (shape reads, asserts, integer
    arithmetic — ops whose result is no tensor) and reads of layer weights. A tuple-valued op
    stays when a tensor is taken out of it (``out, _ = attention(x)``)."""
    ops = graph.ops
    hidden = set()
    for op, data in ops.nodes(data=True):
        if data.get("kind") in ("input", "output"):
            continue
        if data.get("op") == "get_attr":
            if str(data.get("target", "")).rsplit(".", 1)[-1] in _WEIGHT_NAMES:
                hidden.add(op)
        elif data.get("shape") is None and not any(
            ops.nodes[s].get("target") == "getitem" and ops.nodes[s].get("shape") is not None
            for s in ops.successors(op)
        ):
            hidden.add(op)
    return hidden


def visible_graph(state: ExpansionState, fold_repeats: bool = False) -> VisibleGraph:
    graph, index = state.graph, state.index
    expanded = state.expanded
    groups = _fold_groups(state) if fold_repeats else []
    folded = {m: members[0] for members in groups for m in members}
    item_of_op: dict[str, str] = {}
    chain: dict[str, tuple[str, ...]] = {}
    order: dict[str, int] = {}
    hidden = hidden_ops(graph)
    for op, data in graph.ops.nodes(data=True):
        if op in hidden:
            continue
        blocks = index.chain_of_op[op]
        item, frames = op, blocks
        for i, block in enumerate(blocks):
            if block not in expanded:
                item, frames = folded.get(block, block), blocks[:i]
                break
        item_of_op[op] = item
        chain[item] = frames
        o = data.get("order", 0)
        for key in (item, *frames):
            if key not in order or o < order[key]:
                order[key] = o
    skips = skip_edges(graph)
    edges: dict[tuple[str, str], bool] = {}
    edge_shape: dict[tuple[str, str], tuple[int, ...] | None] = {}
    for u, v, shape in graph.ops.edges(data="shape"):
        if u in hidden or v in hidden:
            continue
        a, b = item_of_op[u], item_of_op[v]
        if a != b:
            edges[(a, b)] = edges.get((a, b), False) or (u, v) in skips
            edge_shape.setdefault((a, b), shape or graph.ops.nodes[u].get("shape"))
    problems = _problems(chain, order, edges)
    repeat = {members[0]: members for members in groups}
    return VisibleGraph(item_of_op, chain, order, repeat, edges, edge_shape, problems)


def _fold_groups(state: ExpansionState) -> list[list[str]]:
    """Repeats whose members are all closed blocks inside an open parent."""
    index, expanded = state.index, state.expanded
    groups = []
    for s in state.graph.structures_of("repeat"):
        members = s.members
        if len(members) < 2 or not all(index.is_block(m) for m in members):
            continue
        if any(m in expanded for m in members):
            continue
        if all(p in expanded for p in index.block_chain[members[0]][:-1]):
            groups.append(list(members))
    return groups


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
                old.skip = old.skip or skip
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
