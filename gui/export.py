"""Export a diagram to PNG, SVG, PDF or JSON, and the ``main.py export`` command.

PNG/SVG/PDF render the very DiagramScene the app shows, so a file looks like the window. Every
file is rendered in memory and written by ``models.files.write_atomic``: a failure (a full
disk, a missing folder) leaves the old file as it was and no partial file behind.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import NetAtlasError
from models.files import check_folder, write_atomic
from netgraph.layout.geometry import Diagram

if TYPE_CHECKING:  # the JSON export needs no Qt
    from gui.diagram.theme import Theme
    from netgraph.compare.figure import CompareFigure

FORMATS = ("png", "svg", "pdf", "json")
SCREEN_DPI = 96.0  # 1 scene unit = 1 px at scale 1
PT_PER_UNIT = 72.0 / SCREEN_DPI
MAX_SIDE, MAX_PIXELS = 32_000, 160_000_000  # a PNG this big is ~640 MB in memory


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


def write_json(drawing: Diagram | CompareFigure, path: str | os.PathLike) -> None:
    from netgraph.layout import diagram_to_json

    if isinstance(drawing, Diagram):
        data = diagram_to_json(drawing)
    else:
        from netgraph.compare.figure import figure_json

        data = figure_json(drawing)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))


def render_to_file(
    drawing: Diagram | CompareFigure,
    path: str | os.PathLike,
    theme: Theme | str = "light",
    scale: float | None = None,
    dpi: float | None = None,
    show_shapes: bool = True,
) -> None:
    """Draw a diagram or a compare figure (theme: a Theme or its name) into a .png, .svg,
    .pdf or .json file."""
    fmt = export_format(path)
    if fmt == "json":
        write_json(drawing, path)
        return
    from gui.diagram.render import ensure_app, render_scene
    from gui.diagram.scene import DiagramScene

    ensure_app()
    if isinstance(drawing, Diagram):
        scene = DiagramScene()
        scene.set_diagram(drawing, theme, show_shapes)
    else:
        from gui.compare.scene import CompareScene

        scene = CompareScene()
        scene.set_figure(drawing, theme, show_shapes)
    render_scene(scene, path, fmt, *resolve_scale(scale, dpi))


def default_style(family: str) -> str:
    """The book's networks are drawn as the book draws them; other models show every op."""
    return "book" if family == "book" else "detailed"


def export_cli(args: argparse.Namespace) -> int:
    """``main.py export MODEL -o FILE`` (2–4 models or ``--preset``: side by side): check the
    path first, then trace, lay out and write."""
    fmt = export_format(args.output)
    scale, dpi = resolve_scale(args.scale, args.dpi)
    if getattr(args, "preset", None) or len(args.models) > 1:
        from gui.compare.cli import comparison_from_args

        comparison, style = comparison_from_args(args)
        drawing = comparison.figure(args.orientation, args.fold_repeats, style, args.lang)
        boxes = sum(len(c.diagram.boxes) for c in drawing.columns)
        what = f"{len(drawing.columns)} columns, {boxes} boxes"
    elif args.models:
        drawing = _single(args)
        what = f"{len(drawing.boxes)} boxes"
    else:
        raise ExportError("name a model to export (or 2–4 to compare, or --preset)")
    render_to_file(drawing, args.output, args.theme, scale=scale)
    size = f"{math.ceil(drawing.width)}×{math.ceil(drawing.height)} units"
    extra = f", {dpi:g} dpi" if fmt == "png" else ""
    print(f"wrote {args.output} ({what}, {size}{extra})")
    return 0


def _single(args: argparse.Namespace) -> Diagram:
    from gui.compare.cli import addressed
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
    return block_figure(diagram, only) if only else diagram
