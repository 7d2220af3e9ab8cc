"""Export the training plots as PNG or SVG: every plot of the panel that has something to show
(the curves, the BN statistics, the activation histograms), one under the other.

Each group of plots is laid out afresh at the export's width (``EXPORT_WIDTH``) and its own
height, whatever the dock's width or scroll position, so axis text is never cut and legends,
which sit in the plots' frames or in rows of their own, are in the picture. pyqtgraph's own
SVG exporter breaks with current Qt, so the scenes are painted through QSvgGenerator (curves
stay vector paths); PNG paints the same at twice the size. Both are drawn in memory and
written by ``models.files.write_atomic``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
EXPORT_WIDTH = 640  # logical pixels: wide enough for two plots side by side and their axes
GAP = 12


class PlotExportError(NetAtlasError):
    """The plots cannot be written where the user asked."""


Section = tuple[pg.GraphicsLayoutWidget, int]  # a group of plots and its height in the export


def export_plots(sections: Sequence[Section], path: str | Path) -> Path:
    """Draw ``sections`` (plots, height), one under the other, into ``path`` (.png or .svg),
    written atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PlotExportError(f"Cannot export plots as {suffix or 'no suffix'}: use .png or .svg.")
    if not sections:
        raise PlotExportError("There are no plots to export yet: train a model first.")
    check_folder(path)
    write_atomic(path, _svg(sections) if suffix == ".svg" else _png(sections))
    return path


@contextmanager
def _laid_out(view: pg.GraphicsLayoutWidget, width: int, height: int) -> Iterator[None]:
    """``view``'s plots laid out at ``width``×``height`` while painting, then as they were."""
    shown = QRectF(0, 0, view.width(), view.height())
    view.setRange(QRectF(0, 0, width, height), padding=0)
    view.ci.layout.activate()
    try:
        yield
    finally:
        view.setRange(shown, padding=0)
        view.ci.layout.activate()


def _size(sections: Sequence[Section]) -> QSize:
    return QSize(EXPORT_WIDTH, sum(h for _, h in sections) + GAP * (len(sections) - 1))


def _paint(sections: Sequence[Section], device: QPaintDevice, scale: float) -> None:
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    top = 0.0
    background = sections[0][0].backgroundBrush()
    size = _size(sections)
    painter.fillRect(QRectF(0, 0, size.width() * scale, size.height() * scale), background)
    for view, height in sections:
        with _laid_out(view, EXPORT_WIDTH, height):
            target = QRectF(0, top * scale, EXPORT_WIDTH * scale, height * scale)
            view.scene().render(painter, target, QRectF(0, 0, EXPORT_WIDTH, height))
        top += height + GAP
    painter.end()


def _png(sections: Sequence[Section]) -> bytes:
    image = QImage(_size(sections) * PNG_SCALE, QImage.Format.Format_ARGB32)
    _paint(sections, image, PNG_SCALE)
    return png_bytes(image)


def _svg(sections: Sequence[Section]) -> bytes:
    memory = MemoryFile()
    size = _size(sections)
    generator = QSvgGenerator()
    generator.setOutputDevice(memory.device)
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(QCoreApplication.translate("PlotExport", "NetAtlas training plots"))
    _paint(sections, generator, 1.0)
    return memory.data()
