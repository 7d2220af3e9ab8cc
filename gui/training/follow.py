"""*File ▸ Follow run…* (the window's ``follow_run``) and ``main.py gui --follow DIR``: the Train
panel draws a run that another process writes (``main.py train`` in a terminal, torchrun on a
server, a cluster job), seen through a shared or synced folder.

The reading is :class:`models.training.follow.RunFollower` (no Qt); here it is polled when the
file system says the folder changed (``QFileSystemWatcher``) and on a timer at the follower's
own pace, since network file systems do not notify. Its events go to the panel exactly as a run
of its own would send them, so the curves, BN plots and gradient overlay are the same; a bar
above the plots says where the run is and ends the following. A run of a registry model opens
that model (the dock asks the window, ``model_wanted``); a run of the user's own file does not
run the file (the user opens it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.registry import is_user_reference
from models.training.events import Event, StartEvent
from models.training.follow import (
    ENDED,
    FAILED,
    FINISHED,
    NO_RUN,
    NOT_A_RUN,
    OUT_OF_REACH,
    QUIET,
    RESTARTED,
    RUNNING,
    STOPPED,
    WAITING,
    FollowStatus,
    RunFollower,
)
from models.training.model_runs import ModelRun

if TYPE_CHECKING:
    from gui.training.dock import TrainingDock

NOTIFIED_MS = 100  # a notification polls this soon (a writer's burst of changes comes as one)


class FollowedRun(QObject):
    """A :class:`RunFollower` driven by file-system notifications and a timer; what it reads
    arrives as signals in the GUI thread."""

    event = Signal(object)  # a models.training.events event
    status = Signal(object)  # a FollowStatus

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.follower = RunFollower(folder, self._deliver)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._notified)
        self.watcher.fileChanged.connect(self._notified)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll)

    @property
    def folder(self) -> Path:
        return self.follower.folder

    def start(self) -> None:
        self.poll()

    def stop(self) -> None:
        self.timer.stop()
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)

    def poll(self) -> None:
        self.follower.poll()
        # watch what exists now (a folder that came back, a log that was replaced)
        wanted = {str(p) for p in self.follower.watched_paths()}
        missing = wanted - set(self.watcher.files() + self.watcher.directories())
        if missing:
            self.watcher.addPaths(sorted(missing))
        self.timer.start(round(1000 * self.follower.next_poll_s))

    def _notified(self, _path: str) -> None:
        if self.timer.remainingTime() > NOTIFIED_MS or not self.timer.isActive():
            self.timer.start(NOTIFIED_MS)

    def _deliver(self, item: Event | FollowStatus) -> None:
        (self.status if isinstance(item, FollowStatus) else self.event).emit(item)


class RunFollowing(QObject):
    """The panel's following of one run folder at a time: the menu action, the bar, and the
    hand-over of the followed run's events to the panel."""

    state_changed = Signal(str)  # WAITING, RUNNING, FINISHED, STOPPED or FAILED

    def __init__(self, dock: TrainingDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.run: FollowedRun | None = None
        self.status = FollowStatus(WAITING)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.summary = QLabel()  # the run's settings, in place of the form
        self.summary.setWordWrap(True)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop)
        self.bar = QWidget()
        column = QVBoxLayout(self.bar)
        column.setContentsMargins(4, 0, 4, 0)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.stop_button)
        column.addLayout(row)
        column.addWidget(self.summary)
        self.bar.hide()
        self.retranslate()
        dock.installEventFilter(self)  # for the language change

    @property
    def active(self) -> bool:
        return self.run is not None

    def retranslate(self) -> None:
        self.stop_button.setText(self.tr("Stop following"))
        self._show_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.dock, self.tr("Run folder to follow"), str(self.dock.runs_root)
        )
        if folder:
            self.follow(folder)

    def follow(self, folder: str | Path) -> bool:
        """Follow ``folder`` (it may not hold a run yet); False while the panel trains."""
        dock = self.dock
        if dock.run is not None:
            dock.error.emit(
                self.tr("A run is training in this window: stop it before following another.")
            )
            return False
        self.stop()
        self.run = FollowedRun(Path(folder), self)
        self.run.event.connect(self._on_event)
        self.run.status.connect(self._on_status)
        dock.folder_row.show_run(self.run.folder)
        dock.controls.set_state("following")  # the form and the run buttons are not for it
        dock.controls.progress.setValue(0)
        dock.controls.status.setText("")
        self.status = FollowStatus(WAITING)
        self.summary.setText("")
        self.bar.show()
        self._show_status()
        dock.show_panel()
        self.run.start()
        return True

    def stop(self) -> None:
        if self.run is None:
            return
        run, self.run = self.run, None
        run.stop()
        run.deleteLater()
        self.dock.live = None
        self.bar.hide()
        self.dock.controls.set_state("idle")

    def _on_event(self, event: Event) -> None:
        dock = self.dock
        if isinstance(event, StartEvent):
            model = str(event.config["model"])
            if dock.live is None or dock.live.model != model:  # else: the same run, resumed
                folder = self.run.folder if self.run else None
                dock.live = dock.runs[model] = ModelRun(model, folder)
            self.summary.setText(self._summary(event.config))
            self._open_model(model)
        if dock.live is not None:
            dock.take_event(event)

    def _open_model(self, model: str) -> None:
        """Show the run's model: a registry model opens; the user's own file is named, not run
        (its code runs only when the user opens it)."""
        if self.dock.spec is not None and self.dock.spec.name == model:
            return
        if is_user_reference(model):
            self.summary.setText(
                self.summary.text()
                + "\n"
                + self.tr("This run trains your file: open it to see the run on its diagram.")
            )
            return
        self.dock.model_wanted.emit(model)

    def _on_status(self, status: FollowStatus) -> None:
        self.status = status
        if status.restarted:  # a resumed writer: the run's events come again from the start
            self.dock.live = None
        if status.state in ENDED:
            self.dock.plots.refresh()
            self.dock.bn_view.refresh()
        self._show_status()
        self.state_changed.emit(status.state)

    def _show_status(self) -> None:
        status = self.status
        texts = {
            WAITING: self.tr("Waiting for the run"),
            RUNNING: self.tr("Run in progress"),
            FINISHED: self.tr("Run finished"),
            STOPPED: self.tr("Run stopped"),
            FAILED: self.tr("Run stopped with an error"),
        }
        reasons = {
            NO_RUN: self.tr("no run in this folder yet"),
            OUT_OF_REACH: self.tr("the folder is out of reach; waiting for it to come back"),
            NOT_A_RUN: self.tr("its config.json is not a run's settings"),
            RESTARTED: self.tr("the run was restarted; reading it again"),
            QUIET: self.tr("no new record for %1 min").replace("%1", str(status.quiet_min)),
        }
        detail = reasons.get(status.reason, status.detail)  # a failed run: its own line
        if status.reason == NOT_A_RUN and status.detail:
            detail += f" ({status.detail})"  # what is wrong in it, as the file's check says
        text = texts[status.state] + (f": {detail}" if detail else "")
        if status.damaged:
            text += " · " + self.tr("%n damaged line(s) of the log skipped", "", status.damaged)
        self.label.setText(f"◉ {text}")
        self.label.setToolTip(str(self.run.folder) if self.run is not None else "")

    def _summary(self, config: dict) -> str:
        """One line of the followed run's settings, as its config.json gives them."""
        lr, ranks, epochs = config.get("lr"), config.get("world_size") or 1, config.get("epochs")
        parts = [
            f"{config.get('model')} · {config.get('dataset')}",
            self.tr("1 epoch") if epochs == 1 else self.tr("%1 epochs").replace("%1", str(epochs)),
            self.tr("batch %1").replace("%1", str(config.get("batch_size"))),
            f"lr {lr:g}" if isinstance(lr, int | float) else "",
            str(config.get("device_used") or config.get("device", "")),
            self.tr("%1 processes").replace("%1", str(ranks)) if ranks > 1 else "",
        ]
        return " · ".join(p for p in parts if p)
