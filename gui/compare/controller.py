"""The window's hook for comparisons: what *File ▸ Compare with…* and the *Compare* menu's book
figures call (their actions are rows of ``gui.actions.ACTIONS``), a model dropped from the
browser onto the diagram, and the compare view shown in place of the single diagram (the
inspector, toolbar and menus stay the window's).

The window creates one ``CompareController(window)`` before its actions, calls
:meth:`connect_window` once they exist, and asks it for the export (``active``,
``open_export_dialog``) and for the spec behind the inspected layer (``inspected_spec``); the
controller reads the window's toolbar options and listens to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal

from errors import NetAtlasError
from gui.browser import NAME_ROLE
from gui.compare.chooser import CompareChooser
from gui.compare.view import CompareView, ViewOptions, draw
from gui.i18n import current_language
from gui.inputs import remembered_inputs
from gui.workers import store_traced_next, trace_model, traced_before
from netgraph.compare.presets import BookFigure
from netgraph.compare.session import MAX_COLUMNS

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from models.registry import ModelSpec
    from netgraph.compare.session import Comparison

Wanted = list[tuple[str, "str | None", str]]  # (model, block shown alone, title) per column
USER_CODE_TIMEOUT = 120.0  # seconds a compared model file's code may run (as the CLI's default)


class CompareController(QObject):
    figure_shown = Signal()  # a comparison is drawn (after each layout)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: CompareView | None = None
        self.preset: BookFigure | None = None
        self._subject_column = -1
        self._generation = 0
        self._title = ""  # the window's title before comparing
        self.export_dialog = None

    def connect_window(self) -> None:
        """Follow the window's view options and a model dropped onto its diagram."""
        window = self.window
        window.view.model_dropped.connect(self._dropped)
        window.orientation.currentIndexChanged.connect(lambda _i: self._relayout())
        window.book_style_action.triggered.connect(lambda _=False: self._style_chosen())
        window.fold_action.triggered.connect(lambda _=False: self._relayout())
        window.shapes_action.triggered.connect(lambda _=False: self._reshade())
        window.installEventFilter(self)

    # state ------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.view is not None and self.view.isVisible()

    @property
    def comparison(self) -> Comparison | None:
        return self.view.comparison if self.view is not None else None

    def options(self) -> ViewOptions:
        w = self.window
        return ViewOptions(
            orientation=w.orientation.currentData(),
            fold=w.fold_action.isChecked(),
            style="book" if w.book_style_action.isChecked() else "detailed",
            lang=current_language(),
            theme=w.diagram_theme,
            shapes=w.shapes_action.isChecked(),
        )

    def inspected_spec(self) -> ModelSpec | None:
        """The model of the column whose element the inspector shows (None: not comparing)."""
        comparison = self.comparison
        if not self.active or comparison is None or self._subject_column < 0:
            return None
        return comparison.columns[self._subject_column].spec

    # opening ----------------------------------------------------------------------------
    def choose(self) -> None:
        """*Compare with…*: the open model beside up to three the user ticks."""
        w = self.window
        current = w.spec.name if w.spec else ""
        if not current:
            w.show_error(self.tr("Open a model first, then compare it with others."))
            return
        names = list(dict.fromkeys(str(i.data(0, NAME_ROLE)) for i in w.browser.model_items()))
        if not names:
            from models.registry import book_models

            names = [s.name for s in book_models()]
        self.chooser = CompareChooser(current, names, w)
        self.chooser.accepted.connect(lambda: self.open([current, *self.chooser.chosen()]))
        self.chooser.open()

    def open(self, names: list[str]) -> None:
        """Compare models by name (2 to 4; of more, the first 4, saying so), each drawn whole."""
        self.preset = None
        self._load([(name, None, "") for name in names[:MAX_COLUMNS]])
        if len(names) > MAX_COLUMNS:
            left_out = ", ".join(names[MAX_COLUMNS:])
            self.window.show_error(
                self.tr(
                    "A comparison shows at most %n models: %1 left out.", "", MAX_COLUMNS
                ).replace("%1", left_out)
            )

    def open_book_figure(self, figure: BookFigure) -> None:
        """One of the chapter's comparisons, in the book's style, with its point."""
        self.preset = figure
        lang = current_language()
        self._load([(c.model, c.only, c.title(lang)) for c in figure.columns])

    def _load(self, wanted: Wanted) -> None:
        """Trace what is not traced yet and draw the columns, in one job off the UI thread;
        the view shows meanwhile (its widgets cost the UI thread while the job runs). Columns
        all traced and laid out before are drawn at once (the thread's round trip would cost
        more than their figure)."""
        w = self.window
        self._generation += 1
        generation = self._generation
        have = {}
        if w.spec is not None and w.graph is not None:
            have[w.spec.name] = (w.spec, w.graph)
        for column in self.comparison.columns if self.comparison else []:
            have.setdefault(column.name, (column.spec, column.graph))
        # the inputs each is traced with, as the window opens it
        inputs = {n: remembered_inputs(w.settings, n) for n, _, _ in wanted if n not in have}
        for name, given in inputs.items():
            if (kept := traced_before(name, given)) is not None:
                have[name] = kept
        missing = [n for n in inputs if n not in have]
        w.status.say(self.tr("Tracing %s…") % ", ".join(missing) if missing else "")
        lang = current_language()
        note = self.preset.point(lang) if self.preset else ""
        heading = self._heading(lang)
        view = self._ensure_view()
        view.style_override = "book" if self.preset else None
        options = view.drawing_options()
        was_comparing = self.active

        def compared(loaded: dict) -> Comparison:
            from netgraph.compare.session import CompareColumn, Comparison

            columns = [
                CompareColumn.open(name, *loaded[name], only=only, label=label)
                for name, only, label in wanted
            ]
            return Comparison(columns, note)

        def work() -> tuple:
            from netgraph.cache import DiagramOptions, reuse_first_diagram

            traced = {
                name: trace_model(name, inputs[name], timeout=USER_CODE_TIMEOUT, store_later=True)
                for name in missing
            }
            comparison = compared({**have, **traced})
            o = options
            first = DiagramOptions(o.orientation, o.style, o.fold, o.lang)
            for column in comparison.columns:  # opened in an earlier session: not laid out again
                reuse_first_diagram(column.name, inputs.get(column.name), column.state, first)
            return comparison, draw(comparison, options)

        def done(result: tuple) -> None:
            if generation == self._generation:
                w.status.say("")
                view.set_comparison(result[0], heading, drawn=result[1])
                self._set_visible(True)  # the title names the columns now
            store_traced_next(w.jobs)

        def failed(message: str) -> None:
            if generation == self._generation:
                w.status.say("")
                if not was_comparing:
                    self.close()
                w.show_error(message)

        if not missing:  # every column traced and laid out before: drawn at once, no job
            try:
                comparison, o = compared(have), options
                if comparison.laid_out(o.orientation, o.fold, o.style, o.lang):
                    self._set_visible(True)
                    done((comparison, draw(comparison, options)))
                    return
            except NetAtlasError as exc:
                failed(exc.app_message())
                return
        w.jobs.submit(work, done, failed)
        self._set_visible(True)  # while the job runs (Qt's share of it lets the job go on)

    def _ensure_view(self) -> CompareView:
        if self.view is None:
            w = self.window
            self.view = CompareView(w.jobs, self.options, w)
            w.centralWidget().layout().addWidget(self.view, 1)
            self.view.hide()
            self.view.subject_selected.connect(self._subject)
            self.view.figure_shown.connect(self._flag_columns)
            self.view.figure_shown.connect(self.figure_shown)
            self.view.close_requested.connect(self.close)
            self.view.error.connect(w.show_error)
            self.view.view.model_dropped.connect(self._dropped)
        return self.view

    def _set_visible(self, comparing: bool) -> None:
        w = self.window
        assert self.view is not None
        self.view.setVisible(comparing)
        w.view.setVisible(not comparing)
        for widget in (w.depth, w.search):
            widget.setEnabled(not comparing)
        for label in (w.status.totals, w.status.method):  # they speak of the single model
            label.setVisible(not comparing)
        if comparing:
            self._title = self._title or w.windowTitle()  # given back on closing
            w.setWindowTitle(f"NetAtlas — {' | '.join(self.view.column_titles())}")
        elif self._title:
            w.setWindowTitle(self._title)
            self._title = ""
        w.actions["close_comparison"].setEnabled(comparing)
        w.inspector.clear_subject()
        self._subject_column = -1
        if comparing:
            self._flag_columns()
        elif w.graph is not None:
            w.banner.show_graph(w.graph)

    def _flag_columns(self) -> None:
        """The banner says which columns' graphs are partial (or hold unused parameters)."""
        lang = current_language()
        columns = self.comparison.columns if self.comparison else []
        self.window.banner.show_columns([(c.title(lang), c.graph) for c in columns])

    def close(self) -> None:
        """Back to the single model; the comparison is let go (its graphs with it)."""
        if self.view is not None:
            self._set_visible(False)
            self.view.clear()

    def _dropped(self, name: str) -> None:
        """A model dropped onto the diagram: beside the open one, or as one more column."""
        current = self.comparison.columns if self.active and self.comparison else []
        self.preset = None  # a model added: no longer the book's figure
        if current:
            if len(current) >= MAX_COLUMNS:
                self.window.show_error(
                    self.tr(
                        "A comparison shows at most %n models: remove one first.", "", MAX_COLUMNS
                    )
                )
                return
            self._load([(c.name, c.only, c.label) for c in current] + [(name, None, "")])
        elif self.window.spec is not None:
            self.open([self.window.spec.name, name])

    # selection, options -----------------------------------------------------------------
    def _subject(self, column: int, graph: object, ident: str) -> None:
        self._subject_column = column
        if graph is None:
            self.window.inspector.clear_subject()
        else:
            self.window.inspector.show_subject(graph, ident)  # type: ignore[arg-type]

    def _relayout(self) -> None:
        if self.view is not None and self.comparison is not None:
            self.view.relayout(fit=True)

    def _style_chosen(self) -> None:
        if self.view is not None:
            self.view.style_override = None  # the user's choice now, book figure or not
        self._relayout()

    def _reshade(self) -> None:
        if self.view is not None:
            self.view.redraw()

    def open_export_dialog(self) -> None:
        """The export dialog, for the whole compare figure."""
        from gui.export_dialog import ExportDialog

        if self.view is None or self.view.figure is None:
            return
        figure = self.view.figure
        name = "-".join(
            c.name.rpartition(":")[2].replace("torchvision.", "") for c in figure.columns
        )
        w = self.window
        self.export_dialog = ExportDialog(
            figure, self.view.view.visible_scene_rect(), None, w.diagram_theme, name, w.settings, w
        )
        self.export_dialog.open()

    # language and theme -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self._relabel()
            elif event.type() == QEvent.Type.PaletteChange:
                self._reshade()
        return super().eventFilter(watched, event)

    def _heading(self, lang: str) -> str:
        """A book figure's section, name and point, above the columns."""
        p = self.preset
        return f"<b>§{p.section} {p.name(lang)}</b> — {p.point(lang)}" if p else ""

    def _relabel(self) -> None:
        """A book figure's titles and point in the new language, drawn again."""
        comparison = self.comparison
        if comparison is None:
            return
        lang = current_language()
        if self.preset is not None and len(comparison.columns) == len(self.preset.columns):
            comparison.note = self.preset.point(lang)
            for column, wanted in zip(comparison.columns, self.preset.columns, strict=True):
                column.label = wanted.title(lang)
            if self.view is not None:
                self.view.heading.setText(self._heading(lang))
                self.view.rebuild_bars()  # the columns' titles
        self._relayout()
