"""The interactive diagram view: zoom, pan, fit, keys, search highlights and an overview map.

It knows scene items only through ``item.data(0)`` (node id or block path) and ``item.data(1)``
(kind), the renderer's contract, so it works with whatever items ``gui.diagram`` draws. Keys
that act on the diagram (arrows, Enter, Backspace, Escape) become signals; the window decides
what they mean for the model.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
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

from gui.diagram.theme import Theme
from netgraph.layout.geometry import Diagram
from netgraph.layout.viewport import READABLE_ZOOM, first_view, fit_zoom

MIN_SCALE, MAX_SCALE = 0.05, 6.0
MODEL_MIME = "application/x-netatlas-model"  # a model's name, dragged from the browser
ZOOM_STEP = 1.2
HIGHLIGHT = "#f2a900"
ARROWS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}


def item_identity(item: QGraphicsItem | None) -> tuple[str, str] | None:
    """(id, kind) of the diagram element an item belongs to (labels are children of boxes)."""
    while item is not None:
        ident = item.data(0)
        if ident is not None:
            return str(ident), str(item.data(1) or "")
        item = item.parentItem()
    return None


Overview = list[tuple[Diagram, tuple[float, float]]]  # drawings, each at its scene offset


def overview_of(scene: QGraphicsScene) -> Overview:
    """What the scene draws, as the minimap reads it: a scene of several drawings (the compare
    view's columns) says where each sits with ``overview()``, a single one is at the origin."""
    parts = getattr(scene, "overview", None)
    if callable(parts):
        return parts()
    diagram: Diagram | None = getattr(scene, "diagram", None)
    return [(diagram, (0.0, 0.0))] if diagram is not None else []


class Minimap(QWidget):
    """The whole diagram in a strip beside the view, the visible part outlined; click or drag to
    go there. Drawn from the diagram's geometry (boxes in their fills, frames, lines), never a
    scaled-down picture of the scene, so it stays crisp in either theme; it sits in a margin of
    the view, so it never covers the diagram. The drawing is kept as a pixmap until the diagram,
    theme or size changes: scrolling repaints only the outline of the visible part."""

    WIDTH = 150  # at most, in pixels
    SHARE = 0.18  # of the view's width
    GAP = 8
    INSET = 4

    def __init__(self, view: DiagramView) -> None:
        super().__init__(view)
        self._view = view
        self._drawn: tuple | None = None  # what the kept pixmap shows
        self._kept: tuple = ()
        self._pixmap = QPixmap()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()

    def width_for(self, view_width: int) -> int:
        return int(min(self.WIDTH, view_width * self.SHARE))

    def _frame(self) -> tuple[QRectF, float]:
        """The scene's rectangle, and widget pixels per scene unit."""
        rect = self._view.sceneRect()
        inner = QRectF(self.rect()).adjusted(self.INSET, self.INSET, -self.INSET, -self.INSET)
        scale = min(inner.width() / rect.width(), inner.height() / rect.height())
        return rect, scale

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._view.scene()
        theme = getattr(scene, "theme", None)
        parts = overview_of(scene)
        if not parts or theme is None or self._view.sceneRect().isEmpty():
            return
        rect, scale = self._frame()
        ratio = self.devicePixelRatioF()
        shown = tuple((id(d), len(d.boxes), len(d.edges), d.width, d.height, o) for d, o in parts)
        key = (shown, id(theme), self.size().toTuple(), rect.getRect(), ratio)
        if key != self._drawn:  # the drawings are kept too, so no id is reused meanwhile
            self._pixmap = self._drawing(parts, theme, rect, scale, ratio)
            self._drawn, self._kept = key, (parts, theme)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = self._view.visible_scene_rect()
        inset = self.INSET
        frame = QRectF(
            inset + (visible.x() - rect.x()) * scale,
            inset + (visible.y() - rect.y()) * scale,
            visible.width() * scale,
            visible.height() * scale,
        )
        painter.setPen(QPen(QColor(HIGHLIGHT), 1.5))
        painter.setBrush(QColor(242, 169, 0, 40))
        painter.drawRect(frame.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))
        painter.end()

    def _drawing(
        self, parts: Overview, theme: Theme, rect: QRectF, scale: float, ratio: float
    ) -> QPixmap:
        """Every drawing's frames, lines, boxes and merges, scaled into the strip."""
        pixmap = QPixmap((QSizeF(self.size()) * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.background))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        for diagram, (ox, oy) in parts:
            x0 = self.INSET + (ox - rect.x()) * scale
            y0 = self.INSET + (oy - rect.y()) * scale

            def at(x: float, y: float, x0: float = x0, y0: float = y0) -> QPointF:
                return QPointF(x0 + x * scale, y0 + y * scale)

            def area(x: float, y: float, w: float, h: float) -> QRectF:
                return QRectF(at(x, y), QSizeF(w * scale, h * scale))

            book = diagram.style == "book"
            painter.setPen(QPen(QColor(theme.frame_outline), 1))
            for frame in diagram.frames:
                painter.setBrush(QColor(theme.frame_fill(frame.depth)))
                painter.drawRect(area(frame.x, frame.y, frame.w, frame.h))
            painter.setPen(QPen(QColor(theme.edge), 1))
            for edge in diagram.edges:
                painter.drawPolyline([at(x, y) for x, y in edge.points])
            painter.setPen(QPen(QColor(theme.outline), 0.8))
            for box in diagram.boxes:
                painter.setBrush(QColor(theme.fill(box.kind, book)))
                painter.drawRect(area(box.x, box.y, box.w, box.h))
            for glyph in diagram.glyphs:
                painter.setBrush(QColor(theme.fill(glyph.kind, book)))
                r = max(1.5, glyph.r * scale)
                painter.drawEllipse(at(glyph.x, glyph.y), r, r)
        painter.end()
        return pixmap

    def _go(self, pos: QPointF) -> None:
        rect, scale = self._frame()
        x, y = pos.x() - self.INSET, pos.y() - self.INSET
        self._view.centerOn(rect.x() + x / scale, rect.y() + y / scale)
        self._view.user_moved()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._go(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position())


