"""The op graph: one networkx node per fx node, with the attributes ``netgraph.model`` lists."""

from __future__ import annotations

import networkx as nx
from torch import fx, nn

from netgraph.costs import op_macs
from netgraph.kinds import call_hparams, module_hparams, module_kind, name_kind, target_name
from netgraph.labels import op_label
from netgraph.model import module_of_call


def op_graph(graph: fx.Graph, model: nn.Module) -> nx.DiGraph:
    """Build the op graph from a graph whose nodes carry shapes (``netgraph.shapes``)."""
    modules = dict(model.named_modules())
    ops = nx.DiGraph()
    several = sum(node.op == "placeholder" for node in graph.nodes) > 1
    weighed = _read_weights(graph, model)
    for order, node in enumerate(graph.nodes):
        meta = node.meta
        path = meta.get("module_path", "")
        shape = meta.get("shape")
        in_shapes = meta.get("in_shapes", [])
        params = 0
        hparams: dict = {}
        if node.op == "placeholder":
            # forward's own name ("input"), not fx's node name ("input_1": fx never shadows a
            # builtin), which the Input… dialog shows
            kind, name, type_name = "input", str(node.target), ""
            if several:  # which input is which: forward's own names for them
                hparams = {"name": str(node.target)}
        elif node.op == "output":
            kind, name, type_name = "output", "output", ""
        elif node.op == "call_module":
            module = modules[node.target]
            kind, name, type_name = module_kind(module), node.target, type(module).__name__
            hparams = module_hparams(module)
            params = sum(p.numel() for p in module.parameters())
        else:
            name = target_name(node.target)
            kind, type_name = name_kind(name), ""
            if node.op != "get_attr":
                hparams = call_hparams(node.target, node)
            params = weighed.get(node.name, 0)
        if shape is None and kind not in ("input", "output"):
            kind = "other"  # sizes, tuples and other bookkeeping values
        owner = modules.get(module_of_call(path))
        ops.add_node(
            node.name,
            kind=kind,
            op=node.op,
            target=name,
            module_path=path,
            module_type=type_name or (type(owner).__name__ if owner is not None else ""),
            label=op_label(kind, type_name, name, hparams, shape),
            shape=shape,
            dtype=meta.get("dtype"),
            params=params,
            macs=meta.get("macs") or op_macs(kind, type_name or name, hparams, in_shapes, shape),
            measured=bool(meta.get("measured")),
            cost_unknown=bool(meta.get("cost_unknown")),
            hparams=hparams,
            order=order,
            outputs=meta.get("outputs"),
        )
        edge_shapes = meta.get("edge_shapes", {})  # hook mode: the tensor that flowed in
        for source in node.all_input_nodes:
            shape_in = edge_shapes.get(source.name, source.meta.get("shape"))
            ops.add_edge(source.name, node.name, shape=shape_in)
    return ops


def _read_weights(graph: fx.Graph, model: nn.Module) -> dict[str, int]:
    """The parameters a forward reads itself (a custom activation's learnable slope), counted
    on the op that first reads each: a block drawn round them then holds its module's weights.
    A parameter of a module the graph calls whole is that call's, never counted twice."""
    called = {str(n.target) for n in graph.nodes if n.op == "call_module"}
    weights = dict(model.named_parameters())
    counted: dict[str, int] = {}
    seen: set[str] = set()
    for node in graph.nodes:
        target = str(node.target)
        if node.op != "get_attr" or target not in weights or target in seen:
            continue
        seen.add(target)
        owner = target.rpartition(".")[0]
        if not any(owner == c or owner.startswith(f"{c}.") for c in called):
            counted[node.name] = weights[target].numel()
    return counted
