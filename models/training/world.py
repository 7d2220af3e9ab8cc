"""The processes of one run: a single process, or the ranks ``torchrun`` starts.

``torchrun --nproc-per-node N main.py train …`` (and ``--nnodes``/``--rdzv-endpoint`` for several
machines) starts N copies of the command with ``RANK``, ``WORLD_SIZE`` and ``LOCAL_RANK`` set;
:func:`join_world` turns them into a :class:`World`: the process group (NCCL on CUDA, Gloo on
the CPU), this rank's device, and the few collective steps the trainer needs. Data parallel as
the book's ``train_ch13``: every rank holds the same model, takes its share of each global batch
(the book's batch size; each rank ``batch / world size``), and DistributedDataParallel averages
the gradients. Rank 0 alone writes the run folder.

A failure must end every rank with one line, not one traceback per rank. So what only rank 0
can do (claim the run folder, read a checkpoint) is done there and its outcome broadcast
(:meth:`World.from_rank0`), a rank's own preparation is agreed on before training
(:meth:`World.agree`), and a rank that fails alone leaves its line in the launcher's store
(:meth:`World.report_failure`) and ends quietly; the others' collectives then fail, and they
raise :class:`PeerLostError` with that line, which rank 0 alone prints and logs.
"""

from __future__ import annotations

import contextlib
import datetime
import inspect
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import torch
from torch import nn

from errors import NetAtlasError
from models.training.errors import TrainingError

if TYPE_CHECKING:
    from models.training.config import TrainConfig

T = TypeVar("T")
# How long a collective waits for a rank that is alive but stuck before the run ends.
COLLECTIVE_TIMEOUT = datetime.timedelta(minutes=10)
_LAUNCH_VARS = ("RANK", "WORLD_SIZE", "LOCAL_RANK")
_FAILURE_KEY = "netatlas/failure"
# words of Gloo's and NCCL's errors when a peer's connection is gone
_LOST_MARKS = ("gloo", "nccl", "connection reset", "connection closed", "broken pipe")


class PeerLostError(TrainingError):
    """Another rank of the run has ended (the message is its line when it left one); this rank
    stops too, and only rank 0 says so."""

    all_ranks = True


class SharedError(TrainingError):
    """A failure every rank raises together; printed once, by rank 0."""

    all_ranks = True


def launched_rank() -> int:
    """This process's rank as torchrun set it (0 outside a launch)."""
    return int(os.environ.get("RANK", "0")) if launched() else 0


def launched() -> bool:
    """Whether this process is a rank of a ``torchrun`` launch of more than one process."""
    return all(v in os.environ for v in _LAUNCH_VARS) and int(os.environ["WORLD_SIZE"]) > 1


