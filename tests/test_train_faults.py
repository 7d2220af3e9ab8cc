"""Faults and controls: NaN, out of memory, stop, pause, bad checkpoints, the CLI's messages."""

from __future__ import annotations

import threading

import pytest
import torch
from PIL import Image

import main
from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.errors import (
    CheckpointError,
    DeviceMemoryError,
    DivergedError,
    TrainingError,
)
from models.training.events import DoneEvent, ErrorEvent, StepEvent
from models.training.runlog import read_metrics
from models.training.trainer import Trainer


@pytest.fixture(scope="module")
def tiny():
    return synthetic(train=256, test=64, seed=2)


def _trainer(tiny, run_dir=None, **changes) -> Trainer:
    config = {"model": "lenet-bn", "epochs": 2, "batch_size": 32, "capture_every": 3, **changes}
    return Trainer(TrainConfig(**config), run_dir, data=tiny)


def _at_step(trainer: Trainer, step: int, action):
    """A forward hook on the model's last layer that acts at optimiser step ``step``."""

    def hook(_module, _inputs, output):
        if trainer.model.training and trainer.step == step:
            return action(output)
        return None

    trainer.model[-1].register_forward_hook(hook)


def test_nan_loss_stops_naming_the_step_and_a_lower_lr(tiny, tmp_path):
    trainer = _trainer(tiny, tmp_path / "run")
    _at_step(trainer, 11, lambda out: out * float("nan"))
    events = []
    trainer.subscribe(events.append)
    with pytest.raises(
        DivergedError, match=r"at step 11 .*lower learning rate \(--lr\), e\.g\. 0\.1"
    ):
        trainer.run()
    assert isinstance(events[-2], ErrorEvent) and events[-1].reason == "error"
    # The first epoch (8 steps) was checkpointed before the loss broke: the folder resumes.
    assert Trainer.from_run(tmp_path / "run", data=tiny).epoch == 1


def test_a_nan_before_any_update_blames_the_model_not_the_learning_rate(tiny, tmp_path):
    trainer = _trainer(tiny, tmp_path / "first")
    _at_step(trainer, 1, lambda out: out * float("nan"))
    with pytest.raises(DivergedError, match=r"at the first step, before any update: .*not the "
                       r"learning rate"):  # fmt: skip
        trainer.run()


def test_cuda_out_of_memory_stops_cleanly_with_a_smaller_batch(tiny):
    trainer = _trainer(tiny)

    def boom(_out):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    _at_step(trainer, 4, boom)  # step 4 is a capture step: the BN hooks must go too
    with pytest.raises(
        DeviceMemoryError, match="at step 4 with batch size 32; try --batch-size 16"
    ):
        trainer.run()
    assert all(not m._forward_pre_hooks for m in trainer.model)


def test_stop_ends_within_one_step_and_keeps_the_folder_valid(tiny, tmp_path):
    trainer = _trainer(tiny, tmp_path / "run", log_every=1)
    trainer.subscribe(
        lambda e: isinstance(e, StepEvent) and e.step == 11 and trainer.request_stop()
    )
    done = trainer.run()
    assert done.reason == "stopped" and done.step == 11 and done.epoch == 1
    records = read_metrics(tmp_path / "run")
    assert records[-1]["kind"] == "done" and records[-1]["reason"] == "stopped"
    assert max(r["step"] for r in records if r["kind"] == "step") == 11


def test_pause_holds_the_loop_until_resume(tiny):
    trainer = _trainer(tiny, epochs=1, log_every=1)
    paused_at = []

    def on_event(event):
        if isinstance(event, StepEvent) and event.step == 2:
            trainer.request_pause()
            paused_at.append(trainer.step)
            threading.Timer(0.3, lambda: paused_at.append(trainer.step) or trainer.resume()).start()

    trainer.subscribe(on_event)
    done = trainer.run()
    assert paused_at == [2, 2]  # no step was taken while paused
    assert done.reason == "completed" and done.step == 8 and not trainer.paused


