"""``build_graph``: a model (or a registry spec) in, a :class:`NetGraph` out.

The model is built on the meta device and shapes are propagated with meta tensors, so even a
large network is traced without allocating weights or activations. Real zeros on the CPU are used
only when the model's own code needs values (data-dependent control flow) or when the caller
hands over a model whose weights are real.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import torch
from torch import fx, nn

from errors import NetAtlasError, TraceError
from models.registry import ModelSpec, get_spec
from netgraph.coverage import (
    NOT_CALLED,
    TRAINING_ONLY,
    coverage_warnings,
    is_library_layer,
    ran_modules,
    run_in_training,
    trainable_params,
    unused_modules,
)
from netgraph.hierarchy import module_tree
from netgraph.hooks import HookFailure, HookRecord, record_hooks
from netgraph.meta_build import build_on_meta
from netgraph.model import ModuleInfo, NetGraph
from netgraph.ops import op_graph
from netgraph.shapes import PropagationError, input_shape_error, needs_real_tensors, propagate
from netgraph.structures import recognise_structures
from netgraph.trace import FxTrace, trace_model

DEFAULT_INPUT = (3, 224, 224)

Suggest = Callable[[], "tuple[int, ...] | None"]  # the model's default input size, on demand


def _no_default() -> None:
    return None


def _registry_default(spec: ModelSpec) -> Suggest:
    """The registry's input size for ``spec`` (the spec itself may carry the user's size)."""

    def default() -> tuple[int, ...] | None:
        try:
            return get_spec(spec.name).input_size
        except NetAtlasError:
            return None

    return default


def _device(model: nn.Module) -> torch.device:
    for tensor in model.parameters():
        return tensor.device
    for tensor in model.buffers():
        return tensor.device
    return torch.device("meta")


class _Models:
    """The model to trace, and a real (CPU) twin made on demand for data-dependent code."""

    def __init__(self, spec: ModelSpec | None, model: nn.Module) -> None:
        self.spec = spec
        self.model = model

    def real(self) -> nn.Module | None:
        if _device(self.model).type != "meta":
            return None  # already real: nothing better to try
        if self.spec is None:
            return None
        self.model = self.spec.build().eval()
        return self.model


def _zeros(model: nn.Module, shape: tuple[int, ...]) -> torch.Tensor:
    return torch.zeros(shape, device=_device(model))


@dataclass
class _Recording:
    """A recorded graph and what the recording knows beyond it (see ``netgraph.coverage``)."""

    graph: fx.Graph
    method: str
    note: str
    called: frozenset[str]
    fallback: str = ""  # why hooks were needed
    zeros: str = ""  # the module that needed real values (shapes from zeros on the CPU)
    opaque: tuple[str, ...] = ()
    hooks: HookRecord | None = None


def _record_fx(
    models: _Models, traced: FxTrace, shape: tuple[int, ...], suggest: Suggest
) -> _Recording:
    """Propagate shapes through the trace (retrying on real zeros if meta tensors cannot)."""
    opaque = frozenset(traced.opaque)
    found = _Recording(traced.graph, traced.method, traced.note, traced.called)
    found.opaque = traced.opaque
    try:
        propagate(models.model, traced.graph, _zeros(models.model, shape), opaque)
    except PropagationError as failure:
        real = models.real() if needs_real_tensors(failure.error) else None
        if real is None:
            raise input_shape_error(failure, models.model, shape, suggest) from None
        try:
            propagate(real, traced.graph, _zeros(real, shape), opaque)
        except PropagationError as again:
            raise input_shape_error(again, real, shape, suggest) from None
        where = failure.node.meta.get("module_path")
        found.zeros = f"'{where}'" if where else type(real).__name__
        zeros = f"{found.zeros} needs real values: shapes from zeros on the CPU"
        found.note = "; ".join(filter(None, [found.note, zeros]))
    inside = (node.meta.get("called", ()) for node in traced.graph.nodes)
    # a module whose weights the forward reads (a wrapped function's argument) is used too
    read = {n.target.rpartition(".")[0] for n in traced.graph.nodes if n.op == "get_attr"}
    found.called = found.called.union(read, *inside)
    return found


def _record_hooks(
    models: _Models, shape: tuple[int, ...], suggest: Suggest, why: str
) -> _Recording:
    model = models.model
    try:
        record = record_hooks(model, _zeros(model, shape))
        return _Recording(
            record.graph, "hooks", f"{why}; recorded with forward hooks", record.called, why,
            hooks=record,
        )  # fmt: skip
    except HookFailure as failure:
        real = models.real() if needs_real_tensors(failure.error) else None
        if real is None:
            raise _hook_error(failure, model, shape, suggest) from None
    try:
        record = record_hooks(real, _zeros(real, shape))
    except HookFailure as failure:
        raise _hook_error(failure, real, shape, suggest) from None
    note = f"{why}; recorded with forward hooks on zeros on the CPU"
    zeros = type(real).__name__
    return _Recording(record.graph, "hooks", note, record.called, why, zeros, hooks=record)


def _hook_error(
    failure: HookFailure, model: nn.Module, shape: tuple[int, ...], suggest: Suggest
) -> NetAtlasError:
    if needs_real_tensors(failure.error):
        return TraceError(
            f"Could not record {type(model).__name__}: {failure.error}. "
            "Pass a model with real weights or make its forward traceable by torch.fx."
        )
    module = dict(model.named_modules()).get(failure.path) if failure.path else None
    return input_shape_error(
        (failure.path, module, failure.in_shapes, failure.error), model, shape, suggest
    )


def build_graph(
    spec_or_model: ModelSpec | nn.Module,
    input_size: tuple[int, ...] | None = None,
    model_name: str | None = None,
) -> NetGraph:
    """Trace a model into a :class:`NetGraph` for input ``input_size`` (C, H, W; batch 1).

    Raises ``InputShapeError`` naming the layer if the model rejects that size, ``TraceError``
    if nothing can record it.
    """
    if isinstance(spec_or_model, nn.Module):
        models = _Models(None, spec_or_model)
        size, suggest = input_size or DEFAULT_INPUT, _no_default
        name = model_name or type(spec_or_model).__name__
    else:
        models = _Models(spec_or_model, build_on_meta(spec_or_model))
        size = input_size or spec_or_model.input_size
        suggest = _registry_default(spec_or_model)
        name = model_name or spec_or_model.name
    block_names = {} if isinstance(spec_or_model, nn.Module) else spec_or_model.block_names
    shape = (1, *size)
    original = models.model
    was_training = original.training
    original.eval()  # dropout and batch statistics must not depend on a batch of one
    try:
        traced = trace_model(models.model)
        if isinstance(traced, FxTrace):
            recording = _record_fx(models, traced, shape, suggest)
        else:
            recording = _record_hooks(models, shape, suggest, traced)
    finally:
        original.train(was_training)
    model = models.model
    hooks = recording.hooks
    ops = op_graph(recording.graph, model)
    if hooks is None:
        modules = module_tree(model, ops)
    else:
        modules = module_tree(model, ops, hooks.own_macs, hooks.outputs)
    structures = recognise_structures(ops, modules)
    for structure in structures:
        if structure.module in modules and modules[structure.module].structure is None:
            modules[structure.module].structure = structure.kind
    return NetGraph(
        name,
        shape,
        ops,
        modules,
        structures,
        recording.method,
        recording.note,
        weight_bytes=sum(
            t.numel() * t.element_size() for t in (*model.parameters(), *model.buffers())
        ),
        block_names=dict(block_names),
        **_coverage(model, ops, modules, recording, shape),
    )


def _coverage(
    model: nn.Module,
    ops: nx.DiGraph,
    modules: dict[str, ModuleInfo],
    recording: _Recording,
    shape: tuple[int, ...],
) -> dict[str, Any]:
    """NetGraph's fields on what the graph leaves out, and the trainable count without it."""
    found = dict(model.named_modules())
    ran = ran_modules(modules, ops, recording.called, recording.opaque)
    unused = unused_modules(modules, ran)
    unused_params = sum(modules[path].params for path in unused)
    with_params = [path for path in unused if modules[path].params]
    reason = TRAINING_ONLY if run_in_training(model, with_params, shape) else NOT_CALLED
    hooks = recording.hooks
    if hooks is None:
        opaque = list(recording.opaque)
        unknown = [
            a["target"] if a["op"] == "call_module" else a["module_path"]
            for _, a in ops.nodes(data=True)
            if a["cost_unknown"]
        ]
        hidden: dict[str, int] = {}
    else:
        opaque = [
            a["target"]
            for _, a in ops.nodes(data=True)
            if a["op"] == "call_module" and not is_library_layer(found[a["target"]])
        ]
        unknown = sorted(hooks.cost_unknown)
        hidden = {p: hooks.own_macs.get(p, 0) for p in sorted(hooks.own_work)}
    opaque, unknown = list(dict.fromkeys(opaque)), list(dict.fromkeys(unknown))
    return {
        "trainable_params": trainable_params(model, unused),
        "opaque_modules": opaque,
        "unknown_cost_modules": unknown,
        "unused_modules": unused,
        "unused_params": unused_params,
        "unused_reason": reason if unused else "",
        "warnings": coverage_warnings(
            recording.method,
            recording.fallback,
            recording.zeros,
            opaque,
            hidden,
            unknown,
            unused,
            with_params,
            unused_params,
            reason,
        ),  # fmt: skip
    }
