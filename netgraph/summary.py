"""``main.py info``: a torchinfo-like table of the module tree, or the same as JSON; with
several models, their difference summary."""

from __future__ import annotations

import json
import sys
from typing import Any

from models.inputs import InputsLike
from netgraph.formatting import (
    format_bytes,
    format_calls,
    format_exact,
    format_macs,
    format_paths,
    format_shape,
)
from netgraph.hierarchy import execution_order
from netgraph.load import load_graph
from netgraph.model import NetGraph

NOT_CALLED = "(not called)"


def layer_rows(graph: NetGraph, depth: int | None = None) -> list[dict[str, Any]]:
    """Every module except the root, depth-first in execution order, down to ``depth``."""
    rows = []
    for path in execution_order(graph.modules, graph.ops):
        info = graph.modules[path]
        if not path or info.call_of or (depth is not None and info.depth > depth):
            continue  # a later call of a block shares its module's row ("called N×")
        rows.append(
            {
                "path": path,
                "type": info.type_name,
                "depth": info.depth,
                "output_shape": list(info.output_shape) if info.output_shape else None,
                "outputs": info.outputs,
                "calls": info.calls,
                "params": info.params,
                "macs": info.macs,
            }
        )
    return rows


def summary_json(graph: NetGraph, depth: int | None = None) -> dict[str, Any]:
    """The table's numbers, and what the graph leaves out (``NetGraph``'s coverage fields)."""
    return {
        "model": graph.model_name,
        "input_shape": list(graph.input_shape),
        "input_shapes": [list(shape) for shape in graph.input_shapes],
        "layers": layer_rows(graph, depth),
        "total_params": graph.total_params,
        "trainable_params": graph.trainable_params,
        "unused_params": graph.unused_params,
        "unused_modules": graph.unused_modules,
        "unused_reason": graph.unused_reason,
        "total_macs": graph.total_macs,
        "weight_bytes": graph.weight_bytes,
        "method": graph.method,
        "warnings": graph.warnings,
        "opaque_modules": graph.opaque_modules,
        "unknown_cost_modules": graph.unknown_cost_modules,
        "traced_modules": graph.traced_modules,
    }


def _not_called(graph: NetGraph, path: str) -> bool:
    return any(path == u or path.startswith(u + ".") for u in graph.unused_modules)


def _outputs(row: dict[str, Any]) -> str:
    """Every output of every call (a tuple, a dict, "called 3×"); the last op's shape when the
    module's own return was not seen (inside a box drawn whole)."""
    return format_calls(row["outputs"]) if row["outputs"] else format_shape(row["output_shape"])


def summary_table(graph: NetGraph, depth: int | None = None) -> str:
    header = ("Layer", "Type", "Output shape", "Params", "MACs")
    body = [
        (
            "  " * (row["depth"] - 1) + row["path"],
            row["type"],
            NOT_CALLED if _not_called(graph, row["path"]) else _outputs(row),
            format_exact(row["params"]),
            format_macs(row["macs"]),
        )
        for row in layer_rows(graph, depth)
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        left = [c.ljust(w) for c, w in zip(cells[:3], widths[:3], strict=True)]
        right = [c.rjust(w) for c, w in zip(cells[3:], widths[3:], strict=True)]
        return "  ".join(left + right).rstrip()

    rule = "─" * len(line(header))
    method = graph.method + (f" ({graph.method_note})" if graph.method_note else "")
    totals = [
        f"Model:            {graph.model_name}",
        f"{'Input shapes:' if len(graph.input_shapes) > 1 else 'Input shape:':<18}"
        + ", ".join(format_shape(shape) for shape in graph.input_shapes),
        f"Total params:     {format_exact(graph.total_params)}",
    ]
    if graph.unused_params:
        where = format_paths([u for u in graph.unused_modules if graph.modules[u].params])
        totals.append(
            f"Unused params:    {format_exact(graph.unused_params)} in {where} "
            f"({graph.unused_reason}; the module holds {format_exact(graph.module_params)})"
        )
    totals += [
        f"Trainable params: {format_exact(graph.trainable_params)}",
        f"Total MACs:       {format_macs(graph.total_macs)}",
        f"Weight memory:    {format_bytes(graph.weight_bytes)} (all parameters and buffers)",
        f"Traced with:      {method}",
    ]
    return "\n".join([rule, line(header), rule, *map(line, body), rule, *totals])


def print_summary(
    model: str,
    input_size: InputsLike = None,
    depth: int | None = None,
    as_json: bool = False,
    timeout: float | None = None,
) -> None:
    """Print the summary of a model named as the registry names it (book, torchvision, file);
    a file's code is given ``timeout`` seconds.

    Whatever the model's own code prints while it is imported, built and traced goes to
    stderr (it runs in a child process whose stdout is stderr), so stdout holds the summary
    alone (``--json`` always parses); every way the graph is partial is a ``warning:`` line on
    stderr too.
    """
    _, graph = load_graph(model, input_size, timeout=timeout)
    if as_json:
        print(json.dumps(summary_json(graph, depth), indent=1))
    else:
        print(summary_table(graph, depth))
    _warn(graph)


def _warn(graph: NetGraph, name: str = "") -> None:
    sys.stdout.flush()  # the warnings follow what they are about, on a terminal too
    for warning in graph.warnings:
        print(f"warning: {name + ': ' if name else ''}{warning}", file=sys.stderr)


def print_difference(
    models: list[str],
    input_size: InputsLike = None,
    as_json: bool = False,
    timeout: float | None = None,
) -> None:
    """``info A B …``: the models' stages side by side, their parameters and MACs with the
    ratio to the first (``netgraph.compare.summary``); ``--json`` adds each model's summary.
    ``input_size`` (one shape, or one per input) is fed to every model alike."""
    from netgraph.compare.summary import Part, difference_summary, summary_text

    loaded = [load_graph(name, input_size, timeout=timeout) for name in models]
    parts = [Part(spec.title or spec.name, graph) for spec, graph in loaded]
    summary = difference_summary(parts)
    if as_json:
        data = {
            "models": [summary_json(graph) for _, graph in loaded],
            "difference": summary.to_json(),
        }
        print(json.dumps(data, indent=1))
    else:
        print(summary_text(summary))
    for name, (_, graph) in zip(models, loaded, strict=True):
        _warn(graph, name)
