"""Batch normalization (zh.d2l.ai 7.5): the book's from-scratch layer and LeNet with BN."""

from __future__ import annotations

from collections.abc import Callable

import torch
import torch.fx
from torch import nn

from models.registry import TrainPreset, register_model

_PRESET = TrainPreset(lr=1.0, epochs=10, batch_size=256, resize=None)

NormFactory = Callable[[int, int], nn.Module]  # (num_features, num_dims) -> normalization layer


def batch_norm(
    X: torch.Tensor,
    gamma: torch.Tensor,
    beta: torch.Tensor,
    moving_mean: torch.Tensor,
    moving_var: torch.Tensor,
    eps: float,
    momentum: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The book's ``batch_norm``: returns Y and the updated moving mean and variance.

    ``torch.is_grad_enabled()`` tells training (batch statistics) from prediction (moving
    statistics), as in the book. The function is an fx leaf (``torch.fx.wrap`` below), so a traced
    graph shows one ``batch_norm`` call and makes that choice at run time, not at trace time.
    """
    if not torch.is_grad_enabled():
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:  # fully connected: statistics per feature
            mean = X.mean(dim=0)
            var = ((X - mean) ** 2).mean(dim=0)
        else:  # convolutional: statistics per channel, over batch, height and width
            mean = X.mean(dim=(0, 2, 3), keepdim=True)
            var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        X_hat = (X - mean) / torch.sqrt(var + eps)
        moving_mean = momentum * moving_mean + (1.0 - momentum) * mean
        moving_var = momentum * moving_var + (1.0 - momentum) * var
    Y = gamma * X_hat + beta
    return Y, moving_mean.data, moving_var.data


torch.fx.wrap("batch_norm")


class BatchNorm(nn.Module):
    """The book's ``BatchNorm(num_features, num_dims)``; ``num_dims`` is 2 (dense) or 4 (conv).

    The moving statistics are buffers (the book keeps plain attributes) so they follow
    ``.to(device)`` and appear in ``state_dict``; they are updated in place (the book rebinds
    them) because a traced graph cannot assign to a buffer.
    """

    def __init__(self, num_features: int, num_dims: int) -> None:
        super().__init__()
        shape = (1, num_features) if num_dims == 2 else (1, num_features, 1, 1)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        self.register_buffer("moving_mean", torch.zeros(shape))
        self.register_buffer("moving_var", torch.ones(shape))

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        Y, moving_mean, moving_var = batch_norm(
            X, self.gamma, self.beta, self.moving_mean, self.moving_var, eps=1e-5, momentum=0.9
        )
        self.moving_mean.copy_(moving_mean)
        self.moving_var.copy_(moving_var)
        return Y


def torch_batch_norm(num_features: int, num_dims: int) -> nn.Module:
    """The concise version: ``nn.BatchNorm1d`` after dense layers, ``nn.BatchNorm2d`` after conv."""
    return nn.BatchNorm1d(num_features) if num_dims == 2 else nn.BatchNorm2d(num_features)


def lenet_bn(norm: NormFactory) -> nn.Sequential:
    """LeNet with a normalization layer after every convolution and dense layer (before sigmoid)."""
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5),
        norm(6, 4),
        nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5),
        norm(16, 4),
        nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.Linear(16 * 4 * 4, 120),
        norm(120, 2),
        nn.Sigmoid(),
        nn.Linear(120, 84),
        norm(84, 2),
        nn.Sigmoid(),
        nn.Linear(84, 10),
    )


_NOTE_EN = (
    "Normalizing each layer's inputs with the mini-batch mean and variance keeps them in a steady "
    "range, so deep networks train faster and tolerate a much larger learning rate."
)
_NOTE_ZH = (
    "用小批量的均值和方差规范化每层的输入，使其保持在稳定的范围内，"
    "深层网络因此收敛更快，并能使用大得多的学习率。"
)


@register_model(
    "lenet-bn-scratch",
    title="LeNet + BatchNorm (from scratch)",
    input_size=(1, 28, 28),
    section="7.5",
    preset=_PRESET,
    note_en=_NOTE_EN + " This version uses the book's from-scratch BatchNorm layer.",
    note_zh=_NOTE_ZH + "此版本使用书中从零实现的 BatchNorm 层。",
)
def lenet_bn_scratch() -> nn.Sequential:
    return lenet_bn(BatchNorm)


@register_model(
    "lenet-bn",
    title="LeNet + BatchNorm",
    input_size=(1, 28, 28),
    section="7.5",
    preset=_PRESET,
    note_en=_NOTE_EN,
    note_zh=_NOTE_ZH,
)
def lenet_bn_concise() -> nn.Sequential:
    return lenet_bn(torch_batch_norm)
