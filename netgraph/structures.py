"""Recognise the book's building blocks in a traced op graph, by shape rather than by class name.

Matching the graph's shape (where tensors fork and merge) instead of class names means the same
code finds Inception blocks, residual shortcuts and dense concatenations in the book's networks,
in torchvision's and in a user's own model. Everything rests on one idea: the block input of a
merge (concat or add) is the merge's *immediate dominator*, the last op every path from the
input to the merge must pass through. The paths between the two are the block's branches.

All passes are linear in the graph size apart from walks over single blocks, so ~1000-op graphs
(densenet121, resnet152, efficientnet_v2_l) take a few milliseconds, well under 50 ms.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import networkx as nx

from netgraph.model import ModuleInfo, Structure

_ROOT = object()  # virtual root above every graph input, so several inputs share one dominator tree
_MAX_SHORTCUT_OPS = 3  # a projection shortcut is a short chain: conv (+ norm) (+ pool)


def recognise_structures(ops: nx.DiGraph, modules: dict[str, ModuleInfo]) -> list[Structure]:
    """Every inception, residual, dense, transition and repeat structure, in execution order."""
    idom = _immediate_dominators(ops)
    dense = _dense_blocks(ops, idom)
    found = [
        *_inceptions(ops, idom),
        *_residuals(ops, idom),
        *dense,
        *_transitions(ops, modules, dense),
    ]
    found += _repeats(ops, modules, [s for s in found if s.kind == "residual"])
    found.sort(key=lambda s: _anchor_order(s, ops, modules))
    return found


# --- dominators --------------------------------------------------------------------------------


def _immediate_dominators(ops: nx.DiGraph) -> dict[str, object]:
    """Immediate dominator of every op reachable from the graph inputs (a DAG, so one pass).

    Ops fed only by constants (parameters, buffers) are unreachable and left out, so a constant
    shared by two branches never counts as a connection between them.
    """
    inputs = [n for n, k in ops.nodes(data="kind") if k == "input"]
    if not inputs:
        inputs = [n for n in ops if ops.in_degree(n) == 0]
    starts = set(inputs)
    idom: dict[object, object] = {_ROOT: _ROOT}
    depth: dict[object, int] = {_ROOT: 0}
    for node in sorted(ops, key=lambda n: ops.nodes[n]["order"]):  # execution is topological
        if node in starts:
            idom[node], depth[node] = _ROOT, 1
            continue
        preds = [p for p in ops.predecessors(node) if p in idom]
        if not preds:
            continue
        dom = preds[0]
        for p in preds[1:]:
            dom = _common_dominator(dom, p, idom, depth)
        idom[node], depth[node] = dom, depth[dom] + 1
    del idom[_ROOT]
    return idom


def _common_dominator(a: object, b: object, idom: dict, depth: dict) -> object:
    while depth[a] > depth[b]:
        a = idom[a]
    while depth[b] > depth[a]:
        b = idom[b]
    while a is not b and a != b:
        a, b = idom[a], idom[b]
    return a


def _branch(ops: nx.DiGraph, tip: str, source: object, idom: dict) -> set[str]:
    """Ops on the paths from ``source`` to ``tip`` (``tip`` included, ``source`` excluded)."""
    if tip == source:
        return set()
    seen = {tip}
    stack = [tip]
    while stack:
        for p in ops.predecessors(stack.pop()):
            if p != source and p not in seen and p in idom:
                seen.add(p)
                stack.append(p)
    return seen


def _parallel_branches(
    ops: nx.DiGraph, merge: str, source: object, idom: dict
) -> list[list[str]] | None:
    """The merge's input branches from ``source``, if they touch nothing but source and merge."""
    owner: dict[str, int] = {}
    branches: list[set[str]] = []
    for index, tip in enumerate(p for p in ops.predecessors(merge) if p in idom):
        branch = _branch(ops, tip, source, idom)
        if any(n in owner for n in branch):
            return None
        owner.update(dict.fromkeys(branch, index))
        branches.append(branch)
    for index, branch in enumerate(branches):
        for n in branch:
            if any(
                owner.get(s) != index and s != merge and not _dead_end(ops, s)
                for s in ops.successors(n)
            ):
                return None
    return [sorted(b, key=lambda n: ops.nodes[n]["order"]) for b in branches]


