"""torch.fx tracing that remembers, for every op, the module it runs in.

When fx cannot trace a model (data-dependent control flow, ``len()`` of a tensor, …) the modules
to blame are found by walking down from the root — a module offends if tracing it alone fails and
none of its children does — and the trace is retried with them as opaque leaves ("fx-leaf").
If the root itself offends, the caller falls back to forward hooks (``netgraph.hooks``).

A forward is traced as it is called (:class:`CallBinding`): the arguments that are tensors become
placeholders, everything else — the signature's defaults (``attn_mask=None``,
``is_causal=False``), flags, lists of numbers — is bound to its value through fx's
``concrete_args``, so ``if mask is not None`` takes the branch eager code takes. Tensors inside a
list or dict argument become one placeholder each and the forward sees a real list.
"""

from __future__ import annotations

import contextlib
import inspect
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import fx, nn
from torch.fx._symbolic_trace import PHBase
from torch.utils._pytree import tree_map, tree_unflatten

from netgraph.kinds import is_scratch_batchnorm
from netgraph.model import CALL_MARK


class _Feed(PHBase):
    """fx's placeholder marker, remembering which fed value it stands for (fx copies the
    attribute onto the placeholder node it makes)."""

    def __init__(self, index: int) -> None:
        self.netatlas_feed = index


def _is_plain(value: Any) -> bool:
    """A value fx may bake into the trace: no tensor hides in it (an object holding tensors in
    its attributes, such as torchvision's ImageList, would be traced as constants)."""
    if isinstance(value, nn.Module):
        return True
    attrs = getattr(value, "__dict__", None)
    return not (
        isinstance(attrs, dict) and any(isinstance(v, torch.Tensor) for v in attrs.values())
    )


@dataclass
class CallBinding:
    """One call of a forward as fx traces it: ``concrete`` (fx's ``concrete_args``) binds every
    non-tensor argument and every default; ``feeds`` are the tensors, in the order the
    placeholders' ``meta["feed"]`` index them."""

    concrete: dict[str, Any] | tuple = field(default_factory=dict)
    feeds: list[Any] = field(default_factory=list)
    by_name: dict[str, int] = field(default_factory=dict)  # plain placeholders -> feed index
    plain: bool = True  # False: some argument hides tensors fx would bake in as constants

    def feed(self, value: Any) -> Any:
        if isinstance(value, torch.Tensor):
            self.feeds.append(value)
            return _Feed(len(self.feeds) - 1)
        self.plain = self.plain and _is_plain(value)
        return value


