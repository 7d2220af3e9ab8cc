"""The op graph as diagrams draw it, whatever is expanded: built once per graph.

Three things differ from the traced graph. Bookkeeping ops fx records (shape reads, asserts,
weight reads) are left out. Residual shortcuts and dense connections to older features are
flagged as *skip* edges, drawn round the blocks they bypass. And a dense block that
re-concatenates its whole growing feature list at every layer (torchvision's
``cat(features)``) is drawn as the book draws it, a running concatenation: layer k's concat
takes the previous concat and the newest feature. Both forms compute the same tensor
(cat(x0…xk) = cat(cat(x0…xk-1), xk)), but the second draws one trunk of running features with a
tap per layer instead of a fan of ~k² crossing lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from netgraph.model import NetGraph

Shape = tuple[int, ...] | None

# Parameter reads that only feed a functional layer (ConvNeXt's layer_norm(x, w, b)).
_WEIGHT_NAMES = {"weight", "bias", "running_mean", "running_var"}


@dataclass
class DrawnOps:
    hidden: set[str]
    edges: list[tuple[str, str, Shape, bool]]  # source op, target op, tensor shape, skip
    preds: dict[str, list[str]] = field(default_factory=dict)
    succs: dict[str, list[str]] = field(default_factory=dict)
    running: set[str] = field(default_factory=set)  # concats drawn as previous + newest feature


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


def running_concats(graph: NetGraph) -> dict[str, list[str]]:
    """Concats of torchvision-style dense blocks, each with the inputs it is drawn with: the
    previous concat of its block, then the features that one did not have."""
    ops, order = graph.ops, dict(graph.ops.nodes(data="order", default=0))
    drawn: dict[str, list[str]] = {}
    for s in graph.structures_of("dense"):
        for before, merge in pairwise(s.merges):
            old, new = set(ops.predecessors(before)), set(ops.predecessors(merge))
            if before not in new and old < new:
                drawn[merge] = [before, *sorted(new - old, key=order.__getitem__)]
    return drawn


def drawn_ops(graph: NetGraph) -> DrawnOps:
    ops = graph.ops
    order = dict(ops.nodes(data="order", default=0))
    hidden = hidden_ops(graph)
    running = running_concats(graph)
    inputs: dict[str, list[tuple[str, Shape]]] = {}
    for u, v, shape in ops.edges(data="shape"):
        if u not in hidden and v not in hidden and v not in running:
            inputs.setdefault(v, []).append((u, shape or ops.nodes[u].get("shape")))
    for merge, sources in running.items():
        inputs[merge] = [(u, ops.nodes[u].get("shape")) for u in sources]
    skips = _skips(graph, inputs, order)
    drawn = DrawnOps(hidden, [], running=set(running))
    for v in sorted(inputs, key=order.__getitem__):
        for u, shape in inputs[v]:
            drawn.edges.append((u, v, shape, (u, v) in skips))
            drawn.preds.setdefault(v, []).append(u)
            drawn.succs.setdefault(u, []).append(v)
    return drawn


def _skips(
    graph: NetGraph, inputs: dict[str, list[tuple[str, Shape]]], order: dict[str, int]
) -> set[tuple[str, str]]:
    """Edges drawn round blocks: residual shortcuts, and each dense concat's older features."""
    skips: set[tuple[str, str]] = set()
    for s in graph.structures:
        if s.kind == "residual" and s.merge:
            body = set(s.branches[0]) if s.branches else set()
            shortcut = set(s.branches[1]) if len(s.branches) > 1 else set()
            skips.update((u, s.merge) for u, _ in inputs.get(s.merge, []) if u not in body)
            for op in shortcut:
                skips.update((u, op) for u, _ in inputs.get(op, []))
        elif s.kind == "dense":
            for m in s.merges:
                preds = sorted((u for u, _ in inputs.get(m, [])), key=order.__getitem__)
                skips.update((u, m) for u in preds[:-1])
    return skips
