"""Qt pictures into bytes, so that every file goes through ``models.files.write_atomic``.

Qt's writers (``QImage.save`` to a path, ``QSvgGenerator``, ``QPdfWriter``) either ignore write
errors or report them as a bare False; drawing into memory first and writing the bytes with
the one atomic writer gives every format the same guarantee: a complete new file, or the old one
untouched and a message saying why.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPixmap

from errors import NetAtlasError


class MemoryFile:
    """A QBuffer over a QByteArray that Qt's writers fill; ``data()`` is what they wrote."""

    def __init__(self) -> None:
        self._bytes = QByteArray()
        self.device = QBuffer(self._bytes)
        self.device.open(QIODevice.OpenModeFlag.WriteOnly)

    def data(self) -> bytes:
        self.device.close()
        return bytes(self._bytes.data())


def png_bytes(image: QImage | QPixmap) -> bytes:
    """``image`` encoded as PNG; an image Qt cannot encode is an error, not an empty file."""
    memory = MemoryFile()
    if image.isNull() or not image.save(memory.device, "PNG"):
        raise NetAtlasError(f"could not encode a {image.width()}×{image.height()} px PNG")
    return memory.data()
