"""The chapter's side-by-side figures, ready to open: which networks (or blocks) in which
columns, and the one-line point each figure makes, in English and Chinese."""

from __future__ import annotations

from dataclasses import dataclass

from errors import NetAtlasError


@dataclass(frozen=True)
class PresetColumn:
    model: str
    only: str | None = None  # the block drawn alone (with what feeds it and what it feeds)
    title_en: str = ""  # "" = the model's (and block's) own name
    title_zh: str = ""

    def title(self, lang: str) -> str:
        return (self.title_zh if lang == "zh" else "") or self.title_en


@dataclass(frozen=True)
class BookFigure:
    key: str
    section: str
    name_en: str
    name_zh: str
    point_en: str
    point_zh: str
    columns: tuple[PresetColumn, ...]

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def point(self, lang: str) -> str:
        return self.point_zh if lang == "zh" else self.point_en


BOOK_FIGURES = (
    BookFigure(
        "lenet-alexnet",
        "7.1",
        "LeNet | AlexNet",
        "LeNet | AlexNet",
        "AlexNet is LeNet made deeper and wider: more and larger convolutions, ReLU instead of "
        "sigmoid, and far more parameters for far more data.",
        "AlexNet 是更深更宽的 LeNet：更多、更大的卷积层，用 ReLU 代替 sigmoid，"
        "参数也多得多，以便从更多的数据中学习。",
        (PresetColumn("lenet"), PresetColumn("alexnet")),
    ),
    BookFigure(
        "alexnet-vgg",
        "7.2",
        "AlexNet | VGG-11",
        "AlexNet | VGG-11",
        "VGG replaces AlexNet's hand-tuned layers with one repeated block: 3×3 convolutions, "
        "then a max-pool that halves the size.",
        "VGG 用一个重复的块代替 AlexNet 手工设计的各层：若干 3×3 卷积层，"
        "再接一个把尺寸减半的最大汇聚层。",
        (PresetColumn("alexnet"), PresetColumn("vgg11")),
    ),
    BookFigure(
        "vgg-nin",
        "7.3",
        "VGG-11 | NiN",
        "VGG-11 | NiN",
        "NiN adds 1×1 convolutions after each convolution and drops the huge fully connected "
        "layers for global average pooling.",
        "NiN 在每个卷积层后加入 1×1 卷积层，并用全局平均汇聚层取代参数巨大的全连接层。",
        (PresetColumn("vgg11"), PresetColumn("nin")),
    ),
    BookFigure(
        "residual-1x1",
        "7.6",
        "Residual block | Residual block with 1×1 conv",
        "残差块 | 含 1×1 卷积的残差块",
        "The shortcut adds the block's input to its output; where the block changes channels "
        "or halves the size, a 1×1 convolution makes the input fit.",
        "捷径把块的输入加到输出上；当块改变通道数或把尺寸减半时，"
        "用 1×1 卷积层使输入与输出形状一致。",
        (
            PresetColumn("resnet18", "1.0", "Residual block", "残差块"),
            PresetColumn(
                "resnet18", "2.0", "Residual block with 1×1 conv", "含 1×1 卷积层的残差块"
            ),
        ),
    ),
    BookFigure(
        "residual-dense",
        "7.7",
        "Residual | Dense",
        "残差 | 稠密",
        "ResNet adds a block's input to its output (⊕); DenseNet concatenates them ([ , ]), "
        "so every later layer sees every earlier feature.",
        "ResNet 把块的输入与输出相加（⊕）；DenseNet 把它们在通道维上连结（[ , ]），"
        "于是后面的每一层都能看到前面所有的特征。",
        (
            PresetColumn("resnet18", "1.0", "ResNet: residual block", "ResNet：残差块"),
            PresetColumn("densenet", "1.net.0", "DenseNet: dense layer", "DenseNet：稠密层"),
        ),
    ),
)


def book_figure(key: str) -> BookFigure:
    for figure in BOOK_FIGURES:
        if figure.key == key:
            return figure
    keys = ", ".join(f.key for f in BOOK_FIGURES)
    raise NetAtlasError(f"no book figure {key!r}: use one of {keys}")
