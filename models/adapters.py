"""Small wrappers that let a model with an unusual calling convention be fed a batch.

torchvision's detection models take a *list* of C×H×W images of any sizes, not a batch; NetAtlas
feeds every model a batch. ``ImageListAdapter`` sits at the root of such a model and its
``split`` step (a module of its own, so the diagram draws it) turns the batch into that list.
"""

from __future__ import annotations

import torch
from torch import nn


class BatchToImageList(nn.Module):
    """N×C×H×W -> a list of N C×H×W images, as torchvision's detection models take them."""

    def forward(self, images: torch.Tensor) -> list[torch.Tensor]:
        return list(images.unbind(0))


class ImageListAdapter(nn.Module):
    """Feeds ``model`` (which takes a list of images) from a batch; returns what it returns."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.split = BatchToImageList()
        self.model = model

    def forward(self, images: torch.Tensor) -> object:
        return self.model(self.split(images))
