"""No code from data, and untidy image folders: crafted CIFAR pickles run nothing (directly, in a
real ``train`` process and through ``--resume``); broken, cut-off and bomb images are skipped
and named; folder layouts that cannot be a data set are errors that say what is missing."""

from __future__ import annotations

import json
import os
import pickle
import re
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import main
from models.data import DatasetError, load_dataset
from models.data.downloads import CIFAR_FILES, CIFAR_FOLDER
from models.data.safe_pickle import load_data_pickle
from tests.procs import ROOT, start_main


class RunsCommand:
    """Unpickling this calls os.system: what a crafted data file does."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def cifar_folder(root: Path, protocol: int = pickle.DEFAULT_PROTOCOL) -> Path:
    folder = root / CIFAR_FOLDER
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for name in CIFAR_FILES[:-1]:
        entry = {"data": rng.integers(0, 256, (4, 3072), dtype=np.uint8), "labels": [0, 1, 2, 3],
                 "batch_label": name, "filenames": [f"{i}.png" for i in range(4)]}  # fmt: skip
        (folder / name).write_bytes(pickle.dumps(entry, protocol=protocol))
    names = {"label_names": [f"class{i}" for i in range(10)], "num_vis": 3072}
    (folder / "batches.meta").write_bytes(pickle.dumps(names, protocol=protocol))
    return folder


def craft(folder: Path, name: str, marker: Path) -> None:
    evil = {"data": RunsCommand(f"touch {marker}"), "labels": [0]}
    (folder / name).write_bytes(pickle.dumps(evil))


@pytest.mark.parametrize("protocol", [2, 4, 5])
def test_cifar_pickles_of_every_protocol_still_load(tmp_path, protocol):
    cifar_folder(tmp_path, protocol)
    data = load_dataset("cifar10", tmp_path)
    assert data.train_x.shape == (20, 3, 32, 32) and data.classes[9] == "class9"


@pytest.mark.parametrize("name", ["data_batch_1", "batches.meta"])
def test_a_crafted_pickle_runs_nothing_and_is_named(tmp_path, name):
    folder = cifar_folder(tmp_path)
    marker = tmp_path / "ran"
    craft(folder, name, marker)
    with pytest.raises(DatasetError) as caught:
        load_dataset("cifar10", tmp_path)
    message = str(caught.value)
    assert f"{folder / name} is not a CIFAR-10 data file" in message and "\n" not in message
    assert re.search(r"asks for (posix|os)\.system", message) and "nothing in it was run" in message
    assert not marker.exists()


def test_object_arrays_are_refused_too(tmp_path):
    path = tmp_path / "batch"
    path.write_bytes(pickle.dumps({"data": np.array([print], dtype=object)}))
    with pytest.raises(DatasetError, match="an array of Python objects"):
        load_data_pickle(path)


def test_a_crafted_pickle_runs_nothing_in_train_or_through_resume(tmp_path):
    folder = cifar_folder(tmp_path / "data")
    marker = tmp_path / "ran"
    craft(folder, "data_batch_2", marker)
    resumed = tmp_path / "old-run"
    resumed.mkdir()
    saved = {"model": "lenet", "dataset": "cifar10", "data_dir": str(tmp_path / "data")}
    (resumed / "config.json").write_text(json.dumps(saved))
    processes = [
        start_main("train", "lenet", "--dataset", "cifar10", "--data-dir", str(tmp_path / "data"),
                   "--out", str(tmp_path / "run")),
        start_main("train", "lenet", "--resume", str(resumed)),
    ]  # fmt: skip
    for process in processes:
        _out, err = process.communicate(timeout=180)
        assert process.returncode == 2, err
        line = err.strip()
        assert line.startswith("error: ") and "\n" not in line
        assert f"{folder / 'data_batch_2'} is not a CIFAR-10 data file" in line
    assert not marker.exists()


def test_no_other_code_path_unpickles_data():
    """Data is read by the restricted unpickler or by torch.load(weights_only=True) only."""
    unsafe = re.compile(
        r"pickle\.loads?\(|Unpickler\(|allow_pickle=True|torch\.load\((?![^)]*weights_only=True)"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("models", "netgraph", "gui", "bench")
        for path in (ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line) and path.name != "safe_pickle.py"
    ]
    assert offenders == []


# Image folders ----------------------------------------------------------------------------------
def images(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        Image.new("RGB", (10, 10), (20 * i % 255, 40, 90)).save(folder / f"{i}.png")


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))  # fmt: skip


@pytest.mark.parametrize(
    ("split", "message"),
    [("train", "has train/ but no test/ (or val/)"), ("val", "has val/ but no train/")],
)
def test_one_split_without_the_other_says_which_is_missing(tmp_path, split, message):
    for name in ("cats", "dogs"):
        images(tmp_path / split / name, 3)
    with pytest.raises(DatasetError, match=re.escape(message)):
        load_dataset(str(tmp_path))


def test_fewer_than_two_classes_is_an_error(tmp_path):
    images(tmp_path / "cats", 5)
    with pytest.raises(DatasetError, match=r"two at least \(found only 'cats'\)"):
        load_dataset(str(tmp_path))


def test_broken_cut_off_and_bomb_images_are_skipped_and_named(tmp_path):
    for name in ("cats", "dogs"):
        images(tmp_path / name, 6)
    (tmp_path / "cats" / "garbage.png").write_bytes(b"this is no image")
    noise = np.random.default_rng(0).integers(0, 256, (64, 64, 3)).astype(np.uint8)
    Image.fromarray(noise).save(tmp_path / "dogs" / "cut.png")
    whole = (tmp_path / "dogs" / "cut.png").read_bytes()
    (tmp_path / "dogs" / "cut.png").write_bytes(whole[: len(whole) // 2])  # a copy cut short
    (tmp_path / "dogs" / "bomb.png").write_bytes(png_claiming(20000, 20000))
    (tmp_path / "cats" / "big.png").write_bytes(png_claiming(9000, 8000))  # under PIL's limit
    data = load_dataset(str(tmp_path), image_size=8)
    assert len(data.train_y) + len(data.test_y) == 12  # every good image, none of the bad
    notes = "\n".join(data.notes)
    assert len(data.notes) == 4
    assert f"skipped {tmp_path / 'cats' / 'garbage.png'}: cannot identify image file" in notes
    assert f"skipped {tmp_path / 'dogs' / 'cut.png'}: image file is truncated" in notes
    assert f"skipped {tmp_path / 'dogs' / 'bomb.png'}: a decompression bomb? " in notes
    assert "400000000 pixels" in notes  # what its header claims: 20000×20000
    assert (
        f"skipped {tmp_path / 'cats' / 'big.png'}: a decompression bomb? it claims 9000×8000"
        in notes
    )


def test_a_class_left_without_images_is_an_error(tmp_path):
    images(tmp_path / "cats", 5)
    (tmp_path / "dogs").mkdir()
    (tmp_path / "dogs" / "only.png").write_bytes(b"broken")
    with pytest.raises(DatasetError, match="no readable training images for dogs"):
        load_dataset(str(tmp_path))


def test_links_to_the_folder_itself_are_followed_once(tmp_path):
    for name in ("cats", "dogs"):
        images(tmp_path / name, 5)
    (tmp_path / "cats" / "again").symlink_to(".")
    (tmp_path / "cats" / "and-again").symlink_to(".")
    (tmp_path / "dogs" / "loop").symlink_to("loop")  # a link onto itself
    (tmp_path / "dogs" / "cats").symlink_to(tmp_path / "cats")  # another class's folder
    data = load_dataset(str(tmp_path), image_size=8)
    assert torch_counts(data) == [5, 5]


def torch_counts(data) -> list[int]:
    import torch

    return torch.bincount(torch.cat([data.train_y, data.test_y])).tolist()


def test_train_names_the_skipped_images(tmp_path, capsys):
    for name in ("cats", "dogs"):
        images(tmp_path / "images" / name, 5)
    (tmp_path / "images" / "dogs" / "bad.png").write_bytes(b"no")
    argv = ["train", "lenet", "--dataset", str(tmp_path / "images"), "--epochs", "1",
            "--batch-size", "4", "--out", str(tmp_path / "run")]  # fmt: skip
    assert main.main(argv) == 0
    out = capsys.readouterr().out
    assert f"note: skipped {tmp_path / 'images' / 'dogs' / 'bad.png'}: cannot identify" in out
