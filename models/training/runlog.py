"""The run folder: everything needed to plot, inspect and resume a run.

Layout of a run folder (``MODEL-TIME`` in :func:`models.training.runs.runs_root`):

- ``config.json`` — the resolved settings (model, data set, hyper-parameters, seed, device).
- ``metrics.jsonl`` — one JSON object a line, appended and flushed as the run goes:
  ``{"kind": "step", ...StepEvent}`` (``loss``/``acc``: that step's own mini-batch;
  ``mean_loss``/``mean_acc``: the epoch so far), ``{"kind": "epoch", ...EpochEvent}``,
  ``{"kind": "done", ...DoneEvent}``, ``{"kind": "error", "message": ...}``. Strict JSON: a
  NaN or infinity is ``null``, named in ``"nonfinite"`` (:mod:`models.training.records`).
- ``stats/bn_STEP.npz`` — one file per capture step; keys ``LAYER:FIELD`` with FIELD one of
  batch_mean, batch_var, running_mean, running_var, gamma, beta (float32, one value a channel).
- ``stats/grad_STEP.npz`` — keys ``LAYER``: that layer's gradient norm at STEP.
- ``stats/hist_STEP.npz`` — keys ``LAYER:counts`` (40 bins of the layer's output values) and
  ``LAYER:range`` (the bins' low and high edge, fixed for the run).
- ``checkpoint.pt`` — after each epoch: model and optimiser state, epochs and steps done, RNG
  states, model name, and every epoch's record (so a record a crash kept from the log is
  written again on resume). Only tensors, dicts, lists, numbers and strings, so it loads with
  ``torch.load(weights_only=True)``.

Every file but the growing log is replaced atomically (:func:`models.files.write_atomic`); a
write that fails stops the run with one line, and the previous checkpoint stays valid.

Statistics files are written on a thread of their own, so that a capture step does not wait for
the disk (with its two syncs a file took 4-7 ms here while training: a whole LeNet step's worth,
twice, every 5 steps). A step record is written once the statistics of the steps before it are
on disk, any other record and a checkpoint once all of them are; a statistics file that cannot
be written stops the run at the next record.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from models.files import (
    AppendLog,
    FileWriteError,
    remove_temporaries,
    write_atomic,
    write_error,
)
from models.training.errors import CheckpointError
from models.training.events import (
    ActEvent,
    BNEvent,
    Event,
    GradEvent,
    StepEvent,
)
from models.training.records import KIND_OF, encode, read_records
from models.training.runs import CHECKPOINT, CONFIG, METRICS, claim_run_dir

_CLOSING = ("done", "error")  # what a session ends with; resuming starts a new session
STATS_IN_FLIGHT = 32  # statistics files queued at most: beyond, a capture step waits for them


class RunLog:
    """Writes a run folder; subscribe it to a trainer's events.

    A new run claims its folder (refused if a run is there); ``resume`` continues one. After a
    write has failed, the run's closing records are written if the disk lets them, and the
    first failure is the one reported.
    """

    def __init__(self, folder: str | Path, *, resume: bool = False) -> None:
        self.folder = Path(folder)
        if not resume:
            claim_run_dir(self.folder)
        self.stats = self.folder / "stats"
        try:
            self.stats.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(self.stats, exc) from None
        self._metrics: AppendLog | None = None  # opened with the first record, after config
        self._stats_files = StatsFiles()
        self._failed = False

    def write_config(self, config: dict) -> None:
        write_atomic(self.folder / CONFIG, json.dumps(config, indent=2, allow_nan=False))

    def __call__(self, event: Event) -> None:
        kind = KIND_OF.get(type(event))
        try:
            if kind:
                # a step record after the statistics of the steps before it, others after all
                self._stats_files.wait(event.step if isinstance(event, StepEvent) else None)
                self._append({"kind": kind, **asdict(event)})
            elif isinstance(event, BNEvent) and event.layers:
                self._stats_files.submit(event.step, self.stats / f"bn_{event.step:08d}.npz", event)
            elif isinstance(event, GradEvent) and event.norms:
                self._stats_files.submit(
                    event.step, self.stats / f"grad_{event.step:08d}.npz", event
                )
            elif isinstance(event, ActEvent) and event.layers:
                self._stats_files.submit(
                    event.step, self.stats / f"hist_{event.step:08d}.npz", event
                )
        except FileWriteError:
            if self._failed and kind in _CLOSING:
                return  # best effort: the failure that stopped the run is already on its way
            self._failed = True
            raise

    def _append(self, record: dict) -> None:
        if self._metrics is None:
            self._metrics = AppendLog(self.folder / METRICS)
        self._metrics.append(encode(record))

    def close(self) -> None:
        self._stats_files.close()
        if self._metrics is not None:
            self._metrics.close()
            self._metrics = None

    def save_checkpoint(self, payload: dict) -> None:
        self._stats_files.wait()
        buffer = io.BytesIO()  # torch.save reports no write errors: serialise, then write
        torch.save(payload, buffer)
        write_atomic(self.folder / CHECKPOINT, buffer.getbuffer())

    def rewind(self, epoch: int, step: int, epoch_records: list[dict]) -> list[str]:
        """Forget what came after the checkpoint (the epoch a crash or stop cut short), put
        back epoch records the checkpoint has but the log lost, and clear a killed writer's
        temporaries. Returns notes on what was repaired. Finished epochs beyond the checkpoint
        (``checkpoint.pt`` missing or older than the log) and damaged lines are never just
        dropped: the old log and those epochs' statistics move to ``before-resume/``."""
        self.close()
        path = self.folder / METRICS
        records, notes, damaged = read_records(path) if path.exists() else ([], [], [])
        saved = {r["epoch"]: r for r in epoch_records}
        kept = [
            r
            for r in records
            if r["kind"] not in _CLOSING
            and _epoch_of(r) <= epoch
            and not (r["kind"] == "epoch" and _epoch_of(r) in saved)
        ]
        logged = {_epoch_of(r) for r in records if r["kind"] == "epoch"}
        kept += [saved[e] for e in sorted(saved) if e <= epoch]
        kept.sort(key=lambda r: (_epoch_of(r), r["kind"] == "epoch"))  # stable: steps in order
        lost = sorted(e for e in saved if e <= epoch and e not in logged)
        if lost:
            epochs = ", ".join(map(str, lost))
            notes.append(f"the record of epoch {epochs} was lost: restored from the checkpoint")
        retrained = sorted(e for e in logged if e > epoch)
        later = [f for f in self.stats.glob("*_*.npz") if _step_of(f) > step]
        if retrained or damaged:
            kept_in = self._keep_old(path, later if retrained else [])
            later = [f for f in later if f.exists()]
            if retrained:
                notes.append(_retrained_note(epoch, retrained, kept_in))
            else:
                notes.append(f"the log as it was, damaged lines and all, is kept in {kept_in}")
        elif epoch == 0:
            notes.append("no epoch had finished: training again from epoch 1")
        write_atomic(path, "".join(encode(r) + "\n" for r in kept))
        for file in later:
            file.unlink()
        remove_temporaries(self.folder)
        remove_temporaries(self.stats)
        return notes

    def _keep_old(self, log: Path, stats: list[Path]) -> Path:
        """Copy the log and move ``stats`` into a new ``before-resume`` folder of the run
        (``-2``, ``-3`` … beside earlier ones): what a resume replaces stays readable."""
        for n in range(1, 1000):
            folder = self.folder / ("before-resume" if n == 1 else f"before-resume-{n}")
            try:
                (folder / "stats").mkdir(parents=True, exist_ok=False)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise write_error(folder, exc) from None
        else:
            raise FileWriteError(f"{self.folder} has a thousand before-resume folders: clean up")
        try:
            write_atomic(folder / METRICS, log.read_bytes())
            for file in stats:
                file.rename(folder / "stats" / file.name)
        except OSError as exc:
            raise write_error(folder, exc) from None
        return folder


