"""Data sets from real files in torchvision's own layouts, written by the tests (tiny ones)."""

from __future__ import annotations

import gzip
import pickle
import time

import numpy as np
import pytest
import torch
from PIL import Image

from models.data import DatasetError, load_dataset
from models.data.downloads import FASHION_FILES
from models.data.synthetic import CLASSES, synthetic


def _idx_images(images: np.ndarray) -> bytes:
    n, h, w = images.shape
    header = np.array([0x0803, n, h, w], dtype=">i4").tobytes()
    return header + images.astype(np.uint8).tobytes()


def _idx_labels(labels: np.ndarray) -> bytes:
    return (
        np.array([0x0801, len(labels)], dtype=">i4").tobytes() + labels.astype(np.uint8).tobytes()
    )


def _write_fashion(root, n_train=6, n_test=4, packed=False):
    raw = root / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    content = {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 28, 28))
        labels = np.arange(n) % 10
        content[prefix] = (images, labels)
        for name, data in ((f"{prefix}-images-idx3-ubyte", _idx_images(images)),
                           (f"{prefix}-labels-idx1-ubyte", _idx_labels(labels))):  # fmt: skip
            if packed:
                (raw / f"{name}.gz").write_bytes(gzip.compress(data))
            else:
                (raw / name).write_bytes(data)
    return content


@pytest.mark.parametrize("packed", [False, True])
def test_fashion_mnist_reads_torchvisions_idx_files(tmp_path, packed):
    content = _write_fashion(tmp_path, packed=packed)
    data = load_dataset("fashion-mnist", tmp_path)
    assert data.train_x.shape == (6, 1, 28, 28) and data.train_x.dtype == torch.uint8
    assert data.test_x.shape == (4, 1, 28, 28)
    assert np.array_equal(data.train_x[:, 0].numpy(), content["train"][0])
    assert data.test_y.tolist() == [0, 1, 2, 3]
    assert data.classes[9] == "ankle boot"


def _write_cifar(root, per_batch=3, n_test=2):
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(1)
    batches = []
    for name in [*(f"data_batch_{i}" for i in range(1, 6)), "test_batch"]:
        n = n_test if name == "test_batch" else per_batch
        entry = {"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
                 "labels": [int(v) for v in rng.integers(0, 10, n)]}  # fmt: skip
        batches.append(entry)
        (folder / name).write_bytes(pickle.dumps(entry))
    names = [
        "airplane",
        "automobile",
        "bird",
        "cat",
        "deer",
        "dog",
        "frog",
        "horse",
        "ship",
        "truck",
    ]
    (folder / "batches.meta").write_bytes(pickle.dumps({"label_names": names}))
    return folder, batches


def test_cifar10_reads_the_python_pickles(tmp_path):
    _, batches = _write_cifar(tmp_path)
    data = load_dataset("cifar10", tmp_path)
    assert data.train_x.shape == (15, 3, 32, 32) and data.test_x.shape == (2, 3, 32, 32)
    first = batches[0]["data"][0].reshape(3, 32, 32)
    assert np.array_equal(data.train_x[0].numpy(), first)  # R, G, B planes in order
    assert data.train_y[:3].tolist() == batches[0]["labels"]
    assert data.classes[0] == "airplane"


def test_cifar10_becomes_grayscale_for_the_books_one_channel_networks(tmp_path):
    _write_cifar(tmp_path)
    data = load_dataset("cifar10", tmp_path)
    gray, note = data.with_channels(1)
    assert gray.train_x.shape == (15, 1, 32, 32) and "grayscale" in note
    r, g, b = data.train_x[0].double()
    expected = (0.299 * r + 0.587 * g + 0.114 * b).round()
    assert torch.equal(gray.train_x[0, 0].double(), expected)
    same, none = data.with_channels(3)
    assert same is data and none is None


def test_damaged_cifar_file_names_the_folder(tmp_path):
    folder, _ = _write_cifar(tmp_path)
    (folder / "data_batch_3").write_bytes(b"not a pickle")
    with pytest.raises(DatasetError, match="cifar-10-batches-py"):
        load_dataset("cifar10", tmp_path)


@pytest.mark.parametrize(
    ("name", "files"), [("fashion-mnist", "t10k-labels"), ("cifar10", "test_batch")]
)
def test_offline_and_missing_says_which_files_to_put_where(tmp_path, monkeypatch, name, files):
    monkeypatch.setenv("NETATLAS_OFFLINE", "1")
    with pytest.raises(DatasetError) as caught:
        load_dataset(name, tmp_path / "empty")
    message = str(caught.value)
    assert files in message and str(tmp_path / "empty") in message and "\n" not in message


def test_download_without_network_fails_fast_with_the_same_advice(tmp_path, monkeypatch):
    """The sandbox has no network: torchvision's download must fail quickly, not hang."""
    monkeypatch.delenv("NETATLAS_OFFLINE", raising=False)
    start = time.monotonic()
    with pytest.raises(DatasetError, match="download failed.*train-images-idx3-ubyte"):
        load_dataset("fashion-mnist", tmp_path)
    assert time.monotonic() - start < 60  # a hang would be a bug, not a slow machine


def test_synthetic_set_is_deterministic_balanced_and_fashion_mnist_shaped():
    a = synthetic(train=300, test=100, seed=3)
    b = synthetic.__wrapped__(train=300, test=100, seed=3)  # bypass the cache: really regenerate
    c = synthetic.__wrapped__(train=300, test=100, seed=4)
    assert torch.equal(a.train_x, b.train_x) and torch.equal(a.test_y, b.test_y)
    assert not torch.equal(a.train_x, c.train_x)
    assert a.train_x.shape == (300, 1, 28, 28) and a.train_x.dtype == torch.uint8
    counts = torch.cat([a.train_y, a.test_y]).bincount(minlength=10)
    assert counts.tolist() == [40] * 10 and len(a.classes) == len(CLASSES) == 10
    # Images of one class differ (random pose), and every image has ink.
    rings = a.train_x[a.train_y == 0].float()
    assert (rings[0] - rings[1]).abs().mean() > 5
    assert (a.train_x.flatten(1).amax(1) > 100).all()


