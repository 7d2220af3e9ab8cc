"""``build_graph``: a model (or a registry spec) in, a :class:`NetGraph` out.

The model is built on the meta device and shapes are propagated with meta tensors, so even a
large network is traced without allocating weights or activations. Real zeros on the CPU are used
only when the model's own code needs values (data-dependent control flow) or when the caller
hands over a model whose weights are real.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import torch
from torch import fx, nn

from errors import InputShapeError, NetAtlasError, TraceError
from models.inputs import Inputs, InputsLike, as_inputs, make_tensor, vocabulary
from models.inputs import suggested_inputs as model_inputs
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
from netgraph.model import ModuleInfo, NetGraph, module_of_call
from netgraph.ops import op_graph
from netgraph.shapes import (
    PropagationError,
    call_outputs,
    input_shape_error,
    needs_real_tensors,
    propagate,
)
from netgraph.structures import recognise_structures
from netgraph.trace import (
    CallBinding,
    FxTrace,
    TooManyInputs,
    bind_call,
    missing_arguments,
    split_inputs,
    trace_model,
)

DEFAULT_INPUT = (3, 224, 224)

Suggest = Callable[[], "Inputs | None"]  # the model's default inputs, on demand


def _no_default() -> None:
    return None


def _registry_default(spec: ModelSpec) -> Suggest:
    """The registry's inputs for ``spec`` (the spec itself may carry the user's)."""

    def default() -> Inputs | None:
        try:
            return get_spec(spec.name).inputs
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
        self.twin: nn.Module | None = None  # the meta model, once a real one replaced it

    def real(self) -> nn.Module | None:
        if _device(self.model).type != "meta":
            return None  # already real: nothing better to try
        if self.spec is None:
            return None
        self.twin = self.model
        self.model = self.spec.build().eval()
        return self.model


def _tensors(model: nn.Module, inputs: Inputs, batch: int = 1) -> list[torch.Tensor]:
    """One tensor per input on the model's device (token ids below its vocabulary)."""
    device, vocab = _device(model), vocabulary(model)
    return [make_tensor(spec, device, vocab, batch) for spec in inputs]


def _check_arguments(model: nn.Module, inputs: Inputs) -> None:
    """Every argument ``forward`` requires must be fed, and no more than it takes: say which,
    and how."""
    try:
        missing = missing_arguments(model, *split_inputs(model, list(inputs)))
    except TooManyInputs as many:
        taken = len(many.names)
        raise InputShapeError(
            f"{type(model).__name__}.forward takes {taken} input{'s' * (taken != 1)} "
            f"({', '.join(many.names)}), {len(inputs)} given.",
            tuple(i.text() for i in inputs[:taken]) or None,
        ) from None
    if not missing:
        return
    needed = len(inputs) + len(missing)
    raise InputShapeError(
        f"{type(model).__name__}.forward also needs {', '.join(missing)}: it takes {needed} "
        f"inputs, {len(inputs)} given.",
        (*(i.text() for i in inputs), *[inputs[-1].text()] * len(missing)),
    )


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
    outputs: dict[str, list[Any]] = field(default_factory=dict)  # per module, per call


def _record_fx(models: _Models, traced: FxTrace, inputs: Inputs, suggest: Suggest) -> _Recording:
    """Propagate shapes through the trace (retrying on real zeros if meta tensors cannot)."""
    opaque = frozenset(traced.opaque)
    found = _Recording(traced.graph, traced.method, traced.note, traced.called)
    found.opaque = traced.opaque
    try:
        propagate(models.model, traced.graph, _tensors(models.model, inputs), opaque)
    except PropagationError as failure:
        real = models.real() if needs_real_tensors(failure.error) else None
        if real is None:
            raise input_shape_error(failure, models.model, inputs, suggest) from None
        try:
            propagate(real, traced.graph, _tensors(real, inputs), opaque)
        except PropagationError as again:
            raise input_shape_error(again, real, inputs, suggest) from None
        where = failure.node.meta.get("module_path")
        found.zeros = f"'{where}'" if where else type(real).__name__
        zeros = f"{found.zeros} needs real values: shapes from zeros on the CPU"
        found.note = "; ".join(filter(None, [found.note, zeros]))
    found.outputs = call_outputs(traced.returns)
    inside = (node.meta.get("called", ()) for node in traced.graph.nodes)
    # a module whose weights the forward reads (a wrapped function's argument) is used too
    read = {n.target.rpartition(".")[0] for n in traced.graph.nodes if n.op == "get_attr"}
    found.called = found.called.union(read, *inside)
    return found


