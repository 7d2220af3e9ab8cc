"""The window's commands: every menu and toolbar action with its shortcut (one table, ACTIONS),
the menus and the toolbar built from them, and tooltips that name each shortcut.

Adding a command is one row in ACTIONS (its name, what it calls, its keys), one text in
:meth:`WindowActions.texts` and its place in :meth:`WindowActions.build_menus` (and the toolbar,
if it belongs there). *Help ▸ Keyboard shortcuts* lists whatever is here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

import shiboken6
from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenu, QSpinBox, QToolBar, QWidget

from gui.appearance import APP_THEMES
from gui.i18n import LANGUAGES, current_language
from netgraph.cache import DiagramOptions
from netgraph.compare.presets import BOOK_FIGURES

Key = QKeySequence.StandardKey
ORIENTATIONS = ("bt", "tb", "lr")


@dataclass(frozen=True)
class ActionSpec:
    name: str
    slot: str  # what it calls: a method of the window, or of one of its parts ("view.fit")
    keys: tuple[Key | str, ...] = ()
    checkable: bool = False


ACTIONS = (
    ActionSpec("open_model_file", "choose_model_file", (Key.Open,)),
    ActionSpec("reload", "inputs.reload", ("F5",)),
    ActionSpec("input", "inputs.open_dialog", ("Ctrl+I",)),
    ActionSpec("compare", "compare.choose", ("Ctrl+K",)),
    ActionSpec("close_comparison", "compare.close"),
    ActionSpec("export", "open_export_dialog", ("Ctrl+E",)),
    ActionSpec("follow_run", "follow_run", ("Ctrl+Shift+F",)),
    ActionSpec("quit", "close", (Key.Quit,)),
    ActionSpec("zoom_in", "view.zoom_in", (Key.ZoomIn, "Ctrl+=")),
    ActionSpec("zoom_out", "view.zoom_out", (Key.ZoomOut,)),
    ActionSpec("actual_size", "view.actual_size", ("Ctrl+0",)),
    ActionSpec("fit", "view.fit", ("F",)),
    ActionSpec("find", "search.focus", (Key.Find,)),
    ActionSpec("find_next", "search.next", (Key.FindNext,)),
    ActionSpec("find_previous", "search.previous", (Key.FindPrevious,)),
    ActionSpec("shapes", "view_changed", ("S",), checkable=True),
    ActionSpec("book_style", "view_changed", ("B",), checkable=True),
    ActionSpec("fold", "view_changed", ("R",), checkable=True),
    ActionSpec("overview", "view_changed", ("M",), checkable=True),
    ActionSpec("shortcuts", "show_shortcuts", (Key.HelpContents, "Ctrl+/")),
    ActionSpec("about", "about"),
)
DOCK_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3")  # Models, Inspector, Train (in dock order)
VIEW_TOGGLES = {"shapes": ("view/shapes", True), "fold": ("view/fold", False),
                "overview": ("view/overview", True)}  # fmt: skip


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as the platform writes them ("Ctrl+E", "F3, Ctrl+G")."""
    keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    return ", ".join(k for k in keys if k)


def name_shortcut(action: QAction, tip: str = "") -> None:
    """Tooltip = what the action does, and its shortcut in brackets."""
    keys = shortcut_text(action)
    text = tip or action.text().replace("&", "").rstrip("…")
    wanted = f"{text} ({keys})" if keys else text
    if action.toolTip() != wanted:  # (setting it signals ``changed``, which may call this)
        action.setToolTip(wanted)


