"""Small hand-made NetGraphs: the layout's unit tests and its benches run on these (no torch).

``make_graph`` builds a graph from an edge list and a module map, filling the schema's
attributes; ``chain`` and ``residual_stack`` make the long graphs the benches time.
"""

from __future__ import annotations

from functools import partial
from itertools import pairwise

import networkx as nx

from netgraph.model import ModuleInfo, NetGraph, Structure, module_chain

SHAPE = (1, 64, 56, 56)


def _type_name(leaf_type: str, _prefix: str, leaf: bool) -> str:
    return leaf_type if leaf else "Block"


def make_graph(
    ops: list[tuple[str, str, str]],
    edges: list[tuple[str, str]],
    structures: list[Structure] | None = None,
    name: str = "synthetic",
) -> NetGraph:
    """``ops`` = (id, kind, module path) in execution order; modules come from the paths."""
    g = nx.DiGraph()
    modules: dict[str, ModuleInfo] = {"": ModuleInfo("", "Net", 0)}
    for order, (op, kind, path) in enumerate(ops):
        g.add_node(
            op,
            kind=kind,
            op="call_module",
            target=path,
            module_path=path,
            module_type=kind.title(),
            label=f"{kind.title()} {op}",
            shape=SHAPE,
            dtype="float32",
            params=10 if kind == "conv" else 0,
            macs=100,
            hparams={},
            order=order,
        )
        for info in module_chain(modules, path, partial(_type_name, kind.title())):
            info.ops.append(op)
            info.params += g.nodes[op]["params"]
            info.output_shape = SHAPE
    for u, v in edges:
        g.add_edge(u, v, shape=SHAPE)
    for s in structures or []:
        modules[s.module].structure = s.kind
    return NetGraph(name, SHAPE, g, modules, structures or [], "fx")


def chain(n: int) -> NetGraph:
    """n ops in a line, all in the root."""
    ops = [(f"op{i}", "input" if i == 0 else "conv", "") for i in range(n)]
    return make_graph(ops, [(f"op{i}", f"op{i + 1}") for i in range(n - 1)], name=f"chain{n}")


def residual_block(prefix: str, source: str) -> tuple[list, list, Structure]:
    """conv → bn → relu → conv → bn → ⊕ (identity shortcut from ``source``) → relu."""
    body = ["conv1", "bn1", "relu1", "conv2", "bn2"]
    kinds = ["conv", "bn", "relu", "conv", "bn"]
    ids = [f"{prefix}_{b}" for b in body]
    ops = [(i, k, f"{prefix}.{b}") for i, k, b in zip(ids, kinds, body, strict=True)]
    add, out = f"{prefix}_add", f"{prefix}_relu"
    ops += [(add, "add", prefix), (out, "relu", prefix)]
    edges = [(source, ids[0]), *pairwise(ids), (ids[-1], add), (source, add), (add, out)]
    return ops, edges, Structure("residual", prefix, [ids, []], merge=add)


def residual_stack(n_blocks: int, nested: bool = True) -> NetGraph:
    """An input and ``n_blocks`` residual blocks (7 ops each); modules "b0", "b1", … if nested."""
    ops, edges, structures = [("x", "input", "")], [], []
    source = "x"
    for i in range(n_blocks):
        prefix = f"b{i}"
        block_ops, block_edges, s = residual_block(prefix, source)
        if not nested:
            block_ops = [(op, kind, "") for op, kind, _ in block_ops]
        ops += block_ops
        edges += block_edges
        structures.append(s)
        source = f"{prefix}_relu"
    return make_graph(ops, edges, structures if nested else [], name=f"residual{n_blocks}")
