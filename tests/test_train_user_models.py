"""A user's own model trains on what it takes (the input it declares, the one its first layer
takes, or the one the user gave), and an error in its code ends the run with one line naming
the file and line, an error record in the run log and exit code 2: real files, real torch, the
real CLI."""

from __future__ import annotations

import json

import pytest
import torch

import main
from models.data import DatasetError, ImageSet
from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.errors import ModelCodeError, TrainingError
from models.training.runlog import read_metrics
from models.training.trainer import Trainer

MODELS = """
from torch import nn


class Gray(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(),
                                  nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10))

    def forward(self, x):
        return self.body(x)


class Declared(nn.Module):
    input_size = (1, 20, 20)  # its Linear takes exactly 4×20×20 values

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.Flatten(),
                                  nn.Linear(4 * 20 * 20, 10))

    def forward(self, x):
        return self.body(x)


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 10))


def mlp_rgb():
    return nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, 10))


def four():
    return nn.Sequential(nn.Conv2d(4, 4, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(4, 10))


def odd():
    return nn.Sequential(nn.Flatten(), nn.Linear(1000, 10))


class Fails(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        if self.calls == 3:
            raise KeyError("no such layer")  # FAILS AT STEP 3
        return self.fc(x.flatten(1))


class FailsTesting(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)

    def forward(self, x):
        if not self.training:
            raise LookupError("only in eval")  # FAILS WHEN TESTED
        return self.fc(x.flatten(1))


def five():  # scores 5 classes of the data set's 10
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 5))


class Undefined(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)

    def forward(self, x):
        return self.fc(x.flatten(1)) + undefined_name  # NAME ERROR
"""


def _line(marker: str) -> int:
    return next(i for i, text in enumerate(MODELS.splitlines(), 1) if marker in text)


@pytest.fixture(scope="module")
def models_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("user") / "nets.py"
    path.write_text(MODELS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gray():
    return synthetic(train=64, test=32)


@pytest.fixture(scope="module")
def rgb():
    gen = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (96, 3, 32, 32), dtype=torch.uint8, generator=gen)
    labels = torch.arange(96) % 10
    classes = tuple(f"c{i}" for i in range(10))
    return ImageSet("rgb", classes, images[:64], labels[:64], images[64:], labels[64:])


def _trainer(models_file, name, data, run_dir=None, **changes) -> Trainer:
    settings = {"epochs": 1, "batch_size": 16, "capture_every": 0, "device": "cpu", **changes}
    return Trainer(TrainConfig(f"{models_file}:{name}", **settings), run_dir, data=data)


@pytest.mark.parametrize(
    ("name", "data", "fed", "note"),
    [
        ("Gray", "gray", (1, 28, 28), None),  # was repeated to 3 channels, then refused
        ("Gray", "rgb", (1, 32, 32), "converted RGB to grayscale"),
        ("Declared", "rgb", (1, 20, 20), "resized from 32×32 to 20×20: the model declares"),
        ("mlp", "rgb", (1, 28, 28), "takes 784 values as 1×28×28"),
        ("mlp_rgb", "gray", (3, 16, 16), "repeated the gray channel"),
    ],
)
def test_a_user_model_is_fed_the_input_it_takes(models_file, request, name, data, fed, note):
    trainer = _trainer(models_file, name, request.getfixturevalue(data))
    assert trainer.train_batches.image_shape == fed
    if note is None:
        assert trainer.notes == ()
    else:
        assert any(note in n for n in trainer.notes), trainer.notes
    done = trainer.run()
    assert done.reason == "completed" and done.epoch == 1


def test_the_run_records_the_input_and_a_resume_feeds_the_same(models_file, rgb, tmp_path):
    trainer = _trainer(models_file, "Declared", rgb, tmp_path / "run")
    trainer.run()
    saved = json.loads((tmp_path / "run" / "config.json").read_text())
    assert saved["input"] == "1,20,20" and saved["resize"] == 20
    resumed = Trainer.from_run(tmp_path / "run", epochs=2, data=rgb)
    assert resumed.train_batches.image_shape == (1, 20, 20)
    assert resumed.run().epoch == 2


@pytest.mark.parametrize(
    ("name", "given", "error", "message"),
    [
        ("four", None, DatasetError, "takes 4-channel images but the data set's are 1-channel "
         "(gray), and only gray and RGB convert into each other: make the model's first layer "
         "take 1 (gray) or 3 (RGB) channels."),
        ("Gray", "4,28,28", DatasetError, "give the input the model takes with --input "
         "(1,H,W for gray, 3,H,W for RGB)."),
        ("odd", None, TrainingError, "takes 1000 values per example, and no square gray "
         "(1×S×S) or RGB (3×S×S) image has that many"),
    ],
)  # fmt: skip
def test_channels_that_cannot_fit_are_refused_with_the_fix(
    models_file, gray, name, given, error, message
):
    with pytest.raises(error) as caught:
        _trainer(models_file, name, gray, input=given)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_given_input_the_first_layer_refuses_names_the_input_that_works(models_file, gray):
    trainer = _trainer(models_file, "Gray", gray, input="3,28,28")
    assert trainer.train_batches.image_shape == (3, 28, 28)
    with pytest.raises(TrainingError) as caught:
        trainer.run()
    message = str(caught.value)
    assert message.endswith(
        "its first layer takes 1-channel images: train it with --input 1,28,28."
    )
    assert "--resize" not in message and f"{models_file}:" in message


