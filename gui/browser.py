"""The model browser dock: the book's networks in chapter order with their "why" notes,
torchvision's models, recent models, and a user's own file.

It only shows names and emits ``model_requested``; the window does the loading. The catalogue
(which needs torch, or the disk cache) arrives through :meth:`ModelBrowser.set_catalogue`, so
the window can appear before torch is imported. In the filter box, Enter opens the first match
and ↓ goes to the matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import current_language
from models.registry import is_user_reference

if TYPE_CHECKING:
    from models.registry import ModelSpec

NAME_ROLE = Qt.ItemDataRole.UserRole


class ModelBrowser(QWidget):
    model_requested = Signal(str)
    open_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._show_note)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        self.recent_group = QTreeWidgetItem(self.tree)
        self.book_group = QTreeWidgetItem(self.tree)
        self.torchvision_group = QTreeWidgetItem(self.tree)
        for group in (self.recent_group, self.book_group, self.torchvision_group):
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
        self._current: str | None = None  # the window's model, listed or not
        self.retranslate()

    # content ----------------------------------------------------------------------------
    def set_catalogue(self, book: list[ModelSpec], torchvision: list[str]) -> None:
        self._specs = {spec.name: spec for spec in book}
        self.book_group.takeChildren()
        for spec in book:
            item = QTreeWidgetItem(self.book_group, [f"{spec.section}  {spec.title}".strip()])
            item.setData(0, NAME_ROLE, spec.name)
        self.torchvision_group.takeChildren()
        for name in torchvision:
            item = QTreeWidgetItem(self.torchvision_group, [name.removeprefix("torchvision.")])
            item.setData(0, NAME_ROLE, name)
        self._refresh_notes()
        self._apply_filter(self.filter.text())

    def set_recent(self, names: list[str]) -> None:
        self.recent_group.takeChildren()
        for name in names:
            item = QTreeWidgetItem(self.recent_group, [name])
            item.setData(0, NAME_ROLE, name)
            tip = self.tr("%s\nOpening it runs the Python code in this file.")
            item.setToolTip(0, tip % name if is_user_reference(name) else name)
        self.recent_group.setHidden(not names)

    def model_items(self) -> list[QTreeWidgetItem]:
        return [
            group.child(i)
            for group in (self.recent_group, self.book_group, self.torchvision_group)
            for i in range(group.childCount())
        ]

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
        for group in (self.book_group, self.torchvision_group, self.recent_group):
            shown = 0
            for i in range(group.childCount()):
                item = group.child(i)
                hay = f"{item.text(0)} {item.data(0, NAME_ROLE)}".lower()
                item.setHidden(bool(needle) and needle not in hay)
                shown += not item.isHidden()
            group.setHidden(shown == 0 and (bool(needle) or group is self.recent_group))
            if group is self.torchvision_group:
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
            c, h, w = spec.input_size
            head = f"<b>{spec.title}</b> · §{spec.section} · {c}×{h}×{w}"
            self.note.setText(f"{head}<br>{spec.note(current_language())}")
        elif name and name.startswith("torchvision."):
            self.note.setText(
                self.tr(
                    "<b>%s</b><br>torchvision classification model with random weights "
                    "(weights=None)."
                )
                % name.removeprefix("torchvision.")
            )
        elif name:
            self.note.setText(self.tr("<b>%s</b><br>Your own model.") % name)
        else:
            self.note.setText(self.tr("Pick a network to see why the book introduces it."))

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter models…"))
        self.recent_group.setText(0, self.tr("Recent"))
        self.book_group.setText(0, self.tr("Dive into Deep Learning"))
        self.torchvision_group.setText(0, self.tr("torchvision"))
        self.open_button.setText(self.tr("Open model file…"))
        self.open_button.setToolTip(
            self.tr("Open a .py file with your own model: its Python code runs")
        )
        self._refresh_notes()
        self._show_note(self.tree.currentItem())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class UserModelDialog(QDialog):
    """Pick one of the nn.Module classes / factory functions found in a user's file, and the
    input size to trace it with."""

    def __init__(self, path: str, candidates: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Open model file"))
        self.candidates = QListWidget()
        self.candidates.addItems(candidates)
        self.candidates.setCurrentRow(0)
        self.candidates.itemDoubleClicked.connect(self.accept)
        self.size = [QSpinBox() for _ in range(3)]
        for box, value in zip(self.size, (3, 224, 224), strict=True):
            box.setRange(1, 4096)
            box.setValue(value)
        sizes = QHBoxLayout()
        for box, label in zip(self.size, ("C", "H", "W"), strict=True):
            sizes.addWidget(QLabel(label))
            sizes.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("File"), QLabel(path))
        form.addRow(self.tr("Model"), self.candidates)
        form.addRow(self.tr("Input size"), sizes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def reference(self) -> str:
        """``path:Name`` as the registry understands it."""
        item = self.candidates.currentItem()
        return f"{self.path}:{item.text() if item else ''}"

    def input_size(self) -> tuple[int, int, int]:
        c, h, w = (box.value() for box in self.size)
        return c, h, w
