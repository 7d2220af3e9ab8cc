"""VGG (zh.d2l.ai 7.2): a network built from repeated blocks instead of individual layers."""

from __future__ import annotations

from torch import nn

from models.registry import TrainPreset, numbered_names, register_model

ConvArch = tuple[tuple[int, int], ...]  # (num_convs, out_channels) per block

VGG11_ARCH: ConvArch = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))
THIN_RATIO = 4  # the book trains a VGG-11 with a quarter of the channels to save compute

_PRESET = TrainPreset(lr=0.05, epochs=10, batch_size=128, resize=224)
_BLOCK_NAMES = numbered_names([str(i) for i in range(len(VGG11_ARCH))], "VGG block")


def vgg_block(num_convs: int, in_channels: int, out_channels: int) -> nn.Sequential:
    """``num_convs`` 3×3 convolutions with ReLU, then a 2×2 max pool that halves the size."""
    layers: list[nn.Module] = []
    for _ in range(num_convs):
        layers.append(nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


def vgg(conv_arch: ConvArch) -> nn.Sequential:
    """The book's ``vgg(conv_arch)``: one block per entry, then the three dense layers."""
    conv_blks = []
    in_channels = 1
    for num_convs, out_channels in conv_arch:
        conv_blks.append(vgg_block(num_convs, in_channels, out_channels))
        in_channels = out_channels
    return nn.Sequential(
        *conv_blks,
        nn.Flatten(),
        nn.Linear(in_channels * 7 * 7, 4096),
        nn.ReLU(),
        nn.Dropout(0.5),
        nn.Linear(4096, 4096),
        nn.ReLU(),
        nn.Dropout(0.5),
        nn.Linear(4096, 10),
    )


@register_model(
    "vgg11",
    title="VGG-11",
    input_size=(1, 224, 224),
    section="7.2",
    preset=_PRESET,
    block_names=_BLOCK_NAMES,
    note_en="Networks are designed from repeated blocks (3×3 convolutions, then a pool), so depth "
    "and width become two numbers per block instead of a hand-made layer list.",
    note_zh="用重复的块（若干 3×3 卷积加一个汇聚层）来设计网络，"
    "深度和宽度变成每个块的两个参数，而不是逐层手工设计。",
)
def vgg11() -> nn.Sequential:
    return vgg(VGG11_ARCH)


@register_model(
    "vgg11-thin",
    title="VGG-11 (channels ÷ 4)",
    input_size=(1, 224, 224),
    section="7.2",
    preset=_PRESET,
    block_names=_BLOCK_NAMES,
    note_en="The book trains VGG-11 with a quarter of the channels in every block (the dense "
    "layers keep 4096 units): the same design, cheap enough for Fashion-MNIST.",
    note_zh="书中训练时把每个块的通道数减为四分之一（全连接层仍为 4096 个单元），"
    "设计不变，但在 Fashion-MNIST 上训练快得多。",
)
def vgg11_thin() -> nn.Sequential:
    return vgg(tuple((num_convs, channels // THIN_RATIO) for num_convs, channels in VGG11_ARCH))
