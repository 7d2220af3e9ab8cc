"""DenseNet (zh.d2l.ai 7.7): each layer's output is concatenated onto its input, not added."""

from __future__ import annotations

import torch
from torch import nn

from models.book.resnet import stem
from models.registry import TrainPreset, book_block_names, numbered_names, register_model


def conv_block(input_channels: int, num_channels: int) -> nn.Sequential:
    """ResNet's modified order: batch norm, ReLU, then a 3×3 convolution."""
    return nn.Sequential(
        nn.BatchNorm2d(input_channels),
        nn.ReLU(),
        nn.Conv2d(input_channels, num_channels, kernel_size=3, padding=1),
    )


class DenseBlock(nn.Module):
    """``num_convs`` conv blocks, each adding ``num_channels`` (the growth rate) channels."""

    def __init__(self, num_convs: int, input_channels: int, num_channels: int) -> None:
        super().__init__()
        layer = []
        for i in range(num_convs):
            layer.append(conv_block(num_channels * i + input_channels, num_channels))
        self.net = nn.Sequential(*layer)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        for blk in self.net:
            Y = blk(X)
            X = torch.cat((X, Y), dim=1)  # join input and output on the channel dimension
        return X


def transition_block(input_channels: int, num_channels: int) -> nn.Sequential:
    """A 1×1 convolution that cuts the channels and a 2×2 average pool that halves the size."""
    return nn.Sequential(
        nn.BatchNorm2d(input_channels),
        nn.ReLU(),
        nn.Conv2d(input_channels, num_channels, kernel_size=1),
        nn.AvgPool2d(kernel_size=2, stride=2),
    )


NUM_CONVS_IN_DENSE_BLOCKS = (4, 4, 4, 4)


def _block_names() -> dict[str, str]:
    """b1, "Dense block 1–4" (children 1, 3, 5, 7) and their conv blocks "Dense layer 1–4"."""
    dense = [str(1 + 2 * i) for i in range(len(NUM_CONVS_IN_DENSE_BLOCKS))]
    names = {**book_block_names(1), **numbered_names(dense, "Dense block")}
    for block, num_convs in zip(dense, NUM_CONVS_IN_DENSE_BLOCKS, strict=True):
        names.update(numbered_names([f"{block}.net.{i}" for i in range(num_convs)], "Dense layer"))
    return names


@register_model(
    "densenet",
    title="DenseNet",
    input_size=(1, 96, 96),
    section="7.7",
    preset=TrainPreset(lr=0.1, epochs=10, batch_size=256, resize=96),
    block_names=_block_names(),
    note_en="Each layer sees the concatenated outputs of all layers before it in its block, "
    "reusing features; transition layers keep the channel count in check.",
    note_zh="块中的每一层都以之前所有层输出的拼接作为输入，从而复用特征；"
    "过渡层用来控制通道数不至于过大。",
)
def densenet() -> nn.Sequential:
    num_channels, growth_rate = 64, 32
    num_convs_in_dense_blocks = NUM_CONVS_IN_DENSE_BLOCKS
    blks: list[nn.Module] = []
    for i, num_convs in enumerate(num_convs_in_dense_blocks):
        blks.append(DenseBlock(num_convs, num_channels, growth_rate))
        num_channels += num_convs * growth_rate  # this block's output channels
        if i != len(num_convs_in_dense_blocks) - 1:  # halve the channels between blocks
            blks.append(transition_block(num_channels, num_channels // 2))
            num_channels = num_channels // 2
    return nn.Sequential(
        stem(),
        *blks,
        nn.BatchNorm2d(num_channels),
        nn.ReLU(),
        nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(),
        nn.Linear(num_channels, 10),
    )
