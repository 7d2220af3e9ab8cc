"""A built-in, procedural stand-in for Fashion-MNIST so that demos and tests need no download.

Ten classes of 28×28 grayscale stroke shapes, each drawn at a random position, scale, rotation,
stroke width and contrast, over noise and a random distracting stroke. Pairs of classes overlap
on purpose (a thick ring looks like a disk, a thick square outline like a block, a rotated plus
like a cross), so a small network learns quickly but does not reach 100 %.
Everything comes from one seeded generator: the same seed gives the same images, bit for bit.

Generating the default set takes about 5 s on a 2-core laptop, so :func:`cached_synthetic`
keeps it on disk (``.npz``, read without pickle), keyed by its seed and sizes, and reports its
progress while it generates: a demo's first epoch starts as soon as the model is built.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch

from models.cache import cache_root
from models.data.imageset import ImageSet

CLASSES = ("ring", "disk", "square", "block", "plus", "cross", "hbars", "vbars", "tee", "ell")
SIZE = 28
Shape = Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


def _segment(x: torch.Tensor, y: torch.Tensor, a: tuple[float, float], b: tuple[float, float]):
    """Distance from each point to the segment a–b."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = (((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)).clamp(0, 1)
    return torch.hypot(x - ax - t * dx, y - ay - t * dy)


