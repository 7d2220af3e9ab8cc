"""Measured cost of code no formula covers: an opaque module, a wrapped function, a forward's own
functional code in hook mode.

:class:`WorkMeter` sees every aten op that runs (meta or real tensors) and books it to the scope
on top of its stack: matrix products, convolutions and attention by torch's FLOP-counter
formulas (a MAC is two FLOPs), anything else that computes as *uncounted*, so a box can say
"0 MACs" only when nothing ran, and otherwise says that its cost is not known.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.flop_counter import flop_registry

_aten = torch.ops.aten
# Ops that move, pick or make data without arithmetic worth a MAC.
_BOOKKEEPING = frozenset(
    (
        _aten.constant_pad_nd,
        _aten.index,
        _aten.index_select,
        _aten.gather,
        _aten.roll,
        _aten.flip,
        _aten.repeat,
        _aten.slice_scatter,
        _aten.select_scatter,
        _aten.index_put,
        _aten.index_put_,
        _aten.cat,
        _aten.stack,
        _aten.clone,
        _aten.copy_,
        _aten._to_copy,
        _aten._unsafe_view,
        _aten.detach,
        _aten.alias,
        _aten.lift_fresh,
        _aten.lift_fresh_copy,
        _aten.empty,
        _aten.empty_like,
        _aten.empty_strided,
        _aten.zeros,
        _aten.zeros_like,
        _aten.ones,
        _aten.ones_like,
        _aten.full,
        _aten.full_like,
        _aten.fill_,
        _aten.zero_,
        _aten.arange,
        _aten.scalar_tensor,
        _aten._local_scalar_dense,
        _aten.split,
        _aten.split_with_sizes,
        _aten.unbind,
        _aten.new_zeros,
        _aten.new_empty,
        _aten.new_ones,
        _aten.new_full,
        _aten.contiguous,
    )
)


class WorkMeter(TorchDispatchMode):
    """Books each op's MACs (``macs``) or, without a formula, an uncounted op (``uncounted``) to
    the innermost scope in ``stack`` (module paths, pushed and popped by the caller)."""

    def __init__(self, scope: str = "") -> None:
        super().__init__()
        self.stack = [scope]
        self.flops: dict[str, int] = defaultdict(int)
        self.uncounted: dict[str, int] = defaultdict(int)

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):  # noqa: ANN001, ANN204
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        packet = func.overloadpacket
        scope = self.stack[-1]
        if packet in flop_registry:
            self.flops[scope] += flop_registry[packet](*args, **kwargs, out_val=out)
        elif not func.is_view and packet not in _BOOKKEEPING:
            self.uncounted[scope] += 1
        return out

    def macs(self, scope: str) -> int:
        return self.flops.get(scope, 0) // 2

    def unknown(self, scope: str) -> bool:
        """True when ``scope`` computed something yet no formula counted any of it."""
        return self.macs(scope) == 0 and self.uncounted.get(scope, 0) > 0


def measured_call(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, int, bool]:
    """``fn(*args, **kwargs)``, its MACs, and whether its cost is unknown (see WorkMeter)."""
    meter = WorkMeter()
    with meter:
        value = fn(*args, **kwargs)
    return value, meter.macs(""), meter.unknown("")


def reference_macs(model: Any, inputs: list[torch.Tensor]) -> int:
    """FLOPs / 2 of one forward of ``model`` by torch's own ``FlopCounterMode`` (meta tensors
    will do): what the totals of convolutions, matrix products and attention are checked
    against (``netgraph.costs.torch_counted_macs``; tests and ``bench/zoo_coverage.py``)."""
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        model(*inputs)
    return counter.get_total_flops() // 2
