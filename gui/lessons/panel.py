"""The *Lesson* panel: one of the chapter's experiments running side by side, with what to watch.

A lesson (:mod:`models.lessons.catalog`) trains its networks at the same time, each in its own
training process and run folder (so the Runs dock lists them afterwards). The panel shows the
narration in the app's language, what was reduced to fit a CPU, each run's progress, both runs'
curves in one pair of plots, and the lesson's own view; *Stop* ends every run after its step.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from errors import NetAtlasError
from gui.i18n import current_language
from gui.lessons.views import (
    BNSummary,
    CostTable,
    EmptyOr,
    GapPlot,
    GradHeatmaps,
    LessonCurves,
)
from gui.training.bridge import TrainingRun
from gui.training.style import is_dark, run_colour
from models.lessons.track import LessonTrack
from models.training.events import EpochEvent, Event, PrepareEvent, StartEvent, StepEvent
from models.training.runs import new_run_dir

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from models.data import ImageSet
    from models.lessons.catalog import Lesson

REDRAW_MS = 150
PANEL_WIDTH = 640


class LessonPanel(QDockWidget):
    event_received = Signal(int, object)  # run number, a trainer event (after it was taken in)
    finished = Signal()  # every run of the lesson has ended

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("lesson")
        self.lesson: Lesson | None = None
        self.full = False
        self.runs: list[TrainingRun | None] = []
        self.tracks: list[LessonTrack] = []
        self.folders: list[Path] = []
        self.errors: list[str] = []
        self.stopping = False
        self.title = QLabel()
        self.title.setObjectName("lessonTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.narration = QLabel()
        self.narration.setWordWrap(True)
        self.scale = QLabel()
        self.scale.setWordWrap(True)
        self.scale.setObjectName("lessonScale")
        self.run_rows = QVBoxLayout()
        self.status: list[QLabel] = []
        self.stop_button, self.again_button = QPushButton(), QPushButton()
        self.stop_button.clicked.connect(self.stop)
        self.again_button.clicked.connect(lambda: self.lesson and self.start(self.lesson))
        self.views = QVBoxLayout()
        self._drawn: list[int] = []
        self.curves: EmptyOr | None = None
        self.view: EmptyOr | None = None
        self.setWidget(self._body())
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.timeout.connect(self.redraw)
        window.installEventFilter(self)
        self.retranslate()

    def _body(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(8, 8, 8, 8)
        for widget in (self.title, self.narration, self.scale):
            box.addWidget(widget)
        box.addLayout(self.run_rows)
        box.addLayout(buttons)
        box.addLayout(self.views, 1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(inner)
        return scroller

    # the lesson ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return any(run is not None for run in self.runs)

    def start(
        self, lesson: Lesson, data: ImageSet | None = None, full: bool | None = None
    ) -> list[Path]:
        """Start every run of ``lesson`` at once (``full``: the book's recipe; default: on a
        GPU); ``data`` replaces the built-in set (tests). Returns the run folders."""
        if self.running:
            return []
        if full is None:
            import torch

            full = torch.cuda.is_available()
        self.lesson, self.full, self.stopping = lesson, full, False
        lang = current_language()
        self.tracks = [LessonTrack(run.name(lang)) for run in lesson.runs]
        self._drawn = [-1] * len(self.tracks)
        self.errors, self.folders, self.runs = [], [], []
        self._build_views()
        self.show()
        self.raise_()
        self.window_.resizeDocks([self], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        root = self.window_.training_dock.runs_root
        for i, config in enumerate(lesson.configs(full)):
            try:
                folder = new_run_dir(config.model, root)
            except NetAtlasError as exc:
                self.window_.show_error(str(exc))
                break
            run = TrainingRun(config, folder, data, self)
            run.event.connect(functools.partial(self._on_event, i))
            run.failed.connect(functools.partial(self._on_failed, i))
            run.finished.connect(functools.partial(self._on_finished, i))
            self.folders.append(folder)
            self.runs.append(run)
            run.start()
        self.timer.start()
        self._update_controls()
        self.retranslate()
        return self.folders

    def stop(self) -> None:
        """Every run stops after its current step."""
        if not self.running:
            return
        self.stopping = True
        for run in self.runs:
            if run is not None:
                run.stop()
        self._update_controls()

    def shutdown(self) -> None:
        for run in self.runs:
            if run is not None:
                run.stop_and_wait()

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def _on_event(self, index: int, event: Event) -> None:
        self.tracks[index].add(event)
        self._show_status(index, event)
        self.event_received.emit(index, event)

    def _on_failed(self, index: int, message: str) -> None:
        self.errors.append(message)
        self.status[index].setText(message)

    def _on_finished(self, index: int) -> None:
        run, self.runs[index] = self.runs[index], None
        if run is not None:
            run.deleteLater()
        if not self.running:
            self.timer.stop()
            self.redraw()
            self._update_controls()
            self.finished.emit()

    # what is shown ------------------------------------------------------------------------
    def _build_views(self) -> None:
        while self.run_rows.count():
            self.run_rows.takeAt(0).widget().deleteLater()
        while self.views.count():
            self.views.takeAt(0).widget().deleteLater()
        lesson, titles = self.lesson, self._titles()
        labels = [track.label for track in self.tracks]
        dark = is_dark(self.palette())
        self.status = []
        for i, label in enumerate(labels):
            row = QLabel()
            row.setWordWrap(True)
            row.setProperty("run", label)
            self.status.append(row)
            self.run_rows.addWidget(row)
            colour = run_colour(i, dark).name()
            row.setStyleSheet(f"QLabel {{ border-left: 4px solid {colour}; padding-left: 6px; }}")
        self.curves = EmptyOr(LessonCurves(labels, titles))
        watch = lesson.watch
        if watch == "bn":
            widget = BNSummary(titles)
        elif watch == "grads":
            widget = GradHeatmaps(labels, titles)
        elif watch == "gap":
            widget = GapPlot(labels, titles)
        else:
            widget = CostTable(labels, [self.tr("network"), self.tr("MACs"), self.tr("params"),
                                        self.tr("test acc"), self.tr("ex/s")])  # fmt: skip
            self._measure_costs(widget)
        self.view = EmptyOr(widget)
        for holder in (self.curves, self.view):
            holder.show_message(self.tr("Preparing the data and the networks…"))
            self.views.addWidget(holder, 1)
        if watch == "macs":
            self.view.show_widget()  # the costs are known before any step

    def _measure_costs(self, table: CostTable) -> None:
        """MACs and parameters from each network's traced graph (one image)."""
        from models.registry import get_spec
        from netgraph import build_graph
        from netgraph.formatting import format_count, format_macs

        for row, run in enumerate(self.lesson.runs):
            graph = build_graph(get_spec(run.model))
            table.set_cost(row, format_macs(graph.total_macs), format_count(graph.total_params))

    def redraw(self) -> None:
        """Draw what changed since the last redraw (a few times a second at most)."""
        if self.curves is None or [t.revision for t in self.tracks] == self._drawn:
            return
        self._drawn = [t.revision for t in self.tracks]
        if any(len(t.curves.series["train_loss"]) for t in self.tracks):
            self.curves.show_widget()
            self.curves.widget.draw(self.tracks)
        view, watch = self.view.widget, self.lesson.watch
        if watch == "bn":
            if view.draw(self.tracks):
                self.view.show_widget()
                self.view.setToolTip(self.tr("BN layer %1").replace("%1", view.layer))
            elif self.view.empty:
                self.view.show_message(self.tr("The BN statistics appear with the first steps."))
        elif watch == "grads":
            if any(t.grads for t in self.tracks):
                self.view.show_widget()
                view.draw(self.tracks)
        elif watch == "gap":
            if any(len(t.curves.series["test_acc"]) for t in self.tracks):
                self.view.show_widget()
                view.draw(self.tracks)
            else:
                self.view.show_message(self.tr("The gap is measured after each epoch."))
        else:
            view.draw(self.tracks)

    def _show_status(self, index: int, event: Event) -> None:
        label, row = self.tracks[index].label, self.status[index]
        if isinstance(event, PrepareEvent):
            row.setText(self.tr("%1: preparing…").replace("%1", label))
        elif isinstance(event, StartEvent):
            row.setText(self.tr("%1: training on %2…").replace("%1", label)
                        .replace("%2", event.device))  # fmt: skip
        elif isinstance(event, StepEvent):
            row.setText(
                self.tr("%1: epoch %2 · loss %3 · train acc %4")
                .replace("%1", label)
                .replace("%2", str(event.epoch))
                .replace("%3", f"{event.mean_loss:.3f}")
                .replace("%4", f"{event.mean_acc:.3f}")
            )
        elif isinstance(event, EpochEvent):
            row.setText(
                self.tr("%1: epoch %2/%3 · train acc %4 · test acc %5")
                .replace("%1", label)
                .replace("%2", str(event.epoch))
                .replace("%3", str(event.epochs))
                .replace("%4", f"{event.train_acc:.3f}")
                .replace("%5", f"{event.test_acc:.3f}")
            )

    def _update_controls(self) -> None:
        running = self.running
        self.stop_button.setEnabled(running and not self.stopping)
        self.stop_button.setText(self.tr("Stopping…") if self.stopping and running
                                 else self.tr("Stop"))  # fmt: skip
        self.again_button.setEnabled(not running and self.lesson is not None)

    def _titles(self) -> dict[str, str]:
        return {
            "acc": self.tr("Test accuracy"), "loss": self.tr("Training loss"),
            "epoch": self.tr("epoch"), "accuracy": self.tr("accuracy"),
            "loss_axis": self.tr("loss"), "step": self.tr("step"), "layer": self.tr("layer"),
            "log_norm": self.tr("log₁₀ ‖grad‖"), "value": self.tr("value"),
            "bn_input": self.tr("First BN layer: input"),
            "running_mean": self.tr("Running mean"), "running_var": self.tr("Running var"),
            "running_mean_all": self.tr("running mean (channel average)"),
            "running_var_all": self.tr("running var (channel average)"),
            "input_mean": self.tr("input mean"), "input_std": self.tr("input std"),
            "gap": self.tr("Train − test accuracy"), "gap_axis": self.tr("gap"),
        }  # fmt: skip

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Lesson"))
        self.stop_button.setToolTip(self.tr("Stop every run of the lesson after its step"))
        self.again_button.setText(self.tr("Run again"))
        self._update_controls()
        if self.lesson is None:
            self.title.setText(self.tr("Choose a lesson from the Lessons menu."))
            return
        lang = current_language()
        self.title.setText(f"§{self.lesson.section} {self.lesson.text('title', lang)}")
        self.narration.setText(self.lesson.text("narration", lang))
        self.scale.setText("ⓘ " + self.lesson.scale_note(self.full, lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
