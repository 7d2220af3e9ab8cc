"""*File ▸ Compare with…*: pick up to three models to set beside the open one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netgraph.compare.session import MAX_COLUMNS

NAME_ROLE = Qt.ItemDataRole.UserRole


class CompareChooser(QDialog):
    """A filterable list with check boxes; ``chosen()`` is what was ticked, in list order."""

    def __init__(self, current: str, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.setWindowTitle(self.tr("Compare with"))
        self.hint = QLabel(
            self.tr("Tick up to %n model(s) to set beside %1.", "", MAX_COLUMNS - 1).replace(
                "%1", current
            )
        )
        self.hint.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter models…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        for name in names:
            if name == current:
                continue
            item = QListWidgetItem(name.removeprefix("torchvision."))
            item.setData(NAME_ROLE, name)
            item.setToolTip(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._limit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._limit()

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def chosen(self) -> list[str]:
        return [
            str(i.data(NAME_ROLE)) for i in self.items() if i.checkState() == Qt.CheckState.Checked
        ]

    def tick(self, name: str) -> None:
        for item in self.items():
            if item.data(NAME_ROLE) == name:
                item.setCheckState(Qt.CheckState.Checked)

    def _limit(self, _item: QListWidgetItem | None = None) -> None:
        """At most MAX_COLUMNS - 1 ticked; OK once one is."""
        full = len(self.chosen()) >= MAX_COLUMNS - 1
        self.list.blockSignals(True)
        for item in self.items():
            ticked = item.checkState() == Qt.CheckState.Checked
            flags = item.flags()
            if full and not ticked:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            else:
                flags |= Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
        self.list.blockSignals(False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen()))

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for item in self.items():
            item.setHidden(bool(needle) and needle not in str(item.data(NAME_ROLE)).lower())
