"""A user's own images: a folder of class subfolders.

``DIR/train`` and ``DIR/test`` (or ``DIR/val``) are used when both are there (one without the
other is an error that says which is missing); otherwise the class folders are ``DIR``'s own
subfolders and every fifth image of each class goes to the test set. Images are decoded once
at a fixed size into uint8 tensors, like the other data sets.

Real folders are untidy: an image that cannot be read (damaged, cut short, or claiming more
pixels than any photo has) is skipped and named in the notes; only too few images in the end is
an error. Folder links are followed, but never into a folder already seen, so a link to ``.``
cannot make the scan endless.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import torch

from models.data.imageset import DatasetError, ImageSet

MAX_BYTES = 4 << 30  # decoded images beyond this do not belong in memory: ask for a smaller size
MAX_PIXELS = 64_000_000  # a bigger image is a decompression bomb, not a training image
EXTENSIONS = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp")
SPLITS = ("test", "val")

Samples = list[tuple[Path, int]]


def image_folder(path: str | Path, size: int = 64) -> ImageSet:
    """Images under ``path`` as RGB ``size``×``size`` tensors."""
    root = Path(path)
    test_dir = next((root / n for n in SPLITS if (root / n).is_dir()), None)
    has_train = (root / "train").is_dir()
    if has_train != (test_dir is not None):
        have, lack = ("train/", "test/ (or val/)") if has_train else (f"{test_dir.name}/", "train/")
        raise DatasetError(
            f"{root} has {have} but no {lack}: add it with the same class folders, or put the "
            "class folders directly in the folder."
        )
    notes: list[str] = []
    if has_train:
        classes = _classes(root / "train")
        if _classes(test_dir) != classes:
            raise DatasetError(
                f"{root / 'train'} and {test_dir} have different class folders; "
                "give both the same subfolders."
            )
        train_x, train_y = _decode(_samples(root / "train", classes), size, notes)
        test_x, test_y = _decode(_samples(test_dir, classes), size, notes)
        _check_counts(root, classes, train_y, test_y)
    else:
        classes = _classes(root)
        x, y = _decode(_samples(root, classes), size, notes)
        is_test = _every_fifth_per_class(y)
        train_x, train_y, test_x, test_y = x[~is_test], y[~is_test], x[is_test], y[is_test]
        _check_counts(root, classes, train_y, test_y)
    name = root.name or str(root)
    return ImageSet(name, tuple(classes), train_x, train_y, test_x, test_y, tuple(notes))


def _classes(folder: Path) -> list[str]:
    """The class folders, sorted; two at least, since one class teaches nothing."""
    try:
        classes = sorted(e.name for e in os.scandir(folder) if e.is_dir() and e.name[0] != ".")
    except OSError as exc:
        raise DatasetError(f"Cannot read {folder}: {exc.strerror}.") from None
    if len(classes) < 2:
        found = f"only {classes[0]!r}" if classes else "none"
        raise DatasetError(
            f"{folder} needs a subfolder of images per class, two at least (found {found})."
        )
    return classes


def _samples(folder: Path, classes: list[str]) -> Samples:
    """(file, label) for every image file under each class folder, each folder visited once."""
    seen: set[tuple[int, int]] = set()
    samples: Samples = []
    for label, name in enumerate(classes):
        samples += [(file, label) for file in _image_files(folder / name, seen)]
    return samples


def _image_files(folder: Path, seen: set[tuple[int, int]]) -> list[Path]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []  # a dangling link or a folder we may not read holds no images
    if (info.st_dev, info.st_ino) in seen:
        return []
    seen.add((info.st_dev, info.st_ino))
    files = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
            is_image = not is_dir and entry.name.lower().endswith(EXTENSIONS) and entry.is_file()
        except OSError:  # a link that loops onto itself
            continue
        if is_dir:
            files += _image_files(Path(entry.path), seen)
        elif is_image:
            files.append(Path(entry.path))
    return files


def _every_fifth_per_class(labels: torch.Tensor) -> torch.Tensor:
    is_test = torch.zeros(len(labels), dtype=torch.bool)
    for label in labels.unique():
        rows = (labels == label).nonzero().squeeze(1)
        is_test[rows[4::5]] = True
    return is_test


def _check_counts(
    root: Path, classes: list[str], train_y: torch.Tensor, test_y: torch.Tensor
) -> None:
    """Every class needs training images, and the test set some images, after skipping."""
    counts = torch.bincount(train_y, minlength=len(classes)).tolist()
    empty = [name for name, n in zip(classes, counts, strict=True) if n == 0]
    if empty:
        raise DatasetError(
            f"{root}: no readable training images for {', '.join(empty)}; add some images."
        )
    if not len(test_y):
        raise DatasetError(f"{root}: no readable test images; add some images.")


def _decode(samples: Samples, size: int, notes: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Decode every readable image; each one skipped is named in ``notes``."""
    if len(samples) * 3 * size * size > MAX_BYTES:
        raise DatasetError(
            f"{len(samples)} images at {size}×{size} do not fit in memory; use a smaller --resize."
        )
    images = np.empty((len(samples), size, size, 3), dtype=np.uint8)
    kept: list[int] = []
    for file, label in samples:
        problem = _read(file, size, images[len(kept)])
        if problem:
            notes.append(f"skipped {file}: {problem}")
        else:
            kept.append(label)
    labels = torch.tensor(kept, dtype=torch.int64)
    return torch.from_numpy(images[: len(kept)]).permute(0, 3, 1, 2).contiguous(), labels


def _read(file: Path, size: int, into: np.ndarray) -> str | None:
    """Decode ``file`` into ``into``; the reason it cannot be, or None."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                w, h = image.size
                if w * h > MAX_PIXELS:
                    return f"a decompression bomb? it claims {w}×{h} pixels"
                into[...] = np.asarray(image.convert("RGB").resize((size, size), Image.BILINEAR))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return f"a decompression bomb? {exc}"
    except (OSError, SyntaxError, ValueError) as exc:  # PIL's ways of saying "damaged"
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None
