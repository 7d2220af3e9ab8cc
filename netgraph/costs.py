"""Multiply-accumulates of one op, from its kind, hyper-parameters and tensor shapes.

Conventions (what the book and most papers count):
- conv:  output elements × (input channels / groups) × kernel area (transposed: input elements
  × (output channels / groups) × kernel area);
- linear and matmul: output elements × input features;
- bn and norm: 1 per element (the normalise-and-scale folds into one multiply-add at inference);
- pool: output elements × kernel area; adaptive/global pool: input elements;
- relu, activations, add, mul: 1 per output element;
- attention: the projections plus the two batched matmuls (QKᵀ and AV).
- functions fx keeps whole (``torch.fx.wrap``): half of torch's FLOP count, measured while
  shapes are propagated (``netgraph.shapes``).
Reshapes, concat, dropout and bookkeeping ops cost nothing.
"""

from __future__ import annotations

from math import prod
from typing import Any

Shape = tuple[int, ...]

_PER_ELEMENT = ("bn", "norm", "relu", "activation", "add", "mul")
_MATMULS = ("matmul", "bmm", "mm", "addmm", "baddbmm")


def _area(kernel: Any, ndim: int) -> int:
    if isinstance(kernel, int):
        return kernel**ndim
    return prod(kernel)


def _conv(hparams: dict[str, Any], in_shapes: list[Shape], out: Shape) -> int:
    if "kernel_size" in hparams and "in_channels" in hparams:
        area = _area(hparams["kernel_size"], len(out) - 2)
        groups = hparams.get("groups", 1)
        if hparams.get("transposed"):
            return prod(in_shapes[0]) * (hparams["out_channels"] // groups) * area
        return prod(out) * (hparams["in_channels"] // groups) * area
    if len(in_shapes) > 1:  # functional conv: weight is (out, in/groups, *kernel)
        return prod(out) * prod(in_shapes[1][1:])
    return 0


def _attention(hparams: dict[str, Any], in_shapes: list[Shape], out: Shape) -> int:
    if "embed_dim" in hparams:  # nn.MultiheadAttention: query (L, N, E) or (N, L, E)
        q = in_shapes[0]
        k = in_shapes[1] if len(in_shapes) > 1 else q
        e = hparams["embed_dim"]
        if hparams.get("batch_first") or len(q) == 2:
            n, l, s = (q[0] if len(q) == 3 else 1), q[-2], k[-2]
        else:
            l, n, s = q[0], q[1], k[0]
        projections = n * (l * e * e + 2 * s * e * e + l * e * e)
        return projections + n * 2 * l * s * e
    if len(in_shapes) >= 3:  # scaled_dot_product_attention(q, k, v)
        q, k, v = in_shapes[:3]
        return prod(q[:-2]) * q[-2] * k[-2] * (q[-1] + v[-1])
    return 0


def op_macs(
    kind: str, name: str, hparams: dict[str, Any], in_shapes: list[Shape], out: Shape | None
) -> int:
    """MACs of one op; 0 where the op has no tensor output or its shapes are unknown."""
    if out is None:
        return 0
    if kind == "conv":
        return _conv(hparams, in_shapes, out)
    if kind == "linear" or name in _MATMULS:
        return prod(out) * in_shapes[0][-1] if in_shapes and in_shapes[0] else 0
    if kind in _PER_ELEMENT:
        return prod(out)
    if kind == "pool":
        if "adaptive" in name.lower() or "kernel_size" not in hparams:
            return prod(in_shapes[0]) if in_shapes else 0
        return prod(out) * _area(hparams["kernel_size"], len(out) - 2)
    if kind == "attention":
        return _attention(hparams, in_shapes, out)
    return 0


# What torch's FLOP counter (``torch.utils.flop_counter``) counts: convolutions, matrix products
# and attention. It leaves BatchNorm, activations, additions and pooling at 0, where we count a
# MAC per element (see above); a comparison with it takes only these ops.
TORCH_COUNTED_KINDS = ("conv", "linear", "attention")


def torch_counted_macs(ops: Any) -> int:
    """MACs of the ops of an op graph that torch's FLOP counter counts too (and of ops whose
    cost was measured with its formulas)."""
    return sum(
        attrs["macs"]
        for _, attrs in ops.nodes(data=True)
        if attrs["kind"] in TORCH_COUNTED_KINDS or attrs["target"] in _MATMULS or attrs["measured"]
    )
