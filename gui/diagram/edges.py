"""Connections: orthogonal polylines with rounded corners and an arrowhead, plus shape labels.

One item per edge, its path built when first painted; the label is a separate item, drawn in the
rectangle the layout placed it in, so the app can toggle shapes without rebuilding the edges.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from gui.diagram.items import DiagramItem, along
from gui.diagram.text import draw_text, fitted_font
from gui.diagram.theme import Theme
from netgraph.layout.geometry import Edge, Point

CORNER = 7.0  # radius of the rounded corners
ARROW_LEN, ARROW_HALF = 7.0, 3.6
EDGE_WIDTH = 1.3
HIT_WIDTH = 6.0  # an edge takes clicks this wide
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
        # bounds from the points alone: the path is made when the edge is first painted or
        # clicked (most of a large figure is off screen when it opens)
        xs, ys = [x for x, _ in edge.points], [y for _, y in edge.points]
        margin = max(HIT_WIDTH / 2, ARROW_HALF) + 2
        if xs:
            self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            self._bounds.adjust(-margin, -margin, margin, margin)
        else:
            self._bounds = QRectF()
        self._path: tuple[QPainterPath, QPolygonF] | None = None
        self._shape: QPainterPath | None = None  # made when a click or a rubber band asks

    @property
    def path(self) -> QPainterPath:
        return self._geometry()[0]

    @property
    def head(self) -> QPolygonF:
        return self._geometry()[1]

    def _geometry(self) -> tuple[QPainterPath, QPolygonF]:
        """The line and its arrowhead (made once)."""
        if self._path is None:
            points = _distinct(self.edge.points)
            if len(points) < 2:
                self._path = QPainterPath(), QPolygonF()
            else:
                tip, tail = points[-1], points[-2]
                u, last_len = _unit(tail, tip)
                # stop the line inside the arrowhead so its round cap does not blunt the tip
                points[-1] = tip - u * min(ARROW_LEN * 0.7, last_len / 2)
                self._path = rounded_polyline(points), arrowhead(tail, tip)
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            self._shape = stroker.createStroke(self.path)
            self._shape.addPolygon(self.head)
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


class EdgeLabelItem(DiagramItem):
    """A tensor shape beside its edge, where the layout placed it: small, muted, on a halo of
    the background colour."""

    role = "edge_label"

    def __init__(self, edge: Edge, theme: Theme, rotation: int = 0) -> None:
        super().__init__(edge_id(edge), "shape", theme, rotation=rotation)
        self.text = edge.label
        self.setZValue(30)
        assert edge.label_rect is not None, "the layout places every label it keeps"
        self.rect = QRectF(*edge.label_rect)
        self.text_font = fitted_font(self.text, along(self.rect, rotation) - 4, LABEL_PX)

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
        painter.setPen(QColor(self.theme.edge_label))
        draw_text(painter, self.rect, self.text, self.text_font, rotation=self.turn)
