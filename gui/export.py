"""Export a diagram to PNG, SVG, PDF or JSON, and the ``main.py export`` command.

PNG/SVG/PDF render the very DiagramScene the app shows, so a file looks like the window. Every
write is atomic: the file is written under a temporary name in the target folder and renamed, so
a failure never leaves a partial file behind.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import NetAtlasError
from netgraph.layout.geometry import Diagram

if TYPE_CHECKING:  # the JSON export needs no Qt
    from gui.diagram.theme import Theme

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
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: folder {folder} does not exist, create it first")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"cannot write {target}: folder {folder} is not writable")
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: str | os.PathLike, write: Callable[[str], None]) -> None:
    """Call write(tmp) on a temporary file beside path, then rename it over path."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror}") from None
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_json(diagram: Diagram, path: str | os.PathLike) -> None:
    from netgraph.layout import diagram_to_json

    text = json.dumps(diagram_to_json(diagram), ensure_ascii=False, indent=1)

    def write(tmp: str) -> None:
        Path(tmp).write_text(text, encoding="utf-8")

    write_atomically(path, write)


def render_to_file(
    diagram: Diagram,
    path: str | os.PathLike,
    theme: Theme | str = "light",
    scale: float | None = None,
    dpi: float | None = None,
    show_shapes: bool = True,
) -> None:
    """Draw diagram (theme: a Theme or its name) into a .png, .svg, .pdf or .json file."""
    fmt = export_format(path)
    if fmt == "json":
        write_json(diagram, path)
        return
    from gui.diagram.render import ensure_app, render_scene
    from gui.diagram.scene import DiagramScene

    ensure_app()
    scene = DiagramScene()
    scene.set_diagram(diagram, theme, show_shapes)
    render_scene(scene, path, fmt, *resolve_scale(scale, dpi))


def export_cli(args: argparse.Namespace) -> int:
    """``main.py export MODEL -o FILE``: check the path first, then trace, lay out and write."""
    fmt = export_format(args.output)
    scale, dpi = resolve_scale(args.scale, args.dpi)
    from models.registry import get_spec
    from netgraph import build_graph
    from netgraph.layout import layout_diagram
    from netgraph.layout.expansion import ExpansionState

    spec = get_spec(args.model, args.input)
    graph = build_graph(spec)
    state = ExpansionState(graph, depth=args.depth)
    for path in args.expand or []:
        state.expand(path)
    diagram = layout_diagram(
        graph, state, orientation=args.orientation, fold_repeats=args.fold_repeats
    )
    diagram.title = diagram.title or spec.name
    render_to_file(diagram, args.output, args.theme, scale=scale)
    size = f"{math.ceil(diagram.width)}×{math.ceil(diagram.height)} units"
    extra = f", {dpi:g} dpi" if fmt == "png" else ""
    print(f"wrote {args.output} ({len(diagram.boxes)} boxes, {size}{extra})")
    return 0
