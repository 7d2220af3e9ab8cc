"""The interactive diagram view: zoom, pan, fit, search highlights and an overview map.

It knows scene items only through ``item.data(0)`` (node id or block path) and ``item.data(1)``
(kind), the renderer's contract, so it works with whatever items ``gui.diagram`` draws.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

MIN_SCALE, MAX_SCALE = 0.05, 6.0
MODEL_MIME = "application/x-netatlas-model"  # a model's name, dragged from the browser
ZOOM_STEP = 1.2
HIGHLIGHT = "#f2a900"


def item_identity(item: QGraphicsItem | None) -> tuple[str, str] | None:
    """(id, kind) of the diagram element an item belongs to (labels are children of boxes)."""
    while item is not None:
        ident = item.data(0)
        if ident is not None:
            return str(ident), str(item.data(1) or "")
        item = item.parentItem()
    return None


class Minimap(QWidget):
    """A thumbnail of the whole diagram with the visible area outlined; click or drag to go there.

    The thumbnail is rendered once per diagram into a pixmap and only scaled afterwards, so
    scrolling or resizing a huge model repaints a rectangle, never the scene.
    """

    RENDER_SIDE = 240  # pixmap resolution
    SHARE = 0.22  # at most this fraction of the view's width or height
    RESTING_OPACITY = 0.8  # the diagram under the map shows through until the mouse comes

    def __init__(self, view: DiagramView) -> None:
        super().__init__(view)
        self._view = view
        self._pixmap = QPixmap()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()

    def refresh(self) -> None:
        """Re-render the thumbnail (after a new diagram or theme)."""
        scene = self._view.scene()
        rect = scene.sceneRect()
        if rect.isEmpty():
            self._pixmap = QPixmap()
            return
        scale = self.RENDER_SIDE / max(rect.width(), rect.height())
        w, h = max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale))
        pixmap = QPixmap(w, h)
        pixmap.fill(self._view.backgroundBrush().color())
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(0, 0, w, h), rect)
        painter.end()
        self._pixmap = pixmap

    def fit_to(self, port: QRect) -> None:
        """Size the map to a corner of the view's viewport ``port``."""
        if self._pixmap.isNull():
            return
        side = min(port.width(), port.height()) * self.SHARE * 1.4
        limit = QSize(int(min(side, port.width() * self.SHARE * 1.6)), int(port.height() * 0.4))
        size = self._pixmap.size().scaled(limit, Qt.AspectRatioMode.KeepAspectRatio)
        self.resize(size.width() + 2, size.height() + 2)
        self.move(port.right() - self.width() - 10, port.bottom() - self.height() - 10)

    def _scale(self) -> float:
        """Widget pixels per scene unit."""
        rect = self._view.sceneRect()
        return (self.width() - 2) / rect.width() if rect.width() else 1.0

    def enterEvent(self, event: QEvent) -> None:
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.update()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setOpacity(1.0 if self.underMouse() else self.RESTING_OPACITY)
        inner = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.drawPixmap(inner, self._pixmap, QRectF(self._pixmap.rect()))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        scale, origin = self._scale(), self._view.sceneRect().topLeft()
        visible = self._view.visible_scene_rect()
        frame = QRectF(
            1 + (visible.x() - origin.x()) * scale,
            1 + (visible.y() - origin.y()) * scale,
            visible.width() * scale,
            visible.height() * scale,
        )
        painter.setPen(QPen(QColor(HIGHLIGHT), 1.5))
        painter.setBrush(QColor(242, 169, 0, 40))
        painter.drawRect(frame.intersected(inner))

    def _go(self, pos: QPointF) -> None:
        origin = self._view.sceneRect().topLeft()
        self._view.centerOn(origin + QPointF(pos.x() - 1, pos.y() - 1) / self._scale())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._go(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position())


