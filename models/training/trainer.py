"""The training loop: the book's recipe (``train_ch6``) without its per-batch host round trips.

Defaults follow the book: Xavier-uniform weights for Conv2d/Linear, SGD, cross-entropy, the
network's preset lr/batch/epochs/resize, train loss and accuracy as running means over the epoch
(and each logged step's own mini-batch values beside them), test accuracy after each epoch.
The loop keeps its sums on the device and reads them only a few times per epoch, so a GPU is
never stalled waiting for Python. Thread-safe controls
(:meth:`request_stop`, :meth:`request_pause`, :meth:`resume`) let the app drive a run from another
thread; events (:mod:`models.training.events`) report everything.
"""

from __future__ import annotations

import math
import threading
import time
import traceback
from collections import deque
from dataclasses import asdict, replace
from pathlib import Path

import torch
from torch import nn

from errors import NetAtlasError
from models.data import ImageSet, load_dataset
from models.files import FileWriteError
from models.inputs import (
    InputSpec,
    declared_inputs,
    first_layer_input,
    parse_input,
    suggested_inputs,
)
from models.registry import get_spec
from models.training.background import BackgroundCompiler
from models.training.config import TrainConfig, read_run_config
from models.training.cpu import native_bf16, training_threads
from models.training.device import Batches, autocast_for, pick_device, prefers_channels_last
from models.training.errors import (
    CheckpointError,
    DeviceMemoryError,
    DivergedError,
    ModelCodeError,
    TrainingError,
)
from models.training.events import (
    DoneEvent,
    EpochEvent,
    ErrorEvent,
    Event,
    Listener,
    PrepareEvent,
    StartEvent,
    StepEvent,
)
from models.training.fit import TRAINABLE, decode_side, fit_input
from models.training.phases import CAPTURE, phase
from models.training.runlog import RunLog, load_checkpoint, read_metrics
from models.training.runs import CONFIG
from models.training.stats import StatsProbe, StatsSnapshot
from models.training.steps import CudaGraphRecorder, StepProgram, StepRunner, StepSums, SumsRead
from models.training.world import SharedError, World
from models.user import code_location
from netgraph.formatting import format_shape

STEP_EVENTS_PER_EPOCH = 20
# A capture step's statistics on their way to the host: step, layout, pinned copy, copy done.
StatsInFlight = tuple[int, StatsSnapshot, torch.Tensor, torch.cuda.Event]


def book_init(module: nn.Module) -> None:
    """The book's ``init_weights``: Xavier-uniform for exactly Linear and Conv2d layers."""
    if type(module) in (nn.Linear, nn.Conv2d):
        nn.init.xavier_uniform_(module.weight)


def make_optimizer(
    name: str,
    params,
    lr: float,
    weight_decay: float,
    capturable: bool = False,
    fused: bool = False,
) -> torch.optim.Optimizer:
    """``capturable``: Adam keeps its step count on the device, so a CUDA graph can replay it.
    ``fused``: the whole update of a parameter in one pass (see :func:`fuses_updates`)."""
    if name == "adam":
        return torch.optim.Adam(
            params, lr=lr, weight_decay=weight_decay, capturable=capturable, fused=fused or None
        )
    momentum = 0.9 if name == "momentum" else 0.0
    return torch.optim.SGD(
        params, lr=lr, momentum=momentum, weight_decay=weight_decay, fused=fused or None
    )


def fuses_updates(optimizer: str, device: torch.device) -> bool:
    """On the CPU, Adam's fused update is 5-6× faster than op by op (a tenth of a ResNet-18
    step), SGD with momentum's 1.5×; plain SGD, one pass per parameter anyway, gains nothing
    (bench/bench_cpu_options.py). CUDA keeps the updates its graphs were checked with."""
    return device.type == "cpu" and optimizer != "sgd"


class RunFinished(SharedError):
    """Resuming a run that completed its epochs: nothing to train, nothing written."""


