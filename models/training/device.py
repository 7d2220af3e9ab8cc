"""Where and how fast to train: the device, the precision, and batches that stay on the device.

The fast path keeps the whole data set on the accelerator as uint8 (4× smaller than float) and
does shuffling (a device ``randperm``), resizing (``F.interpolate`` bilinear with antialias, as
the book's PIL ``Resize``) and scaling to [0, 1] (the book's ``ToTensor``) on whole batches there.
When the set does not fit, it stays in pinned host memory and each batch is copied asynchronously.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext

import torch
import torch.nn.functional as F
from torch import nn

from models.training.errors import TrainingError

# channels per convolution (median over the model) from which the CPU trains in NHWC
WIDE_CONV = 32
DEVICE_SHARE = 0.25  # the data set may use at most this share of the free accelerator memory


def pick_device(name: str = "auto") -> torch.device:
    """``auto``: CUDA, then Apple's MPS, then the CPU."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError as exc:
        raise TrainingError(
            f"Unknown device {name!r}: give auto, cpu, cuda, cuda:N or mps."
        ) from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise TrainingError("--device cuda: no CUDA GPU is available; use --device cpu.")
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise TrainingError("--device mps: Apple's MPS is not available; use --device cpu.")
    return device


def autocast_for(
    device: torch.device, precision: str
) -> tuple[Callable[[], AbstractContextManager], str]:
    """A maker of fresh autocast contexts (one per use: they are not re-entrant across threads)
    and the precision's name: bf16 on GPUs by default, fp32 on CPU. The cast cache stays off:
    a CUDA graph must not keep casts of weights from the step it recorded."""
    if precision == "auto":
        bf16_ok = device.type == "cuda" and torch.cuda.is_bf16_supported()
        precision = "bf16" if bf16_ok or device.type == "mps" else "fp32"
    if precision == "fp32":
        return nullcontext, precision
    return (
        lambda: torch.autocast(device.type, dtype=torch.bfloat16, cache_enabled=False)
    ), precision


def prefers_channels_last(model: nn.Module, device: torch.device) -> bool:
    """The layout a run takes unless told: NHWC on CUDA (tensor cores want it); on the CPU once
    the convolutions are wide, where oneDNN's NHWC kernels, vectorised over channels, beat
    NCHW (1.1-1.5× a step for the book's AlexNet, VGG, NiN, GoogLeNet and DenseNet, even for
    ResNet-18), while LeNet's 6 and 16 channels run at 0.6× (bench/bench_cpu_options.py)."""
    if device.type == "cuda":
        return True
    widths = [m.out_channels for m in model.modules() if isinstance(m, nn.Conv2d)]
    return device.type == "cpu" and bool(widths) and statistics.median(widths) >= WIDE_CONV


def fits_on_device(nbytes: int, device: torch.device) -> bool:
    if device.type == "cpu":
        return True
    if device.type == "cuda":
        free, _ = torch.cuda.mem_get_info(device)
        return nbytes < free * DEVICE_SHARE
    return nbytes < 1 << 30  # MPS shares memory with the host: keep small sets only


class Batches:
    """A labelled image tensor served as float batches, resized on the device."""

    def __init__(
        self,
        images: torch.Tensor,
        labels: torch.Tensor,
        device: torch.device,
        resize: int | None,
        channels_last: bool = False,
    ) -> None:
        self.device = device
        self.resize = resize
        self.channels_last = channels_last
        self.resident = fits_on_device(images.numel() + labels.numel() * 8, device)
        if self.resident:
            self.images, self.labels = images.to(device), labels.to(device)
        else:
            self.images, self.labels = images.pin_memory(), labels.pin_memory()

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def image_shape(self) -> tuple[int, ...]:
        """C, H, W of a prepared batch's images."""
        channels, *size = self.images.shape[1:]
        return (channels, self.resize, self.resize) if self.resize else (channels, *size)

    def shuffled_indices(
        self, batch_size: int, generator: torch.Generator
    ) -> Iterator[torch.Tensor]:
        """Each batch's indices (for :meth:`batch`) in an order drawn from ``generator`` (on the
        data's device); the last may be short, as with the book's DataLoader."""
        order = torch.randperm(len(self), generator=generator, device=generator.device)
        return iter(order.split(batch_size))

    def in_order(self, batch_size: int) -> Iterator[tuple]:
        for start in range(0, len(self), batch_size):
            yield self.batch(slice(start, start + batch_size))

    def batch(self, index) -> tuple[torch.Tensor, torch.Tensor]:
        x, y = self.images[index], self.labels[index]
        if not self.resident:
            x = x.pin_memory().to(self.device, non_blocking=True)
            y = y.pin_memory().to(self.device, non_blocking=True)
        return self.prepare(x), y

    def prepare(self, x: torch.Tensor) -> torch.Tensor:
        """uint8 N×C×H×W -> float in [0, 1], resized as the book's ``Resize`` + ``ToTensor``."""
        x = x.float().div_(255)
        if self.resize and x.shape[-2:] != (self.resize, self.resize):
            x = F.interpolate(
                x, size=(self.resize, self.resize), mode="bilinear", antialias=True,
                align_corners=False,
            )  # fmt: skip
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        return x

    def generator(self, seed: int) -> torch.Generator:
        """A shuffling generator on the device where the indices live."""
        where = self.device if self.resident else torch.device("cpu")
        return torch.Generator(device=where).manual_seed(seed)
