"""The training engine end to end on this CPU: accuracy, the run folder, exact resumption."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.errors import TrainingError
from models.training.events import BNEvent, EpochEvent, GradEvent, StepEvent
from models.training.runlog import read_metrics
from models.training.trainer import Trainer


def test_lenet_bn_learns_the_synthetic_set_and_fills_the_run_folder(tmp_path):
    """The book's LeNet-BN recipe (lr 1.0, batch 256) on 12k synthetic images, 2 epochs."""
    run = tmp_path / "run"
    config = TrainConfig(model="lenet-bn", epochs=2, capture_every=40)
    trainer = Trainer(config, run)
    events = []
    trainer.subscribe(events.append)
    done = trainer.run()

    assert done.reason == "completed" and done.epoch == 2 and done.step == 2 * 47
    assert 0.9 <= done.test_acc < 0.99  # learnable, yet not trivially perfect
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert [e.epoch for e in epochs] == [1, 2] and epochs[1].test_acc == done.test_acc
    assert epochs[1].train_loss < epochs[0].train_loss

    saved = json.loads((run / "config.json").read_text())
    assert saved["model"] == "lenet-bn" and saved["lr"] == 1.0 and saved["batch_size"] == 256
    assert saved["seed"] == 0 and saved["device_used"] == "cpu" and saved["dataset"] == "synthetic"

    records = read_metrics(run)
    assert [r["kind"] for r in records if r["kind"] != "step"] == ["epoch", "epoch", "done"]
    steps = [r for r in records if r["kind"] == "step"]
    assert len(steps) == sum(isinstance(e, StepEvent) for e in events) > 20
    assert steps[-1]["step"] == 94 and steps[-1]["frac_epoch"] == pytest.approx(2.0)

    # BN statistics: the 4 BN layers of LeNet-BN at steps 1, 41, 81, per channel.
    bn_events = [e for e in events if isinstance(e, BNEvent)]
    assert [e.step for e in bn_events] == [1, 41, 81]
    assert list(bn_events[0].layers) == ["1", "5", "10", "13"]
    stats = np.load(run / "stats" / "bn_00000041.npz")
    assert stats["1:batch_mean"].shape == (6,) and stats["10:gamma"].shape == (120,)
    first = bn_events[0].layers["1"]
    np.testing.assert_allclose(first.running_mean, 0.1 * first.batch_mean, rtol=1e-4, atol=1e-6)
    grads = [e for e in events if isinstance(e, GradEvent)]
    assert set(grads[0].norms) >= {"0", "1", "15"} and all(v > 0 for v in grads[0].norms.values())
    assert sorted(p.name for p in (run / "stats").iterdir())[0] == "bn_00000001.npz"

    checkpoint = torch.load(run / "checkpoint.pt", weights_only=True)
    assert checkpoint["model"] == "lenet-bn" and checkpoint["epoch"] == 2
    assert checkpoint["metrics"]["test_acc"] == done.test_acc
    weights = trainer.model.state_dict()["0.weight"].cpu()
    assert torch.equal(checkpoint["model_state"]["0.weight"], weights)


def test_plain_lenet_does_not_master_the_synthetic_set_in_one_epoch():
    """The set is hard enough for the book's point: sigmoid LeNet learns slowly without BN."""
    done = Trainer(TrainConfig(model="lenet", epochs=1, capture_every=0)).run()
    assert done.test_acc < 0.9


@pytest.fixture(scope="module")
def small():
    return synthetic(train=384, test=64, seed=1)


def _config(**changes) -> TrainConfig:
    base = {"model": "lenet-bn-scratch", "epochs": 2, "batch_size": 64, "optimizer": "momentum",
            "lr": 0.1, "capture_every": 5, "deterministic": True}  # fmt: skip
    return TrainConfig(**{**base, **changes})


def test_resuming_after_epoch_one_gives_the_uninterrupted_numbers(tmp_path, small):
    whole = Trainer(_config(), tmp_path / "whole", data=small).run()

    Trainer(_config(epochs=1), tmp_path / "cut", data=small).run()
    resumed = Trainer.from_run(tmp_path / "cut", epochs=2, data=small)
    assert resumed.epoch == 1 and resumed.step == 6
    done = resumed.run()
    assert (done.train_loss, done.train_acc, done.test_acc) == (
        whole.train_loss,
        whole.train_acc,
        whole.test_acc,
    )
    a = torch.load(tmp_path / "whole" / "checkpoint.pt", weights_only=True)["model_state"]
    b = torch.load(tmp_path / "cut" / "checkpoint.pt", weights_only=True)["model_state"]
    assert all(torch.equal(a[k], b[k]) for k in a)
    kinds = [(r["kind"], r.get("epoch")) for r in read_metrics(tmp_path / "cut")]
    assert [k for k in kinds if k[0] != "step"] == [("epoch", 1), ("epoch", 2), ("done", 2)]