def _dead_end(ops: nx.DiGraph, node: str) -> bool:
    """An unused item of a tuple result, e.g. the attention weights of ``x, _ = attn(x, x, x)``."""
    return ops.out_degree(node) == 0 and ops.nodes[node].get("kind") == "other"


# --- inception and residual --------------------------------------------------------------------


def _merges(ops: nx.DiGraph, kind: str, idom: dict) -> Iterable[tuple[str, object]]:
    """(merge op, block input) for every op of ``kind`` with two or more traced inputs."""
    for node, k in ops.nodes(data="kind"):
        if k != kind or node not in idom or idom[node] is _ROOT:
            continue
        if sum(1 for p in ops.predecessors(node) if p in idom) >= 2:
            yield node, idom[node]


def _inceptions(ops: nx.DiGraph, idom: dict) -> list[Structure]:
    """Concats of ≥ 2 parallel branches that all start after one fork (none is the fork itself)."""
    found = []
    for merge, source in _merges(ops, "concat", idom):
        if ops.has_edge(source, merge):
            continue  # the block input is concatenated itself: dense, not inception
        branches = _parallel_branches(ops, merge, source, idom)
        if branches is None:
            continue
        branches.sort(key=lambda b: ops.nodes[b[0]]["order"])
        heads = [b[0] for b in branches]
        found.append(
            Structure(
                kind="inception",
                module=_innermost_module(ops, [*heads, merge]),
                branches=branches,
                merge=merge,
            )
        )
    return found


def _residuals(ops: nx.DiGraph, idom: dict) -> list[Structure]:
    """Adds of a body and a shortcut that is the block input itself or a short chain with it."""
    found = []
    for merge, source in _merges(ops, "add", idom):
        branches = _parallel_branches(ops, merge, source, idom)
        if branches is None or len(branches) != 2:
            continue
        body, shortcut = sorted(branches, key=len, reverse=True)
        if not body or not _is_chain(ops, shortcut):
            continue
        found.append(
            Structure(
                kind="residual",
                module=_innermost_module(ops, [*body, merge]),
                branches=[body, shortcut],
                merge=merge,
                projection=any(ops.nodes[n]["kind"] == "conv" for n in shortcut),
            )
        )
    return found


def _is_chain(ops: nx.DiGraph, branch: list[str]) -> bool:
    return len(branch) <= _MAX_SHORTCUT_OPS and all(
        ops.out_degree(n) == 1 and ops.in_degree(n) == 1 for n in branch
    )


# --- dense blocks and transitions --------------------------------------------------------------


def _dense_blocks(ops: nx.DiGraph, idom: dict) -> list[Structure]:
    """DenseNet blocks: concats that each join the running features with new ones.

    Two forms: the book's ``X = cat(X, Y)`` chains each concat into the next (the next concat's
    block input is this concat), torchvision's ``cat(features)`` re-concatenates a growing list
    of all earlier features (every concat of the block has the block input as its fork).
    """
    dense = [  # concats whose own block input is one of their inputs
        (n, idom[n])
        for n, k in ops.nodes(data="kind")
        if k == "concat" and n in idom and idom[n] is not _ROOT and ops.has_edge(idom[n], n)
    ]
    dense.sort(key=lambda pair: ops.nodes[pair[0]]["order"])
    used: set[str] = set()
    blocks = []
    # The book's form: follow each chain from its first concat.
    concats = {merge for merge, _ in dense}
    next_of = {
        source: merge for merge, source in dense if source in concats and ops.in_degree(merge) == 2
    }
    followers = set(next_of.values())
    for merge, _ in dense:
        if merge in followers:
            continue
        chain = [merge]
        while chain[-1] in next_of:
            chain.append(next_of[chain[-1]])
        if len(chain) >= 2:
            blocks.append(chain)
            used.update(chain)
    # torchvision's form: concats sharing one fork whose input lists grow by one new feature.
    by_source: dict[object, list[str]] = {}
    for merge, source in dense:
        if merge not in used:
            by_source.setdefault(source, []).append(merge)
    for group in by_source.values():
        if len(group) >= 2 and _growing(ops, group):
            blocks.append(group)
    return [
        Structure(kind="dense", module=_innermost_module(ops, chain), merges=chain)
        for chain in blocks
    ]


