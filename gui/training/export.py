"""Export the training plots as PNG or SVG.

pyqtgraph's own SVG exporter breaks with current Qt, so the plots' scene is painted through
QSvgGenerator (curves stay vector paths); PNG paints the same scene into an image at twice the
screen size. Both paint the whole plot area, also the part scrolled out of view, into memory,
and are written by ``models.files.write_atomic``.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPaintDevice, QPainter
from PySide6.QtSvg import QSvgGenerator

from errors import NetAtlasError
from gui.encoding import MemoryFile, png_bytes
from models.files import check_folder, write_atomic

FORMATS = (".png", ".svg")
PNG_SCALE = 2


class PlotExportError(NetAtlasError):
    """The plots cannot be written where the user asked."""


def export_plots(view: pg.GraphicsView, path: str | Path) -> Path:
    """Draw the plots of ``view`` into ``path`` (.png or .svg), written atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PlotExportError(f"Cannot export plots as {suffix or 'no suffix'}: use .png or .svg.")
    check_folder(path)
    write_atomic(path, _svg(view) if suffix == ".svg" else _png(view))
    return path


def _paint(view: pg.GraphicsView, device: QPaintDevice, target: QRectF) -> None:
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(target, view.backgroundBrush())
    view.scene().render(painter, target, QRectF(view.rect()))
    painter.end()


def _png(view: pg.GraphicsView) -> bytes:
    size = view.size() * PNG_SCALE
    image = QImage(size, QImage.Format.Format_ARGB32)
    _paint(view, image, QRectF(0, 0, size.width(), size.height()))
    return png_bytes(image)


def _svg(view: pg.GraphicsView) -> bytes:
    memory = MemoryFile()
    width, height = view.width(), view.height()
    generator = QSvgGenerator()
    generator.setOutputDevice(memory.device)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setTitle(QCoreApplication.translate("PlotExport", "NetAtlas training plots"))
    _paint(view, generator, QRectF(0, 0, width, height))
    return memory.data()
