"""The curves of one run, kept in growable numpy buffers (no Qt).

A live run and a finished run folder feed the same records (``{"kind": "step", ...}`` as written
to ``metrics.jsonl``), so a compared run is drawn exactly like the running one and the CSV export
writes what the plots show.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path

import numpy as np

from models.errors import NetAtlasError
from models.training.events import DoneEvent, EpochEvent, ErrorEvent, Event, StepEvent
from models.training.records import read_records
from models.training.runs import METRICS

_KINDS = {StepEvent: "step", EpochEvent: "epoch", DoneEvent: "done", ErrorEvent: "error"}
CSV_COLUMNS = ("kind", "step", "epoch", "frac_epoch", "loss", "acc", "train_loss", "train_acc",
               "test_acc", "lr", "examples_per_sec")  # fmt: skip


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


class RunCurves:
    """Train loss/acc at fractional epochs, test acc per epoch (the book's animator), and the
    step-level loss; ``revision`` grows with every change so a redraw timer knows when to draw."""

    CURVES = ("train_loss", "train_acc", "test_acc", "step_loss")

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
        kind = _KINDS.get(type(event))
        if kind is not None:
            self.add_record({"kind": kind, **asdict(event)})

    def add_record(self, record: dict) -> None:
        kind = record.get("kind")
        s = self.series
        if kind == "step":
            s["train_loss"].append(record["frac_epoch"], record["loss"])
            s["train_acc"].append(record["frac_epoch"], record["acc"])
            s["step_loss"].append(record["step"], record["loss"])
        elif kind == "epoch":
            s["test_acc"].append(record["epoch"], record["test_acc"])
        else:
            return
        self.records.append(record)
        self.revision += 1

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.records)
        return out.getvalue()


class RunFolderError(NetAtlasError):
    """A folder to compare with is not a readable run folder."""


def read_run(folder: str | Path) -> RunCurves:
    """The curves of a run folder (its ``metrics.jsonl``), e.g. LeNet's beside LeNet-BN's; a
    line a crash cut short is left out."""
    path = Path(folder) / METRICS
    try:
        records, dropped = read_records(path)
        if dropped and not records:
            raise RunFolderError(f"{path} is damaged ({dropped[0]}); choose another run folder.")
        return RunCurves.from_records(records)
    except OSError as exc:
        raise RunFolderError(
            f"{folder} has no readable {METRICS}: choose a run folder written by training."
        ) from exc
    except (KeyError, TypeError) as exc:
        raise RunFolderError(f"{path} is damaged ({exc}); choose another run folder.") from exc
