"""``main.py info``: a torchinfo-like table of the module tree, or the same as JSON."""

from __future__ import annotations

import json
from typing import Any

from netgraph.hierarchy import execution_order
from netgraph.load import load_graph
from netgraph.model import NetGraph


def _dims(shape: tuple[int, ...] | None) -> str:
    return "×".join(str(d) for d in shape) if shape else "—"


def _si(count: float) -> str:
    """12_345_678 -> "12.35M": the table's compact MAC counts."""
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if count >= scale:
            return f"{count / scale:.2f}{suffix}"
    return str(int(count))


def layer_rows(graph: NetGraph, depth: int | None = None) -> list[dict[str, Any]]:
    """Every module except the root, depth-first in execution order, down to ``depth``."""
    rows = []
    for path in execution_order(graph.modules, graph.ops):
        info = graph.modules[path]
        if not path or (depth is not None and info.depth > depth):
            continue
        rows.append(
            {
                "path": path,
                "type": info.type_name,
                "depth": info.depth,
                "output_shape": list(info.output_shape) if info.output_shape else None,
                "params": info.params,
                "macs": info.macs,
            }
        )
    return rows


def summary_json(graph: NetGraph, depth: int | None = None) -> dict[str, Any]:
    return {
        "model": graph.model_name,
        "input_shape": list(graph.input_shape),
        "layers": layer_rows(graph, depth),
        "total_params": graph.total_params,
        "trainable_params": graph.trainable_params,
        "total_macs": graph.total_macs,
        "method": graph.method,
    }


def summary_table(graph: NetGraph, depth: int | None = None) -> str:
    header = ("Layer", "Type", "Output shape", "Params", "MACs")
    body = [
        (
            "  " * (row["depth"] - 1) + row["path"],
            row["type"],
            _dims(row["output_shape"]),
            f"{row['params']:,}",
            _si(row["macs"]),
        )
        for row in layer_rows(graph, depth)
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        left = [c.ljust(w) for c, w in zip(cells[:3], widths[:3], strict=True)]
        right = [c.rjust(w) for c, w in zip(cells[3:], widths[3:], strict=True)]
        return "  ".join(left + right).rstrip()

    rule = "─" * len(line(header))
    macs = graph.total_macs
    macs_text = f"{macs / 1e9:.2f} G" if macs >= 1e9 else f"{macs / 1e6:.2f} M"
    method = graph.method + (f" ({graph.method_note})" if graph.method_note else "")
    totals = [
        f"Model:            {graph.model_name}",
        f"Input shape:      {_dims(graph.input_shape)}",
        f"Total params:     {graph.total_params:,}",
        f"Trainable params: {graph.trainable_params:,}",
        f"Total MACs:       {macs_text}",
        f"Weight memory:    {graph.weight_bytes / 2**20:.2f} MB",
        f"Traced with:      {method}",
    ]
    return "\n".join([rule, line(header), rule, *map(line, body), rule, *totals])


def print_summary(
    model: str,
    input_size: tuple[int, int, int] | None = None,
    depth: int | None = None,
    as_json: bool = False,
    timeout: float | None = None,
) -> None:
    """Print the summary of a model named as the registry names it (book, torchvision, file);
    a file's code is given ``timeout`` seconds."""
    _, graph = load_graph(model, input_size, timeout=timeout)
    if as_json:
        print(json.dumps(summary_json(graph, depth), indent=1))
    else:
        print(summary_table(graph, depth))
