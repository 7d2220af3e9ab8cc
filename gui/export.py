"""Draw a diagram or a comparison into a PNG, SVG, PDF or JSON file: the one renderer of the
app's export dialog and of ``main.py export`` (``netgraph.figure`` does the command's Qt-free
steps).

PNG/SVG/PDF render the very DiagramScene the app shows, so a file looks like the window. Every
file is rendered in memory and written by ``models.files.write_atomic``: a failure (a full
disk, a missing folder) leaves the old file as it was and no partial file behind.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from netgraph.figure import FORMATS, ExportError, export_format, resolve_scale, write_figure_json
from netgraph.layout.geometry import Diagram

if TYPE_CHECKING:
    from gui.diagram.theme import Theme
    from netgraph.compare.figure import CompareFigure

__all__ = ["FORMATS", "ExportError", "render_to_file"]


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
        write_figure_json(drawing, path)
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
