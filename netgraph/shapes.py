"""Shape propagation through a traced graph, without real activations where possible.

Runs the fx graph node by node on meta tensors (no memory, no arithmetic). The common layers
skip torch's meta kernels and use the formulas in ``netgraph.shape_rules`` (much faster, and
without the seconds-long imports the meta kernels trigger). Each node gets
``meta["shape"]``, ``meta["dtype"]`` and ``meta["in_shapes"]`` (shapes of its tensor inputs).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import torch
from torch import fx, nn

from errors import InputShapeError, NetAtlasError, TraceError
from models.inputs import Inputs
from netgraph import shape_rules
from netgraph.formatting import format_shape
from netgraph.kinds import module_kind, name_kind, target_name
from netgraph.measure import measured_call
from netgraph.model import module_of_call
from netgraph.trace import graph_result

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
    """(shape, dtype) of a tensor, or of the first tensor in a tuple, list or dict output (all
    of them: ``outputs_of``)."""
    if isinstance(value, torch.Tensor):
        return tuple(value.shape), str(value.dtype).removeprefix("torch.")
    for item in _parts(value):
        found = shape_of(item)
        if found[0] is not None:
            return found
    return None, None


def _parts(value: Any) -> list[Any]:
    """What a returned value holds: a list's or tuple's items, a dict's values, the tensors an
    object keeps in its attributes (torchvision's ImageList holds its batch in ``.tensors``)."""
    if isinstance(value, tuple | list):
        return list(value)
    if isinstance(value, dict):
        return list(value.values())
    attrs = getattr(value, "__dict__", None)
    if isinstance(attrs, dict) and not isinstance(value, nn.Module | type):
        return [v for v in attrs.values() if isinstance(v, torch.Tensor)]
    return []


def outputs_of(value: Any) -> Any:
    """The shapes of what a forward returned, in its own structure (``NetGraph``'s schema):
    a tensor's shape as a tuple, a list for a list or tuple, a dict for a dict (keys as text),
    an fx node's recorded ``meta["outputs"]``; None where no tensor is."""
    if isinstance(value, torch.Tensor):
        return tuple(value.shape)
    if isinstance(value, fx.Node):
        return value.meta.get("outputs")
    if isinstance(value, tuple | list):
        items = [outputs_of(v) for v in value]
        return items if any(i is not None for i in items) else None
    if isinstance(value, dict):
        found = {str(k): outputs_of(v) for k, v in value.items()}
        return found if any(v is not None for v in found.values()) else None
    held = _parts(value)  # an object's tensors, by attribute name
    if held:
        return {k: tuple(v.shape) for k, v in vars(value).items() if isinstance(v, torch.Tensor)}
    return None


def call_outputs(returns: list[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Module path -> the outputs of each of its calls (``outputs_of``), from a propagated
    trace's ``returns``."""
    found: dict[str, list[Any]] = {}
    for path, value in returns:
        found.setdefault(path, []).append(outputs_of(value))
    return found


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


def _mutable(value: Any) -> Any:
    """fx keeps a node's list and dict arguments immutable; the code they are handed to may
    change them in place (torchvision's 3-d shifted windows zero their own shift list)."""
    if isinstance(value, fx.immutable_collections.immutable_list):
        return [_mutable(v) for v in value]
    if isinstance(value, fx.immutable_collections.immutable_dict):
        return {k: _mutable(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_mutable(v) for v in value)
    return value


def _run_node(
    node: fx.Node, args: tuple, kwargs: dict, modules: dict, model: nn.Module, opaque: frozenset
) -> Any:
    args, kwargs = _mutable(args), _mutable(kwargs)
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


def placeholder_value(node: fx.Node, feeds: list[Any]) -> Any:
    """What a placeholder is fed: its input (``meta["feed"]``), else its default."""
    if "feed" in node.meta:
        return feeds[node.meta["feed"]]
    return node.args[0] if node.args else None


def propagate(
    model: nn.Module, graph: fx.Graph, feeds: list[Any], opaque: frozenset[str] = frozenset()
) -> Any:
    """Annotate every node of ``graph`` (traced from ``model``) with its output shape for the
    inputs ``feeds`` (indexed by the placeholders' ``meta["feed"]``; other placeholders get
    their default); modules in ``opaque`` (kept as one op) and layers no cost rule knows are
    run under the work meter. Returns what the forward returns: on real tensors every op
    really runs (the formulas stand in on meta tensors only), so that is its real result.
    Raises ``PropagationError`` naming the node that failed."""
    modules = dict(model.named_modules())
    env: dict[fx.Node, Any] = {}
    result = None
    remaining = {node: len(node.users) for node in graph.nodes}
    with torch.no_grad():
        for node in graph.nodes:
            inputs = node.all_input_nodes
            in_shapes = [s for s in (n.meta.get("shape") for n in inputs) if s is not None]
            node.meta["in_shapes"] = in_shapes
            if node.op == "placeholder":
                value: Any = placeholder_value(node, feeds)
            elif node.op == "output":
                value = result = graph_result(graph, fx.node.map_arg(node.args[0], env.__getitem__))
            else:
                args = fx.node.map_arg(node.args, env.__getitem__)
                kwargs = fx.node.map_arg(node.kwargs, env.__getitem__)
                try:
                    value = _run_node(node, args, kwargs, modules, model, opaque)
                except Exception as exc:  # anything the model raises is reported by node
                    raise PropagationError(node, exc, in_shapes) from exc
            env[node] = value
            node.meta["shape"], node.meta["dtype"] = shape_of(value)
            node.meta["outputs"] = outputs_of(value)
            for n in inputs:
                remaining[n] -= 1
                if remaining[n] == 0:
                    del env[n]
    return result


def _mismatch(module: nn.Module | None, in_shapes: list[Shape]) -> str:
    """Why the layer rejects its input, in the layer's own terms, where we know them."""
    got = in_shapes[0] if in_shapes else None
    if isinstance(module, nn.Linear) and got and got[-1] != module.in_features:
        return f"expected {module.in_features} features, got {got[-1]}"
    conv = isinstance(module, nn.modules.conv._ConvNd) and not module.transposed
    if conv and got and len(got) > 1 and got[1] != module.in_channels:
        return f"expected {module.in_channels} input channels, got {got[1]}"
    return ""


_SHAPE_WORDS = re.compile(
    r"shape|size|dimension|\bdims?\b|channels|features|mat1|mat2|must match|too small|"
    r"expected (\d+|.*input)",
    re.IGNORECASE,
)


def about_input_shape(error: BaseException) -> bool:
    """Whether a failure says tensor sizes do not fit (a size the user can change), rather than
    the model's code failing for another reason (a wrong argument type, a missing attribute)."""
    if isinstance(error, TypeError | AttributeError | NameError | ImportError):
        return False
    return bool(_SHAPE_WORDS.search(str(error)))


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__).rstrip(".")


def given_inputs(inputs: Inputs) -> str:
    """ "Input 1×3×224×224", or "Inputs 1×3×8×8 and 1×3×8×8" (with the batch dimension)."""
    shapes = [format_shape((1, *i.shape)) for i in inputs]
    return f"Input {shapes[0]}" if len(shapes) == 1 else f"Inputs {' and '.join(shapes)}"


def input_shape_error(
    failure: PropagationError | tuple[str, nn.Module | None, list[Shape], Exception],
    model: nn.Module,
    inputs: Inputs,
    suggest: Callable[[], Inputs | None],
) -> NetAtlasError:
    """One line naming the layer that failed, its type, the shapes and a fix: an
    ``InputShapeError`` suggesting the model's default inputs (``suggest``, only called on this
    error path) when the failure is about sizes, else a ``TraceError`` that blames the code."""
    if isinstance(failure, PropagationError):
        node = failure.node
        path = node.target if node.op == "call_module" else node.meta.get("module_path", "")
        path = module_of_call(path)
        module = dict(model.named_modules()).get(path) if node.op == "call_module" else None
        in_shapes, error = failure.in_shapes, failure.error
    else:
        path, module, in_shapes, error = failure
    owner = dict(model.named_modules()).get(path, model)
    type_name = type(module or owner).__name__
    where = f"'{path}'" if path else "the model's own forward"
    mismatch = _mismatch(module, in_shapes)
    if not mismatch and not about_input_shape(error):
        return TraceError(
            f"The model's code failed at {where} ({type_name}) for "
            f"{given_inputs(inputs).lower()}: {_first_line(error)}."
        )
    default = suggest()
    suggestion = None
    if default is not None and tuple(default) != tuple(inputs):
        suggestion = tuple(i.text() for i in default)
    return InputShapeError(
        f"{given_inputs(inputs)} rejected at {where} ({type_name}): "
        f"{mismatch or _first_line(error)}.",
        suggestion,
    )
