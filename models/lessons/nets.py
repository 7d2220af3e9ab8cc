"""The lessons' networks: the chapter's ideas at a size a laptop trains in a minute.

Each pair differs in exactly the idea its lesson is about (a shortcut, a 1×1 reduction,
dropout), so a difference in the curves can only come from it. They are models like any other
(``lesson.NAME`` in the registry): the app draws them, the CLI trains them, a run folder names
them.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

from models.book.googlenet import Inception
from models.registry import ModelSpec, TrainPreset

PREFIX = "lesson."
WIDTHS = (8, 16, 32)  # channels of the three stages of the depth-20 pair (CIFAR ResNet-20 / 2)
BLOCKS_PER_STAGE = 3  # 3 stages × 3 blocks × 2 convolutions + stem + output = 20 layers


class Residual(nn.Module):
    """The book's residual block (§7.6) without its batch norms; ``shortcut=False`` is the same
    block without the addition: the plain network of the same depth.

    Without batch normalization the shortcut is the only help a gradient gets on its way down
    (with it, both nets train: the plain one more slowly), which is what the lesson shows."""

    def __init__(self, in_channels: int, channels: int, stride: int, shortcut: bool) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, channels, kernel_size=3, padding=1, stride=stride)
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        matches = stride == 1 and in_channels == channels
        self.conv3 = (
            nn.Conv2d(in_channels, channels, kernel_size=1, stride=stride)
            if shortcut and not matches
            else None
        )
        self.shortcut = shortcut

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv2(F.relu(self.conv1(x)))
        if self.shortcut:
            y = y + (self.conv3(x) if self.conv3 is not None else x)
        return F.relu(y)


def deep_cnn(shortcut: bool) -> nn.Sequential:
    """Depth 20: a 3×3 stem, three stages of three two-convolution blocks (the second and third
    halve the map), global average pooling and a dense output."""
    layers: list[nn.Module] = [nn.Conv2d(1, WIDTHS[0], kernel_size=3, padding=1), nn.ReLU()]
    channels = WIDTHS[0]
    for stage, width in enumerate(WIDTHS):
        for block in range(BLOCKS_PER_STAGE):
            stride = 2 if stage > 0 and block == 0 else 1
            layers.append(Residual(channels, width, stride, shortcut))
            channels = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10)]
    return nn.Sequential(*layers)


class WideInception(Inception):
    """The book's Inception block (§7.4) without the 1×1 convolutions before its 3×3 and 5×5
    paths, which then read every input channel (the attribute names stay the book's)."""

    def __init__(
        self, in_channels: int, c1: int, c2: tuple[int, int], c3: tuple[int, int], c4: int
    ) -> None:
        super().__init__(in_channels, c1, c2, c3, c4)
        del self.p2_1, self.p3_1
        self.p2_2 = nn.Conv2d(in_channels, c2[1], kernel_size=3, padding=1)
        self.p3_2 = nn.Conv2d(in_channels, c3[1], kernel_size=5, padding=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p1 = F.relu(self.p1_1(x))
        p2 = F.relu(self.p2_2(x))
        p3 = F.relu(self.p3_2(x))
        p4 = F.relu(self.p4_2(self.p4_1(x)))
        return torch.cat((p1, p2, p3, p4), dim=1)


def small_googlenet(reduce: bool) -> nn.Sequential:
    """A stem and two Inception blocks of the book's proportions (b3's, channels / 4) at 28×28;
    ``reduce=False``: the blocks without their 1×1 reductions."""
    block = Inception if reduce else WideInception
    return nn.Sequential(
        nn.Conv2d(1, 48, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=2, stride=2),
        block(48, 16, (24, 32), (4, 8), 8),
        block(64, 32, (32, 48), (8, 24), 16),
        nn.MaxPool2d(kernel_size=2, stride=2),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(120, 10),
    )


def small_alexnet(dropout: float) -> nn.Sequential:
    """AlexNet's shape (§7.1: five convolutions, three max pools, two wide dense layers with
    dropout) at 28×28 with an eighth of the channels."""
    return nn.Sequential(
        nn.Conv2d(1, 12, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=2, stride=2),
        nn.Conv2d(12, 32, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=2, stride=2),
        nn.Conv2d(32, 48, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.Conv2d(48, 48, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.Conv2d(48, 32, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.Linear(32 * 3 * 3, 512),
        nn.ReLU(),
        nn.Dropout(p=dropout),
        nn.Linear(512, 512),
        nn.ReLU(),
        nn.Dropout(p=dropout),
        nn.Linear(512, 10),
    )


_PRESET = TrainPreset(lr=0.05, epochs=10, batch_size=128, resize=None)
# name: (builder, title, section, note)
_NETS: dict[str, tuple[Callable[[], nn.Module], str, str, str]] = {
    "plain-20": (
        lambda: deep_cnn(shortcut=False),
        "Plain CNN, 20 layers",
        "7.6",
        "The lesson's ResNet-20 without its shortcuts: the same layers, nothing added back.",
    ),
    "resnet-20": (
        lambda: deep_cnn(shortcut=True),
        "ResNet-20",
        "7.6",
        "The book's residual blocks without batch norm, at CIFAR ResNet-20's depth and half "
        "its width.",
    ),
    "inception-1x1": (
        lambda: small_googlenet(reduce=True),
        "Inception with 1×1 reductions",
        "7.4",
        "Two Inception blocks whose 3×3 and 5×5 paths first shrink the channels with a 1×1.",
    ),
    "inception-no1x1": (
        lambda: small_googlenet(reduce=False),
        "Inception without 1×1 reductions",
        "7.4",
        "The same blocks with the 3×3 and 5×5 convolutions reading every input channel.",
    ),
    "alexnet-dropout": (
        lambda: small_alexnet(dropout=0.5),
        "Small AlexNet, dropout 0.5",
        "7.1",
        "AlexNet's layers at 28×28, an eighth of the channels, dropout 0.5 in the dense layers.",
    ),
    "alexnet-no-dropout": (
        lambda: small_alexnet(dropout=0.0),
        "Small AlexNet, no dropout",
        "7.1",
        "The same network with dropout switched off.",
    ),
}


def lesson_net_names() -> list[str]:
    return [PREFIX + name for name in _NETS]


def lesson_spec(name: str) -> ModelSpec | None:
    """The spec of ``lesson.NAME``, None for a name no lesson uses."""
    entry = _NETS.get(name.removeprefix(PREFIX))
    if entry is None:
        return None
    build, title, section, note = entry
    return ModelSpec(
        name=name,
        build=build,
        input_size=(1, 28, 28),
        family="lesson",
        title=title,
        section=section,
        preset=_PRESET,
        notes={"en": note},
    )
