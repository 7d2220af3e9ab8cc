"""How NetAtlas writes its numbers: counts, MACs, bytes and tensor shapes (no Qt, no torch).

The CLI's table, the diagram's boxes, the inspector and the status bar all format through here,
so one number never reads two ways. Memory is binary (MiB = 2²⁰ bytes) and says so.
"""

from __future__ import annotations

from collections.abc import Sequence

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
