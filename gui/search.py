"""Find layers and blocks: highlight every drawn match, cycle with Enter / F3, and offer to open
the closed blocks that hide the other matches. Text is matched normalised (case, "5x5" = "5×5",
shapes such as "28x28": ``netgraph.layout.search``); Escape clears it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from netgraph.layout.search import HiddenMatches, hidden_matches, matching_ids

if TYPE_CHECKING:
    from gui.view import DiagramView
    from netgraph.layout.expansion import ExpansionSnapshot, ExpansionState
    from netgraph.layout.geometry import Diagram


class SearchBox(QWidget):
    """A line edit, an "i/n" counter driving the view's highlights, and a button that opens the
    blocks hiding further matches (``open_requested`` carries their paths)."""

    open_requested = Signal(object)  # frozenset[str] of block paths

    def __init__(self, view: DiagramView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._diagram: Diagram | None = None
        self._state: ExpansionState | ExpansionSnapshot | None = None
        self.model = ""  # the model the search was typed for (a new model clears it)
        self.matches: list[str] = []
        self.hidden = HiddenMatches()
        self.index = -1
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(160)
        self.edit.setMaximumWidth(320)
        self.count = QLabel()
        self.count.setMinimumWidth(48)
        self.reveal = QToolButton()
        self.reveal.setAutoRaise(True)
        self.reveal.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.count)
        layout.addWidget(self.reveal)
        layout.addStretch(1)  # the toolbar's spare width goes after the search, not inside it
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self._enter)
        self.edit.installEventFilter(self)
        self.reveal.clicked.connect(self.open_hidden)
        self.retranslate()

    @property
    def current(self) -> str | None:
        return self.matches[self.index] if self.matches else None

    def set_diagram(
        self, diagram: Diagram, state: ExpansionState | ExpansionSnapshot | None = None
    ) -> None:
        """A new drawing: find again in it (the old highlight items went with the old scene)."""
        self._diagram = diagram
        self._state = state
        if self.edit.text():
            self.refresh()

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def find(self, text: str) -> tuple[list[str], HiddenMatches]:
        """The drawn matches (ids the view highlights) and those closed blocks hide."""
        matches = matching_ids(self._diagram, text) if self._diagram else []
        hidden = hidden_matches(self._state, text) if self._state else HiddenMatches()
        return matches, hidden

    def clear(self) -> None:
        """No search: the text, the count and the highlights go."""
        self.edit.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape in the box clears the search and gives the keys back to the diagram."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.clear()
            self._view.setFocus()
            return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        text = self.edit.text()
        self.matches, self.hidden = self.find(text)
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

    def open_hidden(self) -> None:
        """Ask for the blocks that hide matches to be opened; the window redraws and the search
        runs again on the new drawing."""
        if self.hidden.to_open:
            self.open_requested.emit(self.hidden.to_open)

    def _enter(self) -> None:
        """Enter: the next match or, when none is drawn, open the blocks that hide some."""
        if self.matches:
            self.next()
        else:
            self.open_hidden()

    def _show_count(self) -> None:
        searching = bool(self.edit.text())
        if not searching:
            self.count.setText("")
        else:
            self.count.setText(f"{self.index + 1}/{len(self.matches)}" if self.matches else "0/0")
        hidden = self.hidden.count if searching else 0
        self.reveal.setVisible(hidden > 0)
        if hidden:
            self.reveal.setText(self.tr("+%n in closed blocks", "", hidden))
            blocks = len(self.hidden.to_open)
            self.reveal.setToolTip(
                self.tr("Open the %n block(s) that hide these matches", "", blocks)
            )

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Find layer, block or shape (Ctrl+F)"))
        self.edit.setToolTip(
            self.tr(
                "Find layers and blocks by name, kind or tensor shape (28x28 or 28×28); "
                "Enter: next match, Esc: clear"
            )
        )
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
