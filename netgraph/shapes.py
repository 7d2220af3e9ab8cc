"""Shape propagation through a traced graph, without real activations where possible.

Runs the fx graph node by node on meta tensors (no memory, no arithmetic). The common layers
skip torch's meta kernels and use the formulas in ``netgraph.shape_rules`` (much faster, and
without the seconds-long imports the meta kernels trigger). Each node gets
``meta["shape"]``, ``meta["dtype"]`` and ``meta["in_shapes"]`` (shapes of its tensor inputs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import fx, nn

from errors import InputShapeError
from netgraph import shape_rules
from netgraph.formatting import format_shape
from netgraph.kinds import module_kind, name_kind, target_name
from netgraph.measure import measured_call

Shape = tuple[int, ...]


class PropagationError(Exception):
    """A node failed while shapes were propagated (the caller decides what it means)."""

    def __init__(self, node: fx.Node, error: Exception, in_shapes: list[Shape]) -> None:
        super().__init__(str(error))
        self.node = node
        self.error = error
        self.in_shapes = in_shapes


def needs_real_tensors(error: BaseException) -> bool:
    """True if the failure is meta tensors' fault (data-dependent code), not the input size's."""
    text = str(error)
    return isinstance(error, NotImplementedError) or "meta" in text or "data-dependent" in text


def shape_of(value: Any) -> tuple[Shape | None, str | None]:
    """(shape, dtype) of a tensor, or of the first tensor in a tuple/list output."""
    if isinstance(value, torch.Tensor):
        return tuple(value.shape), str(value.dtype).removeprefix("torch.")
    if isinstance(value, tuple | list) and value:
        return shape_of(value[0])
    return None, None


def _fetch(model: nn.Module, target: str) -> Any:
    value: Any = model
    for part in target.split("."):
        value = getattr(value, part)
    return value


def _is_opaque(target: Any) -> bool:
    """A function fx kept whole whose cost no rule knows (``torch.fx.wrap``-ed helpers such as
    torchvision's shifted-window attention), as opposed to operators and known layers."""
    module = getattr(target, "__module__", None) or ""
    return name_kind(target_name(target)) == "other" and module not in ("_operator", "builtins")


def _measured(node: fx.Node, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``fn`` under the work meter and keep its MACs in ``meta["macs"]`` (and
    ``meta["cost_unknown"]``), so the work inside an opaque op is not lost from the totals."""
    value, macs, unknown = measured_call(fn, *args, **kwargs)
    node.meta.update(macs=macs, measured=True, cost_unknown=unknown)
    return value


def _measured_module(node: fx.Node, module: nn.Module, args: tuple, kwargs: dict) -> Any:
    """An opaque module's run: its MACs, and which of its submodules it called
    (``meta["called"]``, full paths), so that those inside are not reported as never called."""
    called: set[str] = set()
    handles = [
        sub.register_forward_pre_hook(lambda *_, path=f"{node.target}.{name}": called.add(path))
        for name, sub in module.named_modules()
        if name
    ]
    try:
        return _measured(node, module, *args, **kwargs)
    finally:
        for handle in handles:
            handle.remove()
        node.meta["called"] = frozenset(called)


def _run_node(
    node: fx.Node, args: tuple, kwargs: dict, modules: dict, model: nn.Module, opaque: frozenset
) -> Any:
    if node.op == "call_module":
        module = modules[node.target]
        fast = shape_rules.module_output(module, args, kwargs)
        if fast is not None:
            return fast
        if node.target in opaque or module_kind(module) == "other":
            return _measured_module(node, module, args, kwargs)
        return module(*args, **kwargs)
    if node.op == "call_function":
        fast = shape_rules.function_output(node.target, args, kwargs)
        if fast is not None:
            return fast
        if _is_opaque(node.target):
            return _measured(node, node.target, *args, **kwargs)
        return node.target(*args, **kwargs)
    if node.op == "call_method":
        fast = shape_rules.method_output(node.target, args, kwargs)
        if fast is not None:
            return fast
        self_obj, *rest = args
        return getattr(self_obj, node.target)(*rest, **kwargs)
    if node.op == "get_attr":
        return _fetch(model, node.target)
    raise AssertionError(f"unexpected fx op {node.op}")


def propagate(
    model: nn.Module, graph: fx.Graph, x: torch.Tensor, opaque: frozenset[str] = frozenset()
) -> None:
    """Annotate every node of ``graph`` (traced from ``model``) with its output shape for input
    ``x``; modules in ``opaque`` (kept as one op) and layers no cost rule knows are run under the
    work meter. Raises ``PropagationError`` naming the node that failed."""
    modules = dict(model.named_modules())
    env: dict[fx.Node, Any] = {}
    remaining = {node: len(node.users) for node in graph.nodes}
    with torch.no_grad():
        for node in graph.nodes:
            inputs = node.all_input_nodes
            in_shapes = [s for s in (n.meta.get("shape") for n in inputs) if s is not None]
            node.meta["in_shapes"] = in_shapes
            if node.op == "placeholder":
                value: Any = x if not env else None  # extra inputs (e.g. masks) stay None
            elif node.op == "output":
                value = fx.node.map_arg(node.args[0], env.__getitem__)
            else:
                args = fx.node.map_arg(node.args, env.__getitem__)
                kwargs = fx.node.map_arg(node.kwargs, env.__getitem__)
                try:
                    value = _run_node(node, args, kwargs, modules, model, opaque)
                except Exception as exc:  # anything the model raises is reported by node
                    raise PropagationError(node, exc, in_shapes) from exc
            env[node] = value
            node.meta["shape"], node.meta["dtype"] = shape_of(value)
            for n in inputs:
                remaining[n] -= 1
                if remaining[n] == 0:
                    del env[n]


def _detail(module: nn.Module | None, in_shapes: list[Shape], error: Exception) -> str:
    """Why the layer rejects its input, in the layer's own terms where we know them."""
    got = in_shapes[0] if in_shapes else None
    if isinstance(module, nn.Linear) and got:
        return f"expected {module.in_features} features, got {got[-1]}"
    conv = isinstance(module, nn.modules.conv._ConvNd) and not module.transposed
    if conv and got and len(got) > 1 and got[1] != module.in_channels:
        return f"expected {module.in_channels} input channels, got {got[1]}"
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__).rstrip(".")


def input_shape_error(
    failure: PropagationError | tuple[str, nn.Module | None, list[Shape], Exception],
    model: nn.Module,
    input_shape: Shape,
    suggest: Callable[[], tuple[int, ...] | None],
) -> InputShapeError:
    """One line naming the layer that rejected the input, its type, the shapes and a fix
    (``suggest`` gives the model's default input size; only called on this error path)."""
    if isinstance(failure, PropagationError):
        node = failure.node
        path = node.target if node.op == "call_module" else node.meta.get("module_path", "")
        module = dict(model.named_modules()).get(path) if node.op == "call_module" else None
        in_shapes, error = failure.in_shapes, failure.error
    else:
        path, module, in_shapes, error = failure
    owner = dict(model.named_modules()).get(path, model)
    type_name = type(module or owner).__name__
    where = f"'{path}'" if path else "the model's own forward"
    default = suggest()
    if default is not None and tuple(default) != tuple(input_shape[1:]):
        fix = f"Try --input {','.join(str(d) for d in default)}."
    else:
        fix = "Give the input size the model expects with --input C,H,W."
    return InputShapeError(
        f"Input {format_shape(input_shape)} rejected at {where} ({type_name}): "
        f"{_detail(module, in_shapes, error)}. {fix}"
    )
