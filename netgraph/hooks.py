"""The last tracing resort: run the model once and record its modules with forward hooks.

Used when the root's own forward cannot be traced by fx (a detection model's glue code decides
on values). Each module called in that run is traced with fx as it was called (its tensors as
placeholders, every other argument bound; ``netgraph.trace.CallBinding``); where that works
the module's ops are drawn in full from the fx trace (a detection model's backbone and FPN,
its heads), and only the code around them is recorded by hooks: a module that fx cannot trace
is recorded through its children, down to its leaf layers.

Functions called directly in a hooked forward (``torch.cat``, ``+``) are invisible to hooks, so
a tensor whose producer was not recorded is linked to the op recorded just before. The result is
an fx graph carrying the same ``meta`` as a propagated fx trace, so the rest of the pipeline
does not care how it was recorded.

What the drawing cannot show is still measured: every module is hooked, so a block's output is
what its own ``forward`` returned (a squeeze-excitation block's product, not its last child's
1×1 gate), the modules that never ran are known, and the work a hooked forward does itself with
torch functions is booked to it by the work meter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import torch
from torch import fx, nn
from torch.utils._pytree import tree_leaves

from netgraph.kinds import module_kind
from netgraph.measure import WorkMeter
from netgraph.shapes import Shape, outputs_of, propagate, shape_of
from netgraph.trace import HierarchyTracer, bind_call, call_path, split_inputs, trace


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
    """The tensors in ``value``: in lists, tuples and dicts, and in the attributes of an object
    that carries them (torchvision's ImageList holds its batch in ``.tensors``)."""
    found = []
    for leaf in tree_leaves(value):
        if isinstance(leaf, torch.Tensor):
            found.append(leaf)
        elif not isinstance(leaf, nn.Module) and isinstance(getattr(leaf, "__dict__", None), dict):
            found += [v for v in vars(leaf).values() if isinstance(v, torch.Tensor)]
    return found


_SCRATCH = "\0trying fx"  # the work meter's scope while a module's fx trace is tried


def _within(path: str, prefix: str) -> str:
    """A path inside the module at ``prefix``, made absolute."""
    return f"{prefix}.{path}" if prefix and path else prefix or path


@dataclass
class _Subtrace:
    """One call of a module traced by fx, its shapes propagated with the call's own values."""

    path: str
    graph: fx.Graph
    called: frozenset[str]  # absolute paths
    feeds: list[Any]  # the call's tensors, as the placeholders' ``meta["feed"]`` index them
    outputs: list[tuple[str, Any]] = field(default_factory=list)  # calls inside (trace.py)


def _on_meta(value: Any) -> Any:
    return value.to("meta") if isinstance(value, torch.Tensor) else value


def _propagates(module: nn.Module | None, graph: fx.Graph, feeds: list[Any]) -> bool:
    if module is None:
        return False
    try:
        propagate(module, graph, feeds)
    except Exception:  # whatever the module's code raises: this way cannot say
        return False
    return True


def _subtrace(
    module: nn.Module, path: str, args: tuple, kwargs: dict, twin: nn.Module | None
) -> _Subtrace | None:
    """The module's call as an fx graph, or None when fx cannot trace it this way. Shapes are
    propagated on ``twin`` (the same module on the meta device, if there is one) with meta
    copies of the call's tensors: the real call that follows computes the values once."""
    try:
        binding = bind_call(module, args, kwargs)
        if not binding.plain or not binding.feeds:
            return None
        found = trace(module, binding=binding)
    except Exception:  # any failure: record this module through its children instead
        return None
    on_meta = [_on_meta(f) for f in binding.feeds]
    if not _propagates(twin, found.graph, on_meta) and not _propagates(
        module,
        found.graph,
        binding.feeds,  # no twin, or meta tensors cannot say: real ones can
    ):
        return None
    called = frozenset(_within(p, path) for p in found.called)
    inside = [(_within(p, path), outputs_of(v)) for p, v in found.returns if p]
    return _Subtrace(path, found.graph, called, binding.feeds, inside)


@dataclass
class HookRecord:
    """What one hooked run saw, beyond the graph of its leaves."""

    graph: fx.Graph
    called: frozenset[str]  # every module that ran ("" = the root)
    outputs: dict[str, Any]  # each module's outputs per call (``shapes.outputs_of``)
    own_macs: dict[str, int]  # MACs in a module's own code (torch functions) that no op draws
    own_work: frozenset[str] = frozenset()  # hooked modules whose own code computes
    cost_unknown: frozenset[str] = frozenset()  # modules that computed with no MAC counted
    traced: tuple[str, ...] = ()  # modules whose calls fx traced: drawn op by op


@dataclass
class _State:
    graph: fx.Graph
    producers: dict[int, fx.Node]
    last: fx.Node
    keep: list[torch.Tensor] = field(default_factory=list)  # keeps ids unique while it runs
    current: str = ""  # the leaf running now
    in_shapes: list[Shape] = field(default_factory=list)
    inside: str | None = None  # the module whose fx trace stands for everything inside it
    subtraces: dict[int, _Subtrace] = field(default_factory=dict)  # by depth of the call
    calls: list[tuple[str, str]] = field(default_factory=list)  # (path, call path) running
    count: dict[tuple[str, str], int] = field(default_factory=dict)  # calls per parent call

    def call_path(self, path: str, leaf: bool) -> str:
        """This call's path (``netgraph.trace.call_path``): a block called again inside the
        same call of its parent gets a path of its own; a leaf's calls are nodes already."""
        if not path:
            return ""
        parent, parent_call = self.calls[-1] if self.calls else ("", "")
        if parent and not path.startswith(parent + "."):  # called from outside its parent
            parent, parent_call = path.rpartition(".")[0], path.rpartition(".")[0]
        local = path[len(parent) + 1 :] if parent else path
        index = 0 if leaf else self.count.get((parent_call, local), 0)
        self.count[(parent_call, local)] = index + 1
        return call_path(parent_call, local, index)

    def source(self, t: torch.Tensor) -> fx.Node:
        return self.producers.get(id(t), self.last)

    def produced(self, output: Any, node: fx.Node) -> None:
        for t in _tensors(output):
            self.producers[id(t)] = node
            self.keep.append(t)
        self.last = node


def _splice(state: _State, sub: _Subtrace, call: str, output: Any) -> None:
    """Copy a module's fx graph into the recording: its placeholders become the producers of
    the tensors it was called with, its outputs the producers of the tensors it returned."""
    env: dict[fx.Node, fx.Node] = {}
    copied = None
    for node in sub.graph.nodes:
        if node.op == "placeholder":
            fed = "feed" in node.meta
            env[node] = state.source(sub.feeds[node.meta["feed"]]) if fed else state.last
            continue
        if node.op == "output":
            leaves = tree_leaves(node.args[0])
            results = [env.get(n) if isinstance(n, fx.Node) else None for n in leaves]
            tensors = [t if isinstance(t, torch.Tensor) else None for t in tree_leaves(output)]
            pairs = zip(tensors, results, strict=True) if len(results) == len(tensors) else []
            for t, result in pairs:
                if t is not None and result is not None:
                    state.producers[id(t)] = result
                    state.keep.append(t)
            if copied is not None:
                state.last = copied
            continue
        copy = state.graph.node_copy(node, lambda n: env[n])
        if copy.op in ("call_module", "get_attr"):
            copy.target = _within(str(copy.target), sub.path)
        copy.meta["module_path"] = _within(node.meta.get("module_path", ""), call)
        if "called" in node.meta:
            copy.meta["called"] = frozenset(_within(p, sub.path) for p in node.meta["called"])
        env[node] = copied = copy


def record_hooks(
    model: nn.Module, inputs: list[torch.Tensor], twin: nn.Module | None = None
) -> HookRecord:
    """Run ``model(*inputs)`` and return what the hooks recorded; ``twin`` is the same model
    on the meta device, where the shapes inside the calls fx traces are worked out. Raises
    ``HookFailure``."""
    graph = fx.Graph()
    args, kwargs = split_inputs(model, inputs)
    names = list(bind_call(model, args, kwargs).by_name) or ["x"]
    state: _State | None = None
    for i, x in enumerate(inputs):
        placeholder = graph.placeholder(names[i] if i < len(names) else f"input_{i}")
        placeholder.meta.update(module_path="", shape=tuple(x.shape), in_shapes=[], feed=i)
        placeholder.meta["dtype"] = shape_of(x)[1]
        if state is None:
            state = _State(graph, {}, placeholder)
        state.produced(x, placeholder)
    assert state is not None
    meter = WorkMeter()
    called: set[str] = set()
    outputs: dict[str, list[Any]] = {}
    flops_before: list[int] = []  # the module's count when its call began (calls nest)
    measured: set[str] = set()  # leaves whose cost no rule knows
    traced: dict[str, None] = {}  # modules drawn from an fx trace, in call order
    depth = [0]

    def before(path: str, leaf: bool, module: nn.Module, args: tuple, kwargs: dict) -> None:
        depth[0] += 1
        if state.inside is not None:
            return
        called.add(path)
        meter.stack.append(path)
        flops_before.append(meter.flops[path])
        state.calls.append((path, state.call_path(path, leaf)))
        if leaf:
            state.current = path
            state.in_shapes = [tuple(t.shape) for t in _tensors((args, kwargs))]
            return
        if not path:
            return  # the root: fx could not trace it, that is why hooks run
        # trying fx runs the module's children (for shapes): their hooks and the work they
        # do must not count, the real call that follows does
        state.inside = path
        meter.stack.append(_SCRATCH)
        sub = _subtrace(module, path, args, kwargs, twin and twin.get_submodule(path))
        meter.stack.pop()
        meter.flops.pop(_SCRATCH, None)
        meter.uncounted.pop(_SCRATCH, None)
        if sub is None:
            state.inside = None
        else:
            state.subtraces[depth[0]] = sub

    def after(
        path: str, leaf: bool, module: nn.Module, args: tuple, kwargs: dict, output: Any
    ) -> None:
        level = depth[0]
        depth[0] -= 1
        sub = state.subtraces.pop(level, None)
        if state.inside is not None and sub is None:
            return  # inside a module its fx trace already draws
        meter.stack.pop()
        start = flops_before.pop()
        call = state.calls.pop()[1]
        outputs.setdefault(path, []).append(outputs_of(output))
        if sub is not None:
            state.inside = None
            traced[path] = None
            called.update(sub.called)
            for inner, shapes in sub.outputs:
                outputs.setdefault(inner, []).append(shapes)
            _splice(state, sub, call, output)
            return
        if not leaf:
            return
        tensors_in = _tensors((args, kwargs))
        sources = [state.source(t) for t in tensors_in]
        node_args = tuple(dict.fromkeys(sources)) or (state.last,)
        node = graph.create_node("call_module", path, node_args, {}, name=path.replace(".", "_"))
        shape, dtype = shape_of(output)
        node.meta.update(module_path=call, shape=shape, dtype=dtype, outputs=outputs_of(output))
        node.meta["in_shapes"] = [tuple(t.shape) for t in tensors_in]
        # what flowed in, even from code the hooks cannot see (x * gate after a 1×1 gate)
        node.meta["edge_shapes"] = {
            source.name: tuple(t.shape) for source, t in zip(sources, tensors_in, strict=True)
        }
        if module_kind(module) == "other":  # no rule knows its cost: the run measured it
            node.meta.update(macs=(meter.flops[path] - start) // 2, measured=True)
            measured.add(path)
        state.produced(output, node)
        state.current = ""

    walked = _walk(model)
    handles = []
    for path, module, leaf in walked:
        handles.append(
            module.register_forward_pre_hook(partial(before, path, leaf), with_kwargs=True)
        )
        handles.append(module.register_forward_hook(partial(after, path, leaf), with_kwargs=True))
    try:
        with torch.no_grad(), meter:
            out = model(*args, **kwargs)
    except Exception as exc:  # reported with the module that was running
        raise HookFailure(state.current, state.in_shapes, exc) from exc
    finally:
        for handle in handles:
            handle.remove()
    results = _tensors(out)
    result = state.source(results[0]) if results else state.last
    node = graph.output(result)
    node.meta.update(module_path="", in_shapes=[s for s in [result.meta.get("shape")] if s])
    node.meta["shape"], node.meta["dtype"] = shape_of(out)
    inner = [
        path
        for path, _, leaf in walked
        if not leaf and path in called and path not in traced
        and not any(path.startswith(t + ".") for t in traced)
    ]  # fmt: skip
    return HookRecord(
        graph,
        frozenset(called),
        outputs,
        own_macs={p: meter.macs(p) for p in inner if meter.macs(p)},
        own_work=frozenset(p for p in inner if meter.macs(p) or meter.uncounted.get(p)),
        cost_unknown=frozenset(p for p in [*inner, *measured] if meter.unknown(p)),
        traced=tuple(traced),
    )