class DiagramView(QGraphicsView):
    """Wheel zooms about the cursor, dragging the background pans, double-click toggles a block;
    arrows, Enter/Space, Backspace and Escape are reported for the window to act on; a model
    dragged from the browser and dropped here is offered as ``model_dropped``."""

    item_activated = Signal(str, str)  # id, kind (double-click)
    item_context = Signal(str, str, QPoint)  # id, kind, global position
    zoom_changed = Signal(float)
    model_dropped = Signal(str)  # the name of a model dropped onto the view
    navigate = Signal(str)  # "up", "down", "left", "right"
    activate_selection = Signal()  # Enter or Space
    select_parent = Signal()  # Backspace
    escape_pressed = Signal()

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
        self._first_view_pending = False  # the first view follows the view's size until used
        self._first_focus: QGraphicsItem | None = None
        self._placing_minimap = False
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # zoom -------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` (the user's choice: the first view no longer follows resizes)."""
        self.user_moved()
        self._zoom_to(factor)

    def _zoom_to(self, factor: float) -> None:
        factor = min(MAX_SCALE, max(MIN_SCALE, factor))
        self.scale(factor / self.zoom(), factor / self.zoom())
        self.zoom_changed.emit(self.zoom())
        self._update_minimap()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Show the whole diagram (never magnified past 100 %)."""
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.set_zoom(min(1.0, self.fit_scale()))
        self.centerOn(rect.center())
        self._update_minimap()

    def fit_scale(self) -> float:
        """The zoom at which the whole diagram would fit the viewport."""
        rect, port = self.sceneRect(), self.viewport().rect()
        return fit_zoom(
            (rect.x(), rect.y(), rect.width(), rect.height()), port.width(), port.height()
        )

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    # what the view shows ------------------------------------------------------------------
    def show_first_view(self, focus: QGraphicsItem | None = None) -> None:
        """The whole figure if it reads, else its input end (netgraph.layout.viewport), or
        round ``focus`` (a block opened on the command line); kept in step with the view's size
        (a window still being sized, restored or maximised) until the user zooms, scrolls or
        moves the selection."""
        self._first_view_pending = True
        self._first_focus = focus
        self._apply_first_view()

    def _apply_first_view(self) -> None:
        diagram: Diagram | None = getattr(self.scene(), "diagram", None)
        rect, port = self.sceneRect(), self.viewport().rect()
        if diagram is None or rect.isEmpty():
            return
        scene = (rect.x(), rect.y(), rect.width(), rect.height())
        zoom, centre = first_view(diagram, scene, port.width(), port.height())
        self._zoom_to(zoom)
        focus = self._first_focus
        if focus is not None and shiboken6.isValid(focus) and focus.scene() is self.scene():
            self._zoom_to(max(zoom, READABLE_ZOOM))  # what was asked for, readable
            self.centerOn(focus)
        else:
            self.centerOn(*centre)
        self._first_view_pending = True  # centring scrolled, which is not the user moving

    def user_moved(self) -> None:
        """The user took the view over: sizes no longer re-apply the first view."""
        self._first_view_pending = False

    def view_state(self) -> tuple[float, QPointF]:
        return self.zoom(), self.visible_scene_rect().center()

    def restore_view(self, state: tuple[float, QPointF]) -> None:
        """The same zoom and centre after the scene was rebuilt (a new theme or language)."""
        if self._first_view_pending:
            self._apply_first_view()
            return
        self._zoom_to(state[0])
        self.centerOn(state[1])

    def reveal(self, item: QGraphicsItem) -> None:
        """Scroll just enough to show ``item`` (a keyboard step must not jump the view)."""
        self.user_moved()
        self.ensureVisible(item, 40, 40)

    # input ------------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.zoom() * ZOOM_STEP**steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = (
            event.key(),
            event.modifiers()
            in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ),
        )
        if event.matches(QKeySequence.StandardKey.ZoomIn) or event.text() == "+":
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or event.text() == "-":
            self.zoom_out()
        elif key in ARROWS and plain:
            self.navigate.emit(ARROWS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and plain:
            self.activate_selection.emit()
        elif key == Qt.Key.Key_Backspace and plain:
            self.select_parent.emit()
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.user_moved()
        super().mousePressEvent(event)

    def _scrolled(self) -> None:
        if self.horizontalScrollBar().isSliderDown() or self.verticalScrollBar().isSliderDown():
            self.user_moved()
        self._update_minimap()

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

    def select_item(self, item: QGraphicsItem, reveal: bool = False) -> None:
        """Make ``item`` the one selection and scroll to it (just enough when ``reveal``, as a
        keyboard step)."""
        self.scene().clearSelection()
        item.setSelected(True)
        if reveal:
            self.reveal(item)
        else:
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
                self.user_moved()
                self.centerOn(items[0])

    def clear_highlights(self) -> None:
        scene = self.scene()
        for mark in self._highlights:
            if mark.scene() is scene:
                scene.removeItem(mark)
        self._highlights.clear()

    # overview ---------------------------------------------------------------------------
    def diagram_changed(self) -> None:
        self._update_minimap()

    def set_minimap_wanted(self, wanted: bool) -> None:
        self.minimap_wanted = wanted
        self._update_minimap()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._first_view_pending:
            self._apply_first_view()
        self._update_minimap()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.minimap.update()
        super().changeEvent(event)

    def _update_minimap(self) -> None:
        """Shown in a strip on the right while the diagram does not fit and the view is wide
        enough to spare the strip; the strip is a margin of the view, not over the diagram."""
        if self._placing_minimap:  # a new margin scrolls the view, which calls this again
            return
        self._placing_minimap = True
        try:
            self._place_minimap()
        finally:
            self._placing_minimap = False

    def _place_minimap(self) -> None:
        full = self.width() - 2 * self.frameWidth()
        strip = self.minimap.width_for(full)
        large = not self.sceneRect().isEmpty() and self.minimap_wanted
        large = large and full >= 480 and self.height() >= 320  # else the strip costs too much
        if large:  # would it overflow once the strip is taken?
            rect = self.sceneRect()
            port_w = full - strip - Minimap.GAP - self.verticalScrollBar().sizeHint().width()
            fits = fit_zoom((0, 0, rect.width(), rect.height()), port_w, self.height())
            large = fits < self.zoom() * 0.9
        margin = strip + Minimap.GAP if large else 0
        if self.viewportMargins().right() != margin:
            self.setViewportMargins(0, 0, margin, 0)
        self.minimap.setVisible(large)
        if large:
            port = self.viewport().geometry()
            rect = self.sceneRect()
            height = min(port.height(), int(strip * rect.height() / max(rect.width(), 1.0)) + 8)
            height = max(height, 60)
            self.minimap.setGeometry(port.right() + Minimap.GAP // 2 + 1, port.top(), strip, height)
            self.minimap.raise_()
            self.minimap.update()
