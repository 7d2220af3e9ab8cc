"""Where the run is: the run folder's path and an *Open folder* button, under the controls.

Before a run it names the folder runs go to; once a run starts, that run's own folder. The path
is elided in the middle to fit the dock, in full in the tooltip and selectable for copying.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class RunFolderRow(QWidget):
    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = root
        self._is_run = False
        self.path = QLabel()
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setMinimumWidth(80)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.open_button)
        self.retranslate()

    def show_root(self, root: Path) -> None:
        """No run yet: name the folder new runs go to."""
        self.folder, self._is_run = root, False
        self._show()

    def show_run(self, folder: Path) -> None:
        self.folder, self._is_run = folder, True
        self._show()

    def open_folder(self) -> bool:
        """Show the folder in the system's file manager (created first if no run made it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def _show(self) -> None:
        label = self.tr("Run folder: %s") if self._is_run else self.tr("Runs are saved in %s")
        text = label % self.folder
        width = max(40, self.path.width())
        self.path.setText(
            self.path.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, width)
        )
        self.path.setToolTip(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open folder"))
        self.open_button.setToolTip(self.tr("Show the run folder in the file manager"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
