"""Off-thread work for the window: tracing a model, laying out a diagram, building a real model.

The UI thread only starts a job and receives its result through a queued signal, so a slow
densenet trace never freezes the window. Each job carries a *ticket*; the window drops results
whose ticket is stale (the user opened another model meanwhile).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from models.errors import NetAtlasError

if TYPE_CHECKING:
    from models.inputs import InputsLike
    from models.registry import ModelSpec
    from models.user import Candidate
    from netgraph.layout.expansion import ExpansionState
    from netgraph.layout.geometry import Diagram
    from netgraph.model import NetGraph


class JobSignals(QObject):
    """Lives in the UI thread; emitting from the pool thread queues the call to the UI thread."""

    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str)  # ticket, one-line message


class _Job(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], signals: JobSignals) -> None:
        super().__init__()
        self._ticket = ticket
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except NetAtlasError as exc:
            self._signals.failed.emit(self._ticket, exc.app_message())
        except Exception as exc:  # a bug or a user model failing oddly: report it, stay alive
            self._signals.failed.emit(self._ticket, f"Unexpected {type(exc).__name__}: {exc}")
        else:
            self._signals.done.emit(self._ticket, result)


class JobRunner(QObject):
    """Runs callables on a private thread pool and reports to the UI thread.

    ``busy_changed`` drives the window's busy indicator; ``pending`` counts jobs in flight.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # jobs of one window run in the order they were asked
        self._next_ticket = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
        self._signals = JobSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> int:
        self._next_ticket += 1
        ticket = self._next_ticket
        self._callbacks[ticket] = (on_done, on_failed)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(ticket, fn, self._signals))
        return ticket

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutdown and for tests)."""
        return self._pool.waitForDone(msecs)

    def _finish(self, ticket: int) -> tuple[Callable[[Any], None], Callable[[str], None]] | None:
        callbacks = self._callbacks.pop(ticket, None)
        if not self._callbacks:
            self.busy_changed.emit(False)
        return callbacks

    def _on_done(self, ticket: int, result: object) -> None:
        callbacks = self._finish(ticket)
        if callbacks:
            callbacks[0](result)

    def _on_failed(self, ticket: int, message: str) -> None:
        callbacks = self._finish(ticket)
        if callbacks:
            callbacks[1](message)


# What the jobs run (plain functions; torch is imported here, on the job thread) ----------
def load_catalogue() -> tuple[list[ModelSpec], dict[str, str], list[str]]:
    """The book's networks, torchvision's models by group, timm's names (none if no timm)."""
    from models.registry import book_models, timm_names
    from models.zoo import torchvision_groups

    return book_models(), torchvision_groups(), timm_names()


TRACED_KEPT = 12  # graphs of the registry's models kept for the session (a few MB at most)
_traced: OrderedDict[tuple, tuple[ModelSpec, NetGraph]] = OrderedDict()
_traced_lock = threading.Lock()


def trace_model(
    name: str,
    input_size: InputsLike,
    cancelled: Callable[[], bool] | None = None,
    timeout: float | None = None,
) -> tuple[ModelSpec, NetGraph]:
    """A user's file is loaded and traced in a child process that ``cancelled`` or ``timeout``
    (seconds) can end.

    A book or torchvision model traced before in this session is not traced again: its graph
    is plain data nothing changes, and going back to a model (or comparing it) is common. A
    user's file always runs again (it may have changed since)."""
    from models.inputs import as_inputs
    from models.registry import is_user_reference
    from netgraph.load import load_graph

    key = (name, as_inputs(input_size))
    if not is_user_reference(name):
        with _traced_lock:
            if key in _traced:
                _traced.move_to_end(key)
                return _traced[key]
    result = load_graph(name, input_size, cancelled=cancelled, timeout=timeout)
    if not is_user_reference(name):
        with _traced_lock:
            _traced[key] = result
            while len(_traced) > TRACED_KEPT:
                _traced.popitem(last=False)
    return result


def forget_traced() -> None:
    """Trace every model afresh from now on (benchmarks measure tracing this way)."""
    with _traced_lock:
        _traced.clear()


def lay_out(
    graph: NetGraph,
    state: ExpansionState,
    orientation: str,
    style: str = "detailed",
    fold: bool = False,
    lang: str = "en",
) -> Diagram:
    from netgraph.layout import layout_diagram

    return layout_diagram(graph, state, orientation, fold, style, lang)


def user_file_candidates(path: str, cancelled: Callable[[], bool] | None = None) -> list[Candidate]:
    """The models a user's file offers, each with the inputs to offer it first, found by
    running the file in a child process."""
    from netgraph.load import load_candidates

    return load_candidates(path, cancelled=cancelled)


def user_tensor_stats(
    spec: ModelSpec, module_path: str, cancelled: Callable[[], bool] | None = None
) -> list[tuple[str, str]]:
    """``tensor_stats`` of a user's model, built in a child process (its code runs there)."""
    from models.isolated import run_isolated

    return run_isolated(
        _built_tensor_stats,
        spec.name,
        spec.inputs,
        module_path,
        what=f"building {spec.name}",
        cancelled=cancelled,
    )


def _built_tensor_stats(name: str, inputs: InputsLike, module_path: str) -> list[tuple[str, str]]:
    from gui.inspector import tensor_stats
    from models.registry import get_spec

    model = get_spec(name, inputs).build().eval()
    return tensor_stats(model.get_submodule(module_path))
