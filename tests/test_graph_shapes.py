"""The shape formulas agree with torch itself, and reject what torch rejects."""

from __future__ import annotations

import operator

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from netgraph.shape_rules import function_output, method_output, module_output

LAYERS = [
    (nn.Conv2d(3, 8, 3), (2, 3, 17, 19)),
    (nn.Conv2d(3, 8, (3, 5), stride=(2, 3), padding=(1, 2), dilation=2), (1, 3, 33, 31)),
    (nn.Conv2d(4, 8, 3, padding="same", groups=2), (1, 4, 10, 10)),
    (nn.Conv2d(4, 8, 3, padding="valid"), (1, 4, 10, 10)),
    (nn.Conv1d(2, 4, 5, stride=2), (1, 2, 40)),
    (nn.Conv3d(2, 4, 3, padding=1), (1, 2, 5, 6, 7)),
    (nn.MaxPool2d(3, 2), (1, 4, 15, 15)),
    (nn.MaxPool2d(3, 2, ceil_mode=True), (1, 4, 14, 14)),
    (nn.MaxPool2d(3, 2, padding=1, ceil_mode=True), (1, 4, 15, 16)),
    (nn.MaxPool2d(2, dilation=2), (1, 4, 9, 9)),
    (nn.AvgPool2d(2, 2), (1, 4, 9, 9)),
    (nn.AvgPool2d(3, 1, padding=1), (1, 4, 9, 9)),
    (nn.AvgPool1d(3, 2, ceil_mode=True), (1, 4, 10)),
    (nn.AdaptiveAvgPool2d((1, 1)), (1, 4, 9, 9)),
    (nn.AdaptiveAvgPool2d((6, None)), (1, 4, 9, 7)),
    (nn.AdaptiveAvgPool1d(3), (1, 4, 9)),
    (nn.Linear(12, 5), (2, 7, 12)),
    (nn.Flatten(), (2, 3, 4, 5)),
    (nn.Flatten(0, 2), (2, 3, 4, 5)),
    (nn.BatchNorm2d(3), (2, 3, 4, 5)),
    (nn.ReLU(), (2, 3)),
    (nn.Dropout(0.5), (2, 3)),
]


@pytest.mark.parametrize(("layer", "shape"), LAYERS, ids=[repr(layer) for layer, _ in LAYERS])
def test_layer_formula_matches_torch(layer: nn.Module, shape: tuple[int, ...]) -> None:
    expected = layer.eval()(torch.zeros(shape)).shape
    got = module_output(layer, (torch.zeros(shape, device="meta"),), {})
    assert got is not None and got.is_meta
    assert got.shape == expected


def meta(*shape: int) -> torch.Tensor:
    return torch.zeros(shape, device="meta")


def test_function_and_method_formulas_match_torch() -> None:
    a, b = torch.zeros(2, 3, 4, 5), torch.zeros(1, 3, 1, 5)
    cases = [
        (operator.add, (a, b)),
        (operator.iadd, (a, 2.0)),
        (torch.mul, (b, a)),
        (torch.cat, ([a, a[:, :1]], 1)),
        (torch.flatten, (a, 1)),
        (F.relu, (a,)),
        (F.adaptive_avg_pool2d, (a, (1, 1))),
    ]
    for target, args in cases:
        meta_args = tuple(
            [t.to("meta") for t in x]
            if isinstance(x, list)
            else x.to("meta")
            if isinstance(x, torch.Tensor)
            else x
            for x in args
        )
        got = function_output(target, meta_args, {})
        assert got is not None and got.shape == target(*args).shape, target
    assert method_output("flatten", (meta(2, 3, 4), 1), {}).shape == (2, 12)
    assert method_output("relu", (meta(2, 3),), {}).shape == (2, 3)
    assert method_output("view", (meta(2, 3), 6), {}) is None  # left to torch


def test_mismatches_are_rejected_like_torch_does() -> None:
    with pytest.raises(RuntimeError, match="expected input to have 3 channels, but got 4"):
        module_output(nn.Conv2d(3, 8, 3), (meta(1, 4, 8, 8),), {})
    with pytest.raises(RuntimeError, match=r"\(1x7 and 10x5\)"):
        module_output(nn.Linear(10, 5), (meta(1, 7),), {})
    with pytest.raises(RuntimeError, match="Output size is too small"):
        module_output(nn.MaxPool2d(3, 2), (meta(1, 4, 2, 2),), {})
    with pytest.raises(RuntimeError, match="Output size is too small"):
        module_output(nn.Conv2d(3, 8, 5), (meta(1, 3, 4, 4),), {})
    # what the formulas do not know is left to torch
    assert module_output(nn.BatchNorm2d(3), (meta(1, 4, 2, 2),), {}) is None
    assert module_output(nn.ConvTranspose2d(3, 8, 3), (meta(1, 3, 8, 8),), {}) is None
    assert function_output(operator.add, (meta(2, 3), meta(4, 3)), {}) is None