class WindowActions(QObject):
    """The QActions of one window (``self.actions[name]``), its menus and its toolbar."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        for spec in ACTIONS:
            action = QAction(window, checkable=spec.checkable)
            action.setShortcuts([QKeySequence(k) for k in spec.keys])
            slot = attrgetter(spec.slot)(window)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            window.addAction(action)  # shortcuts work while the menu bar is hidden too
            self.actions[spec.name] = action
        self.theme_actions = self._choices(APP_THEMES, attrgetter("set_app_theme")(window))
        self.language_actions = self._choices(tuple(LANGUAGES), attrgetter("set_language")(window))
        self.book_figure_actions: dict[str, QAction] = {}  # Compare ▸ Book figures ▸, by key
        for figure in BOOK_FIGURES:
            action = QAction(window)
            action.triggered.connect(lambda _=False, f=figure: window.compare.open_book_figure(f))
            self.book_figure_actions[figure.key] = action
        self.actions["close_comparison"].setEnabled(False)  # until a comparison is open
        self.dock_actions: list[QAction] = []
        self.depth_label, self.depth = QLabel(), QSpinBox()
        self.depth.setRange(-1, 12)
        self.depth.setValue(-1)
        self.orientation_label, self.orientation = QLabel(), QComboBox()
        for key in ORIENTATIONS:
            self.orientation.addItem(key, key)

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def _choices(self, keys: Sequence[str], choose: Callable[..., object]) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for key in keys:
            action = QAction(self.window, checkable=True)
            action.triggered.connect(lambda _=False, k=key: choose(k))
            group.addAction(action)
            actions[key] = action
        return actions

    # the view's options, as the user left them ------------------------------------------------
    def restore_view(self, settings: QSettings) -> None:
        for name, (key, default) in VIEW_TOGGLES.items():
            self.actions[name].setChecked(settings.value(key, default, type=bool))
        self.actions["book_style"].setChecked(settings.value("view/style", "book") == "book")
        self.orientation.blockSignals(True)
        flow = str(settings.value("view/orientation", "bt"))
        self.orientation.setCurrentIndex(max(0, self.orientation.findData(flow)))
        self.orientation.blockSignals(False)

    def save_view(self, settings: QSettings) -> None:
        for name, (key, _) in VIEW_TOGGLES.items():
            settings.setValue(key, self.actions[name].isChecked())
        settings.setValue("view/style", "book" if self.book_style else "detailed")
        settings.setValue("view/orientation", self.orientation.currentData())

    @property
    def book_style(self) -> bool:
        return self.actions["book_style"].isChecked()

    def diagram_options(self, base: DiagramOptions, lang: str) -> DiagramOptions:
        """``base`` with the flow, style and folding chosen here, labels in ``lang``."""
        return replace(
            base,
            orientation=self.orientation.currentData() or "bt",
            style="book" if self.book_style else "detailed",
            fold=self.actions["fold"].isChecked(),
            lang=lang,
        )

    # menus and toolbar ------------------------------------------------------------------------
    def build_menus(self, docks: Sequence[QAction]) -> None:
        """File, View, Compare, Help; ``docks`` are the docks' show/hide actions (in View)."""
        a, bar = self.actions, self.window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([a[n] for n in ("open_model_file", "reload", "input")])
        self.file_menu.addActions([a["compare"], a["export"]])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["follow_run"])
        self.file_menu.addSeparator()
        self.file_menu.addAction(a["quit"])
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([a[n] for n in ("zoom_in", "zoom_out", "actual_size", "fit")])
        self.view_menu.addSeparator()
        self.view_menu.addActions([a[n] for n in ("find", "find_next", "find_previous")])
        self.view_menu.addSeparator()
        self.view_menu.addActions([a[n] for n in ("shapes", "book_style", "fold", "overview")])
        self.view_menu.addSeparator()
        self.dock_menu_at = self.view_menu.addSeparator()
        for action in docks:
            self.add_dock_action(action)
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.compare_menu = bar.addMenu("")
        self.compare_menu.addAction(a["compare"])
        self.book_menu = self.compare_menu.addMenu("")
        self.book_menu.addActions(list(self.book_figure_actions.values()))
        self.compare_menu.addSeparator()
        self.compare_menu.addAction(a["close_comparison"])
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([a["shortcuts"], a["about"]])

    def add_dock_action(self, action: QAction) -> None:
        """A dock's show/hide action, in View with Ctrl+1, Ctrl+2, … in the docks' order."""
        if len(self.dock_actions) < len(DOCK_KEYS):
            action.setShortcut(QKeySequence(DOCK_KEYS[len(self.dock_actions)]))
        self.dock_actions.append(action)
        self.view_menu.insertAction(self.dock_menu_at, action)
        action.changed.connect(  # the dock's title, translated (not while it is deleted)
            lambda: shiboken6.isValid(action) and name_shortcut(action)
        )
        name_shortcut(action)

    def build_toolbar(self, search: QWidget) -> QToolBar:
        """One row; what does not fit goes behind the toolbar's » button, still reachable."""
        a = self.actions
        bar = QToolBar(self.window)
        bar.setObjectName("main toolbar")
        bar.setMovable(False)
        bar.addAction(a["open_model_file"])
        bar.addSeparator()
        for widget in (self.depth_label, self.depth, self.orientation_label, self.orientation):
            bar.addWidget(widget)
        bar.addActions([a["shapes"], a["book_style"]])
        bar.addSeparator()
        bar.addActions([a["zoom_out"], a["zoom_in"], a["fit"]])
        bar.addSeparator()
        bar.addWidget(search)
        bar.addSeparator()
        bar.addAction(a["export"])
        self.window.addToolBar(bar)
        return bar

    # words ------------------------------------------------------------------------------------
    def texts(self) -> dict[str, tuple[str, str]]:
        """(menu text, tooltip) per action; an empty tooltip repeats the text."""
        return {
            "open_model_file": (
                self.tr("Open model file…"),
                self.tr("Open a .py file with your own model: its Python code runs"),
            ),
            "reload": (
                self.tr("Reload"),
                self.tr(
                    "Load the model again (its file too, if it is yours) and keep the open blocks"
                ),
            ),
            "input": (self.tr("Input…"), self.tr("Trace the model with other inputs")),
            "compare": (
                self.tr("Compare with…"),
                self.tr("Set up to three models beside this one, their stages lined up"),
            ),
            "close_comparison": (self.tr("Close comparison"), ""),
            "export": (self.tr("Export…"), self.tr("Export the diagram as PNG, SVG, PDF or JSON")),
            "follow_run": (
                self.tr("Follow run…"),
                self.tr("Watch a run folder that another process writes (a terminal, a server)"),
            ),
            "quit": (self.tr("Quit"), ""),
            "zoom_in": (self.tr("Zoom in"), ""),
            "zoom_out": (self.tr("Zoom out"), ""),
            "actual_size": (self.tr("Actual size"), ""),
            "fit": (self.tr("Fit"), self.tr("Fit the whole diagram")),
            "find": (self.tr("Find…"), self.tr("Find a layer or block by name or shape")),
            "find_next": (self.tr("Find next"), ""),
            "find_previous": (self.tr("Find previous"), ""),
            "shapes": (self.tr("Shapes"), self.tr("Show tensor shapes on the connections")),
            "book_style": (
                self.tr("Book style"),
                self.tr(
                    "Draw as the book's figures do: its wording and three fills, activations "
                    "folded into their layers, Dropout and Flatten left out"
                ),
            ),
            "fold": (
                self.tr("Fold repeats"),
                self.tr("Draw each run of repeated blocks once, marked N ×"),
            ),
            "overview": (
                self.tr("Overview map"),
                self.tr("A map of the whole diagram in the corner when it does not fit"),
            ),
            "shortcuts": (self.tr("Keyboard shortcuts"), ""),
            "about": (self.tr("About NetAtlas"), ""),
        }

    def retranslate(self) -> None:
        for name, (text, tip) in self.texts().items():
            self.actions[name].setText(text)
            name_shortcut(self.actions[name], tip)
        for action in self.dock_actions:
            name_shortcut(action)
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.compare_menu.setTitle(self.tr("&Compare"))
        self.book_menu.setTitle(self.tr("Book figures"))
        lang = current_language()
        for figure in BOOK_FIGURES:
            action = self.book_figure_actions[figure.key]
            action.setText(f"§{figure.section}  {figure.name(lang)}")
            name_shortcut(action, figure.point(lang))
        self.help_menu.setTitle(self.tr("&Help"))
        self.theme_menu.setTitle(self.tr("Theme"))
        self.language_menu.setTitle(self.tr("Language"))
        themes = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for key, action in self.theme_actions.items():
            action.setText(themes[key])
        for key, action in self.language_actions.items():
            action.setText(LANGUAGES[key])
        self.depth_label.setText(self.tr("Depth"))
        self.depth.setSpecialValueText(self.tr("auto"))
        self.depth.setToolTip(self.tr("How deep blocks are opened (auto = a readable overview)"))
        self.orientation_label.setText(self.tr("Flow"))
        flows = {
            "bt": self.tr("Bottom → top (book)"),
            "tb": self.tr("Top → bottom"),
            "lr": self.tr("Left → right"),
        }
        for i, key in enumerate(ORIENTATIONS):
            self.orientation.setItemText(i, flows[key])
        self.orientation.setToolTip(self.tr("Which way the data flows in the diagram"))


def menu_actions(menu: QMenu) -> list[QAction]:
    """Every action of ``menu`` and its submenus (for the shortcut list)."""
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += menu_actions(action.menu())
        elif not action.isSeparator():
            found.append(action)
    return found
