"""Find layers and blocks in the drawn diagram: highlight every match, cycle with Enter / F3."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

if TYPE_CHECKING:
    from gui.view import DiagramView
    from netgraph.layout.geometry import Diagram


def matching_ids(diagram: Diagram, text: str) -> list[str]:
    """Ids of boxes, merge glyphs and frames whose id, label or module path contains ``text``
    (case-insensitive), in drawing order."""
    needle = text.strip().lower()
    if not needle:
        return []
    elements = [
        (e.id, f"{e.id} {e.label} {getattr(e, 'module_path', '')}")
        for e in (*diagram.boxes, *diagram.glyphs)
    ] + [(f.id, f"{f.id} {f.title}") for f in diagram.frames]
    return list(dict.fromkeys(i for i, hay in elements if needle in hay.lower()))


class SearchBox(QWidget):
    """A line edit and an "i/n" counter, driving the view's highlights."""

    def __init__(self, view: DiagramView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._diagram: Diagram | None = None
        self.matches: list[str] = []
        self.index = -1
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.edit.setMaximumWidth(320)
        self.count = QLabel()
        self.count.setMinimumWidth(48)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.count)
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self.next)
        self.retranslate()

    @property
    def current(self) -> str | None:
        return self.matches[self.index] if self.matches else None

    def set_diagram(self, diagram: Diagram) -> None:
        """A new drawing: find again in it (the old highlight items went with the old scene)."""
        self._diagram = diagram
        if self.edit.text():
            self.refresh()

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def refresh(self) -> None:
        text = self.edit.text()
        self.matches = matching_ids(self._diagram, text) if self._diagram else []
        self.index = 0 if self.matches else -1
        if self.matches:
            self._view.set_highlights(self.matches, 0)
        else:
            self._view.clear_highlights()
        self._show_count()

    def next(self, step: int = 1) -> None:
        if not self.matches:
            return
        self.index = (self.index + step) % len(self.matches)
        self._view.set_highlights(self.matches, self.index)
        self._show_count()

    def previous(self) -> None:
        self.next(-1)

    def _show_count(self) -> None:
        if not self.edit.text():
            self.count.setText("")
        else:
            self.count.setText(f"{self.index + 1}/{len(self.matches)}" if self.matches else "0/0")

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Find layer or block (Ctrl+F)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
