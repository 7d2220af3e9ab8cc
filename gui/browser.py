"""The model browser dock: the book's networks in chapter order with their "why" notes,
torchvision's models by kind (classification, detection, segmentation, video, optical flow,
quantized), timm's when it is installed, recent models, and a user's own file.

It only shows names and emits ``model_requested``; the window does the loading. The catalogue
(which needs torch, or the disk cache) arrives through :meth:`ModelBrowser.set_catalogue`, so
the window can appear before torch is imported. In the filter box, Enter opens the first match
and ↓ goes to the matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import current_language
from gui.inputs import InputBoxes, dialog_buttons
from gui.view import MODEL_MIME
from models.registry import is_user_reference
from netgraph.formatting import format_shape

if TYPE_CHECKING:
    from models.inputs import InputSpec
    from models.registry import ModelSpec
    from models.user import Candidate

NAME_ROLE = Qt.ItemDataRole.UserRole
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


class ModelTree(QTreeWidget):
    """The browser's tree; a model dragged out of it carries its name (onto the diagram: a
    comparison)."""

    def mimeTypes(self) -> list[str]:
        return [MODEL_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        names = [str(i.data(0, NAME_ROLE)) for i in items if i.data(0, NAME_ROLE)]
        if names:
            data.setData(MODEL_MIME, QByteArray(names[0].encode("utf-8")))
            data.setText(names[0])
        return data


class ModelBrowser(QWidget):
    model_requested = Signal(str)
    open_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.tree = ModelTree()
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._show_note)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        self.recent_group = QTreeWidgetItem(self.tree)
        self.book_group = QTreeWidgetItem(self.tree)
        self.torchvision_group = QTreeWidgetItem(self.tree)
        self.timm_group = QTreeWidgetItem(self.tree)
        self.timm_group.setHidden(True)  # until the catalogue says timm is installed
        for group in self.groups:
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
        self.book_group.setExpanded(True)
        self.recent_group.setExpanded(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_file_requested)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note.setMinimumHeight(96)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.open_button)
        self._specs: dict[str, ModelSpec] = {}
        self._zoo_groups: dict[str, str] = {}  # torchvision.NAME / timm.NAME -> its group
        self._has_timm = False
        self._current: str | None = None  # the window's model, listed or not
        self.retranslate()

    @property
    def groups(self) -> tuple[QTreeWidgetItem, ...]:
        return (self.recent_group, self.book_group, self.torchvision_group, self.timm_group)

    # content ----------------------------------------------------------------------------
    def set_catalogue(
        self, book: list[ModelSpec], torchvision: dict[str, str], timm: list[str] = ()
    ) -> None:
        """The book's specs, torchvision's names by group (``models.zoo``), timm's names."""
        self._specs = {spec.name: spec for spec in book}
        self._zoo_groups = {**torchvision, **{name: "timm" for name in timm}}
        self.book_group.takeChildren()
        for spec in book:
            item = QTreeWidgetItem(self.book_group, [f"{spec.section}  {spec.title}".strip()])
            item.setData(0, NAME_ROLE, spec.name)
        self.torchvision_group.takeChildren()
        kinds: dict[str, QTreeWidgetItem] = {}
        for name, group in torchvision.items():
            if group not in kinds:
                kinds[group] = QTreeWidgetItem(self.torchvision_group, [group])
                kinds[group].setFlags(Qt.ItemFlag.ItemIsEnabled)
                kinds[group].setData(0, GROUP_ROLE, group)
            item = QTreeWidgetItem(kinds[group], [name.removeprefix("torchvision.")])
            item.setData(0, NAME_ROLE, name)
        self.timm_group.takeChildren()
        for name in timm:
            item = QTreeWidgetItem(self.timm_group, [name.removeprefix("timm.")])
            item.setData(0, NAME_ROLE, name)
        self._has_timm = bool(timm)
        self.timm_group.setHidden(not timm)
        self._refresh_notes()
        self._retranslate_kinds()
        self._apply_filter(self.filter.text())
        if self._current:  # opened before the catalogue came: marked in its group now
            self.select(self._current)

    def set_recent(self, names: list[str]) -> None:
        self.recent_group.takeChildren()
        for name in names:
            item = QTreeWidgetItem(self.recent_group, [name])
            item.setData(0, NAME_ROLE, name)
            tip = self.tr("%s\nOpening it runs the Python code in this file.")
            item.setToolTip(0, tip % name if is_user_reference(name) else name)
        self.recent_group.setHidden(not names)

    def model_items(self) -> list[QTreeWidgetItem]:
        """Every item that opens a model, in the order shown."""

        def leaves(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
            children = [item.child(i) for i in range(item.childCount())]
            return [
                leaf
                for child in children
                for leaf in ([child] if child.data(0, NAME_ROLE) else leaves(child))
            ]

        return [leaf for group in self.groups for leaf in leaves(group)]

    def select(self, name: str) -> None:
        """Mark ``name`` as current (without re-opening it); a model listed only under Recent
        (a user's file) is marked there, and the note speaks of it."""
        items = [i for i in self.model_items() if i.data(0, NAME_ROLE) == name]
        items.sort(key=lambda i: i.parent() is self.recent_group)  # its own group first
        self.tree.blockSignals(True)
        if items:
            self.tree.setCurrentItem(items[0])
        else:
            self.tree.setCurrentItem(None)
            self.tree.clearSelection()
        self.tree.blockSignals(False)
        self._current = name
        self._show_note(self.tree.currentItem())

    def first_match(self) -> QTreeWidgetItem | None:
        """The first model the filter leaves visible."""
        return next((i for i in self.model_items() if not i.isHidden()), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter box, Enter opens the first match and ↓ goes to the matches."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            first = self.first_match()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and first is not None:
                self._activate(first)
                return True
            if event.key() == Qt.Key.Key_Down and first is not None:
                self.tree.setCurrentItem(first)
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)

    # behaviour --------------------------------------------------------------------------
    def _activate(self, item: QTreeWidgetItem) -> None:
        name = item.data(0, NAME_ROLE)
        if name:
            self.model_requested.emit(name)

    def _apply_filter(self, text: str) -> None:
        """Only the matching models, and only the groups that hold one."""
        needle = text.strip().lower()

        def show(item: QTreeWidgetItem) -> int:
            """Hide what does not match below ``item``; the number of models still shown."""
            shown = 0
            for i in range(item.childCount()):
                child = item.child(i)
                if child.data(0, NAME_ROLE):
                    hay = f"{child.text(0)} {child.data(0, NAME_ROLE)}".lower()
                    child.setHidden(bool(needle) and needle not in hay)
                    shown += not child.isHidden()
                else:  # a group inside a group: torchvision's kinds
                    inner = show(child)
                    child.setHidden(inner == 0)
                    child.setExpanded(bool(needle) and inner > 0)
                    shown += inner
            return shown

        for group in self.groups:
            shown = show(group)
            empty = shown == 0 and (bool(needle) or group is self.recent_group)
            group.setHidden(empty or (group is self.timm_group and not self._has_timm))
            if group in (self.torchvision_group, self.timm_group):
                group.setExpanded(bool(needle) and shown > 0)

    def _refresh_notes(self) -> None:
        lang = current_language()
        for i in range(self.book_group.childCount()):
            item = self.book_group.child(i)
            item.setToolTip(0, self._specs[item.data(0, NAME_ROLE)].note(lang))

    def _show_note(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        name = item.data(0, NAME_ROLE) if item else self._current
        spec = self._specs.get(name) if name else None
        if spec is not None:
            size = format_shape(spec.input_size)
            head = f"<b>{spec.title}</b> · §{spec.section} · {size}"
            self.note.setText(f"{head}<br>{spec.note(current_language())}")
        elif name and name in self._zoo_groups:
            from models.zoo import GROUP_NOTES  # torch-free: plain words in both languages

            short, words = name.partition(".")[2], GROUP_NOTES[self._zoo_groups[name]]
            self.note.setText(
                self.tr("<b>%1</b><br>%2, with random weights (nothing is downloaded).")
                .replace("%1", short)
                .replace("%2", words.get(current_language()) or words["en"])
            )
        elif name and name.startswith("lesson."):
            self.note.setText(
                self.tr("<b>%1</b><br>A network of the lessons (Lessons menu).").replace("%1", name)
            )
        elif name and is_user_reference(name):
            self.note.setText(self.tr("<b>%s</b><br>Your own model.") % name)
        elif name:  # the catalogue is still being read
            self.note.setText(f"<b>{name}</b>")
        else:
            self.note.setText(self.tr("Pick a network to see why the book introduces it."))

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter models…"))
        self.recent_group.setText(0, self.tr("Recent"))
        self.book_group.setText(0, self.tr("Dive into Deep Learning"))
        self.torchvision_group.setText(0, self.tr("torchvision"))
        self.timm_group.setText(0, self.tr("timm"))
        self._retranslate_kinds()
        self.open_button.setText(self.tr("Open model file…"))
        self.open_button.setToolTip(
            self.tr("Open a .py file with your own model: its Python code runs")
        )
        self._refresh_notes()
        self._show_note(self.tree.currentItem())

    def _retranslate_kinds(self) -> None:
        names = {
            "classification": self.tr("classification"),
            "detection": self.tr("detection"),
            "segmentation": self.tr("segmentation"),
            "video": self.tr("video"),
            "optical flow": self.tr("optical flow"),
            "quantized": self.tr("quantized"),
        }
        for i in range(self.torchvision_group.childCount()):
            kind = self.torchvision_group.child(i)
            group = kind.data(0, GROUP_ROLE)
            kind.setText(0, names.get(group, group))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class UserModelDialog(QDialog):
    """Pick one of the nn.Module classes / factory functions found in a user's file, and what
    to feed it: one box per input of its forward, filled with what was used last time, else
    with what the model says of itself (its first layer's channels, a declared input size)."""

    def __init__(
        self,
        path: str,
        candidates: list[Candidate],
        remembered: dict[str, list[InputSpec]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._candidates = candidates
        self._remembered = remembered or {}
        self.setWindowTitle(self.tr("Open model file"))
        self.candidates = QListWidget()
        self.candidates.addItems([c.name for c in candidates])
        self.candidates.itemDoubleClicked.connect(self.accept)
        self.candidates.currentRowChanged.connect(self._candidate_changed)
        self.inputs_box = InputBoxes()
        form = QFormLayout()
        form.addRow(self.tr("File"), QLabel(path))
        form.addRow(self.tr("Model"), self.candidates)
        form.addRow(self.tr("Input"), self.inputs_box)
        open_button = QDialogButtonBox.StandardButton.Open
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, self.inputs_box, open_button))
        self.candidates.setCurrentRow(0)

    def _candidate_changed(self, row: int) -> None:
        if not 0 <= row < len(self._candidates):
            return
        found = self._candidates[row]
        inputs = self._remembered.get(found.name) or list(found.inputs)
        self.inputs_box.set_inputs(inputs, found.names, found.required)

    def reference(self) -> str:
        """``path:Name`` as the registry understands it."""
        item = self.candidates.currentItem()
        return f"{self.path}:{item.text() if item else ''}"

    def inputs(self) -> list[InputSpec] | None:
        return self.inputs_box.inputs()
