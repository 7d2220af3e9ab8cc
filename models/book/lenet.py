"""LeNet (zh.d2l.ai 6.6): the first convolutional network to learn digits end to end."""

from __future__ import annotations

from torch import nn

from models.registry import TrainPreset, register_model


@register_model(
    "lenet",
    title="LeNet",
    input_size=(1, 28, 28),
    section="6.6",
    preset=TrainPreset(lr=0.9, epochs=10, batch_size=256, resize=None),
    note_en="Convolutions share weights across the image and pooling shrinks it, so a small "
    "network learns local patterns that a dense network would need far more parameters for.",
    note_zh="卷积层在整幅图像上共享权重，汇聚层逐步缩小特征图，"
    "因此一个小网络就能学到局部模式，而全连接网络需要多得多的参数。",
)
def lenet() -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2),
        nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5),
        nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120),
        nn.Sigmoid(),
        nn.Linear(120, 84),
        nn.Sigmoid(),
        nn.Linear(84, 10),
    )
