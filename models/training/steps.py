"""One optimiser step as a fixed program, replayed as a CUDA graph where that pays.

On a GPU a step of a small or mid-sized network spends much of its time launching kernels
rather than running them (the book's LeNet launches about a hundred tiny ones per step). A CUDA
graph records the whole step once (gathering and resizing the batch, forward, loss, backward,
the optimiser's update, the running sums) and replays it with a single launch. That needs fixed
shapes and fixed memory, so the program reads its batch through a static index buffer, keeps
its sums in tensors updated in place, and a capture step (statistics on) is a second graph that
writes into its own flat buffer.

Eager steps remain: the first few (cuDNN's autotuning and the optimiser's lazily made state must
happen outside a capture), an epoch's short last batch, the CPU and MPS, data sets kept in host
memory, and any model whose capture fails: the run then goes on eagerly and says why.

The runner talks to a :class:`Recorder`, not to CUDA directly, so its bookkeeping (warm-up,
static index, fallbacks) is tested on the CPU against a recorder that keeps the same contract.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import NamedTuple, Protocol, TypeVar

import torch
import torch.nn.functional as F
from torch import nn

from models.training.device import Batches
from models.training.errors import TrainingError
from models.training.phases import BACKWARD, CAPTURE, DATA, FORWARD, OPTIMIZER, SUMS, phase
from models.training.stats import StatsProbe, StatsSnapshot

WARMUP_STEPS = 3  # eager steps before the first capture

TensorState = dict[tuple[str, str], torch.Tensor]
T = TypeVar("T")


class Recorder(Protocol):
    """Turns one call of a step into something that replays it."""

    def record(self, step: Callable[[], T]) -> tuple[Callable[[], None], T]:
        """Record ``step`` without running it; returns the replay and what ``step`` returned
        (tensors a replay writes into)."""
        ...

    def release(self) -> None:
        """Give back what failed recordings held."""
        ...


class CudaGraphRecorder:
    """Records into CUDA graphs that share one memory pool.

    Sharing is safe here: the graphs replay one at a time on one stream, and each rewrites all
    the pool memory it reads within its own replay (the state that lives across steps, such as
    weights, optimiser state and sums, is outside the pool; the statistics a capture step leaves
    in the pool are copied out right after its replay). So a step's memory is reserved once,
    not once per kind of step, which matters on a laptop GPU.
    """

    def __init__(self) -> None:
        self._pool: object | None = None  # a graph pool handle, made on first use

    def record(self, step: Callable[[], T]) -> tuple[Callable[[], None], T]:
        if self._pool is None:
            self._pool = torch.cuda.graph_pool_handle()
        graph = torch.cuda.CUDAGraph()
        stream = torch.cuda.current_stream()
        torch.cuda.synchronize()
        try:
            with torch.cuda.graph(graph, pool=self._pool, capture_error_mode="thread_local"):
                result = step()
        except BaseException:
            self._end_broken_capture(stream)
            raise
        return graph.replay, result

    def _end_broken_capture(self, stream: torch.cuda.Stream) -> None:
        """When an op invalidates a capture (a sync, say), ending it fails too, and torch then
        leaves the capture stream current and the allocator still routing into the pool. Undo
        both, so that the run goes on eagerly in a sound process."""
        if torch.cuda.current_stream() == stream:
            return  # the capture ended; the unfinished graph frees its share of the pool
        torch.cuda.set_stream(stream)
        device = torch.cuda.current_device()
        for name in ("_cuda_endAllocateToPool", "_cuda_releasePool"):
            undo = getattr(torch._C, name, None)
            if undo is not None:
                undo(device, self._pool)
        self._pool = None

    def release(self) -> None:
        torch.cuda.empty_cache()


class SumsRead(NamedTuple):
    """What :meth:`StepSums.read` returns: the epoch so far and the last step's own batch."""

    loss: float  # summed over the epoch's examples so far
    correct: float
    first_bad: int  # first step with a non-finite loss (-1: none)
    batch_loss: float  # the last step's mini-batch mean loss
    batch_correct: float  # the last step's correct predictions


