"""NiN, Network in Network (zh.d2l.ai 7.3): 1×1 convolutions instead of dense layers."""

from __future__ import annotations

from torch import nn

from models.registry import TrainPreset, numbered_names, register_model


def nin_block(
    in_channels: int, out_channels: int, kernel_size: int, strides: int, padding: int
) -> nn.Sequential:
    """A convolution followed by two 1×1 convolutions: a small dense network at every pixel."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, strides, padding),
        nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1),
        nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1),
        nn.ReLU(),
    )


@register_model(
    "nin",
    title="NiN (Network in Network)",
    input_size=(1, 224, 224),
    section="7.3",
    preset=TrainPreset(lr=0.1, epochs=10, batch_size=128, resize=224),
    block_names=numbered_names(["0", "2", "4", "7"], "NiN block"),
    note_en="1×1 convolutions act as a per-pixel dense layer, and global average pooling over "
    "one channel per class replaces the huge dense layers, cutting parameters sharply.",
    note_zh="1×1 卷积相当于逐像素的全连接层；最后每个类别一个通道并做全局平均汇聚，"
    "取代了庞大的全连接层，参数大大减少。",
)
def nin() -> nn.Sequential:
    return nn.Sequential(
        nin_block(1, 96, kernel_size=11, strides=4, padding=0),
        nn.MaxPool2d(3, stride=2),
        nin_block(96, 256, kernel_size=5, strides=1, padding=2),
        nn.MaxPool2d(3, stride=2),
        nin_block(256, 384, kernel_size=3, strides=1, padding=1),
        nn.MaxPool2d(3, stride=2),
        nn.Dropout(0.5),
        nin_block(384, 10, kernel_size=3, strides=1, padding=1),
        nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(),
    )