def _write_folder(root, classes=("cats", "dogs"), per_class=5):
    for c, name in enumerate(classes):
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            colour = (200 * c, 10 * i, 100)
            Image.new("RGB", (20 + i, 16), colour).save(root / name / f"{i}.png")


def test_image_folder_with_train_and_test_subfolders(tmp_path):
    _write_folder(tmp_path / "train")
    _write_folder(tmp_path / "val", per_class=2)
    data = load_dataset(str(tmp_path), image_size=12)
    assert data.classes == ("cats", "dogs")
    assert data.train_x.shape == (10, 3, 12, 12) and data.test_x.shape == (4, 3, 12, 12)
    assert data.train_y.tolist() == [0] * 5 + [1] * 5
    assert data.train_x[5, 0].float().mean() == pytest.approx(200, abs=1)  # dogs are red


def test_image_folder_without_split_is_split_the_same_way_every_time(tmp_path):
    _write_folder(tmp_path, per_class=10)
    first = load_dataset(str(tmp_path), image_size=8)
    again = load_dataset(str(tmp_path), image_size=8)
    assert len(first.train_y) == 16 and first.test_y.tolist() == [0, 0, 1, 1]
    assert torch.equal(first.test_x, again.test_x)


def test_unknown_dataset_lists_the_choices(tmp_path):
    with pytest.raises(DatasetError, match="fashion-mnist, cifar10, synthetic"):
        load_dataset(str(tmp_path / "nope"))


def test_fashion_file_list_matches_torchvision():
    from torchvision.datasets import FashionMNIST

    expected = {r[0].removesuffix(".gz") for r in FashionMNIST.resources}
    assert set(FASHION_FILES) == expected


@pytest.mark.parametrize("bad", [12, -1])
def test_a_cifar_label_out_of_range_is_refused_naming_the_file(tmp_path, bad):
    folder, batches = _write_cifar(tmp_path)
    batches[1]["labels"][2] = bad
    (folder / "data_batch_2").write_bytes(pickle.dumps(batches[1]))
    with pytest.raises(DatasetError) as caught:
        load_dataset("cifar10", tmp_path)
    assert str(caught.value) == (
        f"{folder / 'data_batch_2'}: label {bad} at example 3 (1 out of range in all); labels "
        "must be 0 to 9 for its 10 classes: fix the file or delete it."
    )


def test_fashion_mnist_labels_out_of_range_are_refused_naming_the_file(tmp_path):
    _write_fashion(tmp_path)
    labels = tmp_path / "FashionMNIST" / "raw" / "t10k-labels-idx1-ubyte"
    labels.write_bytes(_idx_labels(np.array([0, 200, 3, 250])))
    with pytest.raises(DatasetError) as caught:
        load_dataset("fashion-mnist", tmp_path)
    assert str(caught.value) == (
        f"{labels}: label 200 at example 2 (2 out of range in all); labels must be 0 to 9 for "
        "its 10 classes: fix the file or delete it."
    )


def test_fashion_mnist_with_fewer_labels_than_images_is_refused(tmp_path):
    _write_fashion(tmp_path)
    raw = tmp_path / "FashionMNIST" / "raw"
    (raw / "train-labels-idx1-ubyte").write_bytes(_idx_labels(np.arange(5) % 10))
    with pytest.raises(DatasetError) as caught:
        load_dataset("fashion-mnist", tmp_path)
    assert str(caught.value) == (
        f"{raw / 'train-images-idx3-ubyte'} holds 6 images but {raw / 'train-labels-idx1-ubyte'} "
        "5 labels: one label per image; delete both to download them again."
    )


def test_the_downloadable_sets_live_in_one_per_user_folder(tmp_path, monkeypatch):
    """Not in ./data of whatever folder the app or a command started in: the per-user data
    folder beside the runs (NETATLAS_DATA_DIR sets it), named when the files are missing."""
    from models.data import DATA_ENV, data_root
    from models.training.config import TrainConfig

    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert data_root() == tmp_path / "home" / "NetAtlas" / "data"
    assert TrainConfig(model="lenet").data_dir == ""  # the run records "the default"
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "sets"))
    monkeypatch.setenv("NETATLAS_OFFLINE", "1")
    with pytest.raises(DatasetError, match="FashionMNIST"):
        load_dataset("fashion-mnist")
    assert not (tmp_path / "data").exists()
    with pytest.raises(DatasetError) as missing:
        load_dataset("cifar10")
    assert str(tmp_path / "sets") in str(missing.value)


def test_a_data_set_path_that_is_no_folder_is_named_as_such(tmp_path):
    """A path given as the data set says the folder is missing (it said "Unknown data set",
    as for a mistyped name); a file says it is a file."""
    with pytest.raises(DatasetError, match=f"^No folder {tmp_path / 'gone'}: give a folder"):
        load_dataset(str(tmp_path / "gone"))
    (tmp_path / "x.png").write_bytes(b"")
    with pytest.raises(DatasetError, match="x.png is a file: give a folder of class subfolders"):
        load_dataset(str(tmp_path / "x.png"))
    with pytest.raises(DatasetError, match="^Unknown data set 'nosuch'"):
        load_dataset("nosuch")
