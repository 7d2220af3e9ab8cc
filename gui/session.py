"""The model on show: its spec, graph, expansion state and diagram, and the jobs that make them.

A thin Qt controller over the Qt-free core (napari's habit): :class:`ExpansionState` is the
evented model; each change asks for a layout of an immutable snapshot of it
(:class:`gui.workers.LatestJob`: the newest request wins), so the state may change while a
layout runs and nothing needs queueing. Opening a model drops whatever an older opening still
sends (a generation count). The window only listens to the signals.

Instant start: :meth:`show_cached` draws the model's first diagram from the disk cache
(``netgraph.cache``) before torch is imported; the graph follows (from the cache too, or a
trace) and makes that very diagram live without drawing it again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from errors import NetAtlasError
from gui.usercode import UserCode
from gui.workers import (
    BuiltModels,
    JobRunner,
    LatestJob,
    store_traced_next,
    trace_model,
    user_tensor_stats,
    warm_up,
)
from models.registry import is_user_reference
from netgraph.cache import CachedDiagram, DiagramOptions

if TYPE_CHECKING:
    from models.inputs import InputsLike
    from models.registry import ModelSpec
    from models.tensor_stats import TensorSummary
    from netgraph.layout.expansion import ExpansionChanged, ExpansionSnapshot, ExpansionState
    from netgraph.layout.geometry import Diagram
    from netgraph.model import NetGraph


class ModelSession(QObject):
    opening = Signal(str)  # the model being opened (its name)
    model_ready = Signal()  # spec, graph and state of the opened model are in place
    diagram_ready = Signal(object, object, bool)  # diagram, id to show or None, a first view
    laying_out = Signal(bool)
    failed = Signal(str)  # one line for the user

    def __init__(self, jobs: JobRunner, user_code: UserCode, parent: QObject | None = None):
        super().__init__(parent)
        self.jobs, self.user_code = jobs, user_code
        self.spec: ModelSpec | None = None
        self.graph: NetGraph | None = None
        self.state: ExpansionState | None = None
        self.diagram: Diagram | None = None
        self.options = DiagramOptions()
        self._layouts = LatestJob(jobs)
        self._builds = BuiltModels()
        self._generation = 0
        # what was last asked for (name, inputs, blocks to open), opened or not: Reload asks again
        self._opened: tuple[str, InputsLike, tuple[str, ...]] = ("", None, ())
        self._keep_open: Collection[str] | None = None  # a reload's open blocks
        self._initial: ExpansionSnapshot | None = None  # the view a first diagram shows
        self._cached: CachedDiagram | None = None  # on screen from the cache, awaiting its graph
        self._wanted: tuple[str | None, bool] = (None, False)  # focus, first view: next result

    # opening --------------------------------------------------------------------------------
    def show_cached(self, name: str, input_size: InputsLike, expand: Sequence[str]) -> bool:
        """Draw the first diagram stored for this model and options, if there is one."""
        from netgraph.cache import load_diagram

        cached = load_diagram(name, input_size, replace(self.options, expand=tuple(expand)))
        if cached is None:
            return False
        self._cached, self.diagram = cached, cached.diagram
        self.diagram_ready.emit(cached.diagram, None, True)
        return True

    def open(
        self,
        name: str,
        input_size: InputsLike = None,
        expand: Sequence[str] = (),
        keep_open: Collection[str] | None = None,
    ) -> None:
        """Trace ``name`` fed ``input_size`` (or read it from the cache) off the UI thread, with
        the blocks in ``expand`` open too, or (``keep_open``, a reload) exactly those of them
        still there; a user's file runs in a child process the user can cancel."""
        self._generation += 1
        generation, expand = self._generation, tuple(expand)
        if self._cached is not None and self._opened[0] and self._opened[0] != name:
            self._cached = None
        self._opened, self._keep_open = (name, input_size, expand), keep_open
        self.user_code.cancel()  # its result would be dropped: stop its code now
        self.opening.emit(name)

        def done(result: tuple[ModelSpec, NetGraph]) -> None:
            if generation == self._generation:
                self._traced(*result)
            store_traced_next(self.jobs)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._cached = None
                self.failed.emit(message)

        if is_user_reference(name):
            self.user_code.run(
                lambda cancelled: trace_model(name, input_size, cancelled), done, failed
            )
        else:
            self.jobs.submit(lambda: trace_model(name, input_size, store_later=True), done, failed)

    @property
    def wanted(self) -> tuple[str, InputsLike]:
        """The model last asked for and its inputs ("" before the first)."""
        return self._opened[0], self._opened[1]

    def reload(self) -> None:
        """Trace the model last asked for again (a user's file is read anew), with the same
        inputs and, when it is the model on show, the same blocks open."""
        name, input_size, expand = self._opened
        if not name:
            return
        same = self.spec is not None and self.state is not None and self.spec.name == name
        self.open(name, input_size, expand, keep_open=self.state.expanded if same else None)

    def _traced(self, spec: ModelSpec, graph: NetGraph) -> None:
        from netgraph.layout.expansion import ExpansionState

        self.spec, self.graph = spec, graph
        keep_open, expand = self._keep_open, self._opened[2]
        if keep_open is not None:  # a reload: the blocks that were open, if still there
            self.state = ExpansionState(graph, depth=0)
            self.state.expand_many({p for p in keep_open if self.state.index.is_block(p)})
        else:
            self.state = ExpansionState(graph)
        for path in expand if keep_open is None else ():
            try:
                self.state.expand(path)
            except NetAtlasError as exc:  # an unknown block path: say so, show the rest
                self.failed.emit(str(exc))
        self.state.subscribe(self._expansion_changed)
        # the view a first diagram shows (a reload's is the user's own: not stored as one)
        self._initial = self.state.snapshot() if keep_open is None else None
        cached, self._cached = self._cached, None
        live = (
            cached is not None
            and self._initial is not None
            and (cached.expanded, cached.unfolded)
            == (self._initial.expanded, self._initial.unfolded)
        )
        if live:  # the cached diagram on screen is this graph's: kept, not drawn again
            self.diagram = cached.diagram
        self.model_ready.emit()
        if live:
            self._warm_up()
        elif keep_open is not None:  # a reload keeps the view where it was
            self.relayout()
        else:
            self.relayout(focus=expand[-1] if expand else None, first=True)

    def _warm_up(self) -> None:
        """Load the model's real code behind a diagram from the cache, so that its first build
        (tensor statistics) does not wait for torch to import."""
        generation, spec = self._generation, self.spec
        assert spec is not None

        def arrived(real: ModelSpec) -> None:
            if generation == self._generation:
                self.spec = real

        self.jobs.submit(lambda: warm_up(spec), arrived, lambda _message: None)

    # layout -----------------------------------------------------------------------------------
    def set_options(self, options: DiagramOptions) -> None:
        """New flow, style, folding or language: a new layout (a new flow is fitted anew)."""
        if options == self.options:
            return
        first = options.orientation != self.options.orientation
        self.options = options
        self._cached = None  # a cached diagram in the old options is no longer the one wanted
        self.relayout(first=first)

    def change_expansion(self, change: Callable[[ExpansionState], None]) -> None:
        """Apply ``change`` to the expansion state now; the state's event asks for the layout."""
        if self.state is None:
            return
        try:
            change(self.state)
        except NetAtlasError as exc:
            self.failed.emit(str(exc))

    def _expansion_changed(self, event: ExpansionChanged) -> None:
        self.relayout(focus=min(event.changed) if event.changed else None)

    def relayout(self, focus: str | None = None, first: bool = False) -> None:
        """Lay the current state out again; only the newest request's diagram is shown."""
        if self.graph is None or self.state is None:
            return
        old_focus, old_first = self._wanted
        self._wanted = (focus or old_focus, first or old_first)
        generation, graph, spec = self._generation, self.graph, self.spec
        snapshot, options = self.state.snapshot(), self.options
        self.laying_out.emit(True)

        def lay_out() -> Diagram:
            from netgraph.layout import layout_diagram

            o = options
            return layout_diagram(graph, snapshot, o.orientation, o.fold, o.style, o.lang)

        def done(diagram: Diagram) -> None:
            self.laying_out.emit(False)
            if generation != self._generation:
                return
            wanted, self._wanted = self._wanted, (None, False)
            diagram.title = (spec.title or spec.name) if spec else diagram.title
            self.diagram = diagram
            self.diagram_ready.emit(diagram, *wanted)
            if snapshot == self._initial and options == self.options:
                self._store(diagram, snapshot, options)

        def failed(message: str) -> None:
            self.laying_out.emit(False)
            self.failed.emit(message)

        self._layouts.submit(lay_out, done, failed)

    def _store(self, diagram: Diagram, snapshot: ExpansionSnapshot, options: DiagramOptions):
        """Keep the first diagram of this model in these options for the next start."""
        from netgraph.cache import store_diagram

        name, input_size, expand = self._opened
        key = replace(options, expand=expand)
        self.jobs.submit(
            lambda: store_diagram(
                name, input_size, key, diagram, snapshot.expanded, snapshot.unfolded
            ),
            lambda _stored: None,
            lambda _message: None,
        )

    # the real model ---------------------------------------------------------------------------
    def tensor_stats(
        self,
        module_path: str,
        on_done: Callable[[list[TensorSummary]], None],
        on_failed: Callable[[str], None],
        spec: ModelSpec | None = None,
    ) -> None:
        """Summaries of a layer's real tensors, from a model built off the UI thread (a user's
        in a child process); of ``spec``'s model if given (a compared one), else the shown."""
        spec = spec or self.spec
        if spec is None:
            return
        if spec.family == "user":
            self.user_code.run(
                lambda cancelled: user_tensor_stats(spec, module_path, cancelled),
                on_done,
                on_failed,
            )
            return

        def stats() -> Any:
            from models.tensor_stats import tensor_stats

            return tensor_stats(self._builds.get(spec).get_submodule(module_path))

        self.jobs.submit(stats, on_done, on_failed)