def test_a_finished_run_is_not_resumed_into_an_empty_one(tmp_path, small):
    """Resuming a run that finished its epochs trains nothing: it says how to go on, and the
    run folder stays byte for byte as it was (no done record of 0 examples a second)."""
    run = tmp_path / "run"
    Trainer(_config(epochs=1), run, data=small).run()
    before = {p.name: p.read_bytes() for p in run.iterdir() if p.is_file()}
    finished = r"finished its 1 epochs: nothing to train \(give --epochs 2 or more"
    with pytest.raises(TrainingError, match=finished):
        Trainer.from_run(run, data=small)
    assert {p.name: p.read_bytes() for p in run.iterdir() if p.is_file()} == before
    assert Trainer.from_run(run, epochs=2, data=small).run().epoch == 2


def test_resume_drops_what_the_cut_short_epoch_wrote(tmp_path, small):
    run = tmp_path / "run"
    first = Trainer(_config(epochs=3), run, data=small)
    first.subscribe(lambda e: isinstance(e, StepEvent) and e.step >= 11 and first.request_stop())
    assert first.run().reason == "stopped"
    assert any(r["kind"] == "step" and r["epoch"] == 2 for r in read_metrics(run))
    assert (run / "stats" / "bn_00000011.npz").exists()
    scratch = np.load(run / "stats" / "bn_00000006.npz")  # the book's from-scratch BatchNorm
    assert scratch["1:running_var"].shape == (6,) and scratch["13:beta"].shape == (84,)

    resumed = Trainer.from_run(run, data=small)
    assert resumed.epoch == 1
    assert not any(r["epoch"] > 1 for r in read_metrics(run))
    assert not (run / "stats" / "bn_00000011.npz").exists()
    assert resumed.run().epoch == 3


def test_step_records_hold_each_batchs_own_loss_and_accuracy(tmp_path):
    """Each logged step is that mini-batch's loss and accuracy, as a hand-written loop over the
    same batches computes them; the epoch's running means ride along for the book's curves."""
    data = synthetic(train=200, test=32, seed=3)  # three full batches and a short one
    config = TrainConfig(model="lenet-bn", epochs=2, batch_size=64, lr=0.5, log_every=1,
                         capture_every=0, deterministic=True)  # fmt: skip
    trainer = Trainer(config, tmp_path / "run", data=data)
    twin = copy.deepcopy(trainer.model)  # the same initial weights
    optimizer = torch.optim.SGD(twin.parameters(), lr=0.5)
    shuffle = trainer.train_batches.generator(config.seed)
    expected = []
    twin.train()
    for _ in range(config.epochs):
        for index in trainer.train_batches.shuffled_indices(config.batch_size, shuffle):
            x, y = trainer.train_batches.batch(index)
            optimizer.zero_grad()
            logits = twin(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            optimizer.step()
            expected.append((loss.item(), (logits.argmax(1) == y).float().mean().item()))

    trainer.run()
    records = read_metrics(tmp_path / "run")
    steps = [r for r in records if r["kind"] == "step"]
    assert [r["step"] for r in steps] == list(range(1, 9))
    assert [r["loss"] for r in steps] == pytest.approx([e[0] for e in expected], rel=1e-4)
    assert [r["acc"] for r in steps] == pytest.approx([e[1] for e in expected], abs=1e-6)
    assert steps[3]["acc"] in {k / 8 for k in range(9)}  # the short last batch: 8 images
    # the running mean over the epoch: the last step of an epoch is the epoch's train loss
    epochs = [r for r in records if r["kind"] == "epoch"]
    for epoch, last in zip(epochs, (steps[3], steps[7]), strict=True):
        assert last["mean_loss"] == pytest.approx(epoch["train_loss"])
        assert last["mean_acc"] == pytest.approx(epoch["train_acc"])
    weights = [64, 64, 64, 8]
    mean = sum(w * e[0] for w, e in zip(weights, expected[:4], strict=True)) / 200
    assert steps[3]["mean_loss"] == pytest.approx(mean, rel=1e-4)
    assert steps[3]["loss"] != pytest.approx(steps[3]["mean_loss"], rel=1e-3)


AUX_FILE = """
from collections import namedtuple

from torch import nn

Outputs = namedtuple("Outputs", ["logits", "aux"])


class WithAuxHead(nn.Module):
    '''Like torchvision's GoogLeNet: in training mode it also returns an auxiliary head's.'''

    def __init__(self):
        super().__init__()
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(4), nn.Flatten())
        self.fc = nn.Linear(48, 10)
        self.aux = nn.Linear(48, 10)

    def forward(self, x):
        x = self.pool(x)
        return Outputs(self.fc(x), self.aux(x)) if self.training else self.fc(x)
"""


def test_a_model_with_auxiliary_outputs_trains_on_its_main_logits(tmp_path, small):
    (tmp_path / "aux.py").write_text(AUX_FILE)
    config = TrainConfig(model=f"{tmp_path / 'aux.py'}:WithAuxHead", epochs=1, batch_size=64,
                         lr=0.1, capture_every=0)  # fmt: skip
    trainer = Trainer(config, data=small)
    aux_before = trainer.model.aux.weight.detach().clone()
    done = trainer.run()
    assert done.reason == "completed" and done.train_loss == done.train_loss  # finite, no error
    assert torch.equal(trainer.model.aux.weight, aux_before)  # only the main logits are trained
