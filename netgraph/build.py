"""``build_graph``: a model (or a registry spec) in, a :class:`NetGraph` out.

The model is built on the meta device and shapes are propagated with meta tensors, so even a
large network is traced without allocating weights or activations. Real zeros on the CPU are used
only when the model's own code needs values (data-dependent control flow) or when the caller
hands over a model whose weights are real.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import fx, nn

from models.errors import NetAtlasError, TraceError
from models.registry import ModelSpec, get_spec
from netgraph.hierarchy import module_tree
from netgraph.hooks import HookFailure, record_hooks
from netgraph.meta_build import build_on_meta
from netgraph.model import NetGraph
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


def _record_fx(
    models: _Models, traced: FxTrace, shape: tuple[int, ...], suggest: Suggest
) -> tuple[fx.Graph, str]:
    """Propagate shapes through the trace (retrying on real zeros if meta tensors cannot)."""
    note = traced.note
    try:
        propagate(models.model, traced.graph, _zeros(models.model, shape))
    except PropagationError as failure:
        real = models.real() if needs_real_tensors(failure.error) else None
        if real is None:
            raise input_shape_error(failure, models.model, shape, suggest) from None
        try:
            propagate(real, traced.graph, _zeros(real, shape))
        except PropagationError as again:
            raise input_shape_error(again, real, shape, suggest) from None
        where = failure.node.meta.get("module_path") or type(real).__name__
        note = "; ".join(
            filter(None, [note, f"'{where}' needs real values: shapes from zeros on the CPU"])
        )
    return traced.graph, note


def _record_hooks(
    models: _Models, shape: tuple[int, ...], suggest: Suggest, why: str
) -> tuple[fx.Graph, str]:
    model = models.model
    try:
        return record_hooks(model, _zeros(model, shape)), f"{why}; recorded with forward hooks"
    except HookFailure as failure:
        real = models.real() if needs_real_tensors(failure.error) else None
        if real is None:
            raise _hook_error(failure, model, shape, suggest) from None
    try:
        graph = record_hooks(real, _zeros(real, shape))
    except HookFailure as failure:
        raise _hook_error(failure, real, shape, suggest) from None
    return graph, f"{why}; recorded with forward hooks on zeros on the CPU"


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
            graph, note = _record_fx(models, traced, shape, suggest)
            method = traced.method
        else:
            graph, note = _record_hooks(models, shape, suggest, traced)
            method = "hooks"
    finally:
        original.train(was_training)
    model = models.model
    ops = op_graph(graph, model)
    modules = module_tree(model, ops)
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
        method,
        note,
        trainable_params=sum(p.numel() for p in model.parameters() if p.requires_grad),
        weight_bytes=sum(
            t.numel() * t.element_size() for t in (*model.parameters(), *model.buffers())
        ),
        block_names=dict(block_names),
    )
