"""torch.fx tracing that remembers, for every op, the module it runs in.

When fx cannot trace a model (data-dependent control flow, ``len()`` of a tensor, …) the modules
to blame are found by walking down from the root — a module offends if tracing it alone fails and
none of its children does — and the trace is retried with them as opaque leaves ("fx-leaf").
If the root itself offends, the caller falls back to forward hooks (``netgraph.hooks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from torch import fx, nn

from netgraph.kinds import is_scratch_batchnorm


class HierarchyTracer(fx.Tracer):
    """An fx tracer with extra leaf modules: the book's BatchNorm and the offending modules.

    It notes every module the forward calls (``called``), leaves or not, even one that leaves
    no op behind (an identity), so that modules the trace never reached can be told apart."""

    def __init__(self, leaves: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.leaves = leaves
        self.called: set[str] = set()

    def call_module(self, m: nn.Module, forward: Any, args: tuple, kwargs: dict) -> Any:
        self.called.add(self.path_of_module(m))
        return super().call_module(m, forward, args, kwargs)

    def is_leaf_module(self, m: nn.Module, module_qualified_name: str) -> bool:
        return (
            module_qualified_name in self.leaves
            or is_scratch_batchnorm(m)
            or super().is_leaf_module(m, module_qualified_name)
        )


@dataclass
class FxTrace:
    graph: fx.Graph
    method: str  # "fx" or "fx-leaf"
    note: str = ""
    called: frozenset[str] = frozenset()  # paths of the modules the forward called ("" = root)
    opaque: tuple[str, ...] = ()  # modules kept as one op (fx cannot trace inside them)


def trace(model: nn.Module, leaves: frozenset[str] = frozenset()) -> tuple[fx.Graph, frozenset]:
    """Trace ``model``; every node gets ``meta["module_path"]``, the innermost module it runs in
    (a module call's own path, "" for the root). Also returns the paths of the modules called."""
    tracer = HierarchyTracer(leaves)
    graph = tracer.trace(model)
    for node in graph.nodes:
        stack = node.meta.get("nn_module_stack")
        node.meta["module_path"] = next(reversed(stack.values()))[0] if stack else ""
    return graph, frozenset({"", *tracer.called})


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__).strip()


def _trace_error(module: nn.Module, leaves: frozenset[str] = frozenset()) -> Exception | None:
    try:
        HierarchyTracer(leaves).trace(module)
    except Exception as exc:  # any failure means: cannot trace this module this way
        return exc
    return None


def _offenders(module: nn.Module, path: str, error: Exception) -> list[tuple[str, str]]:
    """(path, reason) of the smallest modules under ``module`` (which fails to trace) that must
    stay opaque: failing children, recursively, and ``module`` itself if it still fails with
    those children as leaves."""
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
        error = _trace_error(module, frozenset(p.removeprefix(prefix) for p, _ in found))
        if error is None:
            return found
    return [(path, f"{type(module).__name__}: {_first_line(error)}")]


def trace_model(model: nn.Module) -> FxTrace | str:
    """An fx trace of ``model`` (plain, or with offending modules as leaves); or, when the
    root's own forward cannot be traced, the one-line reason for the hook fallback."""
    try:
        graph, called = trace(model)
        return FxTrace(graph, "fx", called=called)
    except Exception as exc:
        error = exc
    offenders = _offenders(model, "", error)
    if offenders[0][0] == "":
        return f"the root forward cannot be traced ({offenders[0][1]})"
    opaque = tuple(path for path, _ in offenders)
    graph, called = trace(model, frozenset(opaque))
    note = "; ".join(f"'{path}' ({reason}) kept as one op" for path, reason in offenders)
    return FxTrace(graph, "fx-leaf", note, called, opaque)
