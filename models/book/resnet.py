"""ResNet (zh.d2l.ai 7.6): residual blocks learn f(x) - x, so extra layers can do no harm."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from models.registry import TrainPreset, book_block_names, register_model


class Residual(nn.Module):
    """Two 3×3 convolutions with batch norm whose output is added to the block's input.

    ``use_1x1conv`` puts a 1×1 convolution on the shortcut so the input matches a change of
    channels or stride.
    """

    def __init__(
        self,
        input_channels: int,
        num_channels: int,
        use_1x1conv: bool = False,
        strides: int = 1,
    ) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(
            input_channels, num_channels, kernel_size=3, padding=1, stride=strides
        )
        self.conv2 = nn.Conv2d(num_channels, num_channels, kernel_size=3, padding=1)
        if use_1x1conv:
            self.conv3 = nn.Conv2d(input_channels, num_channels, kernel_size=1, stride=strides)
        else:
            self.conv3 = None
        self.bn1 = nn.BatchNorm2d(num_channels)
        self.bn2 = nn.BatchNorm2d(num_channels)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        if self.conv3:
            X = self.conv3(X)
        Y += X
        return F.relu(Y)


def resnet_block(
    input_channels: int, num_channels: int, num_residuals: int, first_block: bool = False
) -> list[Residual]:
    """``num_residuals`` residual blocks; the first halves height and width unless ``first_block``
    (b2 follows a max pool that already did)."""
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blk.append(Residual(input_channels, num_channels, use_1x1conv=True, strides=2))
        else:
            blk.append(Residual(num_channels, num_channels))
    return blk


def stem() -> nn.Sequential:
    """The book's b1 for ResNet and DenseNet: 7×7 convolution, batch norm, ReLU, max pool."""
    return nn.Sequential(
        nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3),
        nn.BatchNorm2d(64),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
    )


@register_model(
    "resnet18",
    title="ResNet-18",
    input_size=(1, 224, 224),
    section="7.6",
    preset=TrainPreset(lr=0.05, epochs=10, batch_size=256, resize=96),
    block_names=book_block_names(5),
    note_en="Each block adds its input to its output, so a block only has to learn a residual "
    "and can fall back to the identity: very deep networks become trainable.",
    note_zh="每个块把输入加到输出上，块只需学习残差，必要时可以退化为恒等映射，"
    "因此非常深的网络也能训练。",
)
def resnet18() -> nn.Sequential:
    b1 = stem()
    b2 = nn.Sequential(*resnet_block(64, 64, 2, first_block=True))
    b3 = nn.Sequential(*resnet_block(64, 128, 2))
    b4 = nn.Sequential(*resnet_block(128, 256, 2))
    b5 = nn.Sequential(*resnet_block(256, 512, 2))
    return nn.Sequential(
        b1, b2, b3, b4, b5, nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(512, 10)
    )
