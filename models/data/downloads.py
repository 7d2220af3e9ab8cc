"""Fashion-MNIST and CIFAR-10 in torchvision's own folder layouts, downloaded when online.

The files are looked for first, so that an offline machine (or ``NETATLAS_OFFLINE=1``) gets a
message naming the folder and the files to put there instead of a network stack trace.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
from pathlib import Path

import numpy as np
import torch

from models.data.imageset import DatasetError, ImageSet, check_labels
from models.data.safe_pickle import load_data_pickle
from models.files import write_atomic

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
            "or train on the synthetic data set."
        ) from exc


def _gunzip(folder: Path) -> None:
    """Unpack ``NAME.gz`` next to itself where only the archive was given."""
    for name in FASHION_FILES:
        packed = folder / f"{name}.gz"
        if packed.is_file() and not (folder / name).is_file():
            unpacked = io.BytesIO()
            try:
                with gzip.open(packed, "rb") as src:
                    shutil.copyfileobj(src, unpacked)
            except (OSError, EOFError) as exc:
                raise DatasetError(f"{packed} is damaged ({exc}); delete it.") from None
            write_atomic(folder / name, unpacked.getbuffer())


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
    except (RuntimeError, ValueError, OSError) as exc:
        raise DatasetError(
            f"Fashion-MNIST files in {raw} cannot be read ({exc}); delete them to download again."
        ) from exc
    for part, (images, labels) in zip(
        (train, test), (FASHION_FILES[:2], FASHION_FILES[2:]), strict=True
    ):
        if len(part.data) != len(part.targets):
            raise DatasetError(
                f"{raw / images} holds {len(part.data)} images but {raw / labels} "
                f"{len(part.targets)} labels: one label per image; delete both to download "
                "them again."
            )
        check_labels(part.targets, len(FASHION_CLASSES), raw / labels)
    return ImageSet(
        name="fashion-mnist",
        classes=FASHION_CLASSES,
        train_x=train.data.unsqueeze(1),
        train_y=train.targets.long(),
        test_x=test.data.unsqueeze(1),
        test_y=test.targets.long(),
    )


def cifar10(data_dir: str | Path) -> ImageSet:
    """CIFAR-10 from ``DATA_DIR/cifar-10-batches-py`` (the python pickles of the original),
    read with an unpickler that runs nothing (:mod:`models.data.safe_pickle`)."""
    from torchvision.datasets import CIFAR10
    from torchvision.datasets.utils import download_and_extract_archive

    root = Path(data_dir)
    folder = root / CIFAR_FOLDER
    missing = _missing(folder, CIFAR_FILES)
    if missing:  # fetch and unpack only: torchvision's CIFAR10 would unpickle with pickle.load
        _download(
            "CIFAR-10",
            folder,
            missing,
            lambda: download_and_extract_archive(
                CIFAR10.url, str(root), filename=CIFAR10.filename, md5=CIFAR10.tgz_md5
            ),
        )
    classes = _cifar_classes(folder / "batches.meta")
    train = [_cifar_batch(folder / n, len(classes)) for n in CIFAR_FILES[:5]]
    test_x, test_y = _cifar_batch(folder / "test_batch", len(classes))
    return ImageSet(
        name="cifar10",
        classes=classes,
        train_x=torch.cat([x for x, _ in train]),
        train_y=torch.cat([y for _, y in train]),
        test_x=test_x,
        test_y=test_y,
    )


def _cifar_batch(path: Path, classes: int) -> tuple[torch.Tensor, torch.Tensor]:
    """One pickled batch: rows of 3072 bytes (R, G, B planes of 32×32) and their labels
    (each one of ``classes``)."""
    entry = load_data_pickle(path)
    data = entry.get("data") if isinstance(entry, dict) else None
    labels = entry.get("labels", entry.get("fine_labels")) if isinstance(entry, dict) else None
    if not isinstance(data, np.ndarray) or data.ndim != 2 or data.shape[1] != 3 * 32 * 32:
        raise DatasetError(f"{path} holds no rows of 32×32 RGB images; delete the folder.")
    if not isinstance(labels, list) or len(labels) != len(data):
        raise DatasetError(f"{path} has no label for each image; delete the folder.")
    try:
        label_tensor = torch.as_tensor(labels, dtype=torch.int64)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        raise DatasetError(f"{path} has labels that are not whole numbers.") from None
    check_labels(label_tensor, classes, path)
    images = np.asarray(data, dtype=np.uint8).reshape(-1, 3, 32, 32)
    return torch.from_numpy(images.copy()), label_tensor


def _cifar_classes(path: Path) -> tuple[str, ...]:
    meta = load_data_pickle(path)
    names = meta.get("label_names") if isinstance(meta, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise DatasetError(f"{path} lists no class names; delete the folder.")
    return tuple(names)
