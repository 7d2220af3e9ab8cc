"""The curves of one run, kept in growable numpy buffers (no Qt).

A live run and a finished run folder feed the same records (``{"kind": "step", ...}`` as written
to ``metrics.jsonl``), so a compared run is drawn exactly like the running one and the CSV export
writes what the plots show.

A step record holds that step's own mini-batch loss and accuracy (``loss``, ``acc``: noisy, the
truth per step) and the epoch's running means (``mean_loss``, ``mean_acc``: what the book's
animator draws). Runs written before the means were recorded had the running mean in ``loss``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path

import numpy as np

from errors import NetAtlasError
from models.training.events import Event
from models.training.records import KIND_OF, read_records
from models.training.runs import METRICS

CSV_COLUMNS = ("kind", "step", "epoch", "frac_epoch", "loss", "acc", "mean_loss", "mean_acc",
               "train_loss", "train_acc", "test_acc", "lr", "examples_per_sec")  # fmt: skip


class Series:
    """An (x, y) curve that grows by appending; the views share memory with the buffer."""

    def __init__(self, capacity: int = 256) -> None:
        self._data = np.empty((2, capacity), dtype=np.float64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def append(self, x: float, y: float) -> None:
        if self._size == self._data.shape[1]:
            self._data = np.concatenate([self._data, np.empty_like(self._data)], axis=1)
        self._data[:, self._size] = (x, y)
        self._size += 1

    @property
    def x(self) -> np.ndarray:
        return self._data[0, : self._size]

    @property
    def y(self) -> np.ndarray:
        return self._data[1, : self._size]


def smoothed(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's smoothing: an exponential moving average with weight ``weight`` in [0, 1)
    (0: the raw values), debiased so that the first points are not pulled towards zero;
    a non-finite value is left out of the average (and stays a gap)."""
    out = np.full(len(values), np.nan)
    last, debias = 0.0, 1.0
    for i, value in enumerate(values):
        if not np.isfinite(value):
            continue
        last = weight * last + (1 - weight) * value
        debias *= weight
        out[i] = last / (1 - debias)
    return out


class RunCurves:
    """Train loss/acc at fractional epochs, test acc per epoch (the book's animator), each logged
    step's own loss, and each epoch's mean loss at its last step (``epoch_loss``); ``revision``
    grows with every change so a redraw timer knows when to draw."""

    CURVES = ("train_loss", "train_acc", "test_acc", "step_loss", "epoch_loss")

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.series = {name: Series() for name in self.CURVES}
        self.revision = 0

    @classmethod
    def from_records(cls, records: list[dict]) -> RunCurves:
        curves = cls()
        for record in records:
            curves.add_record(record)
        return curves

    def add_event(self, event: Event) -> None:
        kind = KIND_OF.get(type(event))
        if kind is not None:
            self.add_record({"kind": kind, **asdict(event)})

    def add_record(self, record: dict) -> None:
        kind = record.get("kind")
        s = self.series
        if kind == "step":
            s["train_loss"].append(record["frac_epoch"], _mean(record, "loss"))
            s["train_acc"].append(record["frac_epoch"], _mean(record, "acc"))
            s["step_loss"].append(record["step"], record["loss"])
        elif kind == "epoch":
            s["test_acc"].append(record["epoch"], record["test_acc"])
            if len(s["step_loss"]):  # at the epoch's last step, which is always logged
                s["epoch_loss"].append(s["step_loss"].x[-1], record["train_loss"])
        else:
            return
        self.records.append(record)
        self.revision += 1

    def smoothed_loss(self, weight: float) -> np.ndarray:
        """The step losses smoothed as TensorBoard does (see :func:`smoothed`)."""
        return smoothed(self.series["step_loss"].y, weight)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.records)
        return out.getvalue()


def _mean(record: dict, key: str) -> float:
    """The running mean of a step record (``mean_loss``), or ``loss`` in an older run's."""
    value = record.get(f"mean_{key}")
    return record[key] if value is None or value != value else value


class RunFolderError(NetAtlasError):
    """A folder to compare with is not a readable run folder."""


def read_run(folder: str | Path, finished_epochs: bool = False) -> RunCurves:
    """The curves of a run folder (its ``metrics.jsonl``), e.g. LeNet's beside LeNet-BN's; a
    line a crash cut short is left out. ``finished_epochs``: only up to the last finished
    epoch (what a resumed run continues from: it drops the rest of its log)."""
    path = Path(folder) / METRICS
    try:
        records, dropped, _ = read_records(path)
        if dropped and not records:
            raise RunFolderError(f"{path} is damaged ({dropped[0]}); choose another run folder.")
        if finished_epochs:
            ends = [i for i, r in enumerate(records) if r.get("kind") == "epoch"]
            records = records[: ends[-1] + 1] if ends else []
        return RunCurves.from_records(records)
    except OSError as exc:
        raise RunFolderError(
            f"{folder} has no readable {METRICS}: choose a run folder written by training."
        ) from exc
    except (KeyError, TypeError) as exc:
        raise RunFolderError(f"{path} is damaged ({exc}); choose another run folder.") from exc
