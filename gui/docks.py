"""The window's side panels at any window size, and its saved geometry on any screen.

Docks are registered here (:meth:`WindowDocks.add`): the model browser on the left, the
inspector and the Train panel tabbed on the right. The diagram keeps at least half the window's
width: as the window narrows, the side columns shrink, then the browser joins the right column
as a tab, then the panels step aside (hidden, and back when there is room again; a panel the
user closed stays closed). Each panel's content scrolls, so no panel makes the window taller
than a small screen.

A geometry saved on another screen or at another scale (``QT_SCALE_FACTOR``) is clamped into
the screen the window opens on, and dock widths saved at another scale are not restored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
DOCK_MIN_W = 200  # a panel narrower than this is no use: below it, panels step aside
COLUMN_W = {"left": 260, "right": 320}  # first-start widths
DIAGRAM_SHARE = 0.5  # the diagram gets at least this share of the window's width
SEPARATOR_W = 6
MIN_WINDOW = (600, 420)
DEFAULT_WINDOW = (1440, 900)


class Scrolling(QScrollArea):
    """A panel that fills its dock and scrolls only when the dock is smaller than the panel's
    minimum: the dock's own minimum size stops depending on its content. (A resizable
    QScrollArea would give word-wrapped labels their *preferred* height and scroll at once.)"""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        widget, port = self.widget(), self.viewport().size()
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        widget.resize(max(port.width(), least.width()), max(port.height(), least.height()))


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless :class:`Scrolling` area."""
    return Scrolling(widget)


def clamped(rect: QRect, available: QRect, minimum: tuple[int, int] = MIN_WINDOW) -> QRect:
    """``rect`` moved and shrunk to lie within ``available`` (never under ``minimum``)."""
    w = max(min(rect.width(), available.width()), min(minimum[0], available.width()))
    h = max(min(rect.height(), available.height()), min(minimum[1], available.height()))
    x = min(max(rect.x(), available.x()), available.right() + 1 - w)
    y = min(max(rect.y(), available.y()), available.bottom() + 1 - h)
    return QRect(max(x, available.x()), max(y, available.y()), w, h)


