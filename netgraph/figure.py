"""A model's figure as a file, without Qt: the ``export`` command's steps and its checks.

``main.py export`` checks the output path and scale first (a wrong path fails in a moment),
traces the model, opens the blocks asked for, lays the diagram out and writes it. JSON is
written here; PNG, SVG and PDF are drawn by a *render* function the caller passes in (the
app's own renderer, ``gui.export.render_to_file``), so the core never imports Qt and
``export -o x.json`` never loads it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Callable
from pathlib import Path

from errors import NetAtlasError
from models.files import check_folder, write_atomic
from netgraph.layout.geometry import Diagram

FORMATS = ("png", "svg", "pdf", "json")
SCREEN_DPI = 96.0  # 1 scene unit = 1 px at scale 1
PT_PER_UNIT = 72.0 / SCREEN_DPI
MAX_SIDE, MAX_PIXELS = 32_000, 160_000_000  # a PNG this big is ~640 MB in memory

Render = Callable[[Diagram, str, str, float], None]  # diagram, path, theme, scale


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


def write_diagram_json(diagram: Diagram, path: str | os.PathLike) -> None:
    """Every box, frame title, glyph, polyline and label rectangle, as plain JSON."""
    from netgraph.layout import diagram_to_json

    write_atomic(path, json.dumps(diagram_to_json(diagram), ensure_ascii=False, indent=1))


def default_style(family: str) -> str:
    """The book's networks are drawn as the book draws them; other models show every op."""
    return "book" if family == "book" else "detailed"


def figure_diagram(args: argparse.Namespace) -> Diagram:
    """The diagram ``export`` writes: the model traced (a user's file in a child process),
    ``--depth``/``--expand`` opened, ``--only`` cut out, laid out in the options asked."""
    from netgraph.layout import layout_diagram
    from netgraph.layout.expansion import ExpansionState
    from netgraph.load import load_graph

    spec, graph = load_graph(args.model, args.input, timeout=args.timeout)
    state = ExpansionState(graph, depth=args.depth)
    for path in args.expand or []:
        state.expand(path)
    only = getattr(args, "only", None)
    if only:
        state.expand_many({only, *state.index.block_chain.get(only, ())})  # unknown: an error
        if not state.index.is_block(only):
            blocks = state.index.blocks
            hint = (
                f"try {', '.join(blocks[:4])}"
                if blocks
                else "this model has none: leave --only out"
            )
            raise ExportError(f"--only takes a block, and {only!r} is a single layer: {hint}")
    style = args.style if args.style != "auto" else default_style(spec.family)
    diagram = layout_diagram(
        graph, state, args.orientation, args.fold_repeats, style=style, lang=args.lang
    )
    diagram.title = spec.title or spec.name
    if only:
        from netgraph.layout.crop import block_figure

        diagram = block_figure(diagram, only)
    return diagram


def export_command(args: argparse.Namespace, render: Render) -> int:
    """``main.py export MODEL -o FILE``: check the path first, then trace, lay out and write
    (JSON here, every other format through ``render``)."""
    fmt = export_format(args.output)
    scale, dpi = resolve_scale(args.scale, args.dpi)
    diagram = figure_diagram(args)
    if fmt == "json":
        write_diagram_json(diagram, args.output)
    else:
        render(diagram, args.output, args.theme, scale)
    size = f"{math.ceil(diagram.width)}×{math.ceil(diagram.height)} units"
    extra = f", {dpi:g} dpi" if fmt == "png" else ""
    print(f"wrote {args.output} ({len(diagram.boxes)} boxes, {size}{extra})")
    return 0
