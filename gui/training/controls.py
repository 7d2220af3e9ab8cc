"""The run's settings and buttons: data set, the network's book preset, device, precision;
Start/Pause/Resume/Stop; a progress bar with ETA and examples per second."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.data import BUILTIN
from models.registry import ModelSpec
from models.training.config import DEFAULT_PRESET, LIVE_CAPTURE_EVERY, PRECISIONS, TrainConfig
from models.training.events import (
    DoneEvent,
    EpochEvent,
    Event,
    PrepareEvent,
    StartEvent,
    StepEvent,
)


def accelerator_choices() -> list[tuple[str, str]]:
    """(value, text) for each GPU, with its own name: asks torch, so it is called once a model
    is open (torch is loaded by then) rather than while the window is being built."""
    import torch

    choices = []
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            choices.append((f"cuda:{i}", f"cuda:{i} — {torch.cuda.get_device_name(i)}"))
    if torch.backends.mps.is_available():
        choices.append(("mps", "mps — Apple GPU"))
    return choices


def format_eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class RateBox(QDoubleSpinBox):
    """A learning rate as people write it (0.9, 0.05, 1e-05): any size from 1e-8, shown in
    as few digits as it needs (four fixed decimals could not take 1e-5 and rounded 3e-4 away);
    the arrows step by a tenth of the value's own magnitude."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(12)  # the value keeps what was typed; the text shows it briefly
        self.setRange(1e-8, 100.0)
        self.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip())
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        stripped = text.strip()
        try:
            value = float(stripped)
        except ValueError:  # a number being typed ("1e-", "0.") may yet become one
            ok = bool(stripped) and all(c in "0123456789.eE+-" for c in stripped)
            state = QValidator.State.Intermediate if ok else QValidator.State.Invalid
            return state, text, pos
        inside = self.minimum() <= value <= self.maximum()
        return (QValidator.State.Acceptable if inside else QValidator.State.Intermediate), text, pos


