"""Property test: the closed-form shape rules (``netgraph.shape_rules``) against real torch
modules and functions over random kernel, stride, padding, dilation, ceil_mode and input sizes,
for every layer type the rules cover. A seeded loop: the same cases on every run, many of them.

Each case must end one of two ways: the rule gives exactly torch's output shape, or torch
rejects the input and the rule either rejects it too or leaves it to torch (None).
"""

from __future__ import annotations

import operator
import random
from collections.abc import Callable

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from models.book.batchnorm import BatchNorm
from netgraph.shape_rules import function_output, method_output, module_output

CASES = 250  # per layer type


def _torch_shape(run: Callable[..., torch.Tensor], *args: object) -> tuple[int, ...] | None:
    """The shape of ``run(*args)`` on real tensors, None if torch rejects it."""
    try:
        with torch.no_grad():
            return tuple(run(*args).shape)
    except (RuntimeError, ValueError, IndexError):
        return None


def _meta(value: object) -> object:
    if isinstance(value, list):
        return [_meta(v) for v in value]
    return value.to("meta") if isinstance(value, torch.Tensor) else value


def _rule_shape(rule: Callable[..., torch.Tensor | None], target: object, args: tuple) -> object:
    """``rule(target, args, {})`` on meta copies of ``args``: its shape, "rejected" if it
    raised, None if it leaves the case to torch."""
    try:
        out = rule(target, tuple(_meta(a) for a in args), {})
    except RuntimeError:
        return "rejected"
    if out is None:
        return None
    assert out.is_meta
    return tuple(out.shape)


def _agree(expected: tuple[int, ...] | None, got: tuple[int, ...] | str | None, case: str) -> None:
    if expected is None:
        assert got in ("rejected", None), f"{case}: torch rejects it, the rule gives {got}"
    else:
        assert got == expected, f"{case}: torch gives {expected}, the rule {got}"


def _check_module(
    module: nn.Module, shape: tuple[int, ...], case: str, covered: bool = True
) -> None:
    """``covered``: the rule must answer whenever torch does (not leave it to torch)."""
    expected = _torch_shape(module, torch.zeros(shape))
    got = _rule_shape(module_output, module, (torch.zeros(shape),))
    if got is None:  # left to torch: fine only where the rule does not cover the case
        assert expected is None or not covered, f"{case}: a covered layer left to torch"
        return
    _agree(expected, got, case)


