"""The NetAtlas window: model browser (left), diagram (centre), inspector and Train (right).

A thin view (napari's habit): the model on show and its jobs live in
:class:`gui.session.ModelSession` over the Qt-free core; the commands, menus and toolbar in
:mod:`gui.actions`; the docks and the window's geometry in :mod:`gui.docks`; the status bar in
:mod:`gui.status`; a user's file (running, watched) in :mod:`gui.usercode`; comparisons in
:mod:`gui.compare.controller`. The window wires them together and turns the view's keys and
clicks into changes of the model's expansion state.

At start the last model's first diagram comes from the disk cache before torch is imported
(:meth:`start`); the Train panel, which needs pyqtgraph, is built once the diagram is up.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.actions import WindowActions, menu_actions
from gui.appearance import APP_THEMES, apply_scheme, resolve_scheme
from gui.banner import TraceBanner
from gui.browser import ModelBrowser, UserModelDialog
from gui.compare.controller import CompareController
from gui.diagram import DiagramScene
from gui.docks import BOTTOM, LEFT, MIN_WINDOW, RIGHT, WindowDocks
from gui.i18n import current_language, install_language, system_language
from gui.inputs import ModelInputs, remembered_inputs
from gui.inspector import Inspector
from gui.interaction import DiagramInteraction
from gui.lessons import LessonsController
from gui.search import SearchBox
from gui.session import ModelSession
from gui.status import StatusLine
from gui.usercode import UserCode
from gui.view import DiagramView
from gui.workers import JobRunner, load_catalogue
from models.registry import file_stem, is_user_reference
from netgraph.cache import DiagramOptions

if TYPE_CHECKING:
    from gui.runs_dock import RunsDock
    from gui.training import TrainingDock
    from models.catalogue import Catalogue
    from models.inputs import InputsLike
    from models.registry import ModelSpec
    from netgraph.layout.expansion import ExpansionState
    from netgraph.layout.geometry import Diagram
    from netgraph.model import NetGraph

DEFAULT_MODEL = "googlenet"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    diagram_shown = Signal()  # a diagram of the current model is on screen
    model_ready = Signal()  # the model on show is live: spec, graph and state are in place
    catalogue_ready = Signal()  # the browser lists every model
    error_shown = Signal(str)

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.jobs = JobRunner(self)
        self.user_code = UserCode(self.jobs, self)
        self.session = ModelSession(self.jobs, self.user_code, self)
        self.last_error_dialog: QMessageBox | None = None
        self.export_dialog: Any = None
        self._training: TrainingDock | None = None
        self._runs: RunsDock | None = None
        self._shown_once = False
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
        self.setMinimumSize(*MIN_WINDOW)
        self.search = SearchBox(self.view)
        self.browser, self.inspector = ModelBrowser(), Inspector()
        self.interaction = DiagramInteraction(
            self.view, self.session, self.search, self.inspector, self
        )
        self.compare = CompareController(self)  # File ▸ Compare with…, the Compare menu
        self.inputs = ModelInputs(self)  # File ▸ Input… and Reload
        self.docks = WindowDocks(self)
        self.browser_dock = self.docks.add("browser", self.browser, LEFT)
        self.inspector_dock = self.docks.add("inspector", self.inspector, RIGHT)
        self.actions = WindowActions(self)
        self.train_action = self.docks.later_action(lambda: self.training_dock)
        self.runs_action = self.docks.later_action(lambda: self.runs_dock)
        docks = [self.browser_dock.toggleViewAction(), self.inspector_dock.toggleViewAction()]
        self.actions.build_menus([*docks, self.train_action, self.runs_action])
        self.toolbar = self.actions.build_toolbar(self.search)
        self.status = StatusLine(self)
        self.status.install(self.statusBar())
        a = self.actions
        self.shapes_action, self.book_style_action = a["shapes"], a["book_style"]
        self.fold_action, self.overview_action = a["fold"], a["overview"]
        self.depth, self.orientation = a.depth, a.orientation
        self.file_menu, self.view_menu = a.file_menu, a.view_menu
        self.lessons = LessonsController(self)  # Lessons ▸, the lesson panel on demand
        self._connect()
        self._restore_settings()
        self.retranslate()

    def _connect(self) -> None:
        s = self.session
        s.opening.connect(self._opening)
        s.model_ready.connect(self._model_ready)
        s.diagram_ready.connect(self._show_diagram)
        s.laying_out.connect(lambda on: self.status.say(self.tr("Laying out…") if on else ""))
        s.failed.connect(self._failed)
        self.jobs.busy_changed.connect(self.status.busy.setVisible)
        self.status.follow(self.user_code)
        self.user_code.chosen.connect(self.inputs.open_with)
        self.user_code.failed.connect(self._failed)
        self.user_code.file_changed.connect(self.inputs.file_changed)
        self.compare.connect_window()
        self.browser.model_requested.connect(lambda name: self.open_model(name))
        self.browser.open_file_requested.connect(self.choose_model_file)
        self.search.open_requested.connect(
            lambda paths: self.session.change_expansion(lambda st: st.expand_many(paths))
        )
        self.interaction.export_requested.connect(self.open_export_dialog)
        self.depth.valueChanged.connect(self._depth_changed)
        self.orientation.currentIndexChanged.connect(self.view_changed)
        self.inspector.tensor_stats_wanted.connect(self._compute_tensor_stats)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    # the model on show (the session's state, read here) ---------------------------------
    @property
    def spec(self) -> ModelSpec | None:
        return self.session.spec

    @property
    def graph(self) -> NetGraph | None:
        return self.session.graph

    @property
    def state(self) -> ExpansionState | None:
        return self.session.state

    @property
    def diagram(self) -> Diagram | None:
        return self.session.diagram

    # settings -------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        self.docks.restore(s)
        self.app_theme = str(s.value("ui/theme", "system"))
        if self.app_theme not in APP_THEMES:
            self.app_theme = "system"
        self.set_language(str(s.value("ui/language", system_language())), save=False)
        self.set_app_theme(self.app_theme, save=False)
        self.actions.restore_view(s)
        self.view.set_minimap_wanted(self.overview_action.isChecked())
        self.browser.set_recent(self.recent_models())
        self.session.options = self._options()

    def recent_models(self) -> list[str]:
        return [str(n) for n in self.settings.value("model/recent", [], type=list)]

    def _remember_model(self, name: str) -> None:
        self.settings.setValue("model/last", name)
        recent = [name] + [n for n in self.recent_models() if n != name]
        self.settings.setValue("model/recent", recent[:MAX_RECENT])
        self.browser.set_recent(recent[:MAX_RECENT])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.docks.save(self.settings)
        self.settings.sync()
        if self._training is not None:
            self._training.shutdown()  # a run's folder is closed before the app exits
        self.user_code.cancel()  # a model file still running must not hold the close up
        self.jobs.close(10_000)
        # A closed window's scene is about to be destroyed with it: its item deletions must not
        # reach selection slots (ours, the training dock's) through a half-deleted scene.
        self.scene.blockSignals(True)
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.scene.blockSignals(False)
        super().showEvent(event)
        if not self._shown_once:  # the frame's size is known now: the whole window fits
            self._shown_once = True
            self.docks.clamp_to_screen()
        self.docks.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.docks.fit()

    # theme, language, options ---------------------------------------------------------------
    @property
    def diagram_theme(self) -> str:
        return resolve_scheme(self.app_theme)

    def set_app_theme(self, theme: str, save: bool = True) -> None:
        """ "system", "light" or "dark": the window and the diagram follow it."""
        self.app_theme = theme
        self.actions.theme_actions[theme].setChecked(True)
        apply_scheme(QApplication.instance(), self.diagram_theme)
        if save:
            self.settings.setValue("ui/theme", theme)
        if self.diagram is not None:
            self._show_diagram(self.diagram, None, False)  # same view, new colours

    def _system_scheme_changed(self) -> None:
        if self.app_theme == "system":
            self.set_app_theme("system", save=False)

    def set_language(self, lang: str, save: bool = True) -> None:
        """Switch the UI language live (every widget retranslates on LanguageChange); the
        diagram's labels follow."""
        lang = install_language(lang)
        self.actions.language_actions[lang].setChecked(True)
        if save:
            self.settings.setValue("ui/language", lang)
        self.session.set_options(self._options())

    def _options(self) -> DiagramOptions:
        return self.actions.diagram_options(self.session.options, current_language())

    def view_changed(self) -> None:
        """A view option changed: remember it; shapes and the map redraw, the rest relayout."""
        self.actions.save_view(self.settings)
        self.scene.set_show_shapes(self.shapes_action.isChecked())
        self.view.set_minimap_wanted(self.overview_action.isChecked())
        self.session.set_options(self._options())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._update_title()
        self.actions.retranslate()
        self.status.retranslate()
        self.browser_dock.setWindowTitle(self.tr("Models"))
        self.inspector_dock.setWindowTitle(self.tr("Inspector"))
        self.train_action.setText(self.tr("Train"))

    def _update_title(self, name: str = "") -> None:
        name = self.spec.name if self.spec else name
        self.setWindowTitle(f"NetAtlas — {name}" if name else "NetAtlas")

    # opening models -------------------------------------------------------------------------
    def start(self, model: str | None, input_size: InputsLike, expand: Sequence[str]) -> None:
        """Show the first model (its cached diagram at once when there is one) and fill the
        browser. The last model is opened again unless it is a user's file: its code runs only
        when the user opens it (it is listed under Recent)."""
        name = model or str(self.settings.value("model/last", DEFAULT_MODEL))
        if model is None and is_user_reference(name):
            name = DEFAULT_MODEL
        if input_size is None:
            input_size = remembered_inputs(self.settings, name)
        self.session.options = self._options()
        if self.session.show_cached(name, input_size, expand):
            self._update_title(name)
            self.load_catalogue()
        else:  # the catalogue (torchvision) would compete with tracing: it loads afterwards
            self.diagram_shown.connect(self._load_catalogue_once)
            self.error_shown.connect(self._load_catalogue_once)
        self.open_model(name, input_size, expand)

    def _load_catalogue_once(self) -> None:
        self.diagram_shown.disconnect(self._load_catalogue_once)
        self.error_shown.disconnect(self._load_catalogue_once)
        self.load_catalogue()

    def load_catalogue(self) -> None:
        """From the disk cache at once when the software has not changed, else off-thread."""
        from models.catalogue import cached_catalogue

        cached = cached_catalogue()
        if cached is not None:
            self._catalogue_loaded(cached)
        else:
            self.jobs.submit(load_catalogue, self._catalogue_loaded, self.show_error)

    def _catalogue_loaded(self, result: Catalogue) -> None:
        self.browser.set_catalogue(*result)
        self.browser.select(self.spec.name if self.spec else self.settings.value("model/last"))
        self.catalogue_ready.emit()

    def open_model(
        self,
        name: str,
        input_size: InputsLike = None,
        expand: Sequence[str] = (),
        keep_open: Collection[str] | None = None,
    ) -> None:
        """Open ``name`` fed ``input_size`` (None: what it was last given in a dialog, else the
        model's default); ``keep_open``: the blocks to show open (a reload)."""
        if input_size is None:
            input_size = remembered_inputs(self.settings, name)
        self.user_code.watch(name)
        self.session.open(name, input_size, expand, keep_open)

    def _opening(self, name: str) -> None:
        running = is_user_reference(name)
        self.status.say((self.tr("Running %s…") if running else self.tr("Tracing %s…")) % name)

    def _model_ready(self) -> None:
        spec, graph = self.spec, self.graph
        assert spec is not None and graph is not None
        if self.search.model != spec.name:
            self.search.clear()  # a search belongs to the model it was typed for
            self.search.model = spec.name
        self._update_title()
        self.status.say("")
        self.inspector.clear_subject()
        self.depth.blockSignals(True)
        self.depth.setValue(-1)
        self.depth.blockSignals(False)
        self._remember_model(spec.name)
        self.browser.select(spec.name)
        self.banner.show_graph(graph)
        self.status.show_graph(graph)
        if self.diagram is not None and self.diagram is self.scene.diagram:
            self.search.set_diagram(self.diagram, self.state)  # drawn from the cache: now live
        if self._training is not None:
            self._training.show_model(spec, graph)
        else:
            QTimer.singleShot(0, self, lambda: self.training_dock)  # pyqtgraph, behind
        self.model_ready.emit()

    def _failed(self, message: str) -> None:
        self.status.say("")
        self.show_error(message)

    def choose_model_file(self) -> None:
        self.user_code.choose_file(self, self.settings)

    def open_model_file(self, path: str) -> None:
        """Run the file to list its models; the model the user picks opens."""
        self.user_code.open_file(path, self, self.settings)

    @property
    def user_dialog(self) -> UserModelDialog | None:
        return self.user_code.dialog

    # the diagram ----------------------------------------------------------------------------
    def _show_diagram(self, diagram: Diagram, focus: str | None, first: bool) -> None:
        """Draw ``diagram``: a first view fitted, a new layout of the same model at the same
        zoom (round ``focus``, the block just opened or closed), a new theme where it was."""
        kept = self.view.view_state()
        self.view.clear_highlights()
        self.scene.set_diagram(diagram, self.diagram_theme, self.shapes_action.isChecked())
        self.view.setBackgroundBrush(self.scene.backgroundBrush())
        self.view.diagram_changed()
        self.search.set_diagram(diagram, self.state)
        item = self.scene.item_for(focus) if focus else None
        if first:
            self.view.show_first_view(item)
        elif item is not None:
            self.view.set_zoom(kept[0])
            self.view.centerOn(item)
        else:
            self.view.restore_view(kept)
        self.diagram_shown.emit()

    def _depth_changed(self, depth: int) -> None:
        self.session.change_expansion(lambda s: s.set_depth(depth) if depth >= 0 else s.reset())

    # the Train panel --------------------------------------------------------------------
    @property
    def training_dock(self) -> TrainingDock:
        """The Train panel, built on first use (pyqtgraph loads then, not at start)."""
        if self._training is None:
            from gui.training import TrainingDock

            dock = TrainingDock(self.scene, self.settings, self)
            self._training = dock
            self.docks.adopt(dock, RIGHT, tab_with=self.inspector_dock, action=self.train_action)
            dock.error.connect(self.show_error)
            dock.library_requested.connect(lambda: self.runs_dock.show_library())
            dock.model_wanted.connect(lambda name: self.open_model(name))
            self.diagram_shown.connect(dock.diagram_redrawn)
            if self.spec is not None and self.graph is not None:
                dock.show_model(self.spec, self.graph)
        return self._training

    @property
    def runs_dock(self) -> RunsDock:
        """The run library, built on first use, under the diagram."""
        if self._runs is None:
            from gui.runs_dock import RunsDock

            self._runs = RunsDock(self.training_dock, self)
            self._runs.error.connect(self.show_error)
            self.docks.adopt(self._runs, BOTTOM, action=self.runs_action)
        return self._runs

    def follow_run(self) -> None:
        """File ▸ Follow run…: draw a run that another process writes."""
        self.training_dock.following.choose()

    # export, errors, help -------------------------------------------------------------------
    def open_export_dialog(self, ident: str | None = None) -> None:
        """Export the diagram (or the comparison shown); "Export this…" offers the item as the
        part to export."""
        from gui.export_dialog import ExportDialog

        if self.compare.active:
            self.compare.open_export_dialog()
            return
        if self.diagram is None:
            return
        item = self.scene.item_for(ident) if ident else None
        if item is None and self.scene.selectedItems():
            item = self.scene.selectedItems()[0]
        selection = item.sceneBoundingRect() if item is not None else None
        name = file_stem(self.spec.name) if self.spec else "model"
        self.export_dialog = ExportDialog(
            self.diagram,
            self.view.visible_scene_rect(),
            selection,
            self.diagram_theme,
            name,
            self.settings,
            self,
        )
        if ident is not None and selection is not None:
            self.export_dialog.set_scope("selection")
        self.export_dialog.open()

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
        self.session.tensor_stats(
            module_path,
            lambda rows: self.inspector.show_tensor_stats(module_path, rows),
            self.show_error,
            self.compare.inspected_spec(),  # a compared model's, when comparing
        )

    def show_shortcuts(self) -> None:
        from gui.shortcuts import ShortcutsDialog

        a = self.actions
        menus = (a.file_menu, a.view_menu, a.compare_menu, a.help_menu)
        self.shortcuts_dialog = ShortcutsDialog([a for m in menus for a in menu_actions(m)], self)
        self.shortcuts_dialog.open()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About NetAtlas"),
            self.tr("NetAtlas shows and trains the modern CNNs of Dive into Deep Learning."),
        )