def _step_of(file: Path) -> int:
    """The step of a statistics file ``KIND_STEP.npz`` (-1: not one)."""
    number = file.stem.partition("_")[2]
    return int(number) if number.isdigit() else -1


def _retrained_note(epoch: int, retrained: list[int], kept_in: Path) -> str:
    count = f"{len(retrained)} epoch{'s' if len(retrained) > 1 else ''}"
    if epoch == 0:
        why = f"checkpoint.pt is missing: the {count} in the log are retrained from epoch 1"
    else:
        why = (
            f"checkpoint.pt holds epoch {epoch} but the log goes on to epoch {retrained[-1]}: "
            f"the {count} after it are retrained"
        )
    return f"{why} (the old log and their statistics are kept in {kept_in})"


def _epoch_of(record: dict) -> float:
    epoch = record.get("epoch")
    return epoch if isinstance(epoch, int) else float("inf")  # a record without one is dropped


class StatsFiles:
    """Statistics files written one after another on a background thread, in order."""

    def __init__(self) -> None:
        self._writer: ThreadPoolExecutor | None = None  # started with the first file
        self._pending: deque[tuple[int, Future]] = deque()  # (step, its file being written)
        self._failed = False  # a failure was reported: queue nothing more
        self._broken = False  # a write failed: the writer writes nothing more

    def submit(self, step: int, path: Path, event: BNEvent | GradEvent) -> None:
        """Queue the file of ``event`` (its arrays are its own, so it may be written later)."""
        if self._failed:
            return  # the run is stopping over an earlier file
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="netatlas-stats")
        if len(self._pending) >= STATS_IN_FLIGHT:
            self.wait(before=self._pending[-1][0])
        self._pending.append((step, self._writer.submit(self._write, path, event)))

    def _write(self, path: Path, event: BNEvent | GradEvent) -> None:
        """On the writer thread: after a failure, write nothing more (the run is stopping)."""
        if self._broken:
            return
        try:
            _write_stats(path, event)
        except FileWriteError:
            self._broken = True
            raise

    def wait(self, before: int | None = None) -> None:
        """Return once the queued files of the steps before ``before`` (None: all) are
        written; raise the first failure (once: the files queued after it are dropped)."""
        try:
            while self._pending and (before is None or self._pending[0][0] < before):
                self._pending.popleft()[1].result()
        except FileWriteError:
            self._failed = True
            for _, later in self._pending:
                later.cancel()
            self._pending.clear()
            raise

    def close(self) -> None:
        """Write what is queued (a failure now was either reported or comes after the run's
        last record) and end the thread."""
        with contextlib.suppress(FileWriteError):
            self.wait()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None


