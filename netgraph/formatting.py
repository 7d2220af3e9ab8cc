"""How NetAtlas writes its numbers: counts, MACs, bytes and tensor shapes (no Qt, no torch).

The CLI's table, the diagram's boxes, the inspector and the status bar all format through here
(a module's several outputs and calls too: ``format_outputs``, ``format_calls``),
so one number never reads two ways. Memory is binary (MiB = 2²⁰ bytes) and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_SI = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_BINARY = ((2**40, "TiB"), (2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB"))


def format_exact(n: int) -> str:
    """6624904 -> "6,624,904": totals a reader may want to check digit by digit."""
    return f"{n:,}"


def format_count(n: float) -> str:
    """6624904 -> "6.62 M": three significant digits, for parameters and MACs at a glance."""
    for scale, suffix in _SI:
        if abs(n) >= scale:
            return f"{n / scale:.3g} {suffix}"
    return f"{n:g}"


def format_macs(n: float) -> str:
    """1741029376 -> "1.74 G": two decimals, the precision papers quote MACs with."""
    for scale, suffix in _SI:
        if abs(n) >= scale:
            return f"{n / scale:.2f} {suffix}"
    return str(int(n))


def format_bytes(n: float) -> str:
    """26562592 -> "25.33 MiB" (binary units, named as such)."""
    for scale, suffix in _BINARY:
        if abs(n) >= scale:
            return f"{n / scale:.2f} {suffix}"
    return f"{int(n)} B"


def format_shape(shape: Sequence[int] | None, batch: bool = True, unknown: str = "—") -> str:
    """(1, 3, 224, 224) -> "1×3×224×224"; ``batch=False`` leaves the batch dimension out
    ("3×224×224"); ``unknown`` stands for a shape that is not known."""
    if not shape:
        return unknown
    dims = shape if batch else shape[1:]
    return "×".join(str(d) for d in dims) if dims else unknown


def format_paths(paths: Sequence[str], limit: int = 3) -> str:
    """["aux1", "aux2"] -> "aux1, aux2"; longer lists end with "and N more"."""
    shown = ", ".join(paths[:limit])
    rest = len(paths) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown


def format_outputs(outputs: Any, unknown: str = "—") -> str:
    """What one call returned (``ModuleInfo.outputs``' entries): a shape ``1×64×56×56``, a
    list or tuple ``(1×64×56×56, 1×128×28×28)``, a dict ``{out: 1×21×520×520, aux: …}``."""
    if isinstance(outputs, tuple):
        return format_shape(outputs, unknown=unknown) if outputs else "scalar"
    if isinstance(outputs, list):
        return f"({', '.join(format_outputs(o, unknown) for o in outputs)})"
    if isinstance(outputs, dict):
        items = (f"{k}: {format_outputs(v, unknown)}" for k, v in outputs.items())
        return "{" + ", ".join(items) + "}"
    return unknown


def format_calls(calls: Sequence[Any], unknown: str = "—") -> str:
    """The outputs of every call of a module: ``1×64×56×56`` for one call, and for several each
    distinct output once and how often it ran: ``1×64×56×56 | 1×64×28×28 (called 3×)``."""
    if not calls:
        return unknown
    texts = list(dict.fromkeys(format_outputs(c, unknown) for c in calls))
    shown = " | ".join(texts)
    return f"{shown} (called {len(calls)}×)" if len(calls) > 1 else shown
