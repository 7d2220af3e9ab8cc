"""Tests of single values that the settings (``config.json``) and the log's records
(``metrics.jsonl``) share: a value read from a file is of its type, finite where it must be, and
in range, or the file is damaged. No torch: the app reads run folders before torch loads."""

from __future__ import annotations

import math
from collections.abc import Callable

Check = Callable[[object], bool]


def is_number(value: object) -> bool:
    """An int or float (JSON's numbers), not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def whole(low: int, high: int) -> Check:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def number(low: float, inclusive: bool = True, high: float = math.inf) -> Check:
    """A finite number above ``low`` (or equal, ``inclusive``) and at most ``high``."""

    def fits(v: object) -> bool:
        if not is_number(v) or not math.isfinite(v):
            return False
        return (v >= low if inclusive else v > low) and v <= high

    return fits


def measured(low: float, high: float = math.inf) -> Check:
    """A measured value: NaN (not measured, or lost to a diverged run) or in [low, high]."""
    return lambda v: is_number(v) and (math.isnan(v) or low <= v <= high)


def any_number(v: object) -> bool:
    """Any number, infinite or NaN included (a loss that diverged)."""
    return is_number(v)


def text(v: object) -> bool:
    return isinstance(v, str) and v.strip() != ""


def string(v: object) -> bool:
    return isinstance(v, str)


def flag(v: object) -> bool:
    return isinstance(v, bool)


def one_of(choices: tuple[str, ...]) -> Check:
    return lambda v: v in choices
