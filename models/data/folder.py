"""A user's own images: a folder of class subfolders, read with torchvision's ImageFolder.

``DIR/train`` and ``DIR/test`` (or ``DIR/val``) are used when present; otherwise one folder of
classes is split deterministically, every fifth image of each class going to the test set.
Images are decoded once at a fixed size into uint8 tensors, like the other data sets.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from models.data.imageset import DatasetError, ImageSet

MAX_BYTES = 4 << 30  # decoded images beyond this do not belong in memory: ask for a smaller size


def image_folder(path: str | Path, size: int = 64) -> ImageSet:
    """Images under ``path`` as RGB ``size``×``size`` tensors."""
    from torchvision.datasets import ImageFolder

    root = Path(path)
    test_dir = next((root / n for n in ("test", "val") if (root / n).is_dir()), None)
    try:
        if (root / "train").is_dir() and test_dir is not None:
            train, test = ImageFolder(root / "train"), ImageFolder(test_dir)
            if train.classes != test.classes:
                raise DatasetError(
                    f"{root / 'train'} and {test_dir} have different class folders; "
                    "give both the same subfolders."
                )
            train_x, train_y = _decode(train.samples, size)
            test_x, test_y = _decode(test.samples, size)
        else:
            train = ImageFolder(root)
            x, y = _decode(train.samples, size)
            is_test = _every_fifth_per_class(y)
            train_x, train_y, test_x, test_y = x[~is_test], y[~is_test], x[is_test], y[is_test]
    except (FileNotFoundError, OSError) as exc:
        raise DatasetError(
            f"No images found in {root} ({exc}); give a folder with one subfolder of images "
            "per class (optionally under train/ and test/)."
        ) from exc
    return ImageSet(root.name or str(root), tuple(train.classes), train_x, train_y, test_x, test_y)


def _every_fifth_per_class(labels: torch.Tensor) -> torch.Tensor:
    is_test = torch.zeros(len(labels), dtype=torch.bool)
    for label in labels.unique():
        rows = (labels == label).nonzero().squeeze(1)
        is_test[rows[4::5]] = True
    return is_test


def _decode(samples: list[tuple[str, int]], size: int) -> tuple[torch.Tensor, torch.Tensor]:
    from PIL import Image

    if len(samples) * 3 * size * size > MAX_BYTES:
        raise DatasetError(
            f"{len(samples)} images at {size}×{size} do not fit in memory; use a smaller --resize."
        )
    images = np.empty((len(samples), size, size, 3), dtype=np.uint8)
    for row, (file, _) in enumerate(samples):
        with Image.open(file) as image:
            images[row] = np.asarray(image.convert("RGB").resize((size, size), Image.BILINEAR))
    labels = torch.tensor([label for _, label in samples], dtype=torch.int64)
    return torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(), labels
