"""*Help ▸ Keyboard shortcuts*: every command's keys (read from the actions themselves, so the
list cannot drift), and the keys of the diagram, the search box and the model filter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.actions import shortcut_text


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.rows = [
            (keys, action.text().replace("&", ""))
            for action in actions
            if (keys := shortcut_text(action))
        ] + self.fixed_keys()
        self.table.setRowCount(len(self.rows))
        for row, (keys, what) in enumerate(self.rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def fixed_keys(self) -> list[tuple[str, str]]:
        """Keys that belong to a widget rather than to a command."""
        return [
            (
                self.tr("← ↑ → ↓"),
                self.tr("Diagram: select the next layer along the connections or across"),
            ),
            (self.tr("Enter, Space"), self.tr("Diagram: open or close the selected block")),
            (self.tr("Backspace"), self.tr("Diagram: select the block around the selection")),
            (self.tr("Esc"), self.tr("Diagram: clear the selection, then the search")),
            (self.tr("+, −, wheel"), self.tr("Diagram: zoom")),
            (
                self.tr("Enter"),
                self.tr("Find box: next match (opens closed blocks when none is drawn)"),
            ),
            (self.tr("Esc"), self.tr("Find box: clear the search")),
            (self.tr("Enter"), self.tr("Model filter: open the first match")),
            (self.tr("↓"), self.tr("Model filter: go to the matches")),
        ]
