"""The *Runs* dock: the run library as a sortable table, with any runs overlaid on the curves.

Rows come from :mod:`models.training.library` (the folder's own files, no torch). Ticking a
run's box overlays its curves on the Train panel's plots, each run in its own colour and named
in the legends; *Open folder*, *Rename*, *Delete* (to the trash, or for good after a
confirmation where there is no trash) and *Resume* act on the selected run. The table follows
the runs folder: a run started, finished, renamed or deleted elsewhere shows within a second.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QFile,
    QFileSystemWatcher,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from errors import NetAtlasError
from models.training.curves import read_run
from models.training.library import (
    COLUMNS,
    RunSummary,
    delete_run,
    rename_run,
    saved_config,
    scan_runs,
    trash_run,
)

if TYPE_CHECKING:
    from gui.training import TrainingDock

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # numbers sort as numbers, times as times
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2
RESCAN_MS = 400  # a burst of file changes (a run writing its log) is one rescan


def _sort_key(run: RunSummary, key: str) -> object:
    if key == "epochs":
        return run.epochs_done
    value = getattr(run, key)
    if isinstance(value, float) and math.isnan(value):
        return -math.inf  # unknown numbers sort below every known one
    return value


MAX_EPOCHS = 1_000_000  # as a run's config accepts them


class RunsDock(QDockWidget):
    """The window docks it (under the diagram) and shows ``error``; it overlays runs on
    ``training``'s plots and resumes them there."""

    error = Signal(str)  # a failure the user must read (the window shows it)

    def __init__(self, training: TrainingDock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.training = training
        self.setObjectName("runs")
        self.runs: dict[str, RunSummary] = {}  # by folder path
        self.overlaid: set[str] = set()  # folder paths whose curves are on the plots
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.itemChanged.connect(self._item_changed)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index(("started", "started")), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.toggle_overlay(self.selected()))
        self.empty = QLabel()  # an empty library says where runs will appear
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button, self.rename_button = QPushButton(), QPushButton()
        self.delete_button, self.resume_button = QPushButton(), QPushButton()
        self.other_button = QPushButton()
        self.open_button.clicked.connect(lambda: self.open_folder(self.selected()))
        self.rename_button.clicked.connect(lambda: self._ask_rename(self.selected()))
        self.delete_button.clicked.connect(lambda: self.delete(self.selected()))
        self.resume_button.clicked.connect(lambda: self.resume(self.selected()))
        self.other_button.clicked.connect(training.choose_compared)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.rename_button, self.delete_button,
                       self.resume_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.other_button)
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.table, 1)
        box.addWidget(self.empty, 1)
        box.addLayout(buttons)
        self.setWidget(body)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self._rescan.start())
        self._rescan = QTimer(self)
        self._rescan.setSingleShot(True)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self.refresh)
        training.run_started.connect(lambda _folder: self._rescan.start())
        training.run_finished.connect(lambda _folder: self._rescan.start())
        self.retranslate()
        self.refresh()

    def show_panel(self) -> None:
        """Shown from View ▸ Runs: the table read afresh."""
        self.show_library()

    def show_library(self) -> None:
        self.show()
        self.raise_()
        self.refresh()

    # the table ----------------------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.training.runs_root

    def refresh(self) -> None:
        """Read the runs folder again; ticks, the selection and the sort order survive."""
        chosen = self.selected()
        folders = self.watcher.directories()
        if folders:
            self.watcher.removePaths(folders)
        if self.root.is_dir():
            self.watcher.addPath(str(self.root))
        found = scan_runs(self.root)
        self.runs = {str(run.folder): run for run in found}
        for gone in self.overlaid - set(self.runs):
            self._remove_overlay(gone)
        self.model.blockSignals(True)
        self.model.removeRows(0, self.model.rowCount())
        for run in found:
            self.model.appendRow(self._row(run))
        self.model.blockSignals(False)
        self.proxy.invalidate()
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        if chosen is not None and str(chosen.folder) in self.runs:
            self.select(chosen.folder)
        self._update_buttons()

    def _row(self, run: RunSummary) -> list[QStandardItem]:
        items = []
        words = self._status_words()
        for key, _ in COLUMNS:
            text = words.get(run.status, run.status) if key == "status" else run.cell(key)
            item = QStandardItem(text)
            item.setData(_sort_key(run, key), SORT_ROLE)
            tip = run.problem if key == "status" and run.problem else run.cell(key)
            item.setToolTip(str(run.folder) if key == "name" else tip)
            if key not in ("name", "model", "dataset", "device", "started", "status"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        first = items[0]
        first.setData(str(run.folder), FOLDER_ROLE)
        first.setCheckable(True)
        overlaid = str(run.folder) in self.overlaid
        first.setCheckState(Qt.CheckState.Checked if overlaid else Qt.CheckState.Unchecked)
        first.setToolTip(self.tr("Tick to overlay this run's curves on the Train panel's plots"))
        return items

    def _status_words(self) -> dict[str, str]:
        return {
            "completed": self.tr("completed"), "stopped": self.tr("stopped"),
            "error": self.tr("error"), "running": self.tr("running"),
            "interrupted": self.tr("interrupted"), "unreadable": self.tr("unreadable"),
            "damaged": self.tr("damaged"),
        }  # fmt: skip

    def selected(self) -> RunSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        folder = self.proxy.mapToSource(rows[0]).siblingAtColumn(0).data(FOLDER_ROLE)
        return self.runs.get(folder)

    def select(self, folder: Path) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(FOLDER_ROLE) == str(folder):
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def _update_buttons(self) -> None:
        run = self.selected()
        running = run is not None and run.status == "running"
        for button in (self.open_button, self.rename_button, self.delete_button):
            button.setEnabled(run is not None and (button is self.open_button or not running))
        training = self.training.run is not None
        further = run is not None and run.finished
        self.resume_button.setEnabled(
            run is not None and (run.resumable or further) and not training
        )
        self.resume_button.setText(self.tr("Train further…") if further else self.tr("Resume"))

    # overlays -----------------------------------------------------------------------------
    def _item_changed(self, item: QStandardItem) -> None:
        if item.column() != 0:
            return
        folder = item.data(FOLDER_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self._add_overlay(folder)
        else:
            self._remove_overlay(folder)

    def set_overlaid(self, folder: Path, on: bool) -> None:
        """Tick or untick a run's box (what a click does)."""
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 0)
            if item.data(FOLDER_ROLE) == str(folder):
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def toggle_overlay(self, run: RunSummary | None) -> None:
        if run is not None:
            self.set_overlaid(run.folder, str(run.folder) not in self.overlaid)

    def _add_overlay(self, folder: str) -> None:
        try:
            curves = read_run(folder)
        except NetAtlasError as exc:
            self.error.emit(str(exc))
            self.set_overlaid(Path(folder), False)
            return
        self.overlaid.add(folder)
        self.training.plots.compare(Path(folder).name, curves)

    def _remove_overlay(self, folder: str) -> None:
        self.overlaid.discard(folder)
        self.training.plots.remove_compared(Path(folder).name)

    # actions ------------------------------------------------------------------------------
    def open_folder(self, run: RunSummary | None) -> bool:
        return run is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(run.folder)))

    def _ask_rename(self, run: RunSummary | None) -> None:
        if run is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename run"), self.tr("New name of the run folder:"), text=run.name
        )
        if ok and name.strip() and name.strip() != run.name:
            self.rename(run, name)

    def rename(self, run: RunSummary, name: str) -> Path | None:
        overlaid = str(run.folder) in self.overlaid
        try:
            target = rename_run(run.folder, name)
        except NetAtlasError as exc:
            self.error.emit(str(exc))
            return None
        if overlaid:  # the curves follow their run under its new name
            self._remove_overlay(str(run.folder))
            self.overlaid.add(str(target))
            self._add_overlay(str(target))
        self.refresh()
        self.select(target)
        return target

    def delete(self, run: RunSummary | None, confirm: bool = True) -> bool:
        """Move the run folder to the trash; where there is none, delete it for good after a
        confirmation (``confirm=False``: without asking, for tests)."""
        if run is None:
            return False
        self._remove_overlay(str(run.folder))
        if run.status == "running":
            self.error.emit(self.tr("%1 is still training: stop it first.").replace(
                "%1", run.name))  # fmt: skip
            return False
        try:
            trashed = trash_run(run.folder) is not None or QFile(str(run.folder)).moveToTrash()
        except NetAtlasError as exc:
            self.error.emit(str(exc))
            return False
        if not trashed:
            if (
                confirm
                and QMessageBox.question(
                    self,
                    self.tr("Delete run"),
                    self.tr(
                        "There is no trash here: delete %1 and all its files for good?"
                    ).replace("%1", str(run.folder)),
                )
                != QMessageBox.StandardButton.Yes
            ):
                return False
            try:
                delete_run(run.folder)
            except NetAtlasError as exc:
                self.error.emit(str(exc))
                return False
        self.refresh()
        return True

    def resume(self, run: RunSummary | None, epochs: int | None = None) -> Path | None:
        """Continue the run in its own folder on the Train panel; a run that finished its
        epochs trains further, to ``epochs`` in all (asked for when not given)."""
        if run is None:
            return None
        try:
            config = saved_config(run.folder)
        except NetAtlasError as exc:
            self.error.emit(str(exc))
            return None
        if run.finished:
            if epochs is None:
                epochs, chosen = QInputDialog.getInt(
                    self,
                    self.tr("Train further"),
                    self.tr("%1 has trained its %2 epochs. Train it to how many in all?")
                    .replace("%1", run.name)
                    .replace("%2", str(run.epochs_done)),
                    run.epochs_done + max(1, run.epochs_done),
                    run.epochs_done + 1,
                    MAX_EPOCHS,
                )
                if not chosen:
                    return None
            config = replace(config, epochs=max(epochs, run.epochs_done + 1))
        training = self.training
        training.show_panel()
        if training.spec is None or training.spec.name != config.model:
            # the run goes on beside its own model's diagram, curves and settings (resuming
            # runs the model's code anyway: a user's file is opened as the user asked)
            training.model_wanted.emit(config.model)
        started = training.start(config, resume=run.folder)
        self._update_buttons()
        return started

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Runs"))
        headers = {
            "name": self.tr("run"), "model": self.tr("model"), "dataset": self.tr("data set"),
            "lr": self.tr("lr"), "batch_size": self.tr("batch"), "epochs": self.tr("epochs"),
            "train_acc": self.tr("train acc"), "test_acc": self.tr("test acc"),
            "examples_per_sec": self.tr("ex/s"), "device": self.tr("device"),
            "started": self.tr("started"), "status": self.tr("status"),
        }  # fmt: skip
        self.model.setHorizontalHeaderLabels([headers[key] for key, _ in COLUMNS])
        self.empty.setText(
            self.tr(
                "No runs in %1 yet. Train a model on the Train panel or start a lesson: "
                "its runs appear here."
            ).replace("%1", str(self.root))  # fmt: skip
        )
        self.open_button.setText(self.tr("Open folder"))
        self.rename_button.setText(self.tr("Rename…"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Move the run folder to the trash"))
        self.other_button.setText(self.tr("Overlay folder…"))
        self.other_button.setToolTip(self.tr("Overlay a run folder from anywhere"))
        self.resume_button.setText(self.tr("Resume"))
        self.resume_button.setToolTip(
            self.tr("Continue the run from its last finished epoch, in its own folder")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
