"""AlexNet (zh.d2l.ai 7.1), the book's one-channel version for Fashion-MNIST resized to 224."""

from __future__ import annotations

from torch import nn

from models.registry import TrainPreset, register_model


@register_model(
    "alexnet",
    title="AlexNet",
    input_size=(1, 224, 224),
    section="7.1",
    preset=TrainPreset(lr=0.01, epochs=10, batch_size=128, resize=224),
    note_en="A much deeper and wider LeNet trained on GPUs, with ReLU, max pooling and dropout: "
    "it showed that features learned from data beat hand-designed ones.",
    note_zh="在 GPU 上训练的更深更宽的 LeNet，使用 ReLU、最大汇聚和暂退法（dropout），"
    "证明了从数据中学到的特征胜过人工设计的特征。",
)
def alexnet() -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 96, kernel_size=11, stride=4, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(96, 256, kernel_size=5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(256, 384, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Flatten(),
        nn.Linear(6400, 4096),
        nn.ReLU(),
        nn.Dropout(p=0.5),
        nn.Linear(4096, 4096),
        nn.ReLU(),
        nn.Dropout(p=0.5),
        nn.Linear(4096, 10),
    )
