"""The module tree with per-block totals, the "blocks" of the diagram and the CLI's table."""

from __future__ import annotations

from typing import Any

import networkx as nx
from torch import nn

from netgraph.model import ModuleInfo, first_shape, module_of_call


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def _ancestry(path: str, infos: dict[str, ModuleInfo]) -> list[ModuleInfo]:
    """The module at ``path`` and all its ancestors up to the root, innermost first."""
    chain = []
    while True:
        if path in infos:
            chain.append(infos[path])
        if not path:
            return chain
        path = _parent(path)


def module_tree(
    model: nn.Module,
    ops: nx.DiGraph,
    own_macs: dict[str, int] | None = None,
    outputs: dict[str, list[Any]] | None = None,
) -> dict[str, ModuleInfo]:
    """ModuleInfo for every module of ``model``.

    Params are attributed through ``named_parameters`` (each parameter once, to the module that
    registers it), so the root's total equals ``sum(p.numel())`` even with shared parameters or
    modules that never run. MACs, ops and output shapes come from the ops run inside, plus (hook
    mode) ``own_macs`` done by a module's own code that no op draws, and ``outputs``: what each
    call of a module's forward returned, which wins over its last op's shape.
    """
    infos: dict[str, ModuleInfo] = {}
    for path, module in model.named_modules():
        infos[path] = ModuleInfo(path, type(module).__name__, path.count(".") + 1 if path else 0)
        if path and _parent(path) in infos:
            infos[_parent(path)].children.append(path)
    for name, param in model.named_parameters():
        for info in _ancestry(_parent(name), infos):
            info.params += param.numel()
    for path in dict.fromkeys(attrs["module_path"] for _, attrs in ops.nodes(data=True)):
        _add_calls(infos, path)
    chains: dict[str, tuple[list[ModuleInfo], list[ModuleInfo]]] = {}
    for op_id, attrs in sorted(ops.nodes(data=True), key=lambda item: item[1]["order"]):
        path = attrs["module_path"]
        if path not in chains:
            own = _ancestry(path, infos)
            chains[path] = own, [i for i in _ancestry(module_of_call(path), infos) if i not in own]
        own, shared = chains[path]
        for info in own:
            info.ops.append(op_id)
            info.macs += attrs["macs"]
            if attrs["shape"] is not None:
                info.output_shape = attrs["shape"]
        for info in shared:  # a later call's work is its module's too
            info.macs += attrs["macs"]
    for path, macs in (own_macs or {}).items():
        for info in _ancestry(path, infos):
            info.macs += macs
    for path, calls in (outputs or {}).items():
        if path in infos:
            infos[path].outputs = calls
            shape = first_shape(calls[0]) if calls else None  # its box draws the first call
            if shape is not None:
                infos[path].output_shape = shape
    return infos


def _add_calls(infos: dict[str, ModuleInfo], path: str) -> None:
    """Modules for the later calls of blocks on ``path`` ("blk@2.conv"): each call is drawn
    as a block of its own; it holds its module's weights (``params``), not new ones."""
    parts = path.split(".") if path else []
    for depth in range(1, len(parts) + 1):
        prefix = ".".join(parts[:depth])
        if prefix in infos:
            continue
        module = infos.get(module_of_call(prefix))
        infos[prefix] = ModuleInfo(
            prefix,
            module.type_name if module else "Module",
            depth,
            params=module.params if module else 0,
            call_of=module_of_call(prefix),
        )
        infos[_parent(prefix)].children.append(prefix)


def execution_order(modules: dict[str, ModuleInfo], ops: nx.DiGraph) -> list[str]:
    """Module paths depth-first, children in the order they first run (never-run ones last)."""
    first = {path: ops.nodes[info.ops[0]]["order"] for path, info in modules.items() if info.ops}
    never = len(ops) + 1
    result: list[str] = []
    stack = [""]
    while stack:
        path = stack.pop()
        result.append(path)
        children = modules[path].children
        ranked = sorted(range(len(children)), key=lambda i: (first.get(children[i], never), i))
        stack.extend(children[i] for i in reversed(ranked))
    return result
