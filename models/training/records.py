"""``metrics.jsonl`` lines: strict JSON both ways, and reading that survives a crash.

JSON has no NaN or infinity, so a non-finite number is written as ``null`` and named in the
record's ``"nonfinite"`` object (``{"train_loss": "nan"}``); reading puts the float back. A
crash or a full disk can cut the last line short: reading drops it and says so, instead of
refusing the whole file. A line whose fields are not of their type or out of range (an epoch
of NaN or 1e300, an accuracy of 7) is damaged too: every reader (the run library, the curves,
a resume, a follower) drops it through :func:`decode`, so no reader can trip over it and all
agree on what the log holds. No torch here: the app reads run folders before torch is loaded.
"""

from __future__ import annotations

import json
import math
from dataclasses import MISSING, fields
from pathlib import Path
from typing import NamedTuple

from models.training.checks import Check, any_number, measured, number, string, whole
from models.training.events import DoneEvent, EpochEvent, ErrorEvent, StepEvent

NONFINITE = "nonfinite"
_NAMES = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
# the records a run writes, by kind (a kind a newer version adds is read as it is)
KINDS = {"step": StepEvent, "epoch": EpochEvent, "done": DoneEvent, "error": ErrorEvent}
KIND_OF = {event: kind for kind, event in KINDS.items()}  # what a writer calls an event
_FRACTION = ("a fraction from 0 to 1 (or NaN)", measured(0.0, 1.0))
_LOSS = ("a number", any_number)
# every field of the events in KINDS: how its valid values are described, and the test
FIELD_RULES: dict[str, tuple[str, Check]] = {
    "step": ("a whole number ≥ 0", whole(0, 1 << 62)),
    "epoch": ("a whole number from 0 to 1000000", whole(0, 1_000_000)),
    "epochs": ("a whole number from 1 to 1000000", whole(1, 1_000_000)),
    "frac_epoch": ("a finite number from 0 to 1000000", number(0.0, high=1_000_000)),
    "loss": _LOSS,
    "mean_loss": _LOSS,
    "train_loss": _LOSS,
    "acc": _FRACTION,
    "mean_acc": _FRACTION,
    "train_acc": _FRACTION,
    "test_acc": _FRACTION,
    "lr": ("a finite number ≥ 0", number(0.0)),
    "seconds": ("a finite number of seconds ≥ 0", number(0.0)),
    "examples_per_sec": ("a number ≥ 0 (or NaN)", measured(0.0)),
    "reason": ("text", string),
    "device": ("text", string),
    "steps": ("text", string),
    "message": ("text", string),
}


def _name(value: float) -> str:
    return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")


def encode(record: dict) -> str:
    """One line of strict JSON (``allow_nan=False`` proves it)."""
    bad = {
        key: _name(value)
        for key, value in record.items()
        if isinstance(value, float) and not math.isfinite(value)
    }
    if bad:
        record = {**{k: None if k in bad else v for k, v in record.items()}, NONFINITE: bad}
    return json.dumps(record, allow_nan=False)


def decode(line: str) -> dict:
    """A record as written by :func:`encode`, checked (:func:`check_record`); raises
    ``ValueError`` saying why for anything else."""
    record = json.loads(line)  # bare NaN, as older versions wrote, is still read
    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
        raise ValueError("not a record")
    nonfinite = record.pop(NONFINITE, None) or {}
    if not isinstance(nonfinite, dict) or not all(n in _NAMES for n in nonfinite.values()):
        raise ValueError(f"{NONFINITE!r} names no non-finite numbers")
    record.update({key: _NAMES[name] for key, name in nonfinite.items()})
    check_record(record)
    return record


def check_record(record: dict) -> None:
    """Raise ``ValueError`` naming the first field of ``record`` that its kind's event lacks
    or that is not of its type or in range (fields and kinds of a newer version pass)."""
    kind = KINDS.get(record["kind"])
    if kind is None:
        return
    for item in fields(kind):
        if item.name not in record:
            if item.default is MISSING:
                raise ValueError(f"the {record['kind']} record lacks {item.name!r}")
            continue
        wording, fits = FIELD_RULES[item.name]
        value = record[item.name]
        if not fits(value):
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"
            raise ValueError(f"{item.name!r} must be {wording}, not {shown}")


class LogRead(NamedTuple):
    """What a metrics file holds: its checked records, a note for each line dropped, and
    ``damaged``: why each whole line was dropped (not the last line a crash cut short)."""

    records: list[dict]
    notes: list[str]
    damaged: list[str]


def read_records(path: str | Path) -> LogRead:
    """The checked records of a metrics file; a line that is not one is dropped and noted."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    records, notes, damaged = [], [], []
    for at, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(decode(line))
        except (ValueError, RecursionError) as exc:  # JSON's own errors are ValueErrors too
            if at == len(lines) and not text.endswith("\n"):
                notes.append(f"dropped its last line, cut off, from {path}")
                continue
            why = "not JSON" if isinstance(exc, json.JSONDecodeError) else str(exc)
            damaged.append(f"line {at}: {why}")
            notes.append(f"dropped line {at}, damaged ({why}), from {path}")
    return LogRead(records, notes, damaged)