def _record_hooks(models: _Models, inputs: Inputs, suggest: Suggest, why: str) -> _Recording:
    model = models.model
    try:
        record = record_hooks(model, _tensors(model, inputs))
        return _Recording(
            record.graph, "hooks", f"{why}; recorded with forward hooks", record.called, why,
            hooks=record,
        )  # fmt: skip
    except HookFailure as failure:
        real = models.real() if needs_real_tensors(failure.error) else None
        if real is None:
            raise _hook_error(failure, model, inputs, suggest) from None
    try:
        record = record_hooks(real, _tensors(real, inputs), models.twin)
    except HookFailure as failure:
        raise _hook_error(failure, real, inputs, suggest) from None
    note = f"{why}; recorded with forward hooks on zeros on the CPU"
    zeros = type(real).__name__
    return _Recording(record.graph, "hooks", note, record.called, why, zeros, hooks=record)


def _hook_error(
    failure: HookFailure, model: nn.Module, inputs: Inputs, suggest: Suggest
) -> NetAtlasError:
    if needs_real_tensors(failure.error):
        return TraceError(
            f"Could not record {type(model).__name__}: {failure.error}. "
            "Pass a model with real weights or make its forward traceable by torch.fx."
        )
    module = dict(model.named_modules()).get(failure.path) if failure.path else None
    return input_shape_error(
        (failure.path, module, failure.in_shapes, failure.error), model, inputs, suggest
    )


def build_graph(
    spec_or_model: ModelSpec | nn.Module,
    input_size: InputsLike = None,
    model_name: str | None = None,
) -> NetGraph:
    """Trace a model into a :class:`NetGraph` for ``input_size`` (batch 1): one shape such as
    (C, H, W), or one shape or ``InputSpec`` per positional input of ``forward``. A bare
    module without a size gets what ``models.inputs.suggested_inputs`` makes of it.

    Raises ``InputShapeError`` naming the layer if the model rejects that size, ``TraceError``
    if nothing can record it.
    """
    if isinstance(spec_or_model, nn.Module):
        models = _Models(None, spec_or_model)
        inputs = as_inputs(input_size) or model_inputs(spec_or_model, DEFAULT_INPUT)
        suggest = _no_default
        name = model_name or type(spec_or_model).__name__
    else:
        models = _Models(spec_or_model, build_on_meta(spec_or_model))
        inputs = as_inputs(input_size) or spec_or_model.inputs
        suggest = _registry_default(spec_or_model)
        if spec_or_model.family == "user":  # what the model says of itself, not a guess
            suggest = functools.partial(model_inputs, models.model, DEFAULT_INPUT)
        name = model_name or spec_or_model.name
    block_names = {} if isinstance(spec_or_model, nn.Module) else spec_or_model.block_names
    shape = (1, *inputs[0].shape)
    original = models.model
    _check_arguments(original, inputs)
    was_training = original.training
    original.eval()  # dropout and batch statistics must not depend on a batch of one
    try:
        traced = trace_model(models.model, _binding(models.model, inputs))
        if isinstance(traced, FxTrace):
            recording = _record_fx(models, traced, inputs, suggest)
        else:
            recording = _record_hooks(models, inputs, suggest, traced)
    finally:
        original.train(was_training)
    model = models.model
    hooks = recording.hooks
    ops = op_graph(recording.graph, model)
    if hooks is None:
        modules = module_tree(model, ops, outputs=recording.outputs)
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
        input_shapes=[(1, *i.shape) for i in inputs],
        **_coverage(model, ops, modules, recording, inputs),
    )


def _binding(model: nn.Module, inputs: Inputs) -> CallBinding:
    """The root's call for fx: the inputs as placeholders, every other argument its default."""
    return bind_call(model, *split_inputs(model, _tensors(model, inputs)))


def _coverage(
    model: nn.Module,
    ops: nx.DiGraph,
    modules: dict[str, ModuleInfo],
    recording: _Recording,
    inputs: Inputs,
) -> dict[str, Any]:
    """NetGraph's fields on what the graph leaves out, and the trainable count without it."""
    found = dict(model.named_modules())
    ran = ran_modules(modules, ops, recording.called, recording.opaque)
    unused = unused_modules(modules, ran)
    unused_params = sum(modules[path].params for path in unused)
    with_params = [path for path in unused if modules[path].params]
    batch = _tensors(model, inputs, batch=2) if with_params else []
    reason = TRAINING_ONLY if run_in_training(model, with_params, batch) else NOT_CALLED
    hooks = recording.hooks
    if hooks is None:
        opaque = list(recording.opaque)
        unknown = [
            a["target"] if a["op"] == "call_module" else module_of_call(a["module_path"])
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
        # work no op draws that was counted (uncounted work is in ``unknown``)
        hidden = {p: hooks.own_macs[p] for p in sorted(hooks.own_work) if hooks.own_macs.get(p)}
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
            hooks.traced if hooks is not None else (),
        ),  # fmt: skip
        "traced_modules": list(hooks.traced) if hooks is not None else [],
    }