def test_corrupt_checkpoint_is_refused(tiny, tmp_path):
    _trainer(tiny, tmp_path / "run", epochs=1).run()
    path = tmp_path / "run" / "checkpoint.pt"
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(CheckpointError, match="corrupt.*train from the start"):
        Trainer.from_run(tmp_path / "run", data=tiny)


def test_checkpoint_of_another_model_is_refused(tiny, tmp_path):
    _trainer(tiny, tmp_path / "a", epochs=1).run()
    _trainer(tiny, tmp_path / "b", epochs=1, model="lenet").run()
    (tmp_path / "b" / "checkpoint.pt").replace(tmp_path / "a" / "checkpoint.pt")
    with pytest.raises(CheckpointError, match="checkpoint of 'lenet', not 'lenet-bn'"):
        Trainer.from_run(tmp_path / "a", data=tiny)


def _image_folder(root):
    for c, name in enumerate(("dark", "light")):
        (root / name).mkdir(parents=True)
        for i in range(10):
            Image.new("RGB", (30, 30), (40 + 150 * c, 30 + 150 * c, 20 + i)).save(
                root / name / f"{i}.png"
            )


def test_cli_trains_on_an_image_folder_and_prints_the_books_closing_lines(tmp_path, capsys):
    _image_folder(tmp_path / "images")
    argv = ["train", "lenet-bn", "--dataset", str(tmp_path / "images"), "--epochs", "2",
            "--batch-size", "4", "--lr", "0.1", "--out", str(tmp_path / "run")]  # fmt: skip
    assert main.main(argv) == 0
    out = capsys.readouterr().out
    assert "note: images: converted RGB to grayscale for a 1-channel model" in out
    assert "epoch 2/2: loss" in out
    lines = out.splitlines()
    assert (
        lines[-3].startswith("loss ") and ", train acc " in lines[-3] and ", test acc " in lines[-3]
    )
    assert (
        lines[-2].endswith("examples/sec on cpu") and lines[-1] == f"run folder: {tmp_path / 'run'}"
    )
    assert (tmp_path / "run" / "checkpoint.pt").is_file()

    assert main.main(["train", "resnet18", "--resume", str(tmp_path / "run")]) == 2
    assert "is a run of 'lenet-bn', not 'resnet18'" in capsys.readouterr().err


def test_cli_offline_without_files_exits_2_with_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NETATLAS_OFFLINE", "1")
    argv = ["train", "lenet", "--dataset", "fashion-mnist", "--data-dir", str(tmp_path)]
    assert main.main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: Fashion-MNIST not found") and "\n" not in err


def test_bad_settings_are_one_line_errors(tiny):
    with pytest.raises(TrainingError, match=r"--lr must be a positive, finite number \(got -1.0\)"):
        _trainer(tiny, lr=-1.0)
    with pytest.raises(TrainingError, match="Unknown device 'gpu7'"):
        _trainer(tiny, device="gpu7")


@pytest.mark.parametrize(
    ("model", "fed"),
    [
        ("torchvision.r3d_18", "3,16,112,112"),  # a clip
        ("torchvision.raft_small", "3,360,640 and 3,360,640"),  # two frames
    ],
)
def test_a_model_not_fed_one_image_is_refused_in_one_line(tiny, model, fed):
    with pytest.raises(TrainingError) as caught:
        _trainer(tiny, model=model)
    assert str(caught.value) == (
        f"{model} takes {fed}; training here needs a model fed one image (C,H,W) or its "
        "flattened values (N) that returns class scores."
    )


def test_done_event_reports_the_books_numbers(tiny):
    trainer = _trainer(tiny, epochs=1, capture_every=0)
    events = []
    trainer.subscribe(events.append)
    done = trainer.run()
    assert isinstance(events[-1], DoneEvent) and events[-1] is done
    assert done.examples_per_sec > 0 and 0 <= done.train_acc <= 1 and done.device == "cpu"
