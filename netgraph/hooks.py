"""The last tracing resort: run the model once and record its leaf modules with forward hooks.

Functions called directly in a forward (``torch.cat``, ``+``) are invisible to hooks, so a tensor
whose producer was not recorded is linked to the op recorded just before. The result is an fx
graph of ``call_module`` nodes carrying the same ``meta`` as a propagated fx trace, so the rest
of the pipeline does not care how it was recorded.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import torch
from torch import fx, nn
from torch.utils._pytree import tree_leaves

from netgraph.shapes import shape_of
from netgraph.trace import HierarchyTracer


class HookFailure(Exception):
    """The forward pass failed inside ``path`` (or in the root's own code if path is "")."""

    def __init__(self, path: str, in_shapes: list[tuple[int, ...]], error: Exception) -> None:
        super().__init__(str(error))
        self.path = path
        self.in_shapes = in_shapes
        self.error = error


def _leaves(model: nn.Module) -> list[tuple[str, nn.Module]]:
    """The modules to hook: fx's leaves, and childless modules; nothing inside a leaf."""
    tracer = HierarchyTracer()
    found = []

    def walk(module: nn.Module, path: str) -> None:
        children = list(module.named_children())
        if path and (not children or tracer.is_leaf_module(module, path)):
            found.append((path, module))
            return
        for name, child in children:
            walk(child, f"{path}.{name}" if path else name)

    walk(model, "")
    return found


def _tensors(value: Any) -> list[torch.Tensor]:
    return [t for t in tree_leaves(value) if isinstance(t, torch.Tensor)]


def record_hooks(model: nn.Module, x: torch.Tensor) -> fx.Graph:
    """Run ``model(x)`` and return the recorded graph. Raises ``HookFailure``."""
    graph = fx.Graph()
    placeholder = graph.placeholder("x")
    placeholder.meta.update(module_path="", shape=tuple(x.shape), in_shapes=[])
    placeholder.meta["dtype"] = shape_of(x)[1]
    producers: dict[int, fx.Node] = {id(x): placeholder}
    keep: list[torch.Tensor] = [x]  # keeps ids unique while the run lasts
    state: dict[str, Any] = {"last": placeholder, "current": "", "in_shapes": []}

    def before(path: str, module: nn.Module, inputs: Any) -> None:
        state["current"] = path
        state["in_shapes"] = [tuple(t.shape) for t in _tensors(inputs)]

    def after(path: str, module: nn.Module, inputs: Any, output: Any) -> None:
        tensors_in = _tensors(inputs)
        args = tuple(dict.fromkeys(producers.get(id(t), state["last"]) for t in tensors_in))
        node = graph.create_node(
            "call_module", path, args or (state["last"],), {}, name=path.replace(".", "_")
        )
        shape, dtype = shape_of(output)
        node.meta.update(module_path=path, shape=shape, dtype=dtype)
        node.meta["in_shapes"] = [tuple(t.shape) for t in tensors_in]
        for t in _tensors(output):
            producers[id(t)] = node
            keep.append(t)
        state["last"], state["current"] = node, ""

    handles = []
    for path, module in _leaves(model):
        handles.append(module.register_forward_pre_hook(partial(before, path)))
        handles.append(module.register_forward_hook(partial(after, path)))
    try:
        with torch.no_grad():
            out = model(x)
    except Exception as exc:  # reported with the module that was running
        raise HookFailure(state["current"], state["in_shapes"], exc) from exc
    finally:
        for handle in handles:
            handle.remove()
    outputs = _tensors(out)
    result = producers.get(id(outputs[0]), state["last"]) if outputs else state["last"]
    node = graph.output(result)
    node.meta.update(module_path="", in_shapes=[s for s in [result.meta.get("shape")] if s])
    node.meta["shape"], node.meta["dtype"] = shape_of(out)
    return graph