@pytest.mark.parametrize(
    ("name", "kind", "when", "marker"),
    [
        ("Fails", "KeyError", "at step 3", "FAILS AT STEP 3"),
        ("FailsTesting", "LookupError", "while testing after epoch 1", "FAILS WHEN TESTED"),
    ],
)
def test_an_error_in_the_models_code_names_its_line_and_is_logged(
    models_file, gray, tmp_path, name, kind, when, marker
):
    trainer = _trainer(models_file, name, gray, tmp_path / "run")
    with pytest.raises(ModelCodeError) as caught:
        trainer.run()
    where = f"{models_file}:{_line(marker)} (in forward)"
    assert str(caught.value).startswith(f"{models_file}:{name} raised {kind} {when}, in {where}")
    assert str(caught.value).endswith("; fix the model's code there and train again.")
    records = read_metrics(tmp_path / "run")
    assert records[-2] == {"kind": "error", "message": str(caught.value)}
    assert records[-1]["kind"] == "done" and records[-1]["reason"] == "error"


def test_the_cli_ends_such_a_run_with_one_line_a_record_and_exit_2(models_file, tmp_path, capsys):
    run = tmp_path / "run"
    argv = ["train", f"{models_file}:Undefined", "--epochs", "1", "--out", str(run)]
    argv += ["--device", "cpu"]
    assert main.main(argv) == 2
    err = capsys.readouterr().err
    where = f"{models_file}:{_line('NAME ERROR')} (in forward)"
    assert err == (
        f"error: {models_file}:Undefined raised NameError at step 1, in {where}: name "
        "'undefined_name' is not defined; fix the model's code there and train again.\n"
    )
    records = read_metrics(run)
    assert [r["kind"] for r in records] == ["error", "done"]
    assert records[0]["message"] == err.removeprefix("error: ").strip()


def test_info_feeds_a_user_model_the_input_it_declares(models_file, capsys):
    assert main.main(["info", f"{models_file}:Declared", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["input_shapes"] == [[1, 1, 20, 20]]
    assert main.main(["info", f"{models_file}:mlp", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["input_shapes"] == [[1, 784]]


def test_a_model_with_fewer_outputs_than_classes_is_one_line_and_a_record(
    models_file, gray, tmp_path
):
    """Five scores for ten classes failed deep in cross_entropy (IndexError, a traceback): the
    run ends at its first step with a line naming the model, what it gives and the fix."""
    run = tmp_path / "run"
    with pytest.raises(TrainingError) as caught:
        _trainer(models_file, "five", gray, run).run()
    assert str(caught.value) == (
        f"{models_file}:five outputs 5 values per example but the data set has 10 classes: "
        "make its last layer output 10 (one score per class)."
    )
    records = read_metrics(run)
    assert records[-2]["kind"] == "error" and "outputs 5 values" in records[-2]["message"]
    assert records[-1]["kind"] == "done" and records[-1]["reason"] == "error"


def test_a_checkpoint_that_no_longer_fits_the_changed_file_names_what_differs(gray, tmp_path):
    """The user changed a layer's width after a run: resuming says which weights differ (it
    stopped at torch's "Error(s) in loading state_dict for Sequential:")."""
    path = tmp_path / "widths.py"
    code = (
        "from torch import nn\n\ndef net():\n    return nn.Sequential(nn.Flatten(), "
        "nn.Linear(784, {w}), nn.ReLU(), nn.Linear({w}, 10))\n"
    )
    path.write_text(code.format(w=16), encoding="utf-8")
    run = tmp_path / "run"
    _trainer(path.parent / path.name, "net", gray, run).run()
    path.write_text(code.format(w=32), encoding="utf-8")
    with pytest.raises(TrainingError) as caught:
        Trainer(TrainConfig(f"{path}:net", epochs=2, batch_size=16, capture_every=0,
                            device="cpu"), run, data=gray, resume=True)  # fmt: skip
    message = str(caught.value)
    assert "does not fit" in message and "size mismatch for 1.weight" in message
    assert message.endswith("start a new run.")


def test_a_batch_larger_than_the_training_set_is_said(gray):
    trainer = Trainer(
        TrainConfig("lenet", epochs=1, batch_size=500, capture_every=0, device="cpu"), data=gray
    )
    assert (
        "a batch of 500 is more than the 64 training images: each epoch is one step on all "
        "of them" in trainer.notes
    )
    assert trainer.steps_per_epoch == 1