@dataclass(frozen=True)
class World:
    """This process's place in the run; ``size == 1`` is a run of one process (no group)."""

    rank: int = 0
    size: int = 1
    local_rank: int = 0
    local_size: int = 1
    backend: str | None = None  # "nccl" or "gloo"; None for a single process

    @property
    def distributed(self) -> bool:
        return self.size > 1

    @property
    def leader(self) -> bool:
        """Rank 0: the rank that writes the run folder and prints."""
        return self.rank == 0

    def device(self, name: str) -> str:
        """The device this rank trains on, for the run's ``--device``: each rank on a node
        takes its own GPU, ``cuda:LOCAL_RANK`` (``cuda:N`` too: which GPUs a node lends is
        ``CUDA_VISIBLE_DEVICES``'s business)."""
        if not self.distributed:
            return name
        if name == "auto":
            name = "cuda" if torch.cuda.is_available() else "cpu"
        if name.startswith("mps"):
            raise SharedError(
                "DistributedDataParallel does not run on Apple's MPS: use --device cpu."
            )
        if name == "cuda" or name.startswith("cuda:"):
            if torch.cuda.device_count() < self.local_size:
                raise SharedError(
                    f"{self.local_size} processes on this machine but {torch.cuda.device_count()} "
                    "GPUs: give torchrun --nproc-per-node at most the number of GPUs."
                )
            return f"cuda:{self.local_rank}"
        return name

    def record(self) -> dict:
        """What config.json says of the processes."""
        return {"world_size": self.size, "backend": self.backend}

    # Collectives --------------------------------------------------------------------------

    def from_rank0(self, work: Callable[[], T]) -> T:
        """``work()`` run on rank 0 only (the run folder is there), its result or its
        ``NetAtlasError`` given to every rank."""
        if not self.distributed:
            return work()
        outcome: list[object] = [None]
        if self.leader:
            try:
                outcome[0] = ("ok", work())
            except NetAtlasError as exc:
                outcome[0] = ("error", str(exc), exc.exit_code)
        self._collective(torch.distributed.broadcast_object_list, outcome, src=0)
        kind, *rest = outcome[0]
        if kind == "ok":
            return rest[0]
        error = SharedError(rest[0])
        error.exit_code = rest[1]
        raise error

    def agree(self, failure: NetAtlasError | None) -> None:
        """Every rank says whether its preparation failed; if any did, all raise one error
        (the first rank's message, naming the ranks unless all of them failed)."""
        if not self.distributed:
            if failure is not None:
                raise failure
            return
        said: list[object] = [None] * self.size
        mine = None if failure is None else (str(failure), failure.exit_code)
        self._collective(torch.distributed.all_gather_object, said, mine)
        failed = [(rank, s) for rank, s in enumerate(said) if s is not None]
        if not failed:
            return
        first, (message, code) = failed[0]
        if len(failed) < self.size:
            ranks = ", ".join(str(rank) for rank, _ in failed)
            message = f"rank {ranks} of {self.size}: {message}"
        error = SharedError(message)
        error.exit_code = code
        raise error from failure

    def all_sum(self, values: Sequence[float], device: torch.device) -> list[float]:
        """``values`` summed over the ranks (a tensor on ``device``: NCCL reduces GPU memory)."""
        return self._reduce(values, device, "SUM")

    def all_min(self, values: Sequence[float], device: torch.device) -> list[float]:
        return self._reduce(values, device, "MIN")

    def _reduce(self, values: Sequence[float], device: torch.device, op: str) -> list[float]:
        if not self.distributed:
            return list(values)
        tensor = torch.tensor(values, dtype=torch.float64, device=device)
        self._collective(
            torch.distributed.all_reduce, tensor, op=getattr(torch.distributed.ReduceOp, op)
        )
        return tensor.tolist()

    def average_buffers(self, model: nn.Module) -> None:
        """Every rank's float buffers (BN running statistics) replaced by their mean over the
        ranks, whole-number ones (BN's batch count) by rank 0's: each rank then tests, and
        rank 0 checkpoints, one model whose running statistics come from every rank's share
        of the data (timm's ``--dist-bn reduce``), not from rank 0's half alone."""
        if not self.distributed:
            return
        for buffer in model.buffers():
            if buffer.is_floating_point():
                self._collective(torch.distributed.all_reduce, buffer)
                buffer.div_(self.size)
            else:
                self._collective(torch.distributed.broadcast, buffer, src=0)

    def _collective(self, call: Callable, *args, **kwargs) -> None:
        try:
            call(*args, **kwargs)
        except RuntimeError as exc:  # DistBackendError and kin: a rank is gone or stuck
            raise self.lost(exc) from exc

    def is_lost(self, exc: BaseException) -> bool:
        """Whether ``exc`` (from a step: DDP's all-reduce runs in the backward pass) says that
        another rank is gone, rather than that this rank's own step failed."""
        if isinstance(exc, torch.distributed.DistError):
            return True
        text = str(exc).lower()
        return self.distributed and any(mark in text for mark in _LOST_MARKS)

    def lost(self, exc: BaseException) -> PeerLostError:
        """The error of a rank whose peer is gone: the failed rank's own line when it left one
        (:meth:`report_failure`), else what the backend said."""
        said = self._store_get(_FAILURE_KEY)
        if said:
            return PeerLostError(said)
        said = re.sub(r"^\[[^\]]*\]\s*", "", str(exc).splitlines()[0]).split(". ")[0]
        return PeerLostError(
            f"rank {self.rank} of {self.size} stopped: another rank of the run ended without a "
            f"word (killed, or out of memory?): {said[:160]}"
        )

    def report_failure(self, message: str) -> None:
        """Leave this rank's failure where rank 0 finds it (the launcher's key-value store), so
        that rank 0 prints it once and writes it to the run log."""
        store = _default_store()
        if store is not None:
            with contextlib.suppress(Exception):  # best effort: the launcher may be gone too
                store.set(_FAILURE_KEY, f"rank {self.rank} of {self.size}: {message}")

    def _store_get(self, key: str) -> str | None:
        store = _default_store()
        if store is None or not self.distributed:
            return None
        try:
            return store.get(key).decode() if store.check([key]) else None
        except Exception:  # a store that is gone: say what the backend said instead
            return None

    # The model and the data ---------------------------------------------------------------

    EAGER_WHY = "CUDA graphs are not recorded around DistributedDataParallel's all-reduce"

    def rank_batch(self, batch_size: int) -> int:
        """Each rank's share of a global batch (the largest, where it does not divide)."""
        return -(-batch_size // self.size)

    def notes(self, config: TrainConfig, device: torch.device, model: nn.Module) -> tuple[str, ...]:
        """What a run of this many processes does differently, said at its start (the
        ``model`` as wrapped: whose BN layers normalise per process, or over the global batch)."""
        if not self.distributed:
            one = "one process: BN normalises over the whole batch (--sync-bn changes nothing)"
            return (one,) if config.sync_bn else ()
        from models.training.stats import is_batch_norm
        from models.training.syncbn import synchronised

        layers = [name for name, m in model.named_modules() if is_batch_norm(m)]
        synced = [n for n, m in model.named_modules() if synchronised(m)]
        share = self.rank_batch(config.batch_size)
        bn = "over the whole batch (SyncBatchNorm)" if synced else "per process"
        notes = [
            f"{self.size} processes ({self.backend}): each trains on {share} of every batch of "
            f"{config.batch_size}" + (f"; BN normalises {bn}" if layers else "")
        ]
        if config.sync_bn and len(synced) < len(layers):
            own = ", ".join(n for n in layers if n not in synced)
            notes.append(
                f"--sync-bn converts torch's BatchNorm layers only; this model's own BatchNorm "
                f"layers ({own}) still normalise per process"
            )
        if config.batch_size % self.size:
            notes.append(f"a batch of {config.batch_size} does not divide by {self.size}: "
                         f"the ranks take {share} or {share - 1} examples")  # fmt: skip
        if config.compile:
            notes.append("--compile is off: a compiled twin would train without DDP's all-reduce")
        if device.type == "cuda" and config.cuda_graphs:
            notes.append(f"steps run eagerly: {self.EAGER_WHY}")
        return tuple(notes)

    def wrap(
        self, model: nn.Module, device: torch.device, sync_bn: bool
    ) -> tuple[nn.Module, nn.Module]:
        """The model and the module that trains it: the model itself, or its
        DistributedDataParallel wrapper (``sync_bn``: BN normalises with the statistics of the
        whole global batch, converted in place so the model keeps its module paths)."""
        if not self.distributed:
            return model, model
        from torch.nn.parallel import DistributedDataParallel

        if sync_bn:
            from models.training.syncbn import convert_sync_batchnorm

            model = convert_sync_batchnorm(model, device)
        ids = [device.index] if device.type == "cuda" else None
        try:
            # each rank keeps its own running statistics (BN per process); evaluate() averages them
            local = (
                {"forward_sync_buffers": False}
                if "forward_sync_buffers" in inspect.signature(DistributedDataParallel).parameters
                else {"broadcast_buffers": False}  # torch before 2.11
            )
            return model, DistributedDataParallel(model, device_ids=ids, **local)
        except RuntimeError as exc:
            raise self.lost(exc) from exc

    def shard(self, index: torch.Tensor) -> torch.Tensor:
        """This rank's share of a global batch: every ``size``-th example from ``rank``, as
        DistributedSampler deals them; a last batch that does not divide is padded with its
        own first examples (DistributedSampler pads with the epoch's), so that every rank
        takes the same number of steps and no rank gets an empty batch."""
        if not self.distributed:
            return index
        short = -len(index) % self.size
        if short:
            index = torch.cat([index, index[:short].repeat(short // len(index) + 1)[:short]])
        return index[self.rank :: self.size]

    def close(self, finished: bool = False) -> None:
        """Leave the process group; ``finished``: after a run every rank ended well, wait for
        the others first (a rank that tears Gloo down while rank 0 still writes its checkpoint
        was seen aborting at exit)."""
        if not (self.distributed and torch.distributed.is_initialized()):
            return
        if finished:
            with contextlib.suppress(RuntimeError):
                torch.distributed.barrier()
        torch.distributed.destroy_process_group()


def _default_store() -> torch.distributed.Store | None:
    """The process group's key-value store (torchrun's), None where this torch hides it."""
    if not torch.distributed.is_initialized():
        return None
    get = getattr(torch.distributed.distributed_c10d, "_get_default_store", None)
    return get() if get is not None else None


def join_world(device: str = "auto") -> World:
    """This process's :class:`World`: from ``torchrun``'s variables, the process group made
    (NCCL when the run is on CUDA, Gloo on the CPU); a single process otherwise."""
    if not launched():
        return World()
    env = os.environ
    world = World(
        rank=int(env["RANK"]),
        size=int(env["WORLD_SIZE"]),
        local_rank=int(env["LOCAL_RANK"]),
        local_size=int(env.get("LOCAL_WORLD_SIZE", env["WORLD_SIZE"])),
    )
    where = torch.device(world.device(device))
    backend = "nccl" if where.type == "cuda" else "gloo"
    if where.type == "cuda":
        torch.cuda.set_device(where)
    try:
        torch.distributed.init_process_group(backend, timeout=COLLECTIVE_TIMEOUT)
    except (RuntimeError, ValueError) as exc:
        raise TrainingError(
            f"rank {world.rank} could not join the run ({str(exc).splitlines()[0]}); check "
            "torchrun's --rdzv-endpoint and that every node reaches it."
        ) from exc
    return World(world.rank, world.size, world.local_rank, world.local_size, backend)
