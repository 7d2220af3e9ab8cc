"""What clicks and keys on the diagram do to the model on show (its session's expansion state).

Double-click or Enter opens a closed block and closes an open one; arrows walk the diagram
(``netgraph.layout.navigate``); Backspace selects the block around the selection; Escape clears
the selection, then the search; a right-click offers the block's and the item's commands. The
selection fills the inspector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from gui.view import item_identity
from netgraph.layout.navigate import first_item, neighbour

if TYPE_CHECKING:
    from gui.diagram import DiagramScene
    from gui.inspector import Inspector
    from gui.search import SearchBox
    from gui.session import ModelSession
    from gui.view import DiagramView


class DiagramInteraction(QObject):
    export_requested = Signal(str)  # "Export this…" on an item

    def __init__(
        self,
        view: DiagramView,
        session: ModelSession,
        search: SearchBox,
        inspector: Inspector,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.session, self.search, self.inspector = view, session, search, inspector
        self.scene: DiagramScene = view.scene()  # type: ignore[assignment]
        self.scene.selectionChanged.connect(self._selection_changed)
        view.item_activated.connect(lambda ident, _kind: self.activate(ident))
        view.item_context.connect(lambda ident, _kind, at: self.context_menu(ident).popup(at))
        view.navigate.connect(self._navigate)
        view.activate_selection.connect(self._activate_selection)
        view.select_parent.connect(self._select_parent)
        view.escape_pressed.connect(self._escape)

    def selected(self) -> str | None:
        if not shiboken6.isValid(self.scene):  # a closing window's scene emits while deleted
            return None
        items = self.scene.selectedItems()
        found = item_identity(items[0]) if items else None
        return found[0] if found else None

    def _block_of(self, ident: str) -> str | None:
        state = self.session.state
        return state.index.block_of(ident) if state is not None else None

    def activate(self, ident: str) -> None:
        """Open a closed block, close an open one (its frame); a layer drawn for a closed
        block (its ⊕, ReLU or projection shortcut) opens that block."""
        state = self.session.state
        block = self._block_of(ident) if ident else None
        if state is None or block is None:
            return
        if block == ident or not state.is_expanded(block):
            self.session.change_expansion(lambda s: s.toggle(block))

    def select(self, ident: str | None, reveal: bool = False) -> bool:
        """Select the item showing ``ident`` (op id or block path) and scroll to it (just
        enough when ``reveal``, as a keyboard step)."""
        item = self.scene.item_for(ident) if ident else None
        if item is None:
            return False
        self.view.select_item(item, reveal)
        return True

    def _selection_changed(self) -> None:
        ident, graph = self.selected(), self.session.graph
        if graph is None or ident is None:
            self.inspector.clear_subject()
        else:
            self.inspector.show_subject(graph, ident)

    def _navigate(self, direction: str) -> None:
        diagram = self.session.diagram
        if diagram is not None:
            current = self.selected()
            target = neighbour(diagram, current, direction) if current else first_item(diagram)
            self.select(target, reveal=True)

    def _activate_selection(self) -> None:
        if (ident := self.selected()) is not None:
            self.activate(ident)

    def _select_parent(self) -> None:
        ident, state = self.selected(), self.session.state
        if ident is not None and state is not None:
            self.select(state.index.enclosing_block(ident), reveal=True)

    def _escape(self) -> None:
        if self.scene.selectedItems():
            self.scene.clearSelection()
        else:
            self.search.clear()

    def context_menu(self, ident: str) -> QMenu:
        """Block: expand all below / collapse; a folded run: show or fold it; any item: copy
        its label, export it."""
        menu, change = QMenu(self.view), self.session.change_expansion
        block = self._block_of(ident)
        if block is not None:
            menu.addAction(
                self.tr("Expand all below"), lambda: change(lambda s: s.expand_all_below(block))
            )
            menu.addAction(
                self.tr("Collapse %s") % block, lambda: change(lambda s: s.collapse(block))
            )
            menu.addSeparator()
        state = self.session.state
        run = state.index.repeat_run(ident) if state is not None else None
        if state is not None and run is not None and self.session.options.fold:
            first, count = run[0], len(run)
            unfold = first not in state.unfolded
            text = (
                self.tr("Show all %n repeated blocks", "", count)
                if unfold
                else self.tr("Fold the %n repeated blocks", "", count)
            )
            menu.addAction(text, lambda: change(lambda s: s.set_unfolded(first, unfold)))
            menu.addSeparator()
        menu.addAction(self.tr("Copy label"), lambda: self.copy_label(ident))
        menu.addAction(self.tr("Export this…"), lambda: self.export_requested.emit(ident))
        return menu

    def label_of(self, ident: str) -> str:
        diagram = self.session.diagram
        return diagram.label_of(ident) if diagram is not None else ident

    def copy_label(self, ident: str) -> None:
        QGuiApplication.clipboard().setText(self.label_of(ident))
