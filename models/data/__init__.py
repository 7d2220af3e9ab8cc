"""Data sets for training, all as uint8 tensors (:class:`ImageSet`).

``load_dataset(name)`` takes ``fashion-mnist``, ``cifar10``, ``synthetic`` or a folder of images.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.data.imageset import ImageSet

BUILTIN = ("fashion-mnist", "cifar10", "synthetic")
DATA_ENV = "NETATLAS_DATA_DIR"


def data_root() -> Path:
    """Where Fashion-MNIST and CIFAR-10 are kept unless a run names a folder: one per-user
    folder beside the runs (``NETATLAS_DATA_DIR`` overrides), never the folder the app or a
    command happened to start in."""
    import os

    from models.cache import data_home

    override = os.environ.get(DATA_ENV)
    return Path(override).expanduser() if override else data_home() / "NetAtlas" / "data"


def __getattr__(name: str) -> object:
    """``ImageSet`` and ``DatasetError`` load torch on first use, so that the app's window can
    show (and list ``BUILTIN``) before torch is imported."""
    if name in ("DatasetError", "ImageSet"):
        from models.data import imageset

        return getattr(imageset, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_dataset(
    name: str,
    data_dir: str | Path | None = None,
    *,
    image_size: int = 64,
    progress: Callable[[float], None] | None = None,
) -> ImageSet:
    """The data set ``name``, a downloadable one kept in ``data_dir`` (empty: :func:`data_root`);
    ``image_size`` is the decode size of a user's image folder; ``progress`` hears the fraction
    done while the built-in set is generated."""
    source = dataset_source(name)
    data_dir = Path(data_dir) if data_dir else data_root()
    if source == "fashion-mnist":
        from models.data.downloads import fashion_mnist

        return fashion_mnist(data_dir)
    if source == "cifar10":
        from models.data.downloads import cifar10

        return cifar10(data_dir)
    if source == "synthetic":
        from models.data.synthetic import cached_synthetic

        return cached_synthetic(progress=progress)
    from models.data.folder import image_folder

    return image_folder(name, image_size)


def dataset_source(name: str) -> str:
    """Which data set ``name`` is: one of ``BUILTIN`` or "folder"; a ``DatasetError`` at once
    for a name that is neither (checked before a run claims its folder)."""
    key = name.lower().replace("_", "-")
    aliases = {"fashionmnist": "fashion-mnist", "cifar-10": "cifar10"}
    if key in BUILTIN or key in aliases:
        return aliases.get(key, key)
    if Path(name).is_dir():
        return "folder"
    from models.data.imageset import DatasetError

    path = Path(name).expanduser()
    if path.is_file():
        raise DatasetError(f"{name} is a file: give a folder of class subfolders of images.")
    if len(path.parts) > 1 or name.startswith((".", "~")):  # meant as a folder
        raise DatasetError(
            f"No folder {name}: give a folder of class subfolders of images, or one of "
            f"{', '.join(BUILTIN)}."
        )
    raise DatasetError(
        f"Unknown data set {name!r}: give {', '.join(BUILTIN)} or a folder of class subfolders."
    )


__all__ = ["BUILTIN", "DatasetError", "ImageSet", "dataset_source", "load_dataset"]