class WindowDocks(QObject):
    """The docks of one main window and the rules that keep the diagram wide enough."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.docks: list[QDockWidget] = []
        self.home: dict[QDockWidget, Qt.DockWidgetArea] = {}
        self.stepped_aside: list[QDockWidget] = []  # hidden for room, shown again when there is
        self.browser_joined = False  # the left column moved into the right one for room
        self._fitting = False
        self.restored = False  # the saved state was applied (docks added later take its places)

    def add(
        self,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
    ) -> QDockWidget:
        """A dock named ``name`` (saved state finds it by name), its content scrolling."""
        dock = QDockWidget(self.window)
        dock.setObjectName(name)
        dock.setWidget(scrolling(widget))
        return self.adopt(dock, area, tab_with)

    def later_action(self, make: Callable[[], QDockWidget]) -> QAction:
        """The show/hide action of a dock built on first use (``make`` builds it and passes
        this action to :meth:`adopt`): in the menus from the start, building it when used."""
        action = QAction(self.window, checkable=True)

        def toggled(on: bool) -> None:
            dock = make()
            if on and hasattr(dock, "show_panel"):
                dock.show_panel()
            else:
                dock.setVisible(on)

        action.triggered.connect(toggled)
        return action

    def adopt(
        self,
        dock: QDockWidget,
        area: Qt.DockWidgetArea,
        tab_with: QDockWidget | None = None,
        action: QAction | None = None,
    ) -> QDockWidget:
        """Dock ``dock`` (named, its content scrolling) at ``area``, as a tab of ``tab_with``;
        a dock added after the saved state was restored takes its saved place. ``action`` (from
        :meth:`later_action`) follows its visibility."""
        if action is not None:
            dock.visibilityChanged.connect(action.setChecked)
            action.setChecked(dock.isVisible())
        dock.setMinimumWidth(DOCK_MIN_W)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        if not (self.restored and self.window.restoreDockWidget(dock)):
            self.window.addDockWidget(area, dock)
            if tab_with is not None:
                self.window.tabifyDockWidget(tab_with, dock)
                tab_with.raise_()
        self.docks.append(dock)
        self.home[dock] = area
        return dock

    # geometry and state ---------------------------------------------------------------------
    def save(self, settings: QSettings) -> None:
        self._undo_fitting()  # saved as the user arranged them, not as a small window forced
        settings.setValue("window/geometry", self.window.saveGeometry())
        settings.setValue("window/state", self.window.saveState())
        settings.setValue("window/scale", self._scale())

    def restore(self, settings: QSettings) -> None:
        geometry = settings.value("window/geometry")
        if not isinstance(geometry, QByteArray) or not self.window.restoreGeometry(geometry):
            self.window.resize(*DEFAULT_WINDOW)
        self.clamp_to_screen()
        state = settings.value("window/state")
        scale = settings.value("window/scale", self._scale(), type=float)
        if isinstance(state, QByteArray) and abs(scale - self._scale()) < 0.01:
            self.restored = self.window.restoreState(state)  # widths: pixels of that scale
        else:
            self.default_widths()
        self.fit()

    def default_widths(self) -> None:
        left = [d for d in self.docks if self.window.dockWidgetArea(d) == LEFT][:1]
        right = [d for d in self.docks if self.window.dockWidgetArea(d) == RIGHT][:1]
        self.window.resizeDocks(
            left + right,
            [COLUMN_W["left"]] * len(left) + [COLUMN_W["right"]] * len(right),
            Qt.Orientation.Horizontal,
        )

    def clamp_to_screen(self) -> None:
        """Inside the screen the window is on (its frame too), never larger than it."""
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        frame, inner = self.window.frameGeometry(), self.window.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        room = available.adjusted(0, 0, -extra_w, -extra_h)
        wanted = clamped(inner, room)
        if wanted != inner:
            self.window.setGeometry(wanted)

    @staticmethod
    def _scale() -> float:
        screen = QGuiApplication.primaryScreen()
        return float(screen.devicePixelRatio()) if screen is not None else 1.0

    # fitting the window's width ---------------------------------------------------------------
    def columns(self) -> dict[Qt.DockWidgetArea, list[QDockWidget]]:
        """The docked, visible panels of each side."""
        found: dict[Qt.DockWidgetArea, list[QDockWidget]] = {LEFT: [], RIGHT: []}
        for dock in self.docks:
            area = self.window.dockWidgetArea(dock)
            if dock.isVisible() and not dock.isFloating() and area in found:
                found[area].append(dock)
        return found

    def room(self) -> int:
        """The width the side columns may take together."""
        return int(self.window.width() * (1 - DIAGRAM_SHARE)) - 2 * SEPARATOR_W

    def fit(self) -> None:
        """Shrink, join or step aside panels until the diagram has its share of the width;
        undo what a narrower window forced once there is room again."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._give_back()
            room, columns = self.room(), self.columns()
            used = [area for area, docks in columns.items() if docks]
            if len(used) == 2 and room < 2 * DOCK_MIN_W:
                self._join_browser()
                used = [RIGHT]
            if used and room < DOCK_MIN_W:
                for dock in self.docks:
                    if dock.isVisible() and not dock.isFloating():
                        self.stepped_aside.append(dock)
                        dock.hide()
                return
            self._shrink(room)
        finally:
            self._fitting = False

    def _shrink(self, room: int) -> None:
        columns = {a: d for a, d in self.columns().items() if d}
        widths = {a: max(d.width() for d in docks) for a, docks in columns.items()}
        if not widths or sum(widths.values()) <= room:
            return
        share = room / sum(widths.values())
        firsts = [columns[a][0] for a in widths]
        sizes = [max(DOCK_MIN_W, int(widths[a] * share)) for a in widths]
        self.window.resizeDocks(firsts, sizes, Qt.Orientation.Horizontal)

    def _join_browser(self) -> None:
        right = self.columns()[RIGHT]
        for dock in self.columns()[LEFT]:
            self.window.addDockWidget(RIGHT, dock)
            if right:
                self.window.tabifyDockWidget(right[0], dock)
            self.browser_joined = True
        if right:
            right[0].raise_()

    def _give_back(self) -> None:
        """What a narrower window forced, undone where the width now allows it."""
        room = self.room()
        if self.stepped_aside and room >= DOCK_MIN_W + 40:
            for dock in self.stepped_aside:
                dock.show()
            self.stepped_aside.clear()
        if self.browser_joined and room >= 2 * DOCK_MIN_W + 40:
            for dock, area in self.home.items():
                if area == LEFT and self.window.dockWidgetArea(dock) == RIGHT:
                    self.window.addDockWidget(LEFT, dock)
            self.browser_joined = False

    def _undo_fitting(self) -> None:
        for dock in self.stepped_aside:
            dock.show()
        self.stepped_aside.clear()
        if self.browser_joined:
            for dock, area in self.home.items():
                if area == LEFT:
                    self.window.addDockWidget(LEFT, dock)
            self.browser_joined = False