def _window(rng: random.Random, n: int, dilation: bool) -> dict:
    kernel = tuple(rng.randint(1, 5) for _ in range(n))
    return {
        "kernel_size": kernel if rng.random() < 0.5 else kernel[0],
        "stride": tuple(rng.randint(1, 3) for _ in range(n)),
        "padding": tuple(rng.randint(0, k // 2) for k in kernel),
        **({"dilation": tuple(rng.randint(1, 3) for _ in range(n))} if dilation else {}),
    }


def _size(rng: random.Random, n: int, channels: int) -> tuple[int, ...]:
    return (rng.randint(1, 2), channels, *(rng.randint(1, 12 if n < 3 else 7) for _ in range(n)))


@pytest.mark.filterwarnings("ignore:Using padding='same'")  # torch's note on even kernels
@pytest.mark.parametrize("n", [1, 2, 3])
def test_conv_rule_matches_torch(n: int) -> None:
    rng = random.Random(100 + n)
    conv = (nn.Conv1d, nn.Conv2d, nn.Conv3d)[n - 1]
    for _ in range(CASES):
        window = _window(rng, n, dilation=True)
        groups = rng.choice([1, 2])
        if rng.random() < 0.15:
            window.update(padding=rng.choice(["same", "valid"]), stride=1)
        layer = conv(2 * groups, 2 * rng.randint(1, 2), groups=groups, bias=False, **window)
        channels = layer.in_channels if rng.random() < 0.9 else layer.in_channels + 1
        _check_module(layer, _size(rng, n, channels), f"{layer!r}")


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("pool", ["max", "avg"])
def test_pool_rule_matches_torch_with_and_without_ceil_mode(pool: str, n: int) -> None:
    rng = random.Random(200 + 10 * n + (pool == "max"))
    for _ in range(CASES):
        window = _window(rng, n, dilation=pool == "max")
        ceil = rng.random() < 0.6
        kind = getattr(nn, f"{pool.capitalize()}Pool{n}d")
        layer = kind(**window, ceil_mode=ceil)
        _check_module(layer, _size(rng, n, 3), f"{layer!r}")


def test_pool_ceil_mode_drops_a_window_that_starts_in_the_padding() -> None:
    """torch's rule: with ceil_mode, the last window must start inside the input or its left
    padding, so (out - 1) * stride >= size + padding drops it; equality is the edge case."""
    for size, kernel, stride, padding in [(5, 2, 2, 1), (3, 3, 2, 1), (7, 2, 3, 1), (4, 3, 3, 1)]:
        for layer in (nn.MaxPool1d(kernel, stride, padding, ceil_mode=True),
                      nn.AvgPool1d(kernel, stride, padding, ceil_mode=True)):  # fmt: skip
            _check_module(layer, (1, 2, size), f"{layer!r} on {size}")


@pytest.mark.parametrize("n", [1, 2, 3])
def test_adaptive_pool_rule_matches_torch(n: int) -> None:
    rng = random.Random(300 + n)
    kind = (nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d, nn.AdaptiveAvgPool3d)[n - 1]
    for _ in range(CASES // 5):
        sizes = tuple(rng.choice([None, 1, 2, 3, 5]) for _ in range(n))
        layer = kind(sizes if n > 1 else sizes[0] or 1)
        _check_module(layer, _size(rng, n, 3), f"{layer!r}")
        x = torch.zeros(_size(rng, 2, 3))
        size = (rng.randint(1, 4), rng.randint(1, 4))
        expected = _torch_shape(F.adaptive_avg_pool2d, x, size)
        got = _rule_shape(function_output, F.adaptive_avg_pool2d, (x, size))
        _agree(expected, got, f"adaptive_avg_pool2d({tuple(x.shape)}, {size})")


def test_linear_flatten_and_batch_norm_rules_match_torch() -> None:
    rng = random.Random(400)
    for _ in range(CASES):
        features = rng.randint(1, 6)
        shape = (*[rng.randint(1, 3) for _ in range(rng.randint(0, 2))], rng.randint(1, 6))
        _check_module(nn.Linear(features, 3), shape, f"Linear({features}) on {shape}")
        shape = tuple(rng.randint(1, 4) for _ in range(rng.randint(1, 5)))
        start = rng.randint(-len(shape), len(shape) - 1)
        end = rng.randint(start % len(shape), len(shape) - 1)
        _check_module(nn.Flatten(start, end), shape, f"Flatten({start}, {end}) on {shape}")
        x = torch.zeros(shape)
        expected = _torch_shape(torch.flatten, x, start, end)
        _agree(expected, _rule_shape(function_output, torch.flatten, (x, start, end)), "flatten")
        _agree(expected, _rule_shape(method_output, "flatten", (x, start, end)), "x.flatten")
        channels = rng.randint(1, 4)
        for layer, dims in ((nn.BatchNorm1d(channels), 2), (nn.BatchNorm2d(channels), 4),
                            (BatchNorm(channels, 2), 2), (BatchNorm(channels, 4), 4)):  # fmt: skip
            given = rng.choice([channels, channels + 1])
            size = (2, given, *[rng.randint(1, 3)] * (dims - 2))
            # other channels: the book's BatchNorm may broadcast; the rule leaves that to torch
            _check_module(layer.train(), size, f"{layer!r} on {size}", given == channels)


def test_concat_and_broadcast_rules_match_torch() -> None:
    rng = random.Random(500)
    binaries = (operator.add, operator.mul, torch.add, torch.mul)
    for _ in range(CASES):
        rank = rng.randint(1, 4)
        a = tuple(rng.randint(1, 3) for _ in range(rank))
        b = tuple(rng.choice([1, d, rng.randint(1, 3)]) for d in a[rng.randint(0, rank - 1) :])
        op = rng.choice(binaries)
        x, y = torch.zeros(a), torch.zeros(b)
        expected = _torch_shape(op, x, y)
        _agree(expected, _rule_shape(function_output, op, (x, y)), f"{op} {a} {b}")
        for method in ("add", "mul"):
            _agree(expected, _rule_shape(method_output, method, (x, y)), f"{method} {a} {b}")
        dim = rng.randint(-rank, rank - 1)
        parts = [tuple(rng.randint(1, 3) if i == dim % rank or rng.random() < 0.1 else d
                       for i, d in enumerate(a)) for _ in range(rng.randint(1, 3))]  # fmt: skip
        tensors = [torch.zeros(p) for p in parts]
        expected = _torch_shape(torch.cat, tensors, dim)
        _agree(expected, _rule_shape(function_output, torch.cat, (tensors, dim)), f"cat {parts}")
