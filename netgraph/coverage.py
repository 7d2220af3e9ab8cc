"""What a traced graph leaves out, said plainly: modules never called, modules drawn as one box,
costs nobody could count, and the fallback that was used.

A student believes what the app shows, so a partial graph must say it is partial: these
sentences go to ``NetGraph.warnings``, the CLI's stderr and the app's banner over the diagram.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import torch
from torch import nn

from netgraph.formatting import format_count, format_exact, format_paths
from netgraph.kinds import is_scratch_batchnorm
from netgraph.model import ModuleInfo
from netgraph.trace import split_inputs

TRAINING_ONLY = "used only in training mode"
NOT_CALLED = "never called for this input"


def _inside(path: str, holder: str) -> bool:
    return path.startswith(holder + ".")


def ran_modules(
    modules: dict[str, ModuleInfo],
    ops: nx.DiGraph,
    called: Iterable[str],
    opaque: Iterable[str] = (),
) -> frozenset[str]:
    """The modules that ran: those the trace or the hooks saw being called, the containers
    holding them (a forward may iterate a ModuleList without calling it), and everything
    inside a layer drawn as one op (a library layer's parts run with it). Inside an opaque
    module only what its measured run called counts, and that is already in ``called``."""
    ran = {path for path, info in modules.items() if info.call_of}  # a later call: it ran
    for path in called:
        while path not in ran:
            ran.add(path)
            path = path.rpartition(".")[0]
    opaque = set(opaque)
    holders = {
        attrs["target"]
        for _, attrs in ops.nodes(data=True)
        if attrs["op"] == "call_module" and attrs["target"] not in opaque
    }
    for path in modules:
        parent = path.rpartition(".")[0]
        while parent and parent not in holders:
            parent = parent.rpartition(".")[0]
        if parent:
            ran.add(path)
    return frozenset(ran)


def unused_modules(modules: dict[str, ModuleInfo], ran: frozenset[str]) -> list[str]:
    """The top-most modules that never ran (their insides are implied), in definition order."""
    return [p for p in modules if p not in ran and p.rpartition(".")[0] in ran]


def trainable_params(model: nn.Module, unused: list[str]) -> int:
    """Trainable parameters of the modules that ran."""
    return sum(
        p.numel()
        for name, p in model.named_parameters()
        if p.requires_grad and not any(_inside(name, u) for u in unused)
    )


def is_library_layer(module: nn.Module) -> bool:
    """A layer whose meaning its type says (torch.nn's, the book's BatchNorm): one box is it."""
    return type(module).__module__.startswith("torch.nn") or is_scratch_batchnorm(module)


def run_in_training(model: nn.Module, paths: list[str], inputs: list[torch.Tensor]) -> bool:
    """Whether a training-mode forward on ``inputs`` (a batch of two or more: BatchNorm needs
    it) calls the modules at ``paths`` (googlenet's auxiliary heads). Only on meta weights: a
    real model must not have its BatchNorm statistics moved."""
    if not paths or any(t.device.type != "meta" for t in model.parameters()):
        return False
    seen: set[str] = set()
    found = dict(model.named_modules())
    handles = [
        found[p].register_forward_pre_hook(lambda *_, p=p: seen.add(p)) for p in paths if p in found
    ]
    was_training = model.training
    try:
        model.train()
        with torch.no_grad():
            args, kwargs = split_inputs(model, inputs)
            model(*args, **kwargs)
    except Exception:  # any failure: we only know they did not run for this input
        return False
    finally:
        model.train(was_training)
        for handle in handles:
            handle.remove()
    return seen == set(paths)


def _quoted(paths: list[str]) -> str:
    return format_paths([f"'{p}'" if p else "the root module" for p in paths])


def coverage_warnings(
    method: str,
    fallback: str,
    zeros: str,
    opaque: list[str],
    hidden: dict[str, int],
    unknown: list[str],
    unused: list[str],
    with_params: list[str],
    unused_params: int,
    unused_reason: str,
    traced: tuple[str, ...] = (),
) -> list[str]:
    """One sentence per way the graph is partial (none for a complete fx trace).

    ``fallback``: why hooks were needed; ``traced``: the modules fx traced inside a hook
    recording (drawn op by op); ``zeros``: the module that needed real values (its path, or
    the model's class name for its own forward);
    ``hidden``: MACs of modules whose own code did work no op draws (hook mode); ``unused``:
    modules never called, ``with_params`` those of them that hold the ``unused_params``.
    """
    found = []
    if method == "hooks":
        scope = "The diagram shows"
        if traced:
            scope = (
                f"torch.fx traced {_quoted(list(traced))} as called: drawn op by op. Elsewhere "
                "the diagram shows"
            )
        found.append(
            f"Recorded with forward hooks: {fallback}. {scope} the branch taken for this input "
            "only, and torch functions called in a forward (+, torch.cat, matrix products) are "
            "not drawn."
        )
    if zeros:
        found.append(
            f"{zeros} needs real values: shapes come from zeros on the CPU, so data-dependent "
            "code shows the branch that zeros take."
        )
    if opaque:
        one = len(opaque) == 1
        found.append(
            f"{len(opaque)} {'module' if one else 'modules'} drawn as one box, not traced "
            f"inside: {_quoted(opaque)}; {'its' if one else 'their'} MACs were measured by "
            f"running {'it' if one else 'them'} (matrix products and convolutions)."
        )
    if hidden:
        found.append(
            f"The own forward of {_quoted(list(hidden))} computes with torch functions the "
            f"hooks cannot draw; {format_count(sum(hidden.values()))} MACs of that work were "
            "measured and counted in the totals."
        )
    if unknown:
        found.append(f"MACs unknown for {_quoted(unknown)}: work no formula counts, shown as 0.")
    if with_params:
        found.append(
            f"{format_exact(unused_params)} parameters in {format_paths(with_params)} are not "
            f"in the graph: {unused_reason}."
        )
    idle = [path for path in unused if path not in with_params]
    if idle and method == "hooks":  # elsewhere a parameterless module left out loses nothing
        found.append(f"Never called for this input: {_quoted(idle)}.")
    return found