class DiagramView(QGraphicsView):
    """Wheel zooms about the cursor, dragging the background pans, double-click toggles a block;
    a model dragged from the browser and dropped here is offered as ``model_dropped``."""

    item_activated = Signal(str, str)  # id, kind (double-click)
    item_context = Signal(str, str, QPoint)  # id, kind, global position
    zoom_changed = Signal(float)
    model_dropped = Signal(str)  # the name of a model dropped onto the view

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._highlights: list[QGraphicsRectItem] = []
        self.event_item: QGraphicsItem | None = None  # under the last double-click or menu
        self.minimap = Minimap(self)
        self.minimap_wanted = True  # the user's choice; shown only when the diagram overflows
        self.horizontalScrollBar().valueChanged.connect(self._update_minimap)
        self.verticalScrollBar().valueChanged.connect(self._update_minimap)

    # zoom -------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(MAX_SCALE, max(MIN_SCALE, factor))
        self.scale(factor / self.zoom(), factor / self.zoom())
        self.zoom_changed.emit(self.zoom())
        self._update_minimap()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit(self) -> None:
        """Show the whole diagram (never magnified past 100 %)."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.set_zoom(1.0)
        self.zoom_changed.emit(self.zoom())
        self._update_minimap()

    def fit_scale(self) -> float:
        """The zoom at which the whole diagram would fit."""
        rect, port = self.sceneRect(), self.viewport().rect()
        if rect.isEmpty():
            return 1.0
        return min((port.width() - 4) / rect.width(), (port.height() - 4) / rect.height())

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.zoom() * ZOOM_STEP**steps)
        event.accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.matches(QKeySequence.StandardKey.ZoomIn) or event.text() == "+":
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or event.text() == "-":
            self.zoom_out()
        else:
            super().keyPressEvent(event)

    # items ------------------------------------------------------------------------------
    def items_with_id(self, ident: str) -> list[QGraphicsItem]:
        scene = self.scene()
        return [it for it in scene.items() if it.data(0) is not None and str(it.data(0)) == ident]

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.event_item = self.itemAt(event.position().toPoint())
        found = item_identity(self.event_item)
        if found:
            self.item_activated.emit(*found)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.event_item = self.itemAt(event.pos())
        found = item_identity(self.event_item)
        if found:
            self.item_context.emit(found[0], found[1], event.globalPos())

    def select_item(self, item: QGraphicsItem) -> None:
        """Make ``item`` the one selection and scroll to it."""
        self.scene().clearSelection()
        item.setSelected(True)
        self.centerOn(item)

    # a model dropped from the browser --------------------------------------------------
    def _dropped_model(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> str:
        data = event.mimeData()
        if not data.hasFormat(MODEL_MIME):
            return ""
        return bytes(data.data(MODEL_MIME).data()).decode("utf-8")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_model(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_model(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        name = self._dropped_model(event)
        if name:
            event.acceptProposedAction()
            self.model_dropped.emit(name)
        else:
            super().dropEvent(event)

    # search highlights ------------------------------------------------------------------
    def set_highlights(
        self,
        idents: list[str],
        current: int,
        find: Callable[[str], list[QGraphicsItem]] | None = None,
    ) -> None:
        """Outline every match; the current one thicker, selected and scrolled into view.
        ``find`` gives an ident's items (default: every item with that id)."""
        self.clear_highlights()
        scene = self.scene()
        for index, ident in enumerate(idents):
            items = (find or self.items_with_id)(ident)
            if not items:
                continue
            rect = items[0].sceneBoundingRect().adjusted(-4, -4, 4, 4)
            mark = scene.addRect(rect, QPen(QColor(HIGHLIGHT), 4 if index == current else 2))
            mark.setZValue(1000)
            mark.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._highlights.append(mark)
            if index == current:
                scene.clearSelection()
                items[0].setSelected(True)
                self.centerOn(items[0])

    def clear_highlights(self) -> None:
        scene = self.scene()
        for mark in self._highlights:
            if mark.scene() is scene:
                scene.removeItem(mark)
        self._highlights.clear()

    # overview ---------------------------------------------------------------------------
    def diagram_changed(self) -> None:
        self.minimap.refresh()
        self._update_minimap()

    def set_minimap_wanted(self, wanted: bool) -> None:
        self.minimap_wanted = wanted
        self._update_minimap()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_minimap()

    def _update_minimap(self) -> None:
        port = self.viewport().geometry()
        large = not self.sceneRect().isEmpty() and self.fit_scale() < self.zoom() * 0.9
        large = large and min(port.width(), port.height()) >= 240  # else it would hide the view
        large = large and self.minimap_wanted
        self.minimap.setVisible(large)
        if large:
            self.minimap.fit_to(port)
            self.minimap.raise_()
            self.minimap.update()
