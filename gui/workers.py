"""Off-thread work for the window: tracing a model, laying out a diagram, building a real model.

The UI thread only starts a job and receives its result through a queued signal, so a slow
densenet trace never freezes the window. A job never changes process-wide state (the garbage
collector, the umask, ``sys.path``): only the UI thread does, and the runner, which holds
automatic garbage collection while jobs run (:class:`CollectorPause`).
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from errors import NetAtlasError

if TYPE_CHECKING:
    from models.catalogue import Catalogue
    from models.inputs import InputsLike
    from models.registry import ModelSpec
    from models.tensor_stats import TensorSummary
    from models.user import Candidate
    from netgraph.model import NetGraph


class JobSignals(QObject):
    """Lives in the UI thread; emitting from the pool thread queues the call to the UI thread."""

    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str)  # ticket, one-line message


class CollectorPause:
    """Automatic garbage collection waits while any job is queued or running, and resumes
    (on the UI thread, the only one left allocating) when the last one ends.

    A collection that starts on a job thread may free the Qt objects of a window the UI
    thread is tearing down at that moment; PySide then deadlocks between the GIL and a Qt
    mutex (it hung the suite twice, seen in gdb). Counted across every window's runner."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs = 0
        self._resume = False

    def hold(self) -> None:
        """A job is asked for (the UI thread, before it can start)."""
        with self._lock:
            if self._jobs == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._jobs += 1

    def release(self) -> None:
        """A job has ended (its thread, after its last Python)."""
        with self._lock:
            self._jobs -= 1
            if self._jobs == 0 and self._resume:
                gc.enable()


COLLECTOR = CollectorPause()


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
        finally:
            COLLECTOR.release()


