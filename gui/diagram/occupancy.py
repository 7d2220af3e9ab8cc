"""Which parts of the scene are taken, so a shape label never covers a box or another label.

A grid of buckets keeps the test near-constant per label on diagrams with thousands of items.
"""

from __future__ import annotations

import math
from collections import defaultdict

from PySide6.QtCore import QRectF

CELL = 64.0


class Occupancy:
    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[QRectF]] = defaultdict(list)

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        x0, x1 = math.floor(rect.left() / CELL), math.floor(rect.right() / CELL)
        y0, y1 = math.floor(rect.top() / CELL), math.floor(rect.bottom() / CELL)
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def add(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            self._cells[key].append(rect)

    def is_free(self, rect: QRectF) -> bool:
        return not any(
            rect.intersects(other) for key in self._keys(rect) for other in self._cells.get(key, ())
        )
