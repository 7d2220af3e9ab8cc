"""A figure as a file, without Qt: the ``export`` command's steps and its checks.

``main.py export`` (one model, or 2–4 side by side) checks the output path and scale first (a
wrong path fails in a moment), traces the models, opens the blocks asked for, lays the figure
out and writes it. JSON is
written here; PNG, SVG and PDF are drawn by a *render* function the caller passes in (the
app's own renderer, ``gui.export.render_to_file``), so the core never imports Qt and
``export -o x.json`` never loads it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from errors import NetAtlasError
from models.files import check_folder, write_atomic
from netgraph.layout.geometry import Diagram

if TYPE_CHECKING:
    from netgraph.compare.figure import CompareFigure
    from netgraph.model import NetGraph

FORMATS = ("png", "svg", "pdf", "json")
SCREEN_DPI = 96.0  # 1 scene unit = 1 px at scale 1
PT_PER_UNIT = 72.0 / SCREEN_DPI
MAX_SIDE, MAX_PIXELS = 32_000, 160_000_000  # a PNG this big is ~640 MB in memory

# one model's diagram or 2–4 side by side, path, theme, scale
Render = Callable[["Diagram | CompareFigure", str, str, float], None]


class ExportError(NetAtlasError):
    """The output path, format or size cannot be exported to."""


def export_format(path: str | os.PathLike) -> str:
    """The format named by the file's extension, after checking its folder can take it."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(
            f"cannot export to {target.name!r}: end the file name in .png, .svg, .pdf or .json"
        )
    check_folder(target)
    return fmt


def resolve_scale(scale: float | None, dpi: float | None) -> tuple[float, float]:
    """(scale, dpi) from either one: the PNG's pixels per scene unit and its embedded dpi."""
    if scale is not None and dpi is not None:
        raise ExportError("give either --scale or --dpi, not both")
    if dpi is not None:
        scale = dpi / SCREEN_DPI
    scale = 2.0 if scale is None else scale
    if not (math.isfinite(scale) and 0 < scale <= 50):
        raise ExportError(f"invalid scale {scale:g}: give a scale between 0 and 50 (or a dpi)")
    return scale, scale * SCREEN_DPI


def write_figure_json(
    drawing: Diagram | CompareFigure,
    path: str | os.PathLike,
    warnings: dict[str, list[str]] | None = None,
) -> None:
    """Every box, frame title, glyph, polyline and label rectangle, as plain JSON; a
    comparison as its ``columns``, each a single model's layout with its offset. ``warnings``
    (per model, "" for the one model of a single figure): how the drawn graphs are partial,
    as ``info`` says it, kept in the file as ``warnings``."""
    if isinstance(drawing, Diagram):
        from netgraph.layout import diagram_to_json

        data = diagram_to_json(drawing)
    else:
        from netgraph.compare.figure import figure_json

        data = figure_json(drawing)
    if warnings:
        data["warnings"] = warnings.get("", []) if isinstance(drawing, Diagram) else warnings
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def default_style(family: str) -> str:
    """The book's networks are drawn as the book draws them; other models show every op."""
    return "book" if family == "book" else "detailed"


def figure_diagram(args: argparse.Namespace) -> tuple[Diagram, NetGraph]:
    """The diagram ``export`` writes for one model (and the graph it draws): traced (a user's
    file in a child process), ``--depth``/``--expand`` opened, ``--only`` cut out, laid out in
    the options asked."""
    from netgraph.compare.cli import addressed
    from netgraph.layout import layout_diagram
    from netgraph.layout.crop import block_figure, open_block
    from netgraph.layout.expansion import ExpansionState
    from netgraph.load import load_graph

    name = args.models[0]
    onlys = addressed(args.only or [], [name], "--only").get(0, [])
    if len(onlys) > 1:
        raise ExportError(f"--only shows one block, not {len(onlys)}: keep one")
    only = onlys[0] if onlys else None
    spec, graph = load_graph(name, args.input, timeout=args.timeout)
    state = ExpansionState(graph, depth=args.depth)
    for path in addressed(args.expand or [], [name], "--expand").get(0, []):
        state.expand(path)
    if only:
        open_block(state, only)
    style = args.style if args.style != "auto" else default_style(spec.family)
    diagram = layout_diagram(
        graph, state, args.orientation, args.fold_repeats, style=style, lang=args.lang
    )
    diagram.title = spec.title or spec.name
    return (block_figure(diagram, only) if only else diagram), graph


def export_command(args: argparse.Namespace, render: Render) -> int:
    """``main.py export MODEL -o FILE`` (2–4 models or ``--preset``: side by side): check the
    path first, then trace, lay out and write (JSON here, every other format through
    ``render``)."""
    fmt = export_format(args.output)
    scale, dpi = resolve_scale(args.scale, args.dpi)
    drawing: Diagram | CompareFigure
    if getattr(args, "preset", None) or len(args.models) > 1:
        from netgraph.compare.cli import comparison_from_args

        comparison, style = comparison_from_args(args)
        drawing = comparison.figure(args.orientation, args.fold_repeats, style, args.lang)
        boxes = sum(len(c.diagram.boxes) for c in drawing.columns)
        what = f"{len(drawing.columns)} columns, {boxes} boxes"
        drawn = {c.name: c.graph for c in comparison.columns}
    elif args.models:
        drawing, graph = figure_diagram(args)
        what = f"{len(drawing.boxes)} boxes"
        drawn = {"": graph}
    else:
        raise ExportError("name a model to export (or 2–4 to compare, or --preset)")
    warnings = {name: graph.warnings for name, graph in drawn.items() if graph.warnings}
    if fmt == "json":
        write_figure_json(drawing, args.output, warnings)
    else:
        render(drawing, args.output, args.theme, scale)
    size = f"{math.ceil(drawing.width)}×{math.ceil(drawing.height)} units"
    extra = f", {dpi:g} dpi" if fmt == "png" else ""
    print(f"wrote {args.output} ({what}, {size}{extra})")
    sys.stdout.flush()  # the warnings follow what they are about, on a terminal too
    for name, said in warnings.items():  # as ``info`` says them: the figure is partial
        for warning in said:
            print(f"warning: {name + ': ' if name else ''}{warning}", file=sys.stderr)
    return 0
