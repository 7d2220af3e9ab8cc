"""The chapter's experiments as data: which networks run side by side, at which settings, and
what to watch, in English and Chinese.

A lesson has two scales. ``quick`` fits in two minutes on a 2-core laptop CPU (fewer epochs,
a subset of the built-in data set: the app and the CLI say so); ``full`` is the book's recipe
(its learning rates, batch sizes and ten epochs on the whole set), used on a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from errors import NetAtlasError
from models.training.config import LIVE_CAPTURE_EVERY, TrainConfig


class LessonError(NetAtlasError):
    """An unknown lesson."""


@dataclass(frozen=True)
class LessonRun:
    """One network of a lesson at its settings; ``label`` names its curves (``label_zh`` in
    Chinese)."""

    label: str
    model: str
    lr: float
    batch_size: int
    optimizer: str = "sgd"
    label_zh: str = ""

    def name(self, lang: str = "en") -> str:
        return self.label_zh if lang == "zh" and self.label_zh else self.label


@dataclass(frozen=True)
class Scale:
    epochs: int
    train_limit: int | None = None  # None: the whole training set
    test_limit: int | None = None


@dataclass(frozen=True)
class Lesson:
    key: str
    section: str
    title: dict[str, str]  # language -> title
    narration: dict[str, str]  # language -> what to watch
    runs: tuple[LessonRun, ...]
    watch: str  # the lesson's own view: "bn", "grads", "macs" or "gap"
    quick: Scale
    full: Scale = Scale(epochs=10)
    dataset: str = "synthetic"
    shown: int = 0  # the run whose network the window draws while the lesson runs

    @property
    def shown_model(self) -> str:
        return self.runs[self.shown].model

    def text(self, field: str, lang: str = "en") -> str:
        values = getattr(self, field)
        return values.get(lang) or values["en"]

    def configs(self, full: bool, dataset: str | None = None) -> list[TrainConfig]:
        """The runs' settings at the chosen scale (statistics captured as in the app's demo)."""
        scale = self.full if full else self.quick
        return [
            TrainConfig(
                model=run.model,
                dataset=dataset or self.dataset,
                epochs=scale.epochs,
                lr=run.lr,
                batch_size=run.batch_size,
                optimizer=run.optimizer,
                capture_every=LIVE_CAPTURE_EVERY,
                train_limit=scale.train_limit,
                test_limit=scale.test_limit,
            )
            for run in self.runs
        ]

    def scale_note(self, full: bool, lang: str = "en") -> str:
        """What was reduced, said on screen beside the curves."""
        scale = self.full if full else self.quick
        train, test = scale.train_limit, scale.test_limit
        if lang == "zh":
            size = (
                f"{train or '全部'} 张训练图像、{test or '全部'} 张测试图像"
                if train or test
                else "完整数据集"
            )
            how = "书中的完整设置" if full else "为 CPU 缩减的设置"
            return f"{how}：{scale.epochs} 轮，{size}"
        size = (
            f"{train or 'all'} training and {test or 'all'} test images"
            if train or test
            else "the whole data set"
        )
        how = "the book's full recipe" if full else "reduced for a CPU"
        return f"{how}: {scale.epochs} epochs on {size}"

    def with_scale(self, quick: Scale) -> Lesson:
        """The lesson at another quick scale (tests run a few steps)."""
        return replace(self, quick=quick)


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        key="bn",
        section="7.5",
        title={"en": "BN lets you train faster", "zh": "批量规范化让训练更快"},
        narration={
            "en": "LeNet with sigmoids and LeNet with batch normalization, each at the book's "
            "learning rate (0.9 and 1.0). Watch how soon each accuracy curve leaves 10 % "
            "(chance): batch normalization keeps every layer's input centred and scaled, so "
            "the large step size does not push the sigmoids into their flat ends. The BN "
            "plots follow the first BN layer: its running mean and variance settle within the "
            "first epoch.",
            "zh": "使用 sigmoid 的 LeNet 与加入批量规范化的 LeNet，各用书中的学习率（0.9 和 "
            "1.0）。注意两条准确率曲线各自多快离开 10 %（随机猜测）：批量规范化让每层的输入"
            "保持居中、尺度稳定，大步长不会把 sigmoid 推到饱和区。BN 图跟踪第一个 BN 层："
            "它的移动均值和方差在第一轮内就趋于稳定。",
        },
        runs=(
            LessonRun(
                "LeNet (sigmoid), lr 0.9",
                "lenet",
                0.9,
                256,
                label_zh="LeNet（sigmoid），学习率 0.9",
            ),
            LessonRun("LeNet-BN, lr 1.0", "lenet-bn", 1.0, 256, label_zh="LeNet-BN，学习率 1.0"),
        ),
        watch="bn",
        shown=1,  # LeNet-BN: the BN layers the lesson's plots follow
        quick=Scale(epochs=6),
    ),
    Lesson(
        key="shortcuts",
        section="7.6",
        title={"en": "Shortcuts keep gradients alive", "zh": "残差连接让梯度保持活力"},
        narration={
            "en": "Two 20-layer CNNs with the same convolutions, neither with batch "
            "normalization; only the ResNet adds each block's input to its output. The heat "
            "maps show every layer's gradient norm over time (first layer at the top, one "
            "colour scale for both): in the plain network the gradient fades on its way down "
            "and the first layers barely learn; through the shortcuts the ResNet's first "
            "layers get a gradient as strong as its last. Watch the first rows and the "
            "accuracy curves.",
            "zh": "两个 20 层的卷积网络，卷积层完全相同，都没有批量规范化；只有 ResNet 把每个块的"
            "输入加到输出上。热图显示每层的梯度范数随时间的变化（第一层在最上面，两图同一色标）："
            "普通网络中梯度在向下传递时逐渐消失，前几层几乎学不到东西；借助残差连接，ResNet 的"
            "前几层得到与最后几层同样强的梯度。请注意最上面几行和准确率曲线。",
        },
        runs=(
            LessonRun(
                "plain CNN, 20 layers", "lesson.plain-20", 0.1, 128, label_zh="普通卷积网络，20 层"
            ),
            LessonRun("ResNet-20", "lesson.resnet-20", 0.1, 128, label_zh="ResNet-20"),
        ),
        watch="grads",
        shown=1,  # ResNet-20: the shortcuts the lesson is about
        quick=Scale(epochs=5, train_limit=4000, test_limit=1000),
    ),
    Lesson(
        key="1x1",
        section="7.4",
        title={"en": "1×1 convolutions are cheap", "zh": "1×1 卷积很便宜"},
        narration={
            "en": "Two small GoogLeNets with the same Inception blocks; in one, 1×1 "
            "convolutions first shrink the channels that the 3×3 and 5×5 paths read. The table "
            "puts their multiply-accumulates (MACs) and parameters beside their accuracy. Both "
            "train with Adam (plain SGD barely moves these small GoogLeNets, which have no batch "
            "normalization, in a few epochs).",
            "zh": "两个小型 GoogLeNet，Inception 块相同；其中一个在 3×3 和 5×5 路径之前用 1×1 "
            "卷积减少通道数。表格把两者的乘加运算量（MACs）和参数量与准确率并列。两者都用自适应矩"
            "估计（Adam）训练（这些没有批量规范化的小型 GoogLeNet 用普通随机梯度下降（SGD）在几轮内"
            "几乎学不动）。",
        },
        runs=(
            LessonRun(
                "Inception with 1×1",
                "lesson.inception-1x1",
                0.005,
                64,
                "adam",
                label_zh="带 1×1 降维的 Inception",
            ),
            LessonRun(
                "Inception without 1×1",
                "lesson.inception-no1x1",
                0.005,
                64,
                "adam",
                label_zh="不带 1×1 降维的 Inception",
            ),
        ),
        watch="macs",
        quick=Scale(epochs=5, train_limit=3000, test_limit=1000),
    ),
    Lesson(
        key="dropout",
        section="7.1",
        title={"en": "Dropout fights overfitting", "zh": "暂退法对抗过拟合"},
        narration={
            "en": "A small AlexNet trained on few images, with and without dropout in its dense "
            "layers. Watch the gap between training and test accuracy: without dropout the "
            "network memorises the training images and the gap opens; with dropout it stays "
            "narrower.",
            "zh": "一个小型 AlexNet 在少量图像上训练，全连接层分别使用和不使用暂退法。注意训练"
            "准确率与测试准确率之间的差距：不用暂退法时网络记住了训练图像，差距拉大；使用暂退"
            "法时差距较小。",
        },
        runs=(
            LessonRun("dropout 0.5", "lesson.alexnet-dropout", 0.05, 64, label_zh="暂退概率 0.5"),
            LessonRun("no dropout", "lesson.alexnet-no-dropout", 0.05, 64, label_zh="不用暂退法"),
        ),
        watch="gap",
        quick=Scale(epochs=30, train_limit=400, test_limit=1000),
        full=Scale(epochs=50, train_limit=3000),
    ),
)


def lesson_keys() -> list[str]:
    return [lesson.key for lesson in LESSONS]


def get_lesson(key: str) -> Lesson:
    for lesson in LESSONS:
        if lesson.key == key:
            return lesson
    raise LessonError(f"Unknown lesson {key!r}: choose one of {', '.join(lesson_keys())}.")