class TooManyInputs(TypeError):
    """More inputs than ``forward`` takes: ``names`` are the ones it does take."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(f"forward takes {len(names)} inputs")
        self.names = names


def split_inputs(module: nn.Module, inputs: list[Any]) -> tuple[tuple, dict[str, Any]]:
    """The inputs as ``forward`` takes them: its positional parameters in order (all of them
    to ``*args``), then its keyword-only ones by name. Raises TooManyInputs."""
    try:
        params = list(inspect.signature(module.forward).parameters.values())
    except (TypeError, ValueError):
        return tuple(inputs), {}
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return tuple(inputs), {}
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    keywords = [p.name for p in params if p.kind == p.KEYWORD_ONLY]
    if len(inputs) > len(positional) + len(keywords):
        raise TooManyInputs(positional + keywords)
    rest = inputs[len(positional) :]
    return tuple(inputs[: len(positional)]), dict(zip(keywords, rest, strict=False))


def missing_arguments(module: nn.Module, args: tuple, kwargs: dict | None = None) -> list[str]:
    """The parameters of ``module.forward`` without a default that the call leaves unfed."""
    try:
        sig = inspect.signature(module.forward)
    except (TypeError, ValueError):
        return []
    bound = sig.bind_partial(*args, **(kwargs or {}))
    return [
        name
        for name, p in sig.parameters.items()
        if p.default is p.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        and name not in bound.arguments
    ]


def bind_call(module: nn.Module, args: tuple = (), kwargs: dict | None = None) -> CallBinding:
    """How to trace ``module.forward(*args, **kwargs)``; parameters neither given nor defaulted
    stay plain placeholders (fed nothing). Raises TypeError if the call does not fit."""
    binding = CallBinding()
    try:
        sig = inspect.signature(module.forward)
    except (TypeError, ValueError):
        return binding
    params = list(sig.parameters.values())
    if args and params and all(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        binding.concrete = tuple(binding.feed(a) for a in args)  # fx's form for forward(*args)
        binding.plain = all(isinstance(a, torch.Tensor) for a in args)  # fx binds no values
        return binding
    bound = sig.bind_partial(*args, **(kwargs or {}))
    bound.apply_defaults()
    for name, param in sig.parameters.items():
        if name not in bound.arguments:
            continue
        value = bound.arguments[name]
        star = {param.VAR_POSITIONAL: "*", param.VAR_KEYWORD: "**"}.get(param.kind, "")
        if isinstance(value, torch.Tensor) and not star:
            binding.by_name[name] = len(binding.feeds)
            binding.feeds.append(value)
        else:
            binding.concrete[star + name] = tree_map(binding.feed, value)
    return binding


def _mark_feeds(graph: fx.Graph, binding: CallBinding) -> None:
    """Give each placeholder its ``meta["feed"]``; drop those fx made for bound values, with
    the checks fx hung on them (the forward itself only ever saw the value)."""

    def erase(node: fx.Node) -> None:
        for user in list(node.users):
            erase(user)
        graph.erase_node(node)

    bound = {name.lstrip("*") for name in binding.concrete if isinstance(name, str)}
    for node in list(graph.nodes):
        if node.op != "placeholder":
            continue
        base, _, count = str(node.target).rpartition("_")  # fx names bound values "mask_1"
        if hasattr(node, "netatlas_feed"):
            node.meta["feed"] = node.netatlas_feed
        elif node.target in binding.by_name:
            node.meta["feed"] = binding.by_name[node.target]
        elif count.isdigit() and base.lstrip("*") in bound:
            erase(node)


class HierarchyTracer(fx.Tracer):
    """An fx tracer with extra leaf modules: the book's BatchNorm and the offending modules.

    It notes every module the forward calls (``called``), leaves or not, even one that leaves
    no op behind (an identity), so that modules the trace never reached can be told apart."""

    def __init__(self, leaves: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.leaves = leaves
        self.called: set[str] = set()
        # (module path, what one call returned, nodes standing for the values), in return order
        self.returns: list[tuple[str, Any]] = []

    def call_module(self, m: nn.Module, forward: Any, args: tuple, kwargs: dict) -> Any:
        path = self.path_of_module(m)
        self.called.add(path)
        value = super().call_module(m, forward, args, kwargs)
        self.returns.append((path, tree_map(_node_of, value)))
        return value

    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return (
            module_qualified_name in self.leaves
            or is_scratch_batchnorm(m)
            or super().is_leaf_module(m, module_qualified_name)
        )


@contextlib.contextmanager
def _state_kept(model: nn.Module) -> Iterator[None]:
    """Undo what tracing writes into the modules: a forward that caches on its first call
    (torchvision's MultiScaleRoIAlign keeps its scales) would keep fx proxies, and fx keeps
    tensor constants on the root; the real run that follows must not see them."""
    registries = ("_parameters", "_buffers", "_modules")
    saved = []
    for module in model.modules():
        state = dict(vars(module))
        saved.append((module, state, {k: dict(state[k]) for k in registries if k in state}))
    try:
        yield
    finally:
        for module, state, contents in saved:
            attrs = vars(module)
            for key in [k for k in attrs if k not in state]:
                if not (module is model and key.startswith("_tensor_constant")):
                    del attrs[key]  # new, but the trace's get_attr nodes read fx's constants
            for key, value in state.items():
                if attrs.get(key) is not value:
                    attrs[key] = value
            for key, found in contents.items():  # the same dicts, their old contents
                now = attrs[key]
                if now.keys() != found.keys() or any(now[k] is not v for k, v in found.items()):
                    now.clear()
                    now.update(found)


def _node_of(value: Any) -> Any:
    return value.node if isinstance(value, fx.Proxy) else value


def graph_result(graph: fx.Graph, value: Any) -> Any:
    """What the forward returned, from its output node's value: fx flattens the outputs of a
    forward traced with structured inputs (``concrete_args`` holding placeholders)."""
    info = getattr(graph._codegen, "pytree_info", None)
    if info is not None and info.out_spec is not None:
        return tree_unflatten(list(value), info.out_spec)
    return value


@dataclass
class Traced:
    """One fx trace: the graph, the modules called ("" = the root) and what each module call
    returned (``returns``: module path and its value with fx nodes in place of tensors, one
    entry per call, the root's last)."""

    graph: fx.Graph
    called: frozenset[str]
    returns: list[tuple[str, Any]]


@dataclass
class FxTrace:
    graph: fx.Graph
    method: str  # "fx" or "fx-leaf"
    note: str = ""
    called: frozenset[str] = frozenset()  # paths of the modules the forward called ("" = root)
    opaque: tuple[str, ...] = ()  # modules kept as one op (fx cannot trace inside them)
    returns: list[tuple[str, Any]] = field(default_factory=list)  # as in Traced


def trace(
    model: nn.Module, leaves: frozenset[str] = frozenset(), binding: CallBinding | None = None
) -> Traced:
    """Trace ``model`` called as ``binding`` says (default: with its signature's defaults);
    every node gets ``meta["module_path"]``, the innermost module it runs in (a module call's
    own path, "" for the root)."""
    binding = binding or bind_call(model)
    tracer = HierarchyTracer(leaves)
    with warnings.catch_warnings(), _state_kept(model):
        warnings.simplefilter("ignore")  # fx warns for every bound value it cannot check
        graph = tracer.trace(model, concrete_args=binding.concrete or None)
    _mark_feeds(graph, binding)
    _name_calls(graph)
    output = next(n for n in reversed(graph.nodes) if n.op == "output")
    tracer.returns.append(("", graph_result(graph, output.args[0])))
    return Traced(graph, frozenset({"", *tracer.called}), tracer.returns)


def call_path(parent: str, name: str, index: int) -> str:
    """The path of one call of a module (``ModuleInfo.call_of``): ``parent.name`` for its
    first call inside ``parent`` (index 0), ``parent.name@2`` for the second."""
    own = f"{name}{CALL_MARK}{index + 1}" if index else name
    return f"{parent}.{own}" if parent else own


def _name_calls(graph: fx.Graph) -> None:
    """``meta["module_path"]`` of every node: the innermost module it runs in, one path per
    call of that module, so a block called three times draws as three blocks (its ops are
    inlined three times). fx names the calls in ``nn_module_stack`` (``blk``, ``blk@1``, …);
    a leaf layer's own call keeps the layer's path (each call is a node already)."""
    paths: dict[str, str] = {}  # fx's key of one call -> its call path
    count: dict[tuple[str, str], int] = {}
    for node in graph.nodes:
        stack = list((node.meta.get("nn_module_stack") or {}).items())
        path = qualified = ""
        for i, (key, (name, _)) in enumerate(stack):
            own = node.op == "call_module" and i == len(stack) - 1 and name == node.target
            if not qualified or name.startswith(qualified + "."):  # inside the module around
                parent, local = path, name[len(qualified) + 1 :] if qualified else name
            else:  # called from elsewhere (a module kept by reference): under its own parent
                parent, _, local = name.rpartition(".")
            if own:
                path = call_path(parent, local, 0)
            else:
                if key not in paths:
                    index = count.get((parent, local), 0)
                    count[(parent, local)] = index + 1
                    paths[key] = call_path(parent, local, index)
                path = paths[key]
            qualified = name
        node.meta["module_path"] = path


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__).strip()


def _trace_error(module: nn.Module, leaves: frozenset[str] = frozenset()) -> Exception | None:
    try:
        trace(module, leaves)
    except Exception as exc:  # any failure means: cannot trace this module this way
        return exc
    return None


def _offenders(
    module: nn.Module, path: str, error: Exception, binding: CallBinding | None = None
) -> list[tuple[str, str]]:
    """(path, reason) of the smallest modules under ``module`` (which fails to trace, called as
    ``binding`` says) that must stay opaque: failing children (traced alone with their
    defaults), recursively, and ``module`` itself if it still fails with those children as
    leaves."""
    tracer = HierarchyTracer()
    found: list[tuple[str, str]] = []
    for name, child in module.named_children():
        child_path = f"{path}.{name}" if path else name
        if tracer.is_leaf_module(child, child_path):
            continue
        child_error = _trace_error(child)
        if child_error is not None:
            found += _offenders(child, child_path, child_error)
    if found:
        prefix = f"{path}." if path else ""
        leaves = frozenset(p.removeprefix(prefix) for p, _ in found)
        try:
            trace(module, leaves, binding)
            return found
        except Exception as exc:  # still untraceable: the module's own code is to blame
            error = exc
    return [(path, f"{type(module).__name__}: {_first_line(error)}")]


def _hidden_share(model: nn.Module, opaque: tuple[str, ...]) -> float:
    """The share of the parameters inside opaque modules that have modules of their own to
    draw: past one half, forward hooks with fx inside (``netgraph.hooks``) show more."""
    total = sum(p.numel() for p in model.parameters())
    inside = sum(
        p.numel()
        for path in opaque
        if next(model.get_submodule(path).children(), None) is not None
        for p in model.get_submodule(path).parameters()
    )
    return inside / total if total else 0.0


def _quoted(paths: tuple[str, ...]) -> str:
    return ", ".join(f"'{p}'" for p in paths)


def trace_model(model: nn.Module, binding: CallBinding | None = None) -> FxTrace | str:
    """An fx trace of ``model`` called as ``binding`` says (plain, or with offending modules as
    leaves); or, when the root's own forward cannot be traced, the one-line reason for the hook
    fallback."""
    try:
        found = trace(model, binding=binding)
        return FxTrace(found.graph, "fx", called=found.called, returns=found.returns)
    except Exception as exc:
        error = exc
    offenders = _offenders(model, "", error, binding)
    if offenders[0][0] == "":
        return f"the root forward cannot be traced ({offenders[0][1]})"
    opaque = tuple(path for path, _ in offenders)
    hidden = _hidden_share(model, opaque)
    if hidden > 0.5:
        return (
            f"fx traces the root only with {_quoted(opaque)} as one box, which would hide "
            f"{hidden:.0%} of the parameters"
        )
    found = trace(model, frozenset(opaque), binding)
    note = "; ".join(f"'{path}' ({reason}) kept as one op" for path, reason in offenders)
    return FxTrace(found.graph, "fx-leaf", note, found.called, opaque, found.returns)
