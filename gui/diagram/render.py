"""Paint a DiagramScene into a PNG (raster at a scale), an SVG (real text) or a PDF (vector).

The scene draws itself through ``QGraphicsScene.render``, so the file is the app's picture.
``QSvgGenerator`` and ``QPdfWriter`` report no write errors, so every format is rendered into
memory and then written by ``models.files.write_atomic``: a full disk fails loudly and leaves
the old file untouched.
"""

from __future__ import annotations

import math
import os
import re

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QGraphicsScene

from gui.diagram.text import SVG_FONT_LIST
from gui.encoding import MemoryFile, png_bytes
from models.files import write_atomic
from netgraph.figure import MAX_PIXELS, MAX_SIDE, PT_PER_UNIT, ExportError

INCH_PER_METRE = 39.3701
PDF_DPI = 1200  # device units per inch of the PDF painter: fine enough for hairlines


def ensure_app() -> QApplication:
    """The running QApplication, or a new one, offscreen when there is no display."""
    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app  # type: ignore[return-value]


def _paint(scene: QGraphicsScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, scene.backgroundBrush())
    scene.render(painter, target, source)
    painter.end()


def render_png(scene: QGraphicsScene, source: QRectF, scale: float, dpi: float) -> bytes:
    w, h = math.ceil(source.width() * scale), math.ceil(source.height() * scale)
    if max(w, h) > MAX_SIDE or w * h > MAX_PIXELS:
        raise ExportError(
            f"a {w}×{h} px PNG is too big: lower --scale/--dpi or export .svg or .pdf instead"
        )
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"no memory for a {w}×{h} px PNG: lower --scale/--dpi")
    dots_per_metre = round(dpi * INCH_PER_METRE)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    _paint(scene, QPainter(image), QRectF(0, 0, w, h), source)
    return png_bytes(image)


_FONT_FAMILY = re.compile(rb'font-family="[^"]*"')


def render_svg(scene: QGraphicsScene, source: QRectF, title: str) -> bytes:
    """Real text; every font-family names the concrete list (Latin, then CJK fonts, then
    sans-serif) instead of Qt's "Sans Serif", so each viewer draws the same glyphs."""
    memory = MemoryFile()
    generator = QSvgGenerator()
    generator.setOutputDevice(memory.device)
    generator.setSize(QSize(math.ceil(source.width()), math.ceil(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setResolution(96)
    generator.setTitle(title)
    generator.setDescription("NetAtlas diagram")
    _paint(scene, QPainter(generator), QRectF(0, 0, source.width(), source.height()), source)
    family = f'font-family="{SVG_FONT_LIST}"'.encode()
    return _FONT_FAMILY.sub(family, memory.data())


def render_pdf(scene: QGraphicsScene, source: QRectF, title: str) -> bytes:
    memory = MemoryFile()
    writer = QPdfWriter(memory.device)
    writer.setTitle(title)
    writer.setCreator("NetAtlas")
    writer.setResolution(PDF_DPI)
    page = QPageSize(
        QSizeF(source.width() * PT_PER_UNIT, source.height() * PT_PER_UNIT),
        QPageSize.Unit.Point,
        "diagram",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("could not start the PDF writer")
    _paint(scene, painter, QRectF(0, 0, writer.width(), writer.height()), source)
    return memory.data()


def render_scene(
    scene: QGraphicsScene,
    path: str | os.PathLike,
    fmt: str,
    scale: float,
    dpi: float,
    source: QRectF | None = None,
) -> None:
    """Write source (default: the whole scene) of scene to path as fmt ("png", "svg", "pdf")."""
    rect = QRectF(source) if source is not None else scene.sceneRect()
    title = getattr(getattr(scene, "diagram", None), "title", "") or "NetAtlas diagram"
    if fmt == "png":
        data = render_png(scene, rect, scale, dpi)
    elif fmt == "svg":
        data = render_svg(scene, rect, title)
    else:
        data = render_pdf(scene, rect, title)
    write_atomic(path, data)