class JobRunner(QObject):
    """Runs callables on a private thread pool and reports to the UI thread.

    ``busy_changed`` drives the window's busy indicator; ``pending`` counts jobs in flight.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # jobs of one window run in the order they were asked
        self._closed = False
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
        """Run ``fn`` after the jobs asked before; its ticket (0: the runner is closed, the
        job is dropped)."""
        if self._closed:
            return 0
        self._next_ticket += 1
        ticket = self._next_ticket
        self._callbacks[ticket] = (on_done, on_failed)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        COLLECTOR.hold()
        self._pool.start(_Job(ticket, fn, self._signals))
        return ticket

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for tests and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def close(self, msecs: int = -1) -> bool:
        """No job starts from now on, and the running one is waited for: a closing window
        is torn down with no job thread in Python (a result that arrives meanwhile, and asks
        for more work, asks in vain)."""
        self._closed = True
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


class LatestJob:
    """One kind of job where only the newest request matters (a layout after each click).

    One runs at a time on ``runner``; a request made meanwhile waits, replacing any older
    waiting one, and when the running job ends with a newer one waiting, its result is dropped
    and the newer one starts. So a burst of clicks costs at most two layouts and never shows
    an outdated one.
    """

    def __init__(self, runner: JobRunner) -> None:
        self._runner = runner
        self._running = False
        self._waiting: tuple[Callable[[], Any], Callable[[Any], None], Callable[[str], None]]
        self._waiting = None  # type: ignore[assignment]

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        if self._running:
            self._waiting = (fn, on_done, on_failed)
        else:
            self._start(fn, on_done, on_failed)

    def _start(self, fn, on_done, on_failed) -> None:  # type: ignore[no-untyped-def]
        self._running = True

        def finish(deliver: Callable[[Any], None], value: Any) -> None:
            self._running = False
            waiting, self._waiting = self._waiting, None  # type: ignore[assignment]
            if waiting is not None:
                self._start(*waiting)
            else:
                deliver(value)

        self._runner.submit(fn, lambda r: finish(on_done, r), lambda m: finish(on_failed, m))


class BuiltModels:
    """Real (CPU) models built for tensor statistics, used on the job thread only: the last
    ``keep`` models asked for, so clicking through one model's BatchNorm layers builds it once
    and browsing many models does not keep them all."""

    def __init__(self, keep: int = 2) -> None:
        self._keep = keep
        self._models: dict[tuple[str, tuple], Any] = {}

    def get(self, spec: ModelSpec) -> Any:
        key = (spec.name, spec.inputs)
        model = self._models.pop(key, None)
        if model is None:
            model = spec.build().eval()
        self._models[key] = model  # the newest last
        while len(self._models) > self._keep:
            self._models.pop(next(iter(self._models)))
        return model


# What the jobs run (plain functions; torch is imported here, on the job thread) ----------
def load_catalogue() -> Catalogue:
    """The browser's list: from the cache when the software has not changed, else the real
    one (which imports torch, torchvision and timm if installed, and is then cached)."""
    from models.catalogue import cached_catalogue, load_catalogue

    return cached_catalogue() or load_catalogue()


TRACED_KEPT = 12  # graphs of the registry's models kept for the session (a few MB at most)
_traced: OrderedDict[tuple, tuple[ModelSpec, NetGraph]] = OrderedDict()
_traced_lock = threading.Lock()
_unstored: list[tuple[str, InputsLike, tuple[ModelSpec, NetGraph]]] = []  # see store_traced


def trace_model(
    name: str,
    input_size: InputsLike,
    cancelled: Callable[[], bool] | None = None,
    timeout: float | None = None,
    store_later: bool = False,
) -> tuple[ModelSpec, NetGraph]:
    """The spec and graph of a model. A user's file is loaded and traced in a child process
    that ``cancelled`` or ``timeout`` (seconds) can end; it always runs again (it may have
    changed since).

    A book, torchvision or timm model traced before in this session is not traced again: its
    graph is plain data nothing changes, and going back to a model (or comparing it) is common.
    One opened before with this software comes from the disk cache (no torch needed); a graph
    traced now is written there at once, or with ``store_later`` by :func:`store_traced`
    (the window's next job: the diagram is on screen first)."""
    from models.inputs import as_inputs
    from models.registry import is_user_reference
    from netgraph import cache

    key = (name, as_inputs(input_size))
    if is_user_reference(name):
        from netgraph.load import load_graph

        return load_graph(name, input_size, cancelled=cancelled, timeout=timeout)
    with _traced_lock:
        if key in _traced:
            _traced.move_to_end(key)
            return _traced[key]
    result = cache.load_graph(name, input_size)
    if result is None:
        from netgraph.load import load_graph  # torch, only for a model not traced before

        result = load_graph(name, input_size, cancelled=cancelled, timeout=timeout)
        if store_later:
            with _traced_lock:
                _unstored.append((name, input_size, result))
        else:
            cache.store_graph(name, input_size, *result)
    with _traced_lock:
        _traced[key] = result
        while len(_traced) > TRACED_KEPT:
            _traced.popitem(last=False)
    return result


def traced_before(name: str, input_size: InputsLike) -> tuple[ModelSpec, NetGraph] | None:
    """The spec and graph kept from tracing ``name`` earlier in this session, if they are."""
    from models.inputs import as_inputs

    with _traced_lock:
        return _traced.get((name, as_inputs(input_size)))


def store_traced_next(jobs: JobRunner) -> None:
    """The graphs traced with ``store_later`` written by ``jobs``' next job (none when none
    waits)."""
    with _traced_lock:
        waiting = bool(_unstored)
    if waiting:
        jobs.submit(store_traced, lambda _none: None, lambda _message: None)


def store_traced() -> None:
    """Write the graphs traced with ``store_later`` to the disk cache."""
    from netgraph import cache

    with _traced_lock:
        waiting = _unstored[:]
        _unstored.clear()
    for name, input_size, result in waiting:
        cache.store_graph(name, input_size, *result)


def forget_traced() -> None:
    """Trace every model afresh from now on, as far as this session goes (benchmarks measure
    tracing this way; the disk cache is theirs to empty: ``NETATLAS_CACHE_DIR``)."""
    with _traced_lock:
        _traced.clear()
        _unstored.clear()


def warm_up(spec: ModelSpec) -> ModelSpec:
    """The real spec of a model shown from the cache: imports torch and the model's code in the
    background, so that the first build (tensor statistics, an uncached model) does not wait."""
    from models.registry import get_spec, is_user_reference

    return spec if is_user_reference(spec.name) else get_spec(spec.name, spec.inputs)


def user_file_candidates(path: str, cancelled: Callable[[], bool] | None = None) -> list[Candidate]:
    """The models a user's file offers, each with the inputs to offer it first, found by
    running the file in a child process."""
    from netgraph.load import load_candidates

    return load_candidates(path, cancelled=cancelled)


def user_tensor_stats(
    spec: ModelSpec, module_path: str, cancelled: Callable[[], bool] | None = None
) -> list[TensorSummary]:
    """``tensor_stats`` of a user's model, built in a child process (its code runs there)."""
    from models.isolated import run_isolated
    from models.tensor_stats import built_tensor_stats

    return run_isolated(
        built_tensor_stats,
        spec.name,
        spec.inputs,
        module_path,
        what=f"building {spec.name}",
        cancelled=cancelled,
    )
