"""Fashion-MNIST and CIFAR-10 in torchvision's own folder layouts, downloaded when online.

The files are looked for first, so that an offline machine (or ``NETATLAS_OFFLINE=1``) gets a
message naming the folder and the files to put there instead of a network stack trace.
"""

from __future__ import annotations

import gzip
import os
import pickle
import shutil
from pathlib import Path

import numpy as np
import torch

from models.data.imageset import DatasetError, ImageSet

FASHION_FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
FASHION_CLASSES = (
    "t-shirt", "trouser", "pullover", "dress", "coat",
    "sandal", "shirt", "sneaker", "bag", "ankle boot",
)  # fmt: skip
CIFAR_FOLDER = "cifar-10-batches-py"
CIFAR_FILES = (*(f"data_batch_{i}" for i in range(1, 6)), "test_batch", "batches.meta")


def offline() -> bool:
    """True when downloads are switched off (``NETATLAS_OFFLINE=1``): tests and air-gapped labs."""
    return os.environ.get("NETATLAS_OFFLINE", "") not in ("", "0")


def _missing(folder: Path, names: tuple[str, ...]) -> list[str]:
    return [n for n in names if not (folder / n).is_file()]


def _download(title: str, folder: Path, names: list[str], fetch) -> None:
    """Run torchvision's downloader (it shows a progress bar); any failure becomes one line."""
    where = f"put {', '.join(names)} in {folder}"
    if offline():
        raise DatasetError(f"{title} not found and downloads are off: {where}.")
    print(f"Downloading {title} to {folder} ...")
    try:
        fetch()
    except Exception as exc:  # network errors come as URLError, OSError or RuntimeError
        raise DatasetError(
            f"{title} not found and the download failed ({type(exc).__name__}): {where}, "
            "or use --dataset synthetic."
        ) from exc


def _gunzip(folder: Path) -> None:
    """Unpack ``NAME.gz`` next to itself where only the archive was given."""
    for name in FASHION_FILES:
        packed = folder / f"{name}.gz"
        if packed.is_file() and not (folder / name).is_file():
            with gzip.open(packed, "rb") as src, open(folder / name, "wb") as dst:
                shutil.copyfileobj(src, dst)


def fashion_mnist(data_dir: str | Path) -> ImageSet:
    """The book's data set, from ``DATA_DIR/FashionMNIST/raw`` (idx files, optionally .gz)."""
    from torchvision.datasets import FashionMNIST

    root = Path(data_dir)
    raw = root / "FashionMNIST" / "raw"
    _gunzip(raw)
    missing = _missing(raw, FASHION_FILES)
    if missing:
        names = [f"{n}(.gz)" for n in missing]
        _download("Fashion-MNIST", raw, names, lambda: FashionMNIST(root, download=True))
    try:
        train, test = (FashionMNIST(root, train=flag) for flag in (True, False))
        return ImageSet(
            name="fashion-mnist",
            classes=FASHION_CLASSES,
            train_x=train.data.unsqueeze(1),
            train_y=train.targets.long(),
            test_x=test.data.unsqueeze(1),
            test_y=test.targets.long(),
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise DatasetError(
            f"Fashion-MNIST files in {raw} cannot be read ({exc}); delete them to download again."
        ) from exc


def cifar10(data_dir: str | Path) -> ImageSet:
    """CIFAR-10 from ``DATA_DIR/cifar-10-batches-py`` (the python pickles of the original)."""
    from torchvision.datasets import CIFAR10

    root = Path(data_dir)
    folder = root / CIFAR_FOLDER
    missing = _missing(folder, CIFAR_FILES)
    if missing:
        _download("CIFAR-10", folder, missing, lambda: CIFAR10(root, download=True))
    try:
        train = [_cifar_batch(folder / n) for n in CIFAR_FILES[:5]]
        test_x, test_y = _cifar_batch(folder / "test_batch")
        with open(folder / "batches.meta", "rb") as f:
            classes = tuple(pickle.load(f, encoding="latin1")["label_names"])
    except (pickle.UnpicklingError, KeyError, ValueError, EOFError, OSError) as exc:
        raise DatasetError(
            f"CIFAR-10 files in {folder} cannot be read ({type(exc).__name__}); "
            "delete the folder to download again."
        ) from exc
    return ImageSet(
        name="cifar10",
        classes=classes,
        train_x=torch.cat([x for x, _ in train]),
        train_y=torch.cat([y for _, y in train]),
        test_x=test_x,
        test_y=test_y,
    )


def _cifar_batch(path: Path) -> tuple[torch.Tensor, torch.Tensor]:
    """One pickled batch: rows of 3072 bytes (R, G, B planes of 32×32) and their labels."""
    with open(path, "rb") as f:
        entry = pickle.load(f, encoding="latin1")
    data = np.asarray(entry["data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    labels = entry.get("labels", entry.get("fine_labels"))
    return torch.from_numpy(data.copy()), torch.as_tensor(labels, dtype=torch.int64)
