"""``metrics.jsonl`` lines: strict JSON both ways, and reading that survives a crash.

JSON has no NaN or infinity, so a non-finite number is written as ``null`` and named in the
record's ``"nonfinite"`` object (``{"train_loss": "nan"}``); reading puts the float back. A
crash or a full disk can cut the last line short: reading drops it and says so, instead of
refusing the whole file. No torch here: the app reads run folders before torch is loaded.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

NONFINITE = "nonfinite"
_NAMES = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


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
    """A record as written by :func:`encode`; raises ``ValueError`` for anything else."""
    record = json.loads(line)  # bare NaN, as older versions wrote, is still read
    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
        raise ValueError("not a record")
    for key, name in (record.pop(NONFINITE, None) or {}).items():
        record[key] = _NAMES[name]
    return record


def read_records(path: str | Path) -> tuple[list[dict], list[str]]:
    """The records of a metrics file and a note for each line that had to be dropped."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    records, notes = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(decode(line))
        except (ValueError, KeyError, TypeError, AttributeError):
            where = "its last line, cut off" if number == len(lines) else f"line {number}, damaged"
            notes.append(f"dropped {where}, from {path}")
    return records, notes
