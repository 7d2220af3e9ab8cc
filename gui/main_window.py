"""The NetAtlas window: model browser (left), diagram (centre), inspector (right).

The window owns the current model's spec, NetGraph, ExpansionState and Diagram. Tracing and
layout run on :class:`gui.workers.JobRunner`; the window only starts jobs and shows results, so
it stays responsive while densenet121 is traced. The ExpansionState is never changed while a
layout job reads it: changes asked for meanwhile are queued and applied when the job returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QFileSystemWatcher, QPoint, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.appearance import APP_THEMES, apply_scheme, resolve_scheme
from gui.banner import TraceBanner
from gui.browser import ModelBrowser, UserModelDialog
from gui.compare.controller import CompareController
from gui.diagram import DiagramScene
from gui.export_dialog import ExportDialog
from gui.i18n import LANGUAGES, current_language, install_language, system_language
from gui.inputs import InputDialog
from gui.inspector import Inspector, tensor_stats, unused_summary
from gui.lessons import LessonsController
from gui.runs_dock import RunsDock
from gui.search import SearchBox
from gui.training import TrainingDock
from gui.view import DiagramView, item_identity
from gui.workers import (
    JobRunner,
    lay_out,
    load_catalogue,
    trace_model,
    user_file_candidates,
    user_tensor_stats,
)
from netgraph.formatting import format_bytes, format_count

if TYPE_CHECKING:
    from models.inputs import InputsLike, InputSpec
    from models.registry import ModelSpec
    from models.user import Candidate
    from netgraph.layout.expansion import ExpansionState
    from netgraph.layout.geometry import Diagram
    from netgraph.model import NetGraph

DEFAULT_MODEL = "googlenet"
CANCEL_AFTER_MS = 3000  # a user's file still running after this gets a Cancel button
MAX_RECENT = 8
ORIENTATIONS = ("bt", "tb", "lr")
READABLE_ZOOM = 0.75  # below this a first view of a big model scrolls instead of shrinking


class MainWindow(QMainWindow):
    diagram_shown = Signal()  # a diagram of the current model is on screen
    catalogue_ready = Signal()  # the browser lists every model
    error_shown = Signal(str)

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.jobs = JobRunner(self)
        self.spec: ModelSpec | None = None
        self.graph: NetGraph | None = None
        self.state: ExpansionState | None = None
        self.diagram: Diagram | None = None
        self.last_error_dialog: QMessageBox | None = None
        self.export_dialog: ExportDialog | None = None
        self.user_dialog: UserModelDialog | None = None
        self.input_dialog: InputDialog | None = None
        # what was last asked for (name, inputs), opened or not: Reload tries it again; or a
        # model file whose models could not be listed (a syntax error): Reload reads it again
        self._wanted: tuple[str, InputsLike] | None = None
        self._wanted_file: str | None = None
        self.watcher = QFileSystemWatcher(self)  # the opened model file, to reload on change
        self.watcher.fileChanged.connect(lambda _path: self._file_changed.start())
        self._file_changed = QTimer(self)  # editors write a file in several steps: settle first
        self._file_changed.setSingleShot(True)
        self._file_changed.setInterval(400)
        self._file_changed.timeout.connect(self._reload_changed_file)
        self._generation = 0  # bumped per opened model; older results are dropped
        self._layout_running = False
        self._queued_changes: list[Callable[[], None]] = []
        self._relayout_wanted: tuple[str | None, bool] | None = None
        self._pending_expand: Sequence[str] = ()
        self._real_models: dict[tuple[str, tuple[int, ...]], Any] = {}  # job thread only
        self._user_code: threading.Event | None = None  # set = cancel the running user file

        self.scene = DiagramScene(self)
        self.view = DiagramView(self.scene)
        self.banner = TraceBanner()  # over the diagram when the graph is partial
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)
        self.setCentralWidget(centre)
        self.browser = ModelBrowser()
        self.inspector = Inspector()
        self.browser_dock = self._dock(
            "browser", self.browser, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.resizeDocks(
            [self.browser_dock, self.inspector_dock], [260, 300], Qt.Orientation.Horizontal
        )
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.compare = CompareController(self)  # File ▸ Compare with…, the Compare menu
        self.training_dock = TrainingDock(self)  # tabbed with the inspector
        self.runs_dock = RunsDock(self)  # the run library, under the diagram
        self.lessons = LessonsController(self)  # Lessons ▸, the lesson panel on demand
        self._build_status_bar()
        self._connect()
        self._restore_settings()
        self.retranslate()

    # construction -----------------------------------------------------------------------
    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)  # saveState needs names
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(self, slot: Callable[[], object], shortcut: Any = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _checked=False: slot())  # not slot(checked)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(self.choose_model_file, QKeySequence.StandardKey.Open)
        self.reload_action = self._action(self.reload_model, "F5")
        self.input_action = self._action(self.open_input_dialog, "Ctrl+I")
        self.export_action = self._action(self.open_export_dialog, "Ctrl+E")
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.fit_action = self._action(self.view.fit, "F")
        self.zoom_in_action = self._action(self.view.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.zoom_out_action = self._action(self.view.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.actual_size_action = self._action(lambda: self.view.set_zoom(1.0), "Ctrl+0")
        self.search = SearchBox(self.view)
        self.search.open_requested.connect(
            lambda paths: self.change_expansion(lambda s: s.expand_many(paths))
        )
        self.find_action = self._action(self.search.focus, QKeySequence.StandardKey.Find)
        self.find_next_action = self._action(self.search.next, QKeySequence.StandardKey.FindNext)
        self.find_previous_action = self._action(
            self.search.previous, QKeySequence.StandardKey.FindPrevious
        )
        self.shapes_action = self._action(self._shapes_toggled)
        self.shapes_action.setCheckable(True)
        self.book_style_action = self._action(self._book_style_toggled, "B")
        self.book_style_action.setCheckable(True)
        self.fold_action = self._action(self._fold_toggled, "R")
        self.fold_action.setCheckable(True)
        self.overview_action = self._action(self._overview_toggled, "M")
        self.overview_action.setCheckable(True)
        self.theme_actions = self._choice_group(APP_THEMES, self.set_app_theme)
        self.language_actions = self._choice_group(tuple(LANGUAGES), self.set_language)
        self.about_action = self._action(self._about)

    def _choice_group(
        self, keys: Sequence[str], choose: Callable[[str], None]
    ) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for key in keys:
            action = QAction(self, checkable=True)
            action.triggered.connect(lambda _=False, k=key: choose(k))
            group.addAction(action)
            actions[key] = action
        return actions

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("main toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.depth_label = QLabel()
        self.depth = QSpinBox()
        self.depth.setRange(-1, 12)
        self.depth.setValue(-1)
        self.depth.setSpecialValueText("auto")
        self.orientation_label = QLabel()
        self.orientation = QComboBox()
        for key in ORIENTATIONS:
            self.orientation.addItem(key, key)
        bar.addAction(self.open_action)
        bar.addSeparator()
        bar.addWidget(self.depth_label)
        bar.addWidget(self.depth)
        bar.addWidget(self.orientation_label)
        bar.addWidget(self.orientation)
        bar.addAction(self.shapes_action)
        bar.addAction(self.book_style_action)
        bar.addSeparator()
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.search)
        bar.addSeparator()
        bar.addAction(self.export_action)
        self.toolbar = bar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.reload_action)
        self.file_menu.addAction(self.input_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.actual_size_action,
            self.fit_action,
        ):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.shapes_action)
        self.view_menu.addAction(self.book_style_action)
        self.view_menu.addAction(self.fold_action)
        self.view_menu.addAction(self.overview_action)
        self.view_menu.addAction(self.browser_dock.toggleViewAction())
        self.view_menu.addAction(self.inspector_dock.toggleViewAction())
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.message = QLabel()
        self.totals = QLabel()
        self.method = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_user_code)
        status.addWidget(self.message, 1)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.totals)
        status.addPermanentWidget(self.method)

    def _connect(self) -> None:
        self.jobs.busy_changed.connect(self.busy.setVisible)
        self.browser.model_requested.connect(lambda name: self.open_model(name))
        self.browser.open_file_requested.connect(self.choose_model_file)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view.item_activated.connect(self._item_activated)
        self.view.item_context.connect(self._item_context)
        self.depth.valueChanged.connect(self._depth_changed)
        self.orientation.currentIndexChanged.connect(self._orientation_changed)
        self.inspector.tensor_stats_wanted.connect(self._compute_tensor_stats)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    # settings ---------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.app_theme = str(s.value("ui/theme", "system"))
        if self.app_theme not in APP_THEMES:
            self.app_theme = "system"
        self.theme_actions[self.app_theme].setChecked(True)
        self.set_language(str(s.value("ui/language", system_language())), save=False)
        self.set_app_theme(self.app_theme, save=False)
        orientation = str(s.value("view/orientation", "bt"))
        self.orientation.setCurrentIndex(max(0, self.orientation.findData(orientation)))
        self.shapes_action.setChecked(s.value("view/shapes", True, type=bool))
        self.book_style_action.setChecked(s.value("view/style", "book") == "book")
        self.fold_action.setChecked(s.value("view/fold", False, type=bool))
        self.overview_action.setChecked(s.value("view/overview", True, type=bool))
        self.view.set_minimap_wanted(self.overview_action.isChecked())
        self.browser.set_recent(self.recent_models())

    def recent_models(self) -> list[str]:
        return [str(n) for n in self.settings.value("model/recent", [], type=list)]

    def _remember_model(self, name: str) -> None:
        self.settings.setValue("model/last", name)
        recent = [name] + [n for n in self.recent_models() if n != name]
        self.settings.setValue("model/recent", recent[:MAX_RECENT])
        self.browser.set_recent(recent[:MAX_RECENT])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.cancel_user_code()  # a model file still running must not hold the close up
        self.jobs.wait(10_000)
        # A closed window's scene is about to be destroyed with it: its item deletions must not
        # reach selection slots (ours, the training dock's) through a half-deleted scene.
        self.scene.blockSignals(True)
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.scene.blockSignals(False)
        super().showEvent(event)

    # theme and language -----------------------------------------------------------------
    @property
    def diagram_theme(self) -> str:
        return resolve_scheme(self.app_theme)

    def set_app_theme(self, theme: str, save: bool = True) -> None:
        """ "system", "light" or "dark": the window and the diagram follow it."""
        self.app_theme = theme
        self.theme_actions[theme].setChecked(True)
        apply_scheme(QApplication.instance(), self.diagram_theme)
        if save:
            self.settings.setValue("ui/theme", theme)
        if self.diagram is not None:
            self._redraw()

    def _system_scheme_changed(self) -> None:
        if self.app_theme == "system":
            self.set_app_theme("system", save=False)

    def set_language(self, lang: str, save: bool = True) -> None:
        """Switch the UI language live (every widget retranslates on LanguageChange)."""
        lang = install_language(lang)
        self.language_actions[lang].setChecked(True)
        if save:
            self.settings.setValue("ui/language", lang)
        if self.diagram is not None and self.diagram.lang != lang:
            self.relayout()  # the diagram's labels speak the UI's language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._update_title()
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.theme_menu.setTitle(self.tr("Theme"))
        self.language_menu.setTitle(self.tr("Language"))
        self.browser_dock.setWindowTitle(self.tr("Models"))
        self.inspector_dock.setWindowTitle(self.tr("Inspector"))
        self.open_action.setText(self.tr("Open model file…"))
        self.reload_action.setText(self.tr("Reload"))
        self.reload_action.setToolTip(
            self.tr("Load the model again (its file too, if it is yours) and keep the open blocks")
        )
        self.input_action.setText(self.tr("Input…"))
        self.input_action.setToolTip(self.tr("Trace the model with other inputs (Ctrl+I)"))
        self.export_action.setText(self.tr("Export…"))
        self.quit_action.setText(self.tr("Quit"))
        self.fit_action.setText(self.tr("Fit"))
        self.fit_action.setToolTip(self.tr("Fit the whole diagram (F)"))
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.actual_size_action.setText(self.tr("Actual size"))
        self.find_action.setText(self.tr("Find…"))
        self.find_next_action.setText(self.tr("Find next"))
        self.find_previous_action.setText(self.tr("Find previous"))
        self.shapes_action.setText(self.tr("Shapes"))
        self.shapes_action.setToolTip(self.tr("Show tensor shapes on the connections"))
        self.book_style_action.setText(self.tr("Book style"))
        self.book_style_action.setToolTip(
            self.tr(
                "Draw as the book's figures do: its wording and three fills, activations folded "
                "into their layers, Dropout and Flatten left out (B)"
            )
        )
        self.fold_action.setText(self.tr("Fold repeats"))
        self.fold_action.setToolTip(
            self.tr("Draw each run of repeated blocks once, marked N × (R)")
        )
        self.overview_action.setText(self.tr("Overview map"))
        self.overview_action.setToolTip(
            self.tr("A map of the whole diagram in the corner when it does not fit (M)")
        )
        self.about_action.setText(self.tr("About NetAtlas"))
        self.open_action.setToolTip(
            self.tr("Open a .py file with your own model: its Python code runs")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the model file's code (it runs in a separate process)")
        )
        names = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for key, action in self.theme_actions.items():
            action.setText(names[key])
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
        self._show_totals()

    def _update_title(self) -> None:
        name = self.spec.name if self.spec else ""
        self.setWindowTitle(f"NetAtlas — {name}" if name else "NetAtlas")

    # opening models ---------------------------------------------------------------------
    def start(self, model: str | None, input_size: InputsLike, expand: Sequence[str]) -> None:
        """Fill the browser and open the first model, both off the UI thread. The last model
        is opened again unless it is a user's file: its code runs only when the user opens it
        (it is listed under Recent)."""
        from models.registry import is_user_reference

        name = model or str(self.settings.value("model/last", DEFAULT_MODEL))
        if model is None and is_user_reference(name):
            name = DEFAULT_MODEL
        # The diagram is what people wait for; the catalogue (which imports torchvision) would
        # compete with its tracing for the interpreter, so it loads once the diagram is up.
        self.diagram_shown.connect(self._load_catalogue_once)
        self.error_shown.connect(self._load_catalogue_once)
        self.open_model(name, input_size, expand)

    def _load_catalogue_once(self) -> None:
        self.diagram_shown.disconnect(self._load_catalogue_once)
        self.error_shown.disconnect(self._load_catalogue_once)
        self.load_catalogue()

    def load_catalogue(self) -> None:
        self.jobs.submit(load_catalogue, self._catalogue_loaded, self.show_error)

    def _catalogue_loaded(self, result: tuple[list[ModelSpec], dict[str, str], list[str]]) -> None:
        self.browser.set_catalogue(*result)
        if self.spec is not None:
            self.browser.select(self.spec.name)
        self.catalogue_ready.emit()

    def open_model(
        self,
        name: str,
        input_size: InputsLike = None,
        expand: Sequence[str] = (),
        keep_open: Collection[str] | None = None,
    ) -> None:
        """Trace ``name`` fed ``input_size`` (None: what it was last given in a dialog, else the
        model's default) and show it with the blocks in ``expand`` open too, or (``keep_open``,
        a reload) exactly those still there. A user's file runs in a child process (Cancel)."""
        from models.registry import is_user_reference

        if input_size is None:
            input_size = self.remembered_inputs(name)
        self._generation += 1
        generation = self._generation
        self.cancel_user_code()  # its result would be dropped: stop its code now
        self._wanted, self._wanted_file = (name, input_size), None
        self._watch(name)
        self.message.setText(self.tr("Tracing %s…") % name)

        def done(result: tuple[ModelSpec, NetGraph]) -> None:
            if generation == self._generation:
                self._model_traced(*result, expand, keep_open)

        def failed(message: str) -> None:
            if generation == self._generation:
                self.message.setText("")
                self.show_error(message)

        if is_user_reference(name):
            self.run_user_code(
                lambda cancelled: trace_model(name, input_size, cancelled), done, failed
            )
            self.message.setText(self.tr("Running %s…") % name)
        else:
            self.jobs.submit(lambda: trace_model(name, input_size), done, failed)

    def run_user_code(
        self,
        work: Callable[[Callable[[], bool]], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Run ``work(cancelled)``, which runs a user's file in a child process, as a job;
        after a few seconds the status bar offers Cancel, which ends that process. One such job
        at a time: a new one stops the one before."""
        self.cancel_user_code()
        cancel = threading.Event()
        self._user_code = cancel

        def over() -> bool:
            """True if the job was cancelled (then it was already reported)."""
            if self._user_code is cancel:
                self._user_code = None
                self.cancel_button.hide()
            return cancel.is_set()

        def failed(message: str) -> None:
            if not over():
                on_failed(message)

        def offer_cancel() -> None:
            if self._user_code is cancel:
                self.cancel_button.show()

        QTimer.singleShot(CANCEL_AFTER_MS, offer_cancel)
        self.jobs.submit(lambda: work(cancel.is_set), lambda r: over() or on_done(r), failed)

    def cancel_user_code(self) -> None:
        """Stop the user's file that is running (if any): its process is ended."""
        cancel, self._user_code = self._user_code, None
        if cancel is not None:
            cancel.set()
            self.cancel_button.hide()
            self.message.setText(self.tr("Stopped the model file's code."))

    def _model_traced(
        self,
        spec: ModelSpec,
        graph: NetGraph,
        expand: Sequence[str],
        keep_open: Collection[str] | None = None,
    ) -> None:
        from netgraph.layout.expansion import ExpansionState

        self.spec, self.graph = spec, graph
        self._update_title()
        self.inspector.clear_subject()
        self.depth.blockSignals(True)
        self.depth.setValue(-1)
        self.depth.blockSignals(False)
        self._queued_changes.clear()
        if keep_open is not None:  # a reload: the blocks that were open, if still there
            self.state = ExpansionState(graph, depth=0)
            self.state.expand_many({p for p in keep_open if self.state.index.is_block(p)})
        else:
            self.state = ExpansionState(graph)
        for path in expand:
            try:
                self.state.expand(path)
            except Exception as exc:  # an unknown block path: say so, show the rest
                self.show_error(str(exc))
        self.state.subscribe(self._expansion_changed)
        self._remember_model(spec.name)
        self.browser.select(spec.name)
        self.banner.show_graph(graph)
        self._show_totals()
        self.relayout(focus=expand[-1] if expand else None, fit=True)  # show what was asked for

    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open model file (its Python code will run)"),
            str(self.settings.value("model/dir", "")),
            "Python (*.py)",
        )
        if path:
            self.open_model_file(path)

    def open_model_file(self, path: str) -> None:
        """Load the file off-thread, then let the user pick a model in it and an input size."""
        from pathlib import Path

        self.settings.setValue("model/dir", str(Path(path).parent))
        self._wanted_file = path
        self._watch(path)

        def chosen(candidates: list[Candidate]) -> None:
            self.message.setText("")
            remembered = {c.name: self.remembered_inputs(f"{path}:{c.name}") for c in candidates}
            found = {name: inputs for name, inputs in remembered.items() if inputs}
            self.user_dialog = UserModelDialog(path, candidates, found, self)
            self.user_dialog.accepted.connect(
                lambda d=self.user_dialog: self._open_with_inputs(d.reference(), d.inputs())
            )
            self.user_dialog.open()

        self.run_user_code(
            lambda cancelled: user_file_candidates(path, cancelled), chosen, self._load_failed
        )
        self.message.setText(self.tr("Running %s…") % path)

    def _load_failed(self, message: str) -> None:
        self.message.setText("")
        self.show_error(message)

    # inputs and reloading ---------------------------------------------------------------
    def remembered_inputs(self, name: str) -> list[InputSpec] | None:
        """The inputs ``name`` was last opened with from a dialog (settings ``model/inputs``)."""
        from models.inputs import InputSyntaxError, parse_input

        texts = (self.settings.value("model/inputs", {}) or {}).get(name)
        try:
            return [parse_input(t) for t in texts] if texts else None
        except (InputSyntaxError, TypeError):
            return None

    def _open_with_inputs(self, name: str, inputs: list[InputSpec] | None) -> None:
        """Open ``name`` fed ``inputs`` and remember them for the next time it is opened."""
        if not inputs:
            return
        known = dict(self.settings.value("model/inputs", {}) or {})
        known[name] = [i.text() for i in inputs]
        self.settings.setValue("model/inputs", known)
        same = self.spec is not None and self.state is not None and self.spec.name == name
        self.open_model(name, inputs, keep_open=self.state.expanded if same else None)

    def open_input_dialog(self) -> None:
        """File ▸ Input…: the model shown (or last asked for), traced with other inputs."""
        if self.spec is None and self._wanted is None:
            return
        name = self.spec.name if self.spec is not None else self._wanted[0]
        inputs = list(self.spec.inputs) if self.spec is not None else []
        if self._wanted is not None and self._wanted[0] == name and self._wanted[1]:
            from models.inputs import as_inputs

            inputs = list(as_inputs(self._wanted[1]) or inputs)
        names = [
            a["target"]
            for _, a in sorted(self.graph.ops.nodes(data=True), key=lambda n: n[1]["order"])
            if a["op"] == "placeholder"
        ] if self.graph is not None else []  # fmt: skip
        title = self.spec.title if self.spec is not None else name
        self.input_dialog = InputDialog(title, inputs or [], names, self)
        self.input_dialog.accepted.connect(
            lambda d=self.input_dialog: self._open_with_inputs(name, d.inputs())
        )
        self.input_dialog.open()

    def reload_model(self) -> None:
        """File ▸ Reload (F5): trace the model again — a user's file is read anew — with the
        same inputs and the same blocks open."""
        if self._wanted_file is not None:
            self.open_model_file(self._wanted_file)
            return
        if self._wanted is None:
            return
        name, inputs = self._wanted
        same = self.spec is not None and self.state is not None and self.spec.name == name
        self.open_model(name, inputs, keep_open=self.state.expanded if same else None)

    def _watch(self, name: str) -> None:
        """Watch the file of a user's model (and only that one) for changes; a change reloads it
        through a child process, as opening it did."""
        from models.registry import is_user_reference
        from models.user import split_reference

        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if is_user_reference(name):
            path = split_reference(name)[0]
            if path.is_file():
                self.watcher.addPath(str(path))

    def _reload_changed_file(self) -> None:
        if self._wanted is None and self._wanted_file is None:
            return
        self.reload_model()  # watches the file again: an editor may have replaced it
        self.message.setText(self.tr("The model file changed on disk: reloading…"))

    # layout -----------------------------------------------------------------------------
    def change_expansion(self, change: Callable[[ExpansionState], None]) -> None:
        """Apply ``change`` to the expansion state now, or after the running layout job."""
        if self.state is None:
            return
        if self._layout_running:
            self._queued_changes.append(lambda s=self.state: change(s))
        else:
            try:
                change(self.state)
            except Exception as exc:
                self.show_error(str(exc))

    def _expansion_changed(self, event: object) -> None:
        changed = getattr(event, "changed", frozenset())
        self.relayout(focus=min(changed) if changed else None)

    def relayout(self, focus: str | None = None, fit: bool = False) -> None:
        if self.graph is None or self.state is None:
            return
        if self._layout_running:
            self._relayout_wanted = (focus, fit)
            return
        self._layout_running = True
        generation = self._generation
        graph, state, orientation = self.graph, self.state, self.orientation.currentData()
        style = "book" if self.book_style_action.isChecked() else "detailed"
        fold, lang = self.fold_action.isChecked(), current_language()
        self.message.setText(self.tr("Laying out…"))

        def done(diagram: Diagram) -> None:
            self._layout_finished()
            if generation == self._generation:
                self._show_diagram(diagram, focus, fit)

        def failed(message: str) -> None:
            self._layout_finished()
            self.show_error(message)

        self.jobs.submit(
            lambda: lay_out(graph, state, orientation, style, fold, lang), done, failed
        )

    def _layout_finished(self) -> None:
        self._layout_running = False
        self.message.setText("")
        queued, self._queued_changes = self._queued_changes, []
        for change in queued:
            change()  # each change relayouts through the subscription
        if self._relayout_wanted is not None:
            focus, fit = self._relayout_wanted
            self._relayout_wanted = None
            self.relayout(focus, fit)

    def _show_diagram(self, diagram: Diagram, focus: str | None, fit: bool) -> None:
        assert self.spec is not None
        diagram.title = self.spec.title or self.spec.name
        self.diagram = diagram
        self._redraw()
        if fit:
            self._first_view()
        if focus is not None and (item := self.scene.item_for(focus)) is not None:
            self.view.centerOn(item)
        self.diagram_shown.emit()

    def _redraw(self) -> None:
        """Rebuild the scene from the current diagram (new layout, theme or shapes)."""
        assert self.diagram is not None
        self.view.clear_highlights()
        self.scene.set_diagram(self.diagram, self.diagram_theme, self.shapes_action.isChecked())
        self.view.setBackgroundBrush(self.scene.backgroundBrush())
        self.view.diagram_changed()
        self.search.set_diagram(self.diagram, self.state)

    def _first_view(self) -> None:
        """Whole model if it fits readably, else readable size starting at the input end."""
        assert self.diagram is not None
        fit = self.view.fit_scale()
        self.view.set_zoom(min(1.0, max(fit, READABLE_ZOOM)))
        if fit >= READABLE_ZOOM:
            self.view.centerOn(self.scene.sceneRect().center())
            return
        d, seen = self.diagram, self.view.visible_scene_rect()
        hw, hh = seen.width() / 2, seen.height() / 2

        def along(size: float, half: float, from_end: bool) -> float:
            """Centre coordinate that shows the start (or end) of ``size`` at a view edge."""
            if size <= 2 * half:
                return size / 2
            return size - half if from_end else half

        def on_input(size: float, half: float, at: float | None) -> float:
            """Centre coordinate across the flow: on the input's column (not the edge of a
            wide block) when there is one."""
            if at is None:
                return along(size, half, from_end=False)
            return min(max(at, half), max(size - half, half))

        first = next((b for b in d.boxes if b.kind == "input"), None)
        if d.orientation == "lr":
            x = along(d.width, hw, from_end=False)
            y = on_input(d.height, hh, first.y + first.h / 2 if first else None)
        else:
            x = on_input(d.width, hw, first.x + first.w / 2 if first else None)
            y = along(d.height, hh, from_end=d.orientation == "bt")
        self.view.centerOn(x, y)

    # interaction ------------------------------------------------------------------------
    def _is_block(self, ident: str) -> bool:
        return self.state is not None and ident in self.state.index.blocks

    def _item_activated(self, ident: str, kind: str) -> None:
        """Double-click: open a closed block, close an open one (its frame). A block or layer
        drawn for a closed block (its ⊕, ReLU or projection shortcut) opens that block."""
        if ident and self._is_block(ident):
            self.change_expansion(lambda s: _toggle(s, ident))
            return
        block = self._enclosing_block(ident)  # a closed block's ⊕ or ReLU, drawn on its own
        if block is not None and self.state is not None and not self.state.is_expanded(block):
            self.change_expansion(lambda s: _toggle(s, block))

    def _selection_changed(self) -> None:
        if self.graph is None:
            return
        selected = self.scene.selectedItems()
        found = item_identity(selected[0]) if selected else None
        if found is None:
            self.inspector.clear_subject()
        else:
            self.inspector.show_subject(self.graph, found[0])

    def select(self, ident: str) -> bool:
        """Select the item showing ``ident`` (op id or block path) and scroll to it."""
        item = self.scene.item_for(ident)
        if item is None:
            return False
        self.view.select_item(item)
        return True

    def _enclosing_block(self, ident: str) -> str | None:
        if self.graph is None or ident not in self.graph.ops:
            return None
        path = str(self.graph.ops.nodes[ident].get("module_path", ""))
        while path and not self._is_block(path):
            path = path.rpartition(".")[0]
        return path or None

    def _item_context(self, ident: str, kind: str, where: QPoint) -> None:
        menu = self.context_menu(ident)
        menu.popup(where)

    def context_menu(self, ident: str) -> QMenu:
        """Block: expand all below / collapse; any item: copy label, export it."""
        menu = QMenu(self)
        block = ident if self._is_block(ident) else self._enclosing_block(ident)
        if block is not None:
            menu.addAction(
                self.tr("Expand all below"),
                lambda: self.change_expansion(lambda s: s.expand_all_below(block)),
            )
            menu.addAction(
                self.tr("Collapse %s") % block,
                lambda: self.change_expansion(lambda s: s.collapse(block)),
            )
            menu.addSeparator()
        run = self._run_of(ident)
        if run is not None:
            first, count = run[0], len(run)
            if self.state is not None and first in self.state.unfolded:
                menu.addAction(
                    self.tr("Fold the %n repeated blocks", "", count),
                    lambda: self.change_expansion(lambda s: s.set_unfolded(first, False)),
                )
            else:
                menu.addAction(
                    self.tr("Show all %n repeated blocks", "", count),
                    lambda: self.change_expansion(lambda s: s.set_unfolded(first, True)),
                )
            menu.addSeparator()
        menu.addAction(self.tr("Copy label"), lambda: self.copy_label(ident))
        menu.addAction(self.tr("Export this…"), lambda: self.open_export_dialog(ident))
        return menu

    def _run_of(self, ident: str) -> list[str] | None:
        """The run of repeated blocks ``ident`` belongs to, while repeats are folded."""
        if self.graph is None or not self.fold_action.isChecked():
            return None
        for s in self.graph.structures_of("repeat"):
            if ident in s.members and len(s.members) > 1:
                return list(s.members)
        return None

    def label_of(self, ident: str) -> str:
        if self.diagram is None:
            return ident
        for element in (*self.diagram.boxes, *self.diagram.glyphs):
            if element.id == ident:
                return element.label or ident
        for frame in self.diagram.frames:
            if frame.id == ident:
                return frame.title or ident
        return ident

    def copy_label(self, ident: str) -> None:
        QGuiApplication.clipboard().setText(self.label_of(ident))

    def _depth_changed(self, depth: int) -> None:
        if self.graph is None:
            return
        if depth >= 0:
            self.change_expansion(lambda s: s.set_depth(depth))
            return
        from netgraph.layout.expansion import ExpansionState

        if self._layout_running:
            self._queued_changes.append(lambda: self._depth_changed(-1))
            return
        self.state = ExpansionState(self.graph)
        self.state.subscribe(self._expansion_changed)
        self.relayout()

    def _orientation_changed(self) -> None:
        self.settings.setValue("view/orientation", self.orientation.currentData())
        self.relayout(fit=True)

    def _overview_toggled(self) -> None:
        self.settings.setValue("view/overview", self.overview_action.isChecked())
        self.view.set_minimap_wanted(self.overview_action.isChecked())

    def _book_style_toggled(self) -> None:
        book = self.book_style_action.isChecked()
        self.settings.setValue("view/style", "book" if book else "detailed")
        self.relayout()

    def _fold_toggled(self) -> None:
        self.settings.setValue("view/fold", self.fold_action.isChecked())
        self.relayout()

    def _shapes_toggled(self) -> None:
        self.settings.setValue("view/shapes", self.shapes_action.isChecked())
        self.scene.set_show_shapes(self.shapes_action.isChecked())

    # export -----------------------------------------------------------------------------
    def open_export_dialog(self, ident: str | None = None) -> None:
        if self.compare.active:
            self.compare.open_export_dialog()
            return
        if self.diagram is None:
            return
        selection: QRectF | None = None
        item = self.scene.item_for(ident) if ident else None
        if item is None and self.scene.selectedItems():
            item = self.scene.selectedItems()[0]
        if item is not None:
            selection = item.sceneBoundingRect()
        name = (
            self.spec.name.rpartition(":")[2].replace("torchvision.", "") if self.spec else "model"
        )
        self.export_dialog = ExportDialog(
            self.diagram, self.view.visible_scene_rect(), selection, self.diagram_theme, name, self
        )
        self.export_dialog.open()

    # status and errors ------------------------------------------------------------------
    def _show_totals(self) -> None:
        """Parameters (and those outside the graph), MACs and weight memory, as ``info`` has
        them; how the graph was traced (the banner says what a fallback means)."""
        graph = self.graph
        if graph is None:
            self.totals.setText("")
            self.totals.setToolTip("")
            self.method.setText("")
            return
        unused = ""
        if graph.unused_params:
            unused = self.tr(" (+%1 unused)").replace("%1", format_count(graph.unused_params))
        self.totals.setText(
            self.tr("%1 params%4 · %2 MACs · %3 weights")
            .replace("%1", format_count(graph.total_params))
            .replace("%4", unused)
            .replace("%2", format_count(graph.total_macs))
            .replace("%3", format_bytes(graph.weight_bytes))
        )
        self.totals.setToolTip(unused_summary(graph) or "")
        self.method.setText(self.tr("traced with %s") % graph.method)
        self.method.setToolTip(graph.method_note or self.tr("torch.fx traced the whole model"))

    def show_error(self, message: str) -> None:
        """A non-modal message box naming the problem; the window stays usable."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, "NetAtlas", message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.last_error_dialog = box
        box.open()
        self.error_shown.emit(message)

    def _compute_tensor_stats(self, module_path: str) -> None:
        spec = self.compare.inspected_spec() or self.spec  # a compared model's, when comparing
        if spec is None:
            return

        def show(rows: list[tuple[str, str]]) -> None:
            self.inspector.show_tensor_stats(module_path, rows)

        if spec.family == "user":  # built where its code can be stopped
            self.run_user_code(
                lambda cancelled: user_tensor_stats(spec, module_path, cancelled),
                show,
                self.show_error,
            )
            return
        key = (spec.name, tuple(spec.input_size))

        def stats() -> list[tuple[str, str]]:
            model = self._real_models.get(key)
            if model is None:
                model = self._real_models[key] = spec.build().eval()
            return tensor_stats(model.get_submodule(module_path))

        self.jobs.submit(stats, show, self.show_error)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About NetAtlas"),
            self.tr("NetAtlas shows and trains the modern CNNs of Dive into Deep Learning."),
        )


def _toggle(state: ExpansionState, block: str) -> None:
    """Close an open block; open a closed one with any closed blocks around it."""
    if state.is_expanded(block):
        state.collapse(block)
    else:
        state.expand_many({block, *state.index.block_chain[block][:-1]})
