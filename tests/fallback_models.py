"""Models plain torch.fx cannot trace, one per fallback, opened as a user's file would be
(``tests/fallback_models.py:LeafNet``) by the graph, CLI and window tests.

- ``LeafNet``: one submodule decides on values (``Mixer``), so fx keeps it as one op ("fx-leaf");
- ``HookNet``: the root's own forward decides on values, so only forward hooks can record it; it
  also holds a squeeze-excitation block that decides on values too (hooks record it through its
  layers: its output is its own product, not its gate's 1×1), a matrix product in the root's
  own code (no hook sees it), and a layer it never calls;
- ``SplitNet``: the root decides on values, but its blocks trace: hooks record the root, fx
  draws each block op by op (a squeeze-excitation block, and a two-branch block called with a
  list of tensors).
"""

from __future__ import annotations

import torch
from torch import nn


class Mixer(nn.Module):
    """A learned channel mix (a matrix product), applied only to non-negative inputs."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.eye(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.min() >= 0:  # data-dependent: fx cannot decide it
            x = torch.einsum("oc,nchw->nohw", self.weight, x)
        return x


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int) -> None:
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.reduce = nn.Conv2d(channels, channels // 4, 1)
        self.expand = nn.Conv2d(channels // 4, channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate = torch.sigmoid(self.expand(torch.relu(self.reduce(self.pool(x)))))
        return x * gate


class ValueGatedExcite(SqueezeExcite):
    """Squeeze-excitation that skips the gate on negative inputs: fx cannot trace it."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        gate = torch.sigmoid(self.expand(torch.relu(self.reduce(self.pool(x)))))
        return x * gate if x.min() >= 0 else x


class PairMix(nn.Module):
    """Takes a list of two feature maps and returns both, each mixed with the other."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.left = nn.Conv2d(channels, channels, 1)
        self.right = nn.Conv2d(channels, channels, 1)

    def forward(self, pair: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        a, b = pair
        return self.left(a) + b, self.right(b) + a


class LeafNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.mix = Mixer(8)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.mix(torch.relu(self.conv(x))))


class HookNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.se = ValueGatedExcite(8)
        self.mix = Mixer(8)
        self.project = nn.Parameter(torch.eye(8))
        self.spare = nn.Linear(8, 8)  # never called
        self.fc = nn.Linear(8, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.se(torch.relu(self.conv(x)))
        if x.mean() > -1:  # data-dependent in the root: no fx trace at all
            x = self.mix(x)
        return self.fc(x.mean((2, 3)) @ self.project)


class SplitNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.se = SqueezeExcite(8)
        self.pair = PairMix(8)
        self.fc = nn.Linear(8, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(x)
        if x.mean() > -1:  # data-dependent in the root: hooks record it
            x = self.se(x)
        a, b = self.pair([x, x.flip(-1)])
        return self.fc((a * b).mean((2, 3)))