def _growing(ops: nx.DiGraph, concats: list[str]) -> bool:
    """Each concat takes the previous one's inputs plus features computed after it."""
    for before, after in pairwise(concats):
        old, new = set(ops.predecessors(before)), set(ops.predecessors(after))
        if not old < new:
            return False
        start = ops.nodes[before]["order"]
        if any(not _descends_from(ops, n, before, start) for n in new - old):
            return False
    return True


def _descends_from(ops: nx.DiGraph, node: str, ancestor: str, not_before: int) -> bool:
    """Whether ``ancestor`` feeds ``node``, looking only at ops run after ``not_before``."""
    seen, stack = {node}, [node]
    while stack:
        current = stack.pop()
        if current == ancestor:
            return True
        for p in ops.predecessors(current):
            if p not in seen and ops.nodes[p]["order"] >= not_before:
                seen.add(p)
                stack.append(p)
    return False


def _transitions(
    ops: nx.DiGraph, modules: dict[str, ModuleInfo], dense: list[Structure]
) -> list[Structure]:
    """The module right after each dense block that shrinks channels (1×1 conv) and size (pool)."""
    found = []
    for block in dense:
        for op in ops.successors(block.merges[-1]):
            path = _enclosing_transition(ops, modules, ops.nodes[op]["module_path"], block.module)
            if path is not None and all(s.module != path for s in found):
                found.append(Structure(kind="transition", module=path))
    return found


def _enclosing_transition(
    ops: nx.DiGraph, modules: dict[str, ModuleInfo], path: str, dense_module: str
) -> str | None:
    """The innermost module around ``path`` that is a transition and does not hold the block."""
    while path and not _contains(path, dense_module):
        info = modules.get(path)
        if info is not None and info.children and _shrinks(ops, info.ops):
            return path
        path = path.rpartition(".")[0]
    return None


def _shrinks(ops: nx.DiGraph, members: list[str]) -> bool:
    reduces = halves = False
    for n in members:
        attrs = ops.nodes[n]
        before = _input_shape(ops, n)
        after = attrs.get("shape")
        if before is None or after is None or len(before) < 3 or len(after) != len(before):
            continue
        if attrs["kind"] == "conv" and _is_one_by_one(attrs) and after[1] < before[1]:
            reduces = True
        if attrs["kind"] == "pool" and all(
            a == b // 2 and b >= 2 for a, b in zip(after[2:], before[2:], strict=True)
        ):
            halves = True
    return reduces and halves


def _is_one_by_one(attrs: dict) -> bool:
    size = (attrs.get("hparams") or {}).get("kernel_size")
    if isinstance(size, int):
        return size == 1
    return bool(size) and all(k == 1 for k in size)


def _input_shape(ops: nx.DiGraph, node: str) -> tuple[int, ...] | None:
    for p in ops.predecessors(node):
        return ops.edges[p, node].get("shape") or ops.nodes[p].get("shape")
    return None


# --- repeats -----------------------------------------------------------------------------------