def _completed(run_dir: str | Path) -> bool:
    """Whether the run's log ends with its completion."""
    records = read_metrics(run_dir)
    return (
        bool(records)
        and records[-1].get("kind") == "done"
        and (records[-1].get("reason") == "completed")
    )


class Trainer:
    """One training run of one model on one data set, optionally written to a run folder."""

    def __init__(
        self,
        config: TrainConfig,
        run_dir: str | Path | None = None,
        *,
        data: ImageSet | None = None,
        resume: bool = False,
        threads: int | None = None,
        prepare: Listener | None = None,
        world: World | None = None,
    ) -> None:
        """``threads``: intra-op threads of a CPU run (default: one per physical core, shared
        by the ranks on this machine; the app leaves one to its drawing). ``prepare`` hears
        :class:`PrepareEvent`s while the data and the model are made ready (before any
        listener can subscribe). ``world``: this process's rank of a distributed run
        (:mod:`models.training.world`)."""
        self.world = world = world or World()
        self.spec = get_spec(config.model)
        self.config = cfg = config.resolved(self.spec)
        self.device = pick_device(world.device(cfg.device))
        if self.device.type == "cpu":
            self.threads = threads or max(1, training_threads() // world.local_size)
        else:
            self.threads = None
        self.autocast, self.precision = autocast_for(self.device, cfg.precision)
        self._prepare = prepare or (lambda _event: None)
        if resume and run_dir is None:
            raise TrainingError("Resuming needs the run folder to resume from.")
        # rank 0 reads the checkpoint before any rank can fail on its own: every rank then
        # meets the same collective steps in the same order
        payload = world.from_rank0(lambda: load_checkpoint(run_dir, cfg.model)) if resume else None
        failure = None
        try:  # what each rank prepares for itself (a data folder may be missing on one node)
            torch.manual_seed(cfg.seed)
            self.model = self.spec.build()
            self.model.apply(book_init)
            data, self.notes = self._prepare_data(data)
        except NetAtlasError as exc:
            failure = exc
        world.agree(failure)
        cfg = self.config  # with the input and the size the data is fed at
        self._prepare(PrepareEvent("model", 0.0))
        if self.device.type == "cpu" and self.precision == "bf16" and not native_bf16():
            self.notes += ("bf16 on a CPU without native bf16 (AMX, AVX-512-BF16): emulated, "
                           "likely slower than --precision fp32",)  # fmt: skip
        self.channels_last = cfg.channels_last
        if self.channels_last is None:
            self.channels_last = prefers_channels_last(self.model, self.device)
        layout = torch.channels_last if self.channels_last else torch.preserve_format
        self.model.to(self.device, memory_format=layout)
        self.model, self.train_model = world.wrap(self.model, self.device, cfg.sync_bn)
        resize = cfg.resize or None
        self.train_batches = Batches(
            data.train_x, data.train_y, self.device, resize, self.channels_last
        )
        # each rank tests its share of the test set; evaluate() adds up the counts
        test = slice(world.rank, None, world.size)
        self.test_batches = Batches(
            data.test_x[test], data.test_y[test], self.device, resize, self.channels_last
        )
        self.notes += world.notes(cfg, self.device, self.model)
        if cfg.batch_size > len(data.train_y):  # said: the run is not what the numbers suggest
            self.notes += (
                f"a batch of {cfg.batch_size} is more than the {len(data.train_y)} training "
                "images: each epoch is one step on all of them",
            )
        graphs = (
            cfg.cuda_graphs
            and self.device.type == "cuda"
            and self.train_batches.resident
            and not cfg.compile
            and not world.distributed
        )
        self.optimizer = make_optimizer(
            cfg.optimizer,
            self.model.parameters(),
            cfg.lr,
            cfg.weight_decay,
            capturable=graphs,
            fused=fuses_updates(cfg.optimizer, self.device),
        )
        self.shuffle = self.train_batches.generator(cfg.seed)
        # the CPU reuses the batch statistics its BN layers save; CUDA graphs were checked
        # with statistics computed anew (bench/cuda_check.py)
        # activation histograms where steps run eagerly (not yet checked inside CUDA graphs)
        self.probe = StatsProbe(
            self.model, reuse_batch_stats=self.device.type == "cpu", histograms=not graphs
        )
        self.sums = StepSums(self.device)
        program = StepProgram(
            self.train_model, self.optimizer, self.train_batches, self.autocast, self.probe,
            self.sums, classes=len(data.classes), name=self.spec.name,
        )  # fmt: skip
        self.runner = StepRunner(
            program, world.rank_batch(cfg.batch_size), CudaGraphRecorder() if graphs else None
        )
        if world.distributed and cfg.cuda_graphs and self.device.type == "cuda":
            self.runner.fallback = world.EAGER_WHY
        compile_here = cfg.compile and not world.distributed  # a twin would skip DDP's all-reduce
        self.compiler = BackgroundCompiler(self.model, self.autocast) if compile_here else None
        self._stats_in_flight: deque[StatsInFlight] = deque()
        self._testing = False  # in the test pass (what a model's error is said to come from)
        self.epoch = 0  # epochs completed
        self.step = 0  # optimiser steps taken
        self.last = {"train_loss": math.nan, "train_acc": math.nan, "test_acc": math.nan}
        self.epoch_records: list[dict] = []  # as logged; kept in the checkpoint too
        self.examples = 0  # trained in this session, for the closing examples/sec
        self.train_seconds = 0.0
        self._listeners: list[Listener] = []
        self.started_at = time.time()  # kept by a resume: the run library sorts by it
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        if resume:  # the run's start, as rank 0 reads it (every rank meets this collective)
            saved = world.from_rank0(lambda: read_run_config(run_dir))
            started = saved.get("started_at") if isinstance(saved, dict) else None
            if isinstance(started, int | float) and not isinstance(started, bool):
                self.started_at = float(started)
            if payload is not None:  # else from epoch 1 (the log's rewind says why)
                self._restore(payload, run_dir)
            if self.epoch >= cfg.epochs and world.from_rank0(lambda: _completed(run_dir)):
                # nothing to train: the finished run stays as it was (one killed before its
                # last record goes on, and writes it)
                raise RunFinished(
                    f"The run in {run_dir} has finished its {self.epoch} epochs: nothing to "
                    f"train (give --epochs {self.epoch + 1} or more to train it further)."
                )
        writes = run_dir is not None and world.leader  # rank 0 alone writes the run folder
        self.log = RunLog(run_dir, resume=resume) if writes else None
        if self.log is not None:
            if resume:
                self.notes += tuple(self.log.rewind(self.epoch, self.step, self.epoch_records))
            self.log.write_config(self.record())
            self.subscribe(self.log)

    @classmethod
    def from_run(
        cls,
        run_dir: str | Path,
        *,
        epochs: int | None = None,
        sync_bn: bool = False,
        data: ImageSet | None = None,
        world: World | None = None,
    ) -> Trainer:
        """Continue the run in ``run_dir`` after its last checkpointed epoch (with any number
        of processes: the shuffle order is global, each rank takes its share of it);
        ``sync_bn``: BN over the global batch from now on, whatever the run did before."""
        world = world or World()
        saved = world.from_rank0(lambda: read_run_config(run_dir))
        config = TrainConfig.from_dict(saved, str(Path(run_dir) / CONFIG))
        if epochs is not None:
            config = replace(config, epochs=epochs)
        switched = sync_bn and not config.sync_bn
        if switched:
            config = replace(config, sync_bn=True)
        trainer = cls(config, run_dir, data=data, resume=True, world=world)
        if switched and world.distributed:
            trainer.notes += ("--sync-bn from here on: the epochs before normalised per process",)
        return trainer

    def _model_input(self) -> tuple[tuple[InputSpec, ...], str]:
        """The model's inputs and where they come from (:func:`models.training.fit.fit_input`):
        the user's, else what a user's model declares or its first layer suggests (what the
        app's Open dialog offers for it), else the registry's."""
        if self.config.input:
            return (parse_input(self.config.input),), "given"
        if self.spec.family != "user":
            return self.spec.inputs, "suggested"
        declared = declared_inputs(self.model)
        if declared is not None:
            return declared, "declared"
        return suggested_inputs(self.model), "suggested"

    def _prepare_data(self, data: ImageSet | None) -> tuple[ImageSet, tuple[str, ...]]:
        cfg = self.config
        inputs, source = self._model_input()
        if len(inputs) != 1:
            fed = " and ".join(i.text() for i in inputs)
            raise TrainingError(f"{self.spec.name} takes {fed}; training here needs {TRAINABLE}.")
        if data is None:
            data = load_dataset(
                cfg.dataset,
                cfg.data_dir,
                image_size=cfg.resize or decode_side(inputs[0]),
                progress=lambda done: self._prepare(PrepareEvent("data", done)),
            )
        notes = data.notes  # e.g. the images of a folder that could not be read
        if cfg.train_limit or cfg.test_limit:
            data = data.limited(cfg.train_limit, cfg.test_limit)
        if self.spec.family != "user" and len(data.classes) > self.spec.num_classes:
            raise TrainingError(
                f"{data.name} has {len(data.classes)} classes but {self.spec.name} predicts "
                f"{self.spec.num_classes}; choose a data set with at most that many classes."
            )
        if not len(data.train_y) or not len(data.test_y):
            raise TrainingError(f"{data.name} has no training or no test images; add some.")
        fit = fit_input(self.spec.name, inputs[0], source, data.channels)
        # the run's record says what the model was fed, and a resume feeds it the same
        self.config = replace(cfg, input=inputs[0].text(), resize=cfg.resize or fit.side or 0)
        self.spec = self.spec.with_input_size(fit.input)
        data, note = data.with_channels(fit.channels)
        notes += (note,) if note else ()
        side = int(data.train_x.shape[-1])
        if not cfg.resize and fit.side and fit.side != side:
            why = "declares" if source == "declared" else f"takes {inputs[0].text()} values as"
            notes += (f"images resized from {side}×{side} to {fit.side}×{fit.side}: the model "
                      f"{why} {format_shape(fit.input.shape)}",)  # fmt: skip
        elif not cfg.resize and source == "given" and fit.input.shape[1:] != (side, side):
            notes += (f"images kept at their {side}×{side} (the input "
                      f"{format_shape(fit.input.shape)} sets the channels; --resize "
                      f"{fit.input.shape[-1]} trains at its size)",)  # fmt: skip
        return data, notes

    def record(self) -> dict:
        """The settings as written to config.json."""
        return {
            **self.config.to_dict(),
            "device_used": str(self.device),
            "precision_used": self.precision,
            "channels_last_used": self.channels_last,
            "threads_used": self.threads,
            "started_at": self.started_at,
            **self.world.record(),
            "rank_batch_size": self.world.rank_batch(self.config.batch_size),
            # what a follower of the run folder needs for the trainer's StartEvent
            "steps_per_epoch": self.steps_per_epoch,
            "module_paths": list(self.module_paths),
        }

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.train_batches) / self.config.batch_size)

    @property
    def module_paths(self) -> tuple[str, ...]:
        return tuple(path for path, _ in self.model.named_modules())

    # Events and controls ------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        for listener in self._listeners:
            listener(event)

    def request_stop(self) -> None:
        """End the run before the next step; the run folder keeps the last epoch's checkpoint."""
        self._stop.set()
        self._running.set()

    def request_pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # The run ------------------------------------------------------------------------------

    def run(self) -> DoneEvent:
        """Train to ``config.epochs``; returns the closing numbers, raises a ``NetAtlasError``
        (after an :class:`ErrorEvent`) when the run cannot go on."""
        deterministic = torch.are_deterministic_algorithms_enabled()
        benchmark = torch.backends.cudnn.benchmark
        threads = torch.get_num_threads()
        if self.threads is not None:
            torch.set_num_threads(self.threads)
        if self.config.deterministic:
            torch.use_deterministic_algorithms(True)
        elif self.device.type == "cuda":
            torch.backends.cudnn.benchmark = True  # every step has the same shapes: tune once
        try:
            try:
                return self._run()
            except torch.cuda.OutOfMemoryError as exc:
                raise self._out_of_memory() from exc
            except FileWriteError as exc:
                raise TrainingError(
                    f"{exc}; the last checkpoint is kept: make room, then continue with "
                    f"--resume {self.log.folder if self.log else 'RUN'}"
                ) from None
            except NetAtlasError:
                raise
            except Exception as exc:
                error = self._code_error(exc)
                if error is None:
                    raise
                raise error from exc
        except NetAtlasError as exc:
            self._emit(ErrorEvent(str(exc)))
            self._emit(self._done("error"))
            raise
        except Exception as exc:  # a bug: the run log still says how the run ended
            first = str(exc).splitlines()[0] if str(exc) else ""
            self._emit(ErrorEvent(f"Training stopped by an unexpected {type(exc).__name__}: "
                                  f"{first}"))  # fmt: skip
            self._emit(self._done("error"))
            raise
        finally:
            torch.use_deterministic_algorithms(deterministic)
            torch.backends.cudnn.benchmark = benchmark
            torch.set_num_threads(threads)
            if self.log is not None:
                self.log.close()

    def _run(self) -> DoneEvent:
        cfg = self.config
        steps = self.steps_per_epoch
        self._emit(
            StartEvent(
                self.record(), str(self.device), steps, self.epoch, self.notes, self.module_paths
            )
        )
        if self.compiler is not None:
            self.compiler.start(next(self.test_batches.in_order(cfg.batch_size))[0])
        for epoch in range(self.epoch + 1, cfg.epochs + 1):
            trained = self._train_epoch(epoch, steps)
            if trained is None:
                return self._finish("stopped")
            train_loss, train_acc, seconds, seen = trained
            self._testing = True
            test_acc = self.evaluate()
            self._testing = False
            before = self.epoch, self.last
            self.epoch = epoch
            self.last = {"train_loss": train_loss, "train_acc": train_acc, "test_acc": test_acc}
            event = EpochEvent(
                epoch, cfg.epochs, train_loss, train_acc, test_acc, seconds, seen / seconds
            )
            self.epoch_records.append({"kind": "epoch", **asdict(event)})
            try:
                self._checkpoint()  # before the record: a crash between them loses nothing
            except FileWriteError:  # not saved (a full disk): the run ends where it was saved
                self.epoch, self.last = before
                self.epoch_records.pop()
                raise
            self._emit(event)
        return self._finish("completed")

    def _diverged(self, loss: float, step: int) -> DivergedError:
        """The loss is NaN or infinite at ``step``: a lower learning rate, unless no update
        had happened yet (the model's output or the data gives it, whatever the rate)."""
        if step == 1:
            return DivergedError(
                f"The loss was {loss} at the first step, before any update: {self.spec.name}'s "
                "output (or the data) gives it, not the learning rate; look for a log or a "
                "division of 0 in its forward."
            )
        lr = self.config.lr
        return DivergedError(
            f"The loss became {loss} at step {step} (lr {lr:g}); train again with a lower "
            f"learning rate (--lr), e.g. {lr / 10:g}."
        )

    def _out_of_memory(self) -> DeviceMemoryError:
        """Free what the failed step held and suggest a batch size that fits."""
        self.probe.disarm()
        self.optimizer.zero_grad(set_to_none=True)
        torch.cuda.empty_cache()
        b = self.config.batch_size
        return DeviceMemoryError(
            f"{self.device} ran out of memory at step {self.step} with batch size {b}; "
            f"try --batch-size {max(1, b // 2)}."
        )

    def _train_epoch(self, epoch: int, steps: int) -> tuple[float, float, float, int] | None:
        """One pass over the training set; None when a stop was requested."""
        cfg = self.config
        every = cfg.log_every or max(1, steps // STEP_EVENTS_PER_EPOCH)
        self.sums.reset(self.step)
        local = seen = seen_mark = 0  # examples of this rank, of all ranks
        self.model.train()
        start = mark = time.perf_counter()
        order = self.train_batches.shuffled_indices(cfg.batch_size, self.shuffle)
        for i, batch in enumerate(order, 1):
            index = self.world.shard(batch)
            if not self._running.is_set():
                waited = time.perf_counter()
                self._running.wait()
                paused = time.perf_counter() - waited  # not training time
                start, mark = start + paused, mark + paused
            if self._stop.is_set() and not self.world.distributed:  # ranks stop together below
                self._flush_stats(wait=True)
                return None
            self.step += 1
            self._step(index)
            local += len(index)
            if i % every and i != steps:
                continue
            self._flush_stats()  # the copies that have landed, decoded while the GPU works on
            sums, seen, batch_size, stop = self._read_sums(local, len(index))
            if stop:
                self._flush_stats(wait=True)
                return None
            if sums.first_bad >= 0:
                raise self._diverged(sums.loss / seen, sums.first_bad)
            now = time.perf_counter()
            rate = (seen - seen_mark) / max(now - mark, 1e-9)
            mark, seen_mark = now, seen
            self._emit(
                StepEvent(
                    self.step,
                    epoch,
                    frac_epoch=epoch - 1 + i / steps,
                    loss=sums.batch_loss,
                    acc=sums.batch_correct / batch_size,
                    lr=self.optimizer.param_groups[0]["lr"],
                    examples_per_sec=rate,
                    mean_loss=sums.loss / seen,
                    mean_acc=sums.correct / seen,
                )
            )
        self._flush_stats(wait=True)
        seconds = time.perf_counter() - start
        self.examples += seen
        self.train_seconds += seconds
        return sums.loss / seen, sums.correct / seen, seconds, seen

    def _read_sums(self, local: int, batch: int) -> tuple[SumsRead, int, int, bool]:
        """The epoch's sums over all ranks, the examples seen by all, the last global batch's
        size, and whether any rank was asked to stop (all ranks stop at the same step: one
        that stopped alone would leave the others waiting in an all-reduce)."""
        sums = self.sums.read()
        if not self.world.distributed:
            return sums, local, batch, False
        stop = float(self._stop.is_set())
        loss, correct, batch_loss, hits, seen, batch, stop = self.world.all_sum(
            [sums.loss, sums.correct, sums.batch_loss * batch, sums.batch_correct, local, batch,
             stop],
            self.device,
        )  # fmt: skip
        (bad,) = self.world.all_min(
            [sums.first_bad if sums.first_bad >= 0 else math.inf], self.device
        )
        first_bad = int(bad) if math.isfinite(bad) else -1
        global_sums = SumsRead(loss, correct, first_bad, batch_loss / batch, hits)
        return global_sums, int(seen), int(batch), stop > 0

    def _step(self, index: torch.Tensor) -> None:
        """One optimiser step; statistics on capture steps (never in the compiled model)."""
        every = self.config.capture_every
        # statistics are captured on rank 0 (DDP's gradients are already the global ones)
        capture = every > 0 and (self.step - 1) % every == 0 and self.world.leader
        compiled = self.compiler.compiled if self.compiler and self.compiler.ready else None
        try:
            snapshot = self.runner.run(index, capture, compiled)
        except torch.cuda.OutOfMemoryError:
            raise  # handled by run(), which also covers the test pass
        except RuntimeError as exc:
            if self.world.is_lost(exc):
                raise self.world.lost(exc) from exc  # DDP's all-reduce: another rank is gone
            if self.step > self._first_step or self._raised_by_user(exc):
                raise  # run() names the user's line
            shape = format_shape(self.train_batches.image_shape)
            where = self._code_where(exc)
            raise TrainingError(
                f"{self.spec.name} cannot train on {shape} images ({str(exc).splitlines()[0]})"
                f"{f' in {where}' if where else ''}; {self._input_fix()}"
            ) from exc
        if snapshot is not None:
            with phase(CAPTURE):
                self._stats_to_host(snapshot)

    def _input_fix(self) -> str:
        """What to change when the first step rejects the images: the input its first layer
        takes where the images cannot give it, else their size."""
        fed = self.train_batches.image_shape
        leading = first_layer_input(self.model)
        takes = leading.shape if leading is not None else ()
        if len(takes) == 3 and takes[0] != fed[0]:
            return (f"its first layer takes {takes[0]}-channel images: train it with --input "
                    f"{takes[0]},{fed[1]},{fed[2]}.")  # fmt: skip
        if len(takes) == 1 and takes[0] != math.prod(fed):
            return (f"its first layer takes {takes[0]} values, the images give "
                    f"{math.prod(fed)}: train it with --input {takes[0]}.")  # fmt: skip
        if self.spec.family != "user":
            return f"try --resize {self.spec.input_size[-1]}, the model's input size."
        return ("try --resize with the image side the model was made for, or declare its "
                "input in the model with an input_size = (C, H, W) attribute.")  # fmt: skip

    def _raised_by_user(self, exc: BaseException) -> bool:
        """Whether the user's own code raised ``exc`` (not torch, on what it was fed)."""
        if self.spec.family != "user":
            return False
        frames = traceback.extract_tb(exc.__traceback__)
        return bool(frames) and code_location(exc, self.spec.name) == frames[-1]

    def _code_where(self, exc: BaseException) -> str:
        """``file:line (in function)`` of the user's code that ``exc`` came through, or ""."""
        frame = code_location(exc, self.spec.name) if self.spec.family == "user" else None
        return f"{frame.filename}:{frame.lineno} (in {frame.name})" if frame else ""

    def _code_error(self, exc: Exception) -> ModelCodeError | None:
        """A user's model raised ``exc`` while training or testing: one line naming it and the
        line of the user's code, or None when the user's code is not in its traceback."""
        where = self._code_where(exc)
        if not where:
            return None
        when = (
            f"while testing after epoch {self.epoch + 1}"
            if self._testing
            else f"at step {self.step}"
        )
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else "(no message)"
        return ModelCodeError(
            f"{self.spec.name} raised {type(exc).__name__} {when}, in {where}: {message}; "
            "fix the model's code there and train again."
        )

    def _stats_to_host(self, snapshot: StatsSnapshot) -> None:
        """Emit a capture step's statistics; on CUDA, copy them without waiting and emit them
        once the copy has landed (see :meth:`_flush_stats`), so the GPU never idles."""
        flat = snapshot.flat
        if flat.device.type != "cuda":
            self._emit_stats(self.step, snapshot, flat.to("cpu", copy=True).numpy())  # its own
            return
        host = torch.empty(flat.shape, dtype=flat.dtype, pin_memory=True)
        host.copy_(flat, non_blocking=True)
        copied = torch.cuda.Event()
        copied.record()
        self._stats_in_flight.append((self.step, snapshot, host, copied))

    def _flush_stats(self, wait: bool = False) -> None:
        """Emit the statistics whose copies have landed (all of them with ``wait``)."""
        while self._stats_in_flight and (wait or self._stats_in_flight[0][3].query()):
            step, snapshot, host, copied = self._stats_in_flight.popleft()
            copied.synchronize()
            self._emit_stats(step, snapshot, host.numpy())

    def _emit_stats(self, step: int, snapshot: StatsSnapshot, host) -> None:
        for event in (*snapshot.events(step, host), snapshot.histograms(step, host)):
            if event is not None:
                self._emit(event)

    @property
    def _first_step(self) -> int:
        return self.epoch * self.steps_per_epoch + 1

    def evaluate(self) -> float:
        """Accuracy on the test set (one host read at the end). ``no_grad``: inference mode
        was no faster here (0.92-1.03×, bench/bench_cpu_options.py) and would leave any tensor
        a model keeps from the pass unusable for training."""
        self.model.eval()
        self.world.average_buffers(self.model)
        correct = torch.zeros((), device=self.device, dtype=torch.int64)
        with torch.no_grad(), self.autocast():
            for x, y in self.test_batches.in_order(2 * self.config.batch_size):
                correct += (self.model(x).argmax(1) == y).sum()
        right, total = self.world.all_sum([correct.item(), len(self.test_batches)], self.device)
        return right / max(1, total)

    # Checkpoints ---------------------------------------------------------------------------

    def _checkpoint(self) -> None:
        if self.log is None:
            return
        cuda = self.device.type == "cuda"
        self.log.save_checkpoint(
            {
                "format": 1,
                "model": self.spec.name,
                "epoch": self.epoch,
                "step": self.step,
                "model_state": self.model.state_dict(),
                "optimizer_state": self.optimizer.state_dict(),
                "rng_torch": torch.get_rng_state(),
                "rng_cuda": torch.cuda.get_rng_state_all() if cuda else [],
                "rng_shuffle": self.shuffle.get_state(),
                "metrics": dict(self.last),
                "epoch_records": list(self.epoch_records),
                "world_size": self.world.size,
            }
        )

    def _restore(self, payload: dict, run_dir: str | Path) -> None:
        try:
            self.model.load_state_dict(payload["model_state"])
            self.optimizer.load_state_dict(payload["optimizer_state"])
            self._match_device_options()
            self.epoch, self.step = int(payload["epoch"]), int(payload["step"])
            self.last = {k: float(v) for k, v in payload["metrics"].items()}
            self.epoch_records = [dict(r) for r in payload.get("epoch_records", [])]
            was = int(payload.get("world_size", 1))
            if was != self.world.size:
                now = self.world.size
                self.notes += (
                    f"the run goes on with {now} process{'es' if now > 1 else ''}; "
                    f"it ran with {was}",
                )
            torch.set_rng_state(payload["rng_torch"])
            if payload["rng_cuda"] and self.device.type == "cuda":
                torch.cuda.set_rng_state_all(payload["rng_cuda"])
        except (RuntimeError, ValueError, KeyError, TypeError) as exc:
            raise CheckpointError(
                f"The checkpoint in {run_dir} does not fit {self.spec.name} "
                f"({_first_reason(exc)}); start a new run."
            ) from exc
        try:
            self.shuffle.set_state(payload["rng_shuffle"])
        except (RuntimeError, KeyError):
            self.notes += ("the shuffle order restarts: the run moved to another device",)

    def _match_device_options(self) -> None:
        """A checkpoint brings back the ``capturable`` and ``fused`` flags of the run that wrote
        it, perhaps on another device: set this run's, and keep Adam's step count where it then
        belongs (on the device for CUDA graphs, on the CPU otherwise)."""
        capturable = self.runner.recorder is not None
        fused = fuses_updates(self.config.optimizer, self.device) or None
        for group in self.optimizer.param_groups:
            if "fused" in group:
                group["fused"] = fused
            if "capturable" not in group:
                continue
            group["capturable"] = capturable
            for param in group["params"]:
                state = self.optimizer.state.get(param, {})
                if torch.is_tensor(state.get("step")):
                    where = param.device if capturable else torch.device("cpu")
                    state["step"] = state["step"].to(where, torch.float32)

    def _done(self, reason: str) -> DoneEvent:
        rate = self.examples / self.train_seconds if self.train_seconds else 0.0
        return DoneEvent(
            reason,
            self.epoch,
            self.step,
            **self.last,
            examples_per_sec=rate,
            device=str(self.device),
            steps=self.runner.mode,
        )

    def _finish(self, reason: str) -> DoneEvent:
        done = self._done(reason)
        self._emit(done)
        return done


def _first_reason(exc: Exception) -> str:
    """The first line of an error that says what is wrong: torch's load_state_dict opens with
    "Error(s) in loading state_dict for X:" and names the keys and sizes on the next lines."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    if lines[0].endswith(":") and len(lines) > 1:
        detail = lines[1]
        return f"{lines[0]} {detail[:200]}{'…' if len(detail) > 200 else ''}"
    return lines[0]
