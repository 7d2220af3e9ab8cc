"""An image data set held as uint8 tensors, the one form every source is turned into.

Keeping images as uint8 (N, C, H, W) makes even CIFAR-10 small enough (180 MB) to live on the
accelerator, where the trainer resizes and normalises whole batches at once instead of running
per-image PIL transforms in worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import torch

from errors import NetAtlasError


class DatasetError(NetAtlasError):
    """A data set cannot be found, downloaded or read; the message says what to put where."""


# ITU-R 601 luma weights, the ones PIL's convert("L") uses.
_LUMA = (0.299, 0.587, 0.114)


@dataclass(frozen=True)
class ImageSet:
    """Train and test images (uint8, N×C×H×W) with int64 labels."""

    name: str
    classes: tuple[str, ...]
    train_x: torch.Tensor
    train_y: torch.Tensor
    test_x: torch.Tensor
    test_y: torch.Tensor
    notes: tuple[str, ...] = ()  # what the user should know, e.g. the files that were skipped

    @property
    def channels(self) -> int:
        return int(self.train_x.shape[1])

    def limited(self, train: int | None = None, test: int | None = None) -> ImageSet:
        """The first ``train``/``test`` examples: quick runs and tests on a real set's head."""
        return replace(
            self,
            train_x=self.train_x[:train],
            train_y=self.train_y[:train],
            test_x=self.test_x[:test],
            test_y=self.test_y[:test],
        )

    def with_channels(self, channels: int) -> tuple[ImageSet, str | None]:
        """Adapt the images to a model's input channels; returns a note for the log when changed.

        The book's networks hard-code one input channel, so colour images become grayscale
        (as PIL's ``convert("L")``); grayscale images for a 3-channel model are repeated.
        """
        have = self.channels
        if have == channels:
            return self, None
        if channels == 1 and have == 3:
            convert = _to_gray
            note = f"{self.name}: converted RGB to grayscale for a 1-channel model"
        elif channels == 3 and have == 1:
            convert = _to_rgb
            note = f"{self.name}: repeated the gray channel for a 3-channel model"
        else:
            raise DatasetError(
                f"The model takes {channels} input channels but {self.name} has {have}; "
                "choose a model or data set with 1 or 3 channels."
            )
        return replace(self, train_x=convert(self.train_x), test_x=convert(self.test_x)), note


def check_labels(labels: torch.Tensor, classes: int, source: object) -> None:
    """Every label must name one of ``classes`` classes: a wrong one would stop a run at some
    step (or, on a GPU, abort the whole process) instead of here, with the file named."""
    bad = ((labels < 0) | (labels >= classes)).nonzero()
    if len(bad):
        index = int(bad[0, 0])
        raise DatasetError(
            f"{source}: label {int(labels[index])} at example {index + 1} ({len(bad)} out of "
            f"range in all); labels must be 0 to {classes - 1} for its {classes} classes: fix "
            "the file or delete it."
        )


def _to_gray(x: torch.Tensor, chunk: int = 8192) -> torch.Tensor:
    """In chunks, so that CIFAR-10 never needs a float copy of the whole set."""
    weights = torch.tensor(_LUMA).view(1, 3, 1, 1)
    parts = [
        (part.float() * weights).sum(1, keepdim=True).round_().clamp_(0, 255).to(torch.uint8)
        for part in x.split(chunk)
    ]
    return torch.cat(parts) if parts else x[:, :1]


def _to_rgb(x: torch.Tensor) -> torch.Tensor:
    return x.expand(-1, 3, -1, -1).contiguous()