class StepSums:
    """The epoch's running sums on the device, and the last step's own loss and correct count,
    all updated in place so that a graph can own them."""

    def __init__(self, device: torch.device) -> None:
        self.loss = torch.zeros((), device=device)
        self.correct = torch.zeros((), device=device)
        self.step = torch.zeros((), dtype=torch.long, device=device)
        self.first_bad = torch.full((), -1, dtype=torch.long, device=device)  # non-finite loss
        self.batch_loss = torch.zeros((), device=device)
        self.batch_correct = torch.zeros((), device=device)

    def reset(self, step: int) -> None:
        """Start an epoch whose first step will be ``step + 1``."""
        self.loss.zero_()
        self.correct.zero_()
        self.step.fill_(step)
        self.first_bad.fill_(-1)

    def add(self, loss: torch.Tensor, logits: torch.Tensor, labels: torch.Tensor) -> None:
        loss = loss.detach()
        hits = (logits.argmax(1) == labels).sum()
        self.step += 1
        self.loss += loss * len(labels)
        self.correct += hits
        self.batch_loss.copy_(loss)
        self.batch_correct.copy_(hits)
        bad = (self.first_bad < 0) & ~torch.isfinite(loss)
        self.first_bad.copy_(torch.where(bad, self.step, self.first_bad))

    def read(self) -> SumsRead:
        """All the sums in one host read."""
        values = torch.stack(
            [self.loss, self.correct, self.first_bad.float(), self.batch_loss, self.batch_correct]
        ).tolist()
        loss, correct, bad, batch_loss, batch_correct = values
        return SumsRead(loss, correct, int(bad), batch_loss, batch_correct)


def logits_of(output: torch.Tensor | tuple | dict) -> torch.Tensor:
    """The classifier's logits: the output, or the first of the outputs a model returns in
    training mode (torchvision's GoogLeNet and Inception v3 add their auxiliary heads'), or a
    dict's "logits" (else its first value)."""
    while not isinstance(output, torch.Tensor):
        if isinstance(output, dict):
            output = output["logits"] if "logits" in output else next(iter(output.values()))
        else:
            output = output[0]
    return output


class StepProgram:
    """Forward, backward, update and sums for the batch at ``index``: the same code whether it
    runs eagerly or is captured into a graph."""

    def __init__(
        self,
        model: nn.Module,
        optimizer: torch.optim.Optimizer,
        batches: Batches,
        autocast: Callable[[], AbstractContextManager],
        probe: StatsProbe,
        sums: StepSums,
        classes: int = 0,
        name: str = "the model",
    ) -> None:
        self.model = model
        self.optimizer = optimizer
        self.batches = batches
        self.autocast = autocast
        self.probe = probe
        self.sums = sums
        self.classes, self.name = classes, name

    def __call__(
        self, index: torch.Tensor, capture: bool, model: nn.Module | None = None
    ) -> StatsSnapshot | None:
        """``model`` replaces the eager model (a compiled twin) on steps without capture."""
        with phase(DATA):
            x, y = self.batches.batch(index)
        with phase(OPTIMIZER):
            self.optimizer.zero_grad(set_to_none=True)
        if capture:
            self.probe.arm()
        with phase(FORWARD), self.autocast():
            logits = logits_of((model or self.model)(x))
            self._check_scores(logits)
            loss = F.cross_entropy(logits.float(), y)
        with phase(BACKWARD):
            loss.backward()
        with phase(OPTIMIZER):
            self.optimizer.step()
        with phase(SUMS):
            self.sums.add(loss, logits, y)
        if not capture:
            return None
        with phase(CAPTURE):
            return self.probe.gather()

    def _check_scores(self, logits: torch.Tensor) -> None:
        """One score per class and example, or a line that says what the model gives (a
        user's model with too few outputs failed deep in cross_entropy, a traceback)."""
        if logits.ndim == 2 and logits.shape[1] >= self.classes:
            return
        per = "×".join(map(str, logits.shape[1:])) or "1"
        raise TrainingError(
            f"{self.name} outputs {per} values per example but the data set has "
            f"{self.classes} classes: make its last layer output {self.classes} (one score per "
            "class)."
        )


