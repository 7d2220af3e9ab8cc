"""Connections: orthogonal polylines with rounded corners and an arrowhead, plus shape labels.

One item per edge, its path built once; the label is a separate item so the app can toggle shapes
without rebuilding the edges.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.diagram.items import DiagramItem
from gui.diagram.text import font, text_width
from gui.diagram.theme import Theme
from netgraph.layout.geometry import Edge, Point

CORNER = 7.0  # radius of the rounded corners
ARROW_LEN, ARROW_HALF = 7.0, 3.6
EDGE_WIDTH = 1.3
LABEL_PX = 10


def edge_id(edge: Edge) -> str:
    return f"{edge.source}->{edge.target}"


def _distinct(points: list[Point]) -> list[QPointF]:
    """Drop repeated points, whose zero-length segments have no direction."""
    out: list[QPointF] = []
    for x, y in points:
        if not out or abs(out[-1].x() - x) > 1e-6 or abs(out[-1].y() - y) > 1e-6:
            out.append(QPointF(x, y))
    return out


def _unit(a: QPointF, b: QPointF) -> tuple[QPointF, float]:
    d = b - a
    length = math.hypot(d.x(), d.y())
    return (d / length if length else QPointF(0, 0)), length


def rounded_polyline(points: list[QPointF], radius: float = CORNER) -> QPainterPath:
    """The polyline through points, each corner replaced by a quadratic arc of ≤ radius."""
    path = QPainterPath(points[0])
    for prev, corner, nxt in zip(points, points[1:], points[2:], strict=False):
        u_in, len_in = _unit(prev, corner)
        u_out, len_out = _unit(corner, nxt)
        r = min(radius, len_in / 2, len_out / 2)
        path.lineTo(corner - u_in * r)
        path.quadTo(corner, corner + u_out * r)
    path.lineTo(points[-1])
    return path


def arrowhead(tail: QPointF, tip: QPointF) -> QPolygonF:
    u, _ = _unit(tail, tip)
    base = tip - u * ARROW_LEN
    normal = QPointF(-u.y(), u.x()) * ARROW_HALF
    return QPolygonF([tip, base + normal, base - normal])


class EdgeItem(DiagramItem):
    """A connection, drawn above frames and boxes so arrowheads are never hidden."""

    role = "edge"

    def __init__(self, edge: Edge, theme: Theme) -> None:
        super().__init__(edge_id(edge), "skip" if edge.skip else "edge", theme, edge.label)
        self.edge = edge
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(20)
        points = _distinct(edge.points)
        if len(points) < 2:
            self.path, self.head = QPainterPath(), QPolygonF()
        else:
            tip, tail = points[-1], points[-2]
            u, last_len = _unit(tail, tip)
            # stop the line inside the arrowhead so its round cap does not blunt the tip
            points[-1] = tip - u * min(ARROW_LEN * 0.7, last_len / 2)
            self.path = rounded_polyline(points)
            self.head = arrowhead(tail, tip)
        stroker = QPainterPathStroker()
        stroker.setWidth(6)
        self._shape = stroker.createStroke(self.path)
        self._shape.addPolygon(self.head)
        self._bounds = self._shape.boundingRect().adjusted(-2, -2, 2, 2)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        color = QColor(self.theme.selection if self.isSelected() else self.theme.edge)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(
            color,
            EDGE_WIDTH,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        painter.setPen(QPen(color, 0.8))
        painter.setBrush(color)
        painter.drawPolygon(self.head)


def _length(segment: tuple[Point, Point]) -> float:
    (x0, y0), (x1, y1) = segment
    return abs(x1 - x0) + abs(y1 - y0)


def _on(segment: tuple[Point, Point], p: Point) -> bool:
    (x0, y0), (x1, y1) = segment
    return min(x0, x1) - 1 <= p[0] <= max(x0, x1) + 1 and min(y0, y1) - 1 <= p[1] <= max(y0, y1) + 1


def label_rect(edge: Edge, w: float, h: float) -> QRectF:
    """Beside a vertical run (left edge at the layout's label_pos), above a horizontal one;
    without a label_pos, by the middle of the longest segment."""
    segments = list(zip(edge.points, edge.points[1:], strict=False))
    pos = edge.label_pos
    if pos is None:
        (x0, y0), (x1, y1) = max(segments, key=_length)
        pos = ((x0 + x1) / 2 + 4, (y0 + y1) / 2)
    (x0, y0), (x1, y1) = next((s for s in segments if _on(s, pos)), max(segments, key=_length))
    if abs(y1 - y0) < abs(x1 - x0):  # horizontal: centred above the line
        return QRectF(pos[0] - w / 2, pos[1] - h - 2, w, h)
    return QRectF(pos[0], pos[1] - h / 2, w, h)


class EdgeLabelItem(DiagramItem):
    """A tensor shape beside its edge: small, muted, on a halo of the background colour."""

    role = "edge_label"

    def __init__(self, edge: Edge, theme: Theme) -> None:
        super().__init__(edge_id(edge), "shape", theme)
        self.text = edge.label
        self.setZValue(30)
        self.rect = label_rect(edge, text_width(self.text, LABEL_PX) + 6, LABEL_PX + 4)

    def boundingRect(self) -> QRectF:
        return self.rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        halo = QColor(self.theme.background)
        halo.setAlpha(215)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(halo)
        painter.drawRoundedRect(self.rect, 3, 3)
        painter.setFont(font(LABEL_PX))
        painter.setPen(QColor(self.theme.edge_label))
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)
