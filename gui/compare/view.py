"""The compare view: 2–4 models in columns, one orientation and scale for all, the difference
summary under them.

Each column keeps its own expansion state: double-clicking a block, its context menu, its depth
box and the search's "open" button change that column alone. Layout runs on the window's job
runner; a change asked for while a layout runs waits for it (the states are never changed
while a job reads them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.compare.bars import ColumnBar
from gui.compare.scene import COLUMN, CompareScene
from gui.compare.search import CompareSearch, untoken
from gui.compare.summary import SummaryPanel
from gui.view import DiagramView, item_identity
from gui.workers import JobRunner
from netgraph.compare.figure import CompareFigure
from netgraph.compare.session import CompareColumn, Comparison
from netgraph.compare.summary import DifferenceSummary

READABLE_ZOOM = 0.5  # a first view shrinks the columns no further (they scroll instead)


@dataclass(frozen=True)
class ViewOptions:
    """What every column is drawn with (the window's toolbar and menus decide)."""

    orientation: str = "bt"
    fold: bool = False
    style: str = "book"
    lang: str = "en"
    theme: str = "light"
    shapes: bool = True


def draw(comparison: Comparison, o: ViewOptions) -> tuple[CompareFigure, DifferenceSummary]:
    """The figure and the summary (a job: plain data in, plain data out)."""
    summary = comparison.summary(o.lang)
    return comparison.figure(o.orientation, o.fold, o.style, o.lang, summary), summary


def element_of(item: QGraphicsItem | None) -> tuple[int, str] | None:
    """(column, id) of the element an item draws."""
    while item is not None and item.data(COLUMN) is None:
        item = item.parentItem()
    found = item_identity(item)
    return (int(item.data(COLUMN)), found[0]) if item is not None and found else None


class CompareView(QWidget):
    """Columns of models; ``figure_shown`` after each drawing, ``subject_selected(column,
    graph, id)`` when an element is selected (None, None, "" when nothing is)."""

    figure_shown = Signal()
    subject_selected = Signal(int, object, str)
    close_requested = Signal()
    error = Signal(str)

    def __init__(
        self, jobs: JobRunner, options: Callable[[], ViewOptions], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.jobs, self.options = jobs, options
        self.comparison: Comparison | None = None
        self.figure: CompareFigure | None = None
        self.summary: DifferenceSummary | None = None
        self.style_override: str | None = None  # a book figure opens in the book's style
        self._running = False
        self._queued: list[Callable[[], None]] = []
        self._wanted = False
        self._generation = 0
        self.scene = CompareScene(self)
        self.view = DiagramView(self.scene)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setContentsMargins(8, 6, 8, 2)
        self.bars = QHBoxLayout()
        self.bars.setContentsMargins(0, 0, 0, 0)
        self.search = CompareSearch(self)
        self.search.open_requested.connect(self._open_hidden)
        self.close_button = QToolButton()
        self.close_button.clicked.connect(self.close_requested)
        # the columns' bars get a row of their own: beside the search box they were squeezed
        # into clipped names and depth boxes in a narrow window (or in Chinese)
        tools = QHBoxLayout()
        tools.setContentsMargins(6, 4, 6, 0)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.close_button)
        top = QHBoxLayout()
        top.setContentsMargins(6, 2, 6, 4)
        top.addLayout(self.bars, 1)
        self.summary_panel = SummaryPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.summary_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self._sized = False  # the summary gets a strip under the drawing the first time
        self._share: float | None = None  # of the height, once the user drags the divider
        self.splitter.splitterMoved.connect(self._divider_moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addLayout(tools)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.view.item_activated.connect(lambda *_: self._at_event(self.toggle))
        self.view.item_context.connect(
            lambda _i, _k, where: self._at_event(lambda c, i: self.context_menu(c, i).popup(where))
        )
        self.retranslate()

    # the comparison ---------------------------------------------------------------------
    def set_comparison(
        self,
        comparison: Comparison,
        heading: str = "",
        drawn: tuple[CompareFigure, DifferenceSummary] | None = None,
    ) -> None:
        """Show ``comparison``, ``drawn`` already or drawn now off the UI thread; its columns'
        states are watched from now on."""
        self._generation += 1
        self.comparison, self.figure = comparison, None
        self._queued.clear()
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        for column in comparison.columns:
            column.state.subscribe(self._state_changed)
        self.rebuild_bars()
        if drawn is None:
            self.relayout(fit=True)
        else:
            self._show(*drawn, fit=True)

    def drawing_options(self) -> ViewOptions:
        """The window's options, in the book's style for a book figure (until changed)."""
        o = self.options()
        return replace(o, style=self.style_override) if self.style_override else o

    def clear(self) -> None:
        """Show nothing; a layout still running is dropped when it returns."""
        self._generation += 1
        self.comparison = self.figure = self.summary = None
        self._queued.clear()
        self.scene.clear()

    def column_names(self) -> list[str]:
        return [c.name for c in self.comparison.columns] if self.comparison else []

    def column_titles(self) -> list[str]:
        lang = self.options().lang
        return [c.title(lang) for c in self.comparison.columns] if self.comparison else []

    def change(self, column: int, change: Callable[[CompareColumn], None]) -> None:
        """Apply ``change`` to one column now, or once the running layout is done."""
        if self.comparison is None:
            return
        target = self.comparison.columns[column]
        if self._running:
            self._queued.append(lambda: self._apply(change, target))
        else:
            self._apply(change, target)

    def _apply(self, change: Callable[[CompareColumn], None], column: CompareColumn) -> None:
        try:
            change(column)
        except Exception as exc:  # an unknown block: say so, stay usable
            self.error.emit(str(exc))

    def _state_changed(self, _event: object) -> None:
        self.relayout()

    # layout -----------------------------------------------------------------------------
    def relayout(self, fit: bool = False) -> None:
        if self.comparison is None:
            return
        if self._running:
            self._wanted = True
            return
        self._running = True
        comparison, generation, o = self.comparison, self._generation, self.drawing_options()

        def work() -> tuple[CompareFigure, DifferenceSummary]:
            return draw(comparison, o)

        def done(result: tuple[CompareFigure, DifferenceSummary]) -> None:
            self._finished()
            if generation == self._generation:
                self._show(*result, fit)

        def failed(message: str) -> None:
            self._finished()
            self.error.emit(message)

        self.jobs.submit(work, done, failed)

    def _finished(self) -> None:
        self._running = False
        queued, self._queued = self._queued, []
        for change in queued:
            change()  # each change relayouts through the subscription
        if self._wanted:
            self._wanted = False
            self.relayout()

    def _show(self, figure: CompareFigure, summary: DifferenceSummary, fit: bool) -> None:
        self.figure, self.summary = figure, summary
        self.summary_panel.show_summary(summary)
        if not self._sized and self.splitter.height() > 0:
            self._sized = True
            self._size_summary()
        self.redraw()
        if fit:
            self._first_view()
        self.figure_shown.emit()

    def _size_summary(self) -> None:
        """The whole summary if it takes at most a third of the height (the share the user
        gave it, once dragged): the drawing keeps the rest whatever the window's size."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = min(self.summary_panel.wanted_height(), total // 3)
        strip = int(total * self._share) if self._share is not None else wanted
        self.splitter.setSizes([total - strip, strip])

    def _divider_moved(self, _pos: int, _index: int) -> None:
        sizes = self.splitter.sizes()
        if sum(sizes) > 0:
            self._share = sizes[1] / sum(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sized:
            self._size_summary()

    def _first_view(self) -> None:
        """The whole figure if it fits readably; else every column side by side (as readable
        as that allows), the input end in view."""
        fit = self.view.fit_scale()
        rect, port = self.scene.sceneRect(), self.view.viewport().rect()
        across = (
            (port.height() - 4) / rect.height()
            if self.figure is not None and self.figure.orientation == "lr"
            else (port.width() - 4) / rect.width()
        )
        if fit >= READABLE_ZOOM or self.figure is None:
            self.view.set_zoom(min(1.0, fit))
            self.view.centerOn(rect.center())
            return
        self.view.set_zoom(min(1.0, max(across, READABLE_ZOOM)))
        if self.figure.orientation == "lr":
            self.view.centerOn(rect.left(), rect.center().y())
        else:
            self.view.centerOn(
                rect.center().x(), rect.bottom() if self.figure.orientation == "bt" else rect.top()
            )
            if across < READABLE_ZOOM:  # wider than the view: the first columns, as the bars
                bar = self.view.horizontalScrollBar()
                bar.setValue(bar.minimum())

    def redraw(self) -> None:
        """Draw the figure again (a new theme or the shapes switched)."""
        if self.figure is None:
            return
        o = self.options()
        self.view.clear_highlights()
        self.scene.set_figure(self.figure, o.theme, o.shapes)
        self.view.setBackgroundBrush(self.scene.backgroundBrush())
        # the overview map renders the whole figure: after the columns are on screen
        QTimer.singleShot(0, self.view.diagram_changed)
        if self.search.edit.text():
            self.search.refresh()

    def items_of(self, text: str) -> list[QGraphicsItem]:
        item = self.scene.column_item(*untoken(text))
        return [item] if item is not None else []

    # interaction ------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        selected = self.scene.selectedItems()
        found = element_of(selected[0]) if selected else None
        if found is None or self.comparison is None:
            self.subject_selected.emit(-1, None, "")
            return
        column, ident = found
        self.subject_selected.emit(column, self.comparison.columns[column].graph, ident)

    def select(self, column: int, ident: str) -> bool:
        """Select the element ``ident`` of ``column`` and scroll to it."""
        item = self.scene.column_item(column, ident)
        if item is not None:
            self.view.select_item(item)
        return item is not None

    def _at_event(self, act: Callable[[int, str], object]) -> None:
        """``act(column, id)`` on the element double-clicked or right-clicked."""
        found = element_of(self.view.event_item)
        if found is not None:
            act(*found)

    def _block_of(self, column: CompareColumn, ident: str) -> str | None:
        """The block ``ident`` is or is drawn for (a closed residual block's ⊕ or ReLU)."""
        index = column.state.index
        if index.is_block(ident):
            return ident
        path = (
            str(column.graph.ops.nodes[ident].get("module_path", ""))
            if ident in column.graph.ops
            else ""
        )
        while path and not index.is_block(path):
            path = path.rpartition(".")[0]
        return path or None

    def toggle(self, column: int, ident: str) -> None:
        """Open a closed block of one column, or close an open one (the shown block of a
        block's figure stays open)."""
        if self.comparison is None:
            return
        target = self.comparison.columns[column]
        block = self._block_of(target, ident)
        if block is None or target.keeps_open(block):
            return
        if ident != block and target.state.is_expanded(block):
            return  # a layer of an open block: nothing to toggle

        def flip(c: CompareColumn) -> None:
            if c.state.is_expanded(block):
                c.state.collapse(block)
            else:
                c.state.expand_many({block, *c.state.index.block_chain[block][:-1]})

        self.change(column, flip)

    def context_menu(self, column: int, ident: str) -> QMenu:
        """Open all below or close the block, in this column only."""
        menu = QMenu(self)
        if self.comparison is None:
            return menu
        target = self.comparison.columns[column]
        block = self._block_of(target, ident)
        if block is not None:
            menu.addAction(
                self.tr("Expand all below"),
                lambda: self.change(column, lambda c: c.state.expand_all_below(block)),
            )
            if not target.keeps_open(block):
                menu.addAction(
                    self.tr("Collapse %s") % block,
                    lambda: self.change(column, lambda c: c.state.collapse(block)),
                )
        return menu

    def _open_hidden(self, tokens: frozenset[str]) -> None:
        by_column: dict[int, set[str]] = {}
        for text in tokens:
            column, path = untoken(text)
            by_column.setdefault(column, set()).add(path)
        for column, paths in by_column.items():
            self.change(column, lambda c, p=frozenset(paths): c.state.expand_many(p))

    def _set_depth(self, column: int, depth: int | None) -> None:
        self.change(column, lambda c: c.set_depth(depth))

    # column bars and summary ------------------------------------------------------------
    def rebuild_bars(self) -> None:
        """One bar per column: its title, depth and remove button (the bars there are kept)."""
        assert self.comparison is not None
        columns = self.comparison.columns
        while self.bars.count() > len(columns):
            bar = self.bars.takeAt(self.bars.count() - 1).widget()
            bar.hide()  # out of sight now, not when the event loop gets to deleting it
            bar.deleteLater()
        while self.bars.count() < len(columns):
            bar = ColumnBar()
            bar.depth_changed.connect(self._set_depth)
            bar.remove_requested.connect(self._remove_column)
            self.bars.addWidget(bar, 1)  # equal shares: every column keeps its name in view
        lang = self.options().lang
        for i, column in enumerate(columns):
            bar = self.bars.itemAt(i).widget()
            bar.show_column(i, column.title(lang), column.depth, len(columns) > 2)

    def _remove_column(self, index: int) -> None:
        """Leave one column out (two stay at least)."""
        if self._running:
            self._queued.append(lambda: self._remove_column(index))
            return
        if self.comparison is None or len(self.comparison.columns) <= 2:
            return
        del self.comparison.columns[index]
        self.rebuild_bars()
        self.relayout(fit=True)

    # language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.close_button.setText(self.tr("Close comparison"))
        self.close_button.setToolTip(self.tr("Back to the single model"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