def _write_stats(path: Path, event: BNEvent | GradEvent | ActEvent) -> None:
    if isinstance(event, BNEvent):
        arrays = {
            f"{layer}:{key}": np.asarray(value, dtype=np.float32)
            for layer, stats in event.layers.items()
            for key, value in asdict(stats).items()
        }
    elif isinstance(event, ActEvent):
        arrays = {}
        for layer, hist in event.layers.items():
            arrays[f"{layer}:counts"] = np.asarray(hist.counts, dtype=np.float32)
            arrays[f"{layer}:range"] = np.asarray([hist.low, hist.high], dtype=np.float32)
    else:
        arrays = {layer: np.float32(norm) for layer, norm in event.norms.items()}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    write_atomic(path, buffer.getbuffer())


def read_metrics(folder: str | Path) -> list[dict]:
    """The records of a run (a cut-off last line is left out)."""
    return read_records(Path(folder) / METRICS)[0]


def load_checkpoint(folder: str | Path, model_name: str) -> dict | None:
    """The checkpoint of ``model_name`` in ``folder``, None if the run has not finished an epoch;
    refuses a corrupt one or another model's."""
    path = Path(folder) / CHECKPOINT
    if not path.is_file():
        return None
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many kinds for damaged files (zip, pickle, EOF)
        raise CheckpointError(
            f"{path} is corrupt ({type(exc).__name__}); delete it and train from the start."
        ) from exc
    if not isinstance(payload, dict) or "model_state" not in payload:
        raise CheckpointError(f"{path} is not a NetAtlas checkpoint; train from the start.")
    if payload.get("model") != model_name:
        raise CheckpointError(
            f"{path} is a checkpoint of {payload.get('model')!r}, not {model_name!r}; "
            "resume it with that model or start a new run."
        )
    return payload