def _repeats(
    ops: nx.DiGraph, modules: dict[str, ModuleInfo], residuals: list[Structure]
) -> list[Structure]:
    """Runs of ≥ 2 sibling blocks of the same structure, each feeding the next.

    Same structure = same class and the same layer sequence (kinds, places inside the block,
    kernel sizes), channel counts, strides and a residual's projection shortcut aside: so
    GoogLeNet's Inception blocks fold 2×, 5×, 2× and resnet50's stages 3×, 4×, 6×, 3× Bottleneck.
    Feeding the next (directly, or through ops of the parent such as a dense block's concat) is
    what makes a run a stage rather than twin parallel branches. A run whose members hold runs
    themselves is left to its inner runs (ResNet's stages each fold their residual blocks).
    """
    shortcut = {op for s in residuals if len(s.branches) > 1 for op in s.branches[1]}
    found = []
    for parent in modules.values():
        siblings = None  # the ops inside the parent's children, found when first needed
        run: list[ModuleInfo] = []
        for info in (modules.get(c) for c in parent.children):
            if run and _outline(info) == _outline(run[-1]):
                siblings = _child_ops(modules, parent) if siblings is None else siblings
                if _feeds(ops, run[-1], info, siblings) and _signature(
                    ops, info, shortcut
                ) == _signature(ops, run[0], shortcut):
                    run.append(info)
                    continue
            if len(run) >= 2:
                found.append(Structure("repeat", parent.path, members=[m.path for m in run]))
            run = [info] if _outline(info) else []
        if len(run) >= 2:
            found.append(Structure("repeat", parent.path, members=[m.path for m in run]))
    holders = {s.module for s in found}
    return [s for s in found if not any(_contains(m, h) for m in s.members for h in holders)]


def _outline(info: ModuleInfo | None) -> tuple | None:
    """Type of a block; None for leaf layers and modules that never ran."""
    if info is None or not info.children or not info.ops:
        return None
    return (info.type_name,)


def _child_ops(modules: dict[str, ModuleInfo], parent: ModuleInfo) -> set[str]:
    return {op for c in parent.children if c in modules for op in modules[c].ops}


def _feeds(ops: nx.DiGraph, before: ModuleInfo, after: ModuleInfo, siblings: set[str]) -> bool:
    """Whether ``before``'s output reaches ``after``, directly or through one op outside the
    siblings (``siblings``: their ops), like the concatenation between the book's dense layers."""
    produced = set(before.ops)
    for n in after.ops:
        for p in ops.predecessors(n):
            if p in produced:
                return True
            if p not in siblings and any(q in produced for q in ops.predecessors(p)):
                return True
    return False


def _signature(ops: nx.DiGraph, info: ModuleInfo, shortcut: set[str]) -> tuple:
    """Every op's kind, place inside the block and kernel size (``info.ops`` runs in order)."""
    start = len(info.path)
    return tuple(
        (
            attrs["kind"],
            attrs["module_path"][start:],
            (attrs.get("hparams") or {}).get("kernel_size"),
        )
        for n in info.ops
        if n not in shortcut
        for attrs in (ops.nodes[n],)
    )


# --- module paths ------------------------------------------------------------------------------


def _innermost_module(ops: nx.DiGraph, members: list[str]) -> str:
    """The deepest module path that contains every op in ``members``."""
    paths = [p.split(".") if p else [] for p in {ops.nodes[n]["module_path"] for n in members}]
    first, last = min(paths), max(paths)  # their common prefix is everyone's
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return ".".join(first[:size])


def _contains(outer: str, inner: str) -> bool:
    return outer == "" or inner == outer or inner.startswith(outer + ".")


def _anchor_order(structure: Structure, ops: nx.DiGraph, modules: dict[str, ModuleInfo]) -> int:
    """Where a structure starts in execution order, so the list reads like the network."""
    if structure.merge is not None:
        return ops.nodes[structure.merge]["order"]
    if structure.merges:
        return ops.nodes[structure.merges[0]]["order"]
    path = structure.members[0] if structure.members else structure.module
    info = modules.get(path)
    if info is None or not info.ops:
        return -1
    return min(ops.nodes[n]["order"] for n in info.ops)