def _segments(*pairs: tuple[tuple[float, float], tuple[float, float]]) -> Shape:
    def distance(x: torch.Tensor, y: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return torch.stack([_segment(x, y, a, b) for a, b in pairs]).amin(0) - w

    return distance


def _ring(x, y, w):
    return (torch.hypot(x, y) - 0.6).abs() - w


def _disk(x, y, w):
    return torch.hypot(x, y) - 0.6 - w / 2


def _square(x, y, w):
    return (torch.maximum(x.abs(), y.abs()) - 0.55).abs() - w


def _block(x, y, w):
    return torch.maximum(x.abs(), y.abs()) - 0.55 - w / 2


_D = 0.7 / math.sqrt(2)
# Signed distance of each class's shape (negative inside the stroke), in the shape's own frame.
SHAPES: tuple[Shape, ...] = (
    _ring,
    _disk,
    _square,
    _block,
    _segments(((-0.7, 0), (0.7, 0)), ((0, -0.7), (0, 0.7))),
    _segments(((-_D, -_D), (_D, _D)), ((-_D, _D), (_D, -_D))),
    _segments(((-0.6, -0.35), (0.6, -0.35)), ((-0.6, 0.35), (0.6, 0.35))),
    _segments(((-0.35, -0.6), (-0.35, 0.6)), ((0.35, -0.6), (0.35, 0.6))),
    _segments(((-0.6, -0.6), (0.6, -0.6)), ((0, -0.6), (0, 0.65))),
    _segments(((-0.45, -0.65), (-0.45, 0.6)), ((-0.45, 0.6), (0.55, 0.6))),
)


def _uniform(gen: torch.Generator, n: int, low: float, high: float) -> torch.Tensor:
    return torch.rand(n, 1, 1, generator=gen) * (high - low) + low


def render(labels: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Images (N×1×28×28 uint8) of the given class labels, randomised by ``gen``."""
    n = len(labels)
    axis = torch.linspace(-1, 1, SIZE)
    gy, gx = torch.meshgrid(axis, axis, indexing="ij")
    angle = _uniform(gen, n, -0.25, 0.25)
    scale = _uniform(gen, n, 0.55, 0.95)
    tx, ty = _uniform(gen, n, -0.2, 0.2), _uniform(gen, n, -0.2, 0.2)
    width = _uniform(gen, n, 0.06, 0.2)
    contrast = _uniform(gen, n, 0.6, 1.0)
    # Each pixel in the shape's frame: undo translation, rotation and scale.
    qx, qy = gx - tx, gy - ty
    cos, sin = angle.cos(), angle.sin()
    x, y = (cos * qx + sin * qy) / scale, (-sin * qx + cos * qy) / scale
    distance = torch.empty(n, SIZE, SIZE)
    for label, shape in enumerate(SHAPES):
        rows = (labels == label).nonzero().squeeze(1)
        if len(rows):
            distance[rows] = shape(x[rows], y[rows], width[rows] / scale[rows])
    ink = (0.5 - distance * scale * 12).clamp(0, 1) * contrast
    ink = torch.maximum(ink, _distractor(gen, n, gx, gy))
    ink = ink + torch.randn(n, SIZE, SIZE, generator=gen) * 0.08
    return (ink.clamp(0, 1) * 255).round().to(torch.uint8).unsqueeze(1)


def _distractor(gen: torch.Generator, n: int, gx: torch.Tensor, gy: torch.Tensor) -> torch.Tensor:
    """A faint short stroke somewhere on some of the images: clutter the classes must ignore."""
    ax, ay = _uniform(gen, n, -1, 1), _uniform(gen, n, -1, 1)
    angle = _uniform(gen, n, 0, math.pi)
    length = _uniform(gen, n, 0.2, 0.6)
    dx, dy = angle.cos() * length, angle.sin() * length
    t = (((gx - ax) * dx + (gy - ay) * dy) / (length * length)).clamp(0, 1)
    d = torch.hypot(gx - ax - t * dx, gy - ay - t * dy)
    present = (torch.rand(n, 1, 1, generator=gen) < 0.3).float()
    return (0.5 - (d - 0.06) * 12).clamp(0, 1) * 0.5 * present


Progress = Callable[[float], None]  # the fraction done, 0 … 1
CACHE_VERSION = 1  # bump when the drawing changes: older files are then never read


@lru_cache(maxsize=2)  # the app and the tests train on it again and again: generate it once
def synthetic(train: int = 12000, test: int = 2000, seed: int = 0, chunk: int = 4096) -> ImageSet:
    """The synthetic set: ``train``/``test`` balanced examples, deterministic by ``seed``."""
    return _generate(train, test, seed, chunk, None)


def _generate(train: int, test: int, seed: int, chunk: int, progress: Progress | None) -> ImageSet:
    gen = torch.Generator().manual_seed(seed)
    total = train + test
    labels = torch.arange(total) % len(CLASSES)
    labels = labels[torch.randperm(total, generator=gen)]
    parts = []
    for part in labels.split(chunk):
        parts.append(render(part, gen))
        if progress is not None:
            progress(sum(len(p) for p in parts) / total)
    images = torch.cat(parts)
    return _image_set(images, labels, train)


def _image_set(images: torch.Tensor, labels: torch.Tensor, train: int) -> ImageSet:
    return ImageSet(
        name="synthetic",
        classes=CLASSES,
        train_x=images[:train],
        train_y=labels[:train],
        test_x=images[train:],
        test_y=labels[train:],
    )


def cache_path(train: int, test: int, seed: int, root: Path | None = None) -> Path:
    root = root if root is not None else cache_root() / "data"
    return root / f"synthetic-v{CACHE_VERSION}-seed{seed}-{train}+{test}.npz"


def cached_synthetic(
    train: int = 12000,
    test: int = 2000,
    seed: int = 0,
    progress: Progress | None = None,
    root: Path | None = None,
) -> ImageSet:
    """The synthetic set, from the disk cache when an intact copy is there, else generated
    (reporting ``progress``) and saved for next time. A cache that cannot be written or read
    only costs the time to generate: the data are the same either way."""
    path = cache_path(train, test, seed, root)
    data = _in_memory.get(path)
    loaded = _read_cache(path, train + test) if data is None else None
    if loaded is not None:
        data = _image_set(*loaded, train)
    if data is None:
        data = _generate(train, test, seed, 4096, progress)
        _write_cache(path, data)
    elif progress is not None:
        progress(1.0)
    _in_memory.clear()  # one set kept: the app trains the same one again and again
    _in_memory[path] = data
    return data


_in_memory: dict[Path, ImageSet] = {}


def _read_cache(path: Path, total: int) -> tuple[torch.Tensor, torch.Tensor] | None:
    try:
        with np.load(path, allow_pickle=False) as saved:
            images, labels = saved["images"], saved["labels"]
    except (OSError, ValueError, KeyError, EOFError):
        return None  # missing, cut short or not ours: generate again
    fits = (
        images.dtype == np.uint8
        and images.shape == (total, 1, SIZE, SIZE)
        and labels.shape == (total,)
        and labels.dtype == np.int64
        and (len(labels) == 0 or 0 <= labels.min() <= labels.max() < len(CLASSES))
    )
    return (torch.from_numpy(images), torch.from_numpy(labels)) if fits else None


def _write_cache(path: Path, data: ImageSet) -> None:
    from models.files import FileWriteError, write_atomic

    buffer = io.BytesIO()
    np.savez(
        buffer,
        images=torch.cat([data.train_x, data.test_x]).numpy(),
        labels=torch.cat([data.train_y, data.test_y]).numpy(),
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, buffer.getbuffer())
    except (OSError, FileWriteError):
        pass  # a read-only or full disk: the next run generates the set again