class StepRunner:
    """Runs the step program eagerly or, given a ``recorder``, as replays of recorded steps.

    Two recordings at most, one per kind of step (plain, capture), each made the first time its
    kind comes up after the warm-up.
    """

    def __init__(self, program: StepProgram, batch_size: int, recorder: Recorder | None) -> None:
        self.program = program
        self.batch_size = batch_size
        self.recorder = recorder
        self.eager_steps = 0
        self._eager_kinds: set[bool] = set()  # kinds of step (capture or not) run eagerly
        self.fallback: str | None = None  # why graphs were given up
        self._graphs: dict[bool, tuple[Callable[[], None], StatsSnapshot | None]] = {}
        self._index: torch.Tensor | None = None  # the recordings' static input

    @property
    def mode(self) -> str:
        """How the steps ran, for the closing lines: "eager", "CUDA graphs" or why not."""
        if self.fallback:
            return f"eager ({self.fallback})"
        return "CUDA graphs" if self._graphs else "eager"

    def run(
        self, index: torch.Tensor, capture: bool, model: nn.Module | None = None
    ) -> StatsSnapshot | None:
        if self._may_replay(index, capture):
            entry = self._graphs.get(capture) or self._capture(index, capture)
            if entry is not None:
                replay, snapshot = entry
                self._index.copy_(index, non_blocking=True)
                replay()
                return snapshot
        self.eager_steps += 1
        self._eager_kinds.add(capture)
        return self.program(index, capture, None if capture else model)

    def _may_replay(self, index: torch.Tensor, capture: bool) -> bool:
        """Only full batches, after the warm-up and after one eager step of the same kind (its
        kernels loaded and tuned outside any capture)."""
        return (
            self.recorder is not None
            and self.fallback is None
            and self.eager_steps >= WARMUP_STEPS
            and capture in self._eager_kinds
            and len(index) == self.batch_size
        )

    def _capture(
        self, index: torch.Tensor, capture: bool
    ) -> tuple[Callable[[], None], StatsSnapshot | None] | None:
        """Record one step (nothing runs while recording; the caller replays it at once)."""
        assert self.recorder is not None
        if self._index is None:
            self._index = index.clone()
        model = self.program.model
        before = tensor_state(model)
        try:
            entry = self.recorder.record(lambda: self.program(self._index, capture))
        except RuntimeError as exc:  # an op that cannot be recorded, or no memory for a pool
            self._give_up(f"capturing a step failed: {str(exc).splitlines()[0]}", before)
            return None
        rebound = [f"{m}.{a}" if m else a for m, a in changed_tensors(before, model)]
        if rebound:
            self._give_up(f"the model replaces {rebound[0]} on every step", before)
            return None
        self._graphs[capture] = entry
        return entry

    def _give_up(self, reason: str, before: TensorState) -> None:
        """Undo what the failed recording left behind and stay eager for the rest of the run."""
        self.fallback = reason
        self.program.probe.disarm()
        restore_tensors(self.program.model, before)
        self.program.optimizer.zero_grad(set_to_none=True)
        self._graphs.clear()
        assert self.recorder is not None
        self.recorder.release()


def tensor_state(model: nn.Module) -> TensorState:
    """Every tensor a module holds (parameters, buffers, plain attributes), by (module, name).

    A graph replays into the tensors that existed while it was recorded, so a model that
    rebinds one (``self.stat = new``) instead of updating it in place cannot be replayed.
    """
    state: TensorState = {}
    for name, module in model.named_modules():
        held = {**vars(module), **module._parameters, **module._buffers}
        for attr, value in held.items():
            if isinstance(value, torch.Tensor):
                state[name, attr] = value
    return state


def changed_tensors(before: TensorState, model: nn.Module) -> list[tuple[str, str]]:
    after = tensor_state(model)
    return [key for key, value in before.items() if after.get(key) is not value]


def restore_tensors(model: nn.Module, state: TensorState) -> None:
    for (name, attr), value in state.items():
        module = model.get_submodule(name)
        if getattr(module, attr, None) is not value:
            setattr(module, attr, value)
