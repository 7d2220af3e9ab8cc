"""The last tracing resort: run the model once and record its leaf modules with forward hooks.

Functions called directly in a forward (``torch.cat``, ``+``) are invisible to hooks, so a tensor
whose producer was not recorded is linked to the op recorded just before. The result is an fx
graph of ``call_module`` nodes carrying the same ``meta`` as a propagated fx trace, so the rest
of the pipeline does not care how it was recorded.

What the drawing cannot show is still measured: every module (not only the leaves) is hooked, so
a block's output is what its own ``forward`` returned (a squeeze-excitation block's product, not
its last child's 1×1 gate), the modules that never ran are known, and the work a forward does
itself with torch functions is booked to it by the work meter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import torch
from torch import fx, nn
from torch.utils._pytree import tree_leaves

from netgraph.kinds import module_kind
from netgraph.measure import WorkMeter
from netgraph.shapes import Shape, shape_of
from netgraph.trace import HierarchyTracer


class HookFailure(Exception):
    """The forward pass failed inside ``path`` (or in the root's own code if path is "")."""

    def __init__(self, path: str, in_shapes: list[tuple[int, ...]], error: Exception) -> None:
        super().__init__(str(error))
        self.path = path
        self.in_shapes = in_shapes
        self.error = error


def _walk(model: nn.Module) -> list[tuple[str, nn.Module, bool]]:
    """(path, module, is_leaf) for the root and every module down to fx's leaves and childless
    modules (the ones drawn); nothing inside a leaf."""
    tracer = HierarchyTracer()
    found = []

    def walk(module: nn.Module, path: str) -> None:
        children = list(module.named_children())
        leaf = bool(path) and (not children or tracer.is_leaf_module(module, path))
        found.append((path, module, leaf))
        if not leaf:
            for name, child in children:
                walk(child, f"{path}.{name}" if path else name)

    walk(model, "")
    return found


def _tensors(value: Any) -> list[torch.Tensor]:
    return [t for t in tree_leaves(value) if isinstance(t, torch.Tensor)]


@dataclass
class HookRecord:
    """What one hooked run saw, beyond the graph of its leaves."""

    graph: fx.Graph
    called: frozenset[str]  # every module that ran ("" = the root)
    outputs: dict[str, Shape]  # each module's output as its own forward returned it
    own_macs: dict[str, int]  # MACs in a module's own code (torch functions) that no op draws
    own_work: frozenset[str] = frozenset()  # non-leaf modules whose own code computes
    cost_unknown: frozenset[str] = frozenset()  # modules that computed with no MAC counted


def record_hooks(model: nn.Module, x: torch.Tensor) -> HookRecord:
    """Run ``model(x)`` and return what the hooks recorded. Raises ``HookFailure``."""
    graph = fx.Graph()
    placeholder = graph.placeholder("x")
    placeholder.meta.update(module_path="", shape=tuple(x.shape), in_shapes=[])
    placeholder.meta["dtype"] = shape_of(x)[1]
    producers: dict[int, fx.Node] = {id(x): placeholder}
    keep: list[torch.Tensor] = [x]  # keeps ids unique while the run lasts
    state: dict[str, Any] = {"last": placeholder, "current": "", "in_shapes": []}
    meter = WorkMeter()
    called: set[str] = set()
    outputs: dict[str, Shape] = {}
    flops_before: list[int] = []  # the leaf's count when its call began (calls nest)
    measured: set[str] = set()  # leaves whose cost no rule knows

    def before(path: str, leaf: bool, module: nn.Module, inputs: Any) -> None:
        called.add(path)
        meter.stack.append(path)
        flops_before.append(meter.flops[path])
        if leaf:
            state["current"] = path
            state["in_shapes"] = [tuple(t.shape) for t in _tensors(inputs)]

    def after(path: str, leaf: bool, module: nn.Module, inputs: Any, output: Any) -> None:
        meter.stack.pop()
        start = flops_before.pop()
        shape, dtype = shape_of(output)
        if shape is not None:
            outputs[path] = shape
        if not leaf:
            return
        tensors_in = _tensors(inputs)
        sources = [producers.get(id(t), state["last"]) for t in tensors_in]
        args = tuple(dict.fromkeys(sources))
        node = graph.create_node(
            "call_module", path, args or (state["last"],), {}, name=path.replace(".", "_")
        )
        node.meta.update(module_path=path, shape=shape, dtype=dtype)
        node.meta["in_shapes"] = [tuple(t.shape) for t in tensors_in]
        # what flowed in, even from code the hooks cannot see (x * gate after a 1×1 gate)
        node.meta["edge_shapes"] = {
            source.name: tuple(t.shape) for source, t in zip(sources, tensors_in, strict=True)
        }
        if module_kind(module) == "other":  # no rule knows its cost: the run measured it
            node.meta.update(macs=(meter.flops[path] - start) // 2, measured=True)
            measured.add(path)
        for t in _tensors(output):
            producers[id(t)] = node
            keep.append(t)
        state["last"], state["current"] = node, ""

    walked = _walk(model)
    handles = []
    for path, module, leaf in walked:
        handles.append(module.register_forward_pre_hook(partial(before, path, leaf)))
        handles.append(module.register_forward_hook(partial(after, path, leaf)))
    try:
        with torch.no_grad(), meter:
            out = model(x)
    except Exception as exc:  # reported with the module that was running
        raise HookFailure(state["current"], state["in_shapes"], exc) from exc
    finally:
        for handle in handles:
            handle.remove()
    outputs_ = _tensors(out)
    result = producers.get(id(outputs_[0]), state["last"]) if outputs_ else state["last"]
    node = graph.output(result)
    node.meta.update(module_path="", in_shapes=[s for s in [result.meta.get("shape")] if s])
    node.meta["shape"], node.meta["dtype"] = shape_of(out)
    inner = [path for path, _, leaf in walked if not leaf and path in called]
    return HookRecord(
        graph,
        frozenset(called),
        outputs,
        own_macs={p: meter.macs(p) for p in inner if meter.macs(p)},
        own_work=frozenset(p for p in inner if meter.macs(p) or meter.uncounted.get(p)),
        cost_unknown=frozenset(p for p in [*inner, *measured] if meter.unknown(p)),
    )
