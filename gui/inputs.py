"""What a model is fed, set in the app: one box per positional input of its ``forward``.

Each box takes an input as ``--input`` does (``3,224,224``, ``3,16,112,112``, ``128``,
``int:128``, ``int:128/30522``) and says at once when the text is not one; "＋" adds a box for
the next argument ``forward`` also takes, "−" removes the last one the model does not need.
``InputDialog`` (File ▸ Input…, Ctrl+I) re-traces the model shown with other inputs; the inputs
last chosen in a dialog are remembered per model (settings ``model/inputs``) and fed again when
it is reopened by name. :class:`ModelInputs` is the window's side of it, and of File ▸ Reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.inputs import INPUT_SYNTAX, InputSpec, InputSyntaxError, as_inputs, parse_input

if TYPE_CHECKING:
    from gui.main_window import MainWindow

INPUTS_KEY = "model/inputs"  # model name -> the texts of the inputs last chosen for it


def remembered_inputs(settings: QSettings, name: str) -> list[InputSpec] | None:
    """The inputs ``name`` was last opened with from a dialog, if any (and still readable)."""
    texts = (settings.value(INPUTS_KEY, {}) or {}).get(name)
    try:
        return [parse_input(t) for t in texts] if texts else None
    except (InputSyntaxError, TypeError):
        return None


def remember_inputs(settings: QSettings, name: str, inputs: Sequence[InputSpec]) -> None:
    known = dict(settings.value(INPUTS_KEY, {}) or {})
    known[name] = [i.text() for i in inputs]
    settings.setValue(INPUTS_KEY, known)


class InputBoxes(QWidget):
    """A labelled text box per input; ``inputs()`` is None while any box is invalid."""

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("＋")
        self.remove_button = QPushButton("−")
        for button in (self.add_button, self.remove_button):
            button.setFixedWidth(32)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.problem = QLabel()
        self.problem.setObjectName("inputProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.grid)
        column.addLayout(buttons)
        column.addWidget(self.problem)
        self.boxes: list[QLineEdit] = []
        self._labels: list[QLabel] = []
        self._names: list[str] = []
        self._required = 1
        self.retranslate()

    def set_inputs(
        self, inputs: Sequence[InputSpec], names: Sequence[str] = (), required: int = 1
    ) -> None:
        """One box per input, labelled with ``forward``'s argument names (``names`` may go on
        past ``inputs``: the arguments "＋" offers next); ``required`` boxes cannot go."""
        self._names = list(names)
        self._required = max(1, required)
        for label, box in zip(self._labels, self.boxes, strict=True):
            label.deleteLater()
            box.deleteLater()
        self._labels, self.boxes = [], []
        for spec in inputs:
            self._add(spec.text())
        while len(self.boxes) < self._required:
            self._add(inputs[-1].text() if inputs else "3,224,224")
        self._check()

    def inputs(self) -> list[InputSpec] | None:
        try:
            return [parse_input(box.text()) for box in self.boxes]
        except InputSyntaxError:
            return None

    def _name(self, index: int) -> str:
        if index < len(self._names):
            return self._names[index]
        return self.tr("input %1").replace("%1", str(index + 1))

    def _add(self, text: str | bool = False) -> None:
        index = len(self.boxes)
        if not isinstance(text, str):  # the "＋" button: the same as the last input
            text = self.boxes[-1].text() if self.boxes else "3,224,224"
        label = QLabel(self._name(index))
        box = QLineEdit(text)
        box.setToolTip(self.tr("Size without the batch: %1").replace("%1", INPUT_SYNTAX))
        box.textChanged.connect(self._check)
        self.grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(box, index, 1)
        self._labels.append(label)
        self.boxes.append(box)
        self._check()

    def _remove(self) -> None:
        if len(self.boxes) > self._required:
            self._labels.pop().deleteLater()
            self.boxes.pop().deleteLater()
            self._check()

    def _check(self) -> None:
        problems = []
        for index, box in enumerate(self.boxes):
            try:
                parse_input(box.text())
                box.setStyleSheet("")
            except InputSyntaxError as exc:
                box.setStyleSheet("border: 1px solid #b3261e")
                problems.append(f"{self._name(index)}: {exc}")
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        self.remove_button.setEnabled(len(self.boxes) > self._required)
        self.validity_changed.emit(not problems)

    def retranslate(self) -> None:
        self.add_button.setToolTip(self.tr("Feed one more input (the next argument of forward)"))
        self.remove_button.setToolTip(self.tr("Remove the last input"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def dialog_buttons(
    dialog: QDialog, boxes: InputBoxes, action: QDialogButtonBox.StandardButton
) -> QDialogButtonBox:
    """``action`` and Cancel for a dialog that asks for inputs: ``action`` only while every
    box holds an input."""
    buttons = QDialogButtonBox(action | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    boxes.validity_changed.connect(buttons.button(action).setEnabled)
    return buttons


class InputDialog(QDialog):
    """File ▸ Input…: the inputs of the model shown, to trace it again with others."""

    def __init__(
        self,
        title: str,
        inputs: Sequence[InputSpec],
        names: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.boxes = InputBoxes()
        self.boxes.set_inputs(inputs, names, required=1)  # the model says what it needs
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.boxes)
        layout.addWidget(dialog_buttons(self, self.boxes, QDialogButtonBox.StandardButton.Ok))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Input of %1").replace("%1", self.title))
        self.hint.setText(self.tr("One box per input of forward, without the batch dimension."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # a dialog left open across a switch
            self.retranslate()
        super().changeEvent(event)

    def inputs(self) -> list[InputSpec] | None:
        return self.boxes.inputs()


class ModelInputs(QObject):
    """File ▸ Input… and File ▸ Reload for a window: the model on show (or last asked for)
    traced again, with other inputs or, a user's file read anew, the same ones; a model's open
    blocks stay open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: InputDialog | None = None

    def open_with(self, name: str, inputs: list[InputSpec]) -> None:
        """Open ``name`` fed ``inputs`` and remember them for the next time it is opened."""
        w = self.window
        remember_inputs(w.settings, name, inputs)
        same = w.spec is not None and w.state is not None and w.spec.name == name
        w.open_model(name, inputs, keep_open=w.state.expanded if same else None)

    def open_dialog(self) -> None:
        """The inputs of the model shown (or of the one last asked for, which may have failed
        with the inputs it was given), one box per input of its ``forward``."""
        w = self.window
        wanted, given = w.session.wanted
        name = w.spec.name if w.spec is not None else wanted
        if not name:
            return
        inputs = list(w.spec.inputs) if w.spec is not None else []
        if given and name == wanted:
            inputs = list(as_inputs(given) or inputs)
        ops = sorted(w.graph.ops.nodes(data=True), key=lambda n: n[1]["order"]) if w.graph else []
        names = [a["target"] for _, a in ops if a["op"] == "placeholder"]
        title = w.spec.title if w.spec is not None else name
        self.dialog = InputDialog(title, inputs, names, w)
        self.dialog.accepted.connect(
            lambda d=self.dialog: d.inputs() and self.open_with(name, d.inputs())
        )
        self.dialog.open()

    def reload(self) -> None:
        """Trace the model again — a user's file is read anew — with the same inputs and the
        same blocks open; a file whose models could not be listed (a syntax error) is run
        again to list them."""
        w = self.window
        if w.user_code.listing is not None:
            w.open_model_file(w.user_code.listing)
        else:
            w.session.reload()

    def file_changed(self) -> None:
        """The user's model file changed on disk: reloaded (and watched again, as an editor
        may have replaced it)."""
        self.reload()
        self.window.status.say(self.tr("The model file changed on disk: reloading…"))