class TrainControls(QWidget):
    start_clicked = Signal()
    pause_clicked = Signal()
    resume_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = QComboBox()
        self.dataset.setEditable(True)  # a folder of class subfolders may be typed in
        self.dataset.addItems(BUILTIN)
        self.dataset.setCurrentText("synthetic")
        self.lr = RateBox()
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 1000)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 8192)
        self.resize_to = QSpinBox()
        self.resize_to.setRange(0, 1024)
        self.device = QComboBox()
        for value in ("auto", "cpu"):
            self.device.addItem(value, value)
        self._accelerators_listed = False
        self.precision = QComboBox()
        for value in PRECISIONS:
            self.precision.addItem(value, value)
        for combo in (self.dataset, self.device, self.precision):  # narrow docks: no long
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)  # GPU names or folder paths set the width
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(7)]
        fields = (self.dataset, self.lr, self.epochs, self.batch_size, self.resize_to,
                  self.device, self.precision)  # fmt: skip
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        self.start_button, self.pause_button = QPushButton(), QPushButton()
        self.resume_button, self.stop_button = QPushButton(), QPushButton()
        self.buttons = QWidget()
        buttons = QGridLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        for i, button in enumerate(
            (self.start_button, self.pause_button, self.resume_button, self.stop_button)
        ):
            buttons.addWidget(button, 0, i)
        self.start_button.clicked.connect(self.start_clicked)
        self.pause_button.clicked.connect(self.pause_clicked)
        self.resume_button.clicked.connect(self.resume_clicked)
        self.stop_button.clicked.connect(self.stop_clicked)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notes = QLabel()  # what the run adapted or skipped (e.g. unreadable images)
        self.notes.setWordWrap(True)
        self.notes.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.settings = QWidget()  # the form, hidden while the panel follows another's run
        self.settings.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.settings)
        box.addWidget(self.buttons)
        box.addWidget(self.progress)
        box.addWidget(self.status)
        box.addWidget(self.notes)
        self._total_steps = 0
        self._batch = 1
        self._model = ""  # the model Start trains ("" = none open: Start is off)
        self._preset_epochs: int | None = None  # the epochs a preset wrote (else the user's)
        self.state = "idle"
        self.retranslate()
        self.set_state("idle")

    def retranslate(self) -> None:
        texts = (self.tr("Data set"), self.tr("Learning rate"), self.tr("Epochs"),
                 self.tr("Batch size"), self.tr("Resize"), self.tr("Device"),
                 self.tr("Precision"))  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.resize_to.setSpecialValueText(self.tr("keep"))
        for combo in (self.device, self.precision):  # "auto" is a word; the rest are names
            combo.setItemText(combo.findData("auto"), self.tr("auto"))
        self.start_button.setText(self.tr("Start"))
        self.start_button.setToolTip(
            self.tr("Train %s with these settings") % self._model
            if self._model
            else self.tr("Open a model first: Start trains the model on show")
        )
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self._name_stop_button()

    def _name_stop_button(self) -> None:
        """While a stop is pending, the same button ends the training process at once (a
        model whose step never returns cannot stop after its step)."""
        if self.state == "stopping":
            self.stop_button.setText(self.tr("Force stop"))
            self.stop_button.setToolTip(
                self.tr("End the training process now; the run folder keeps the last epoch")
            )
        else:
            self.stop_button.setText(self.tr("Stop"))
            self.stop_button.setToolTip(self.tr("Stop after the current step"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_preset(self, spec: ModelSpec) -> None:
        """Prefill the book's settings of ``spec`` (a default for networks without one)."""
        if not self._accelerators_listed:
            for value, text in accelerator_choices():
                self.device.addItem(text, value)
            self._accelerators_listed = True
        preset = spec.preset or DEFAULT_PRESET
        self.lr.setValue(preset.lr)
        if self._preset_epochs is None or self.epochs.value() == self._preset_epochs:
            self.epochs.setValue(preset.epochs)  # epochs the user typed stay for the next model
        self._preset_epochs = self.epochs.value()
        self.batch_size.setValue(preset.batch_size)
        self.resize_to.setValue(preset.resize or 0)

    def show_config(self, config: TrainConfig) -> None:
        """Show a run's own settings (a resumed run goes on with them, whatever the form
        said); the next model's preset replaces them as usual."""
        self.dataset.setCurrentText(config.dataset)
        self.lr.setValue(config.lr or self.lr.value())
        self.epochs.setValue(config.epochs or self.epochs.value())
        self._preset_epochs = self.epochs.value()
        self.batch_size.setValue(config.batch_size or self.batch_size.value())
        self.resize_to.setValue(config.resize or 0)

    def set_model(self, name: str) -> None:
        """The model Start trains (the window's)."""
        self._model = name
        self.set_state(self.state)
        self.retranslate()

    def config(self, model: str) -> TrainConfig:
        return TrainConfig(
            model=model,
            dataset=self.dataset.currentText().strip() or "synthetic",
            lr=self.lr.value(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            resize=self.resize_to.value(),
            device=str(self.device.currentData()),
            precision=str(self.precision.currentData()),
            capture_every=LIVE_CAPTURE_EVERY,
        )

    def _show_notes(self, notes: tuple[str, ...]) -> None:
        """The first note, and how many more (all of them in the tooltip)."""
        self.notes.setVisible(bool(notes))
        if not notes:
            return
        more = self.tr(" (and %n more)", "", len(notes) - 1) if len(notes) > 1 else ""
        self.notes.setText(f"ⓘ {notes[0]}{more}")
        self.notes.setToolTip("\n".join(notes))

    def set_state(self, state: str) -> None:
        """ "idle", "running", "paused", "stopping" or "following" (another process's run:
        neither the form nor the buttons are for it, and their room goes to the plots)."""
        self.state = state
        self.settings.setVisible(state != "following")
        self.buttons.setVisible(state != "following")
        self.start_button.setEnabled(state == "idle" and bool(self._model))
        self.pause_button.setEnabled(state == "running")
        self.resume_button.setEnabled(state == "paused")
        self.stop_button.setEnabled(state in ("running", "paused", "stopping"))
        self._name_stop_button()
        for field in (self.dataset, self.lr, self.epochs, self.batch_size, self.resize_to,
                      self.device, self.precision):  # fmt: skip
            field.setEnabled(state == "idle")

    def show_event(self, event: Event) -> None:
        """Progress, ETA and speed from the trainer's events."""
        if isinstance(event, PrepareEvent):
            self.status.setText(
                self.tr("Generating the built-in data set… %1 %").replace(
                    "%1", f"{100 * event.fraction:.0f}"
                )
                if event.stage == "data" and event.fraction < 1
                else self.tr("Building the model…")
            )
        elif isinstance(event, StartEvent):
            epochs = int(event.config["epochs"])
            self._total_steps = max(1, event.steps_per_epoch * epochs)
            self._batch = int(event.config["batch_size"])
            self.status.setText(self.tr("Training on %s…") % event.device)
            self._show_notes(event.notes)
        elif isinstance(event, StepEvent):
            self.progress.setValue(round(1000 * min(1.0, event.step / self._total_steps)))
            left = (self._total_steps - event.step) * self._batch
            eta = format_eta(left / max(event.examples_per_sec, 1e-9))
            self.status.setText(
                self.tr("epoch %1 · ETA %2 · %3 examples/s")
                .replace("%1", str(event.epoch))
                .replace("%2", eta)
                .replace("%3", f"{event.examples_per_sec:,.0f}")
            )
        elif isinstance(event, EpochEvent):
            self.status.setText(
                self.tr("epoch %1/%2 · loss %3 · train acc %4 · test acc %5")
                .replace("%1", str(event.epoch))
                .replace("%2", str(event.epochs))
                .replace("%3", f"{event.train_loss:.3f}")
                .replace("%4", f"{event.train_acc:.3f}")
                .replace("%5", f"{event.test_acc:.3f}")
            )
        elif isinstance(event, DoneEvent) and event.reason == "completed":
            self.progress.setValue(self.progress.maximum())
        if isinstance(event, DoneEvent) and event.examples_per_sec:
            self.status.setToolTip(
                self.tr("%1 examples/s on %2; steps: %3")
                .replace("%1", f"{event.examples_per_sec:,.0f}")
                .replace("%2", event.device)
                .replace("%3", event.steps)
            )
