"""The "Train" dock: settings and controls, live curves, BN statistics, the gradient overlay,
run comparison and exports, driven by the trainer's events.

A small interface to the window, which docks it: it is given the diagram ``scene`` (clicking a
BN box selects it in the BN plots; marks are drawn there) and the settings; the window calls
:meth:`show_model` when a model is ready, :meth:`diagram_redrawn` after each drawing and
:meth:`shutdown` when it closes; the dock reports failures through ``error`` and asks for a
followed run's model through ``model_wanted``.

A run belongs to the model it trained (:class:`models.training.model_runs.ModelRun`): its curves, BN
statistics, gradient tint and tracked BN layer are shown with that model only, matched by module
path, and come back when the model does. Another model shows its own last run, or nothing.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from errors import NetAtlasError
from gui.diagram import KIND, DiagramScene
from gui.docks import scrolling
from gui.i18n import current_language
from gui.training.activations import ActivationsView
from gui.training.bnview import BNView
from gui.training.bridge import TrainingRun, dismiss_standby, standby_child
from gui.training.controls import TrainControls
from gui.training.export import export_plots
from gui.training.follow import RunFollowing
from gui.training.overlay import DiagramMarks, colour_scale
from gui.training.plots import SMOOTHING, CurvePlots
from gui.training.runfolder import RunFolderRow
from gui.view import item_identity
from models.files import write_atomic
from models.training.acthistory import ActHistory
from models.training.bnhistory import BNHistory
from models.training.curves import RunCurves, read_run
from models.training.events import ActEvent, BNEvent, ErrorEvent, Event, GradEvent, StartEvent
from models.training.library import saved_config
from models.training.model_runs import ModelRun
from models.training.runs import holds_run, new_run_dir, release_run_dir, runs_root
from models.training.start import check_start
from netgraph.layout.names import layer_title

if TYPE_CHECKING:
    from models.data import ImageSet
    from models.registry import ModelSpec
    from models.training.config import TrainConfig
    from netgraph.model import NetGraph

OVERLAY_MS = 250  # gradient colours refresh a few times a second
DOCK_WIDTH = 440
TABS_MIN_H = 220
CURVES_EXPORT_H = 600  # the curves' height in an export (the BN plots keep their own)
ACTIVATIONS_EXPORT_H = 280


class TrainingDock(QDockWidget):
    run_started = Signal(str)  # run folder
    run_finished = Signal(str)  # run folder; after any failure message
    event_received = Signal(object)  # every trainer event, after the panel took it in
    error = Signal(str)  # a failure the user must read (the window shows it)
    library_requested = Signal()  # the Runs… button: show the run library
    model_wanted = Signal(str)  # a followed run's model, for the window to open

    def __init__(self, scene: DiagramScene, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.scene, self.settings = scene, settings
        self.setObjectName("training")
        self._runs_root = runs_root()
        self.run: TrainingRun | None = None
        self.run_dir: Path | None = None
        self._claimed: Path | None = None  # the new run's folder, until the run is over
        self.last_error = ""
        self.spec: ModelSpec | None = None  # the model on show in the window
        self.graph: NetGraph | None = None
        self._model = ""  # the model whose preset the form holds
        self.runs: dict[str, ModelRun] = {}  # each model's last run
        self.live: ModelRun | None = None  # the run in progress
        self.shown: ModelRun | None = None  # the run whose statistics are on show
        self.shown_model = ""  # the window's model, as the panel last saw it
        self._shown_graph: object = None  # and its graph (a reopened file may differ)
        self._tracked: dict[str, str] = {}  # model -> the BN layer followed in its plots
        self._activation_layer = ""  # the module path the Activations tab shows
        self.marks = DiagramMarks(scene)
        self.controls = TrainControls()
        self.folder_row = RunFolderRow(self._runs_root)
        self.following = RunFollowing(self)  # File ▸ Follow run…: a run another process writes
        self.plots = CurvePlots()
        self.bn_view = BNView()
        self.activations = ActivationsView()
        self.overlay = QCheckBox()
        self.grad_range = QLabel()  # the colour bar: low [viridis] high (log)
        self.grad_low = QLabel()
        self.grad_bar = QLabel()
        self.grad_bar.setPixmap(colour_scale(90, 10))
        self.compare_button, self.export_plots_button = QPushButton(), QPushButton()
        self.export_csv_button = QPushButton()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plots, "")
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.bn_view)
        self.tabs.addTab(scroller, "")
        self.activations_tab = scrolling(self.activations)
        self.tabs.addTab(self.activations_tab, "")
        self.tabs.currentChanged.connect(lambda _i: self._show_activations())
        self.setWidget(scrolling(self._body()))
        self.timer = QTimer(self)
        self.timer.setInterval(OVERLAY_MS)
        self.timer.timeout.connect(self._refresh_overlay)
        self.timer.start()
        self._connect()
        scene.selectionChanged.connect(self._diagram_selection)
        self.plots.set_smoothing(float(settings.value("train/smoothing", SMOOTHING)))
        self.retranslate()
        # a training process waits with torch loaded once the panel is seen: Start is instant
        self.visibilityChanged.connect(lambda visible: standby_child() if visible else None)

    def _body(self) -> QWidget:
        tools = QHBoxLayout()
        for widget in (self.compare_button, self.export_plots_button, self.export_csv_button):
            tools.addWidget(widget)
        overlay_row = QHBoxLayout()
        overlay_row.addWidget(self.overlay)
        overlay_row.addStretch(1)
        overlay_row.addWidget(self.grad_low)
        overlay_row.addWidget(self.grad_bar)
        overlay_row.addWidget(self.grad_range)
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.controls)
        box.addWidget(self.folder_row)
        box.addWidget(self.following.bar)
        box.addLayout(overlay_row)
        self.tabs.setMinimumHeight(TABS_MIN_H)  # the plots stay readable; the panel scrolls
        box.addWidget(self.tabs, 1)
        box.addLayout(tools)
        return body

    def _connect(self) -> None:
        c = self.controls
        c.start_clicked.connect(lambda: self.start())
        c.pause_clicked.connect(self.pause)
        c.resume_clicked.connect(self.resume)
        c.stop_clicked.connect(self.stop)
        self.overlay.toggled.connect(self._overlay_toggled)
        self.bn_view.layer_selected.connect(self._mark_bn)
        self.plots.smoothing_changed.connect(
            lambda weight: self.settings.setValue("train/smoothing", weight)
        )
        self.compare_button.clicked.connect(self.library_requested)
        self.export_plots_button.clicked.connect(self._choose_plot_file)
        self.export_csv_button.clicked.connect(self._choose_csv_file)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Train"))
        self.tabs.setTabText(0, self.tr("Curves"))
        self.tabs.setTabText(1, self.tr("BN statistics"))
        self.tabs.setTabText(2, self.tr("Activations"))
        self.tabs.setTabToolTip(2, self.tr("What the layer selected in the diagram computes"))
        self.overlay.setText(self.tr("Gradient overlay"))
        self.overlay.setToolTip(self.tr("Colour each layer by its gradient norm (log scale)"))
        self.compare_button.setText(self.tr("Runs…"))
        self.compare_button.setToolTip(self.tr("Every run, to overlay, resume, rename or delete"))
        self.export_plots_button.setText(self.tr("Export plots…"))
        self.export_csv_button.setText(self.tr("Export CSV…"))
        if self.shown_model:
            self._show_model_run()  # its sentences, in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def runs_root(self) -> Path:
        """Where new runs go: the user's data folder, or ``NETATLAS_RUNS_DIR``."""
        return self._runs_root

    @runs_root.setter
    def runs_root(self, folder: Path) -> None:
        self._runs_root = Path(folder)
        if self.run_dir is None:
            self.folder_row.show_root(self._runs_root)

    def show_panel(self, width: int = DOCK_WIDTH) -> None:
        """Bring the dock to the front at a width where the plots are readable (at most half
        the window: the diagram keeps the rest)."""
        self.show()
        self.raise_()
        window = self.parentWidget()
        if isinstance(window, QMainWindow):
            width = min(width, window.width() // 2 - 12)
            window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    # the window's model -------------------------------------------------------------------
    def show_model(self, spec: ModelSpec, graph: NetGraph) -> None:
        """The window shows ``spec``'s ``graph`` now: its preset in the form (unless a run is
        on), its last run in the plots."""
        self.spec, self.graph = spec, graph
        self.controls.set_model(spec.name)
        if spec.name != self._model and self.run is None and not self.following.active:
            self._model = spec.name
            self.controls.set_preset(spec)
        if graph is not self._shown_graph:  # another model, or reopened
            self.shown_model, self._shown_graph = spec.name, graph
            self._show_model_run()
        self.marks.refresh()

    def diagram_redrawn(self) -> None:
        self.marks.refresh()

    def _show_model_run(self) -> None:
        """Show the window's model's last run (or nothing, saying why) in the plots, the BN tab
        and the marks on the diagram: never another model's."""
        graph = self.graph
        name = self.shown_model
        run = self.runs.get(name)
        # the model's modules, not the later calls of a block (ModuleInfo.call_of)
        paths = [p for p, m in graph.modules.items() if not m.call_of] if graph is not None else []
        mismatch = run.mismatch(paths) if run is not None and graph is not None else ""
        self.shown = None if mismatch else run
        self.plots.show_curves(run.curves if run is not None else RunCurves())
        layer = "" if mismatch else self._tracked.get(name, "")
        if self.shown is not None and not layer:  # the first captured, as the list picks it
            layer = next(iter(self.shown.bn.layers), "")
        history = self.shown.bn if self.shown is not None else BNHistory()
        if graph is not None:
            lang = current_language()
            norms = [p for p in paths if "Norm" in graph.modules[p].type_name]
            self.bn_view.set_titles({p: layer_title(graph, p, lang) for p in norms})
        self.bn_view.show_history(history, layer, self._bn_message(run, mismatch))
        self.marks.set_bn_layer(layer)
        self._overlay_toggled(self.overlay.isChecked())
        self._show_activations()
        if self.run is None and not self.following.active:  # the form speaks of the model on show
            self.controls.progress.setValue(0)
            self.controls.status.setToolTip("")
            self.controls.status.setText(
                self.tr("Last run: %1").replace("%1", run.folder.name)
                if run is not None and run.folder is not None
                else ""
            )

    def _bn_message(self, run: ModelRun | None, mismatch: str) -> str:
        """Why the BN tab is empty for the model on show ("" when it is not)."""
        graph, name = self.graph, self.shown_model
        if mismatch:
            return (
                self.tr(
                    "The last run of %1 trained a model with other layers (%2): its statistics "
                    "would land on the wrong boxes. Train it again to see them."
                )
                .replace("%1", name)
                .replace("%2", mismatch)
            )
        kinds = {a["kind"] for _, a in graph.ops.nodes(data=True)} if graph is not None else {}
        if "bn" not in kinds:
            text = self.tr("%1 has no BatchNorm layer: there are no batch statistics to show.")
        elif run is None:
            text = self.tr("No run of %1 yet: train it to see its BatchNorm statistics.")
        else:
            return ""
        return text.replace("%1", name)

    def _diagram_selection(self) -> None:
        if not shiboken6.isValid(self.scene):  # the scene emits this while being deleted
            return
        selected = self.scene.selectedItems()
        found = item_identity(selected[0]) if selected else None
        box = self.scene.diagram.element(found[0]) if found is not None else None
        path = getattr(box, "module_path", "") if box is not None else ""
        if not path:
            return
        self._activation_layer = path.partition("@")[0]  # a later call: the same weights
        self._show_activations()
        if selected[0].data(KIND) == "bn":
            self.bn_view.select_layer(path)

    def _show_activations(self) -> None:
        """The Activations tab follows the selected layer and the run on show (only while
        it is the tab in front: its maps are computed on demand)."""
        if self.tabs.currentWidget() is not self.activations_tab:
            return
        if self.spec is None:
            return
        run = self.shown
        config = None
        if run is not None and run.folder is not None:
            with contextlib.suppress(NetAtlasError):
                config = saved_config(run.folder)
        config = config or self.controls.config(self.spec.name)
        history = run.acts if run is not None else ActHistory()
        folder = run.folder if run is not None else None
        layer = self._activation_layer
        module = self.graph.modules.get(layer) if self.graph is not None and layer else None
        kind = module.type_name if module is not None else ""
        self.activations.show_layer(self.spec, config, folder, layer, history, kind)

    def _mark_bn(self, path: str) -> None:
        self._tracked[self.shown_model] = path
        self.marks.set_bn_layer(path)
        self.marks.refresh()

    def shutdown(self) -> None:
        """Stop a run and wait for it, so its folder is closed before the app exits."""
        self.following.stop()
        if self.run is not None:
            self.run.stop_and_wait()
        dismiss_standby()

    # the run ------------------------------------------------------------------------------
    def start(
        self,
        config: TrainConfig | None = None,
        data: ImageSet | None = None,
        resume: Path | None = None,
    ) -> Path | None:
        """Train the window's model with the form's settings (or ``config``); ``data`` replaces
        loading the config's data set (tests pass a small one); ``resume``: continue the run in
        that folder (``config``: the one it saved)."""
        if self.run is not None or self.following.active:
            return None
        if config is None:
            if self.spec is None:
                return None
            config = self.controls.config(self.spec.name)
            if self.spec.family == "user" and len(self.spec.inputs) == 1:
                # the input its Open dialog gave it (the trainer's default is the same rule)
                config = replace(config, input=self.spec.inputs[0].text())
        try:
            if resume is None:
                check_start(config)  # a start that cannot work claims no folder
            self.run_dir = resume or new_run_dir(config.model, self.runs_root)
        except NetAtlasError as exc:
            self.error.emit(str(exc))
            return None
        self._claimed = None if resume else self.run_dir  # released if the run never begins
        self.folder_row.show_run(self.run_dir)
        self.last_error = ""
        self.live = self.runs[config.model] = ModelRun(config.model, self.run_dir)
        if resume is not None:
            # the epochs before, then the new ones (nothing readable: from here on)
            with contextlib.suppress(NetAtlasError):
                self.live.curves = read_run(resume, finished_epochs=True)
            self.controls.show_config(config)  # the settings it goes on with, not the form's
        if config.model == self.shown_model:
            self._show_model_run()
        self.run = TrainingRun(config, self.run_dir, data, self, resume=resume is not None)
        self.run.event.connect(self.take_event)
        self.run.failed.connect(self._on_failed)
        self.run.finished.connect(self._on_finished)
        self.controls.progress.setValue(0)
        self.controls.status.setText(self.tr("Preparing the data and the model…"))
        self.controls.set_state("running")
        self.run.start()
        self.run_started.emit(str(self.run_dir))
        return self.run_dir

    def pause(self) -> None:
        if self.run is not None:
            self.run.pause()
            self.controls.set_state("paused")
            self.controls.status.setText(self.tr("Paused"))

    def resume(self) -> None:
        if self.run is not None:
            self.run.resume()
            self.controls.set_state("running")

    def stop(self) -> None:
        """Stop after the current step; asked again while stopping, end the process now."""
        if self.run is None:
            return
        if self.controls.state == "stopping":
            self.run.kill()
        else:
            self.run.stop()
            self.controls.set_state("stopping")
            self.controls.status.setText(self.tr("Stopping…"))

    def take_event(self, event: Event) -> None:
        """Keep the event with the live run (its own, or one followed); draw it only if that
        run is the one on show."""
        run = self.live
        if run is None:
            return
        shown = run is self.shown
        if isinstance(event, BNEvent):
            if shown:
                self.bn_view.add(event)  # into the run's history, and the layer list
            else:
                run.bn.add(event)
        elif isinstance(event, ActEvent):
            run.acts.add(event)
            if shown and self.activations.isVisible():
                self.activations.refresh_histograms()
        elif isinstance(event, GradEvent):
            if event.norms:
                run.norms = event.norms
                if shown and self.overlay.isChecked():
                    self.marks.set_norms(event.norms)
        elif not isinstance(event, ErrorEvent):  # the failure arrives as ``failed``
            if isinstance(event, StartEvent):
                run.module_paths = frozenset(event.module_paths)
                if run.model == self.shown_model:
                    self._show_model_run()  # now it is known which layers the run has
            run.curves.add_event(event)
            self.controls.show_event(event)
        self.event_received.emit(event)

    def _on_failed(self, message: str) -> None:
        self.last_error = message
        self.controls.status.setText(message)
        self.error.emit(message)

    def _on_finished(self) -> None:
        run, self.run = self.run, None
        self.live = None
        if run is not None:
            run.deleteLater()
        if self._claimed is not None and not holds_run(self._claimed):  # failed to begin
            release_run_dir(self._claimed)
            self.folder_row.show_root(self._runs_root)
        self._claimed = None
        if run is not None and run.killed:
            self.controls.status.setText(
                self.tr("Training process ended; the run folder keeps the last finished epoch.")
            )
        elif not self.last_error and self.controls.state == "stopping":
            self.controls.status.setText(self.tr("Stopped; the run folder keeps the last epoch."))
        self.controls.set_state("idle")
        self.plots.refresh()
        self.bn_view.refresh()
        self._show_activations()  # its checkpoint: "now" can be shown
        standby_child()  # the next Start finds a process waiting
        self.run_finished.emit(str(self.run_dir))

    # gradient overlay -------------------------------------------------------------------
    def _overlay_toggled(self, on: bool) -> None:
        self.marks.set_norms(self.shown.norms if on and self.shown is not None else {})
        self._refresh_overlay()

    def _refresh_overlay(self) -> None:
        """Draw new norms, or the marks again after the scene was rebuilt."""
        self.marks.refresh()
        shown = self.marks.box_norms
        for widget in (self.grad_low, self.grad_bar, self.grad_range):
            widget.setVisible(bool(shown))
        if shown:
            self.grad_low.setText(self.tr("‖grad‖ %1").replace("%1", f"{min(shown.values()):.2g}"))
            self.grad_range.setText(
                self.tr("%1 (log scale)").replace("%1", f"{max(shown.values()):.2g}")
            )
            self.grad_bar.setToolTip(self.tr("Hover a box for its gradient norm"))

    # compare and export -----------------------------------------------------------------
    def compare_with(self, folder: str | Path) -> None:
        """Overlay the curves of another run folder (named by its folder) on the plots."""
        try:
            curves = read_run(folder)
        except NetAtlasError as exc:
            self.error.emit(str(exc))
            return
        self.plots.compare(Path(folder).name, curves)

    def plot_sections(self) -> list[tuple[object, int]]:
        """What an export holds: the curves, and the BN and activation plots that have
        something to show (never empty axes), each with its height in the picture."""
        sections = [(self.plots.graphics, CURVES_EXPORT_H)]
        bn = self.bn_view
        layer = bn.history.layers.get(bn.current_layer)
        if layer is not None and layer.steps:
            sections.append((bn.graphics, bn.graphics.minimumHeight()))
        if self.activations.history.layers.get(self.activations.layer) is not None:
            sections.append((self.activations.graphics, ACTIVATIONS_EXPORT_H))
        return sections

    def export_plots(self, path: str | Path) -> None:
        """Every plot with something to show, as PNG (2×) or SVG."""
        try:
            export_plots(self.plot_sections(), path)
        except NetAtlasError as exc:
            self.error.emit(str(exc))

    def export_csv(self, path: str | Path) -> None:
        try:
            write_atomic(path, self.plots.curves.to_csv())
        except NetAtlasError as exc:
            self.error.emit(str(exc))

    def choose_compared(self) -> None:
        """Overlay a run folder from anywhere (one outside the runs folder, say)."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Run folder to compare"), str(self.runs_root)
        )
        if folder:
            self.compare_with(folder)

    def _choose_plot_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export plots"), "plots.png", "PNG (*.png);;SVG (*.svg)"
        )
        if path:
            self.export_plots(path)

    def _choose_csv_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export metrics"), "metrics.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)
