"""The step program behind CUDA graphs, on this CPU: what makes a step replayable, the running
sums, and that the CPU keeps eager steps. (The graphs themselves run in bench/cuda_check.py.)"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from models.data.synthetic import synthetic
from models.registry import book_models
from models.training.config import TrainConfig
from models.training.device import Batches, autocast_for
from models.training.stats import StatsProbe
from models.training.steps import (
    StepProgram,
    StepSums,
    changed_tensors,
    restore_tensors,
    tensor_state,
)
from models.training.trainer import Trainer, book_init, make_optimizer


@pytest.mark.parametrize("spec", book_models(), ids=lambda spec: spec.name)
def test_a_book_networks_training_step_updates_its_tensors_in_place(spec):
    """A graph replays into the tensors it recorded: every book network, the from-scratch BN
    included, must update its parameters and statistics in place rather than rebind them."""
    torch.manual_seed(0)
    model = spec.build()
    model.apply(book_init)
    channels, height, _ = spec.input_size
    images = torch.randint(0, 256, (2, channels, height, height), dtype=torch.uint8)
    batches = Batches(images, torch.tensor([0, 1]), torch.device("cpu"), resize=None)
    probe = StatsProbe(model)
    sums = StepSums(torch.device("cpu"))
    optimizer = make_optimizer("momentum", model.parameters(), 0.01, 0.0)
    program = StepProgram(model, optimizer, batches, autocast_for(torch.device("cpu"), "fp32")[0],
                          probe, sums)  # fmt: skip
    program(torch.arange(2), capture=False)  # lazily made state (momentum) comes first
    before = tensor_state(model)
    values = {key: tensor.clone() for key, tensor in before.items()}
    snapshot = program(torch.arange(2), capture=True)

    assert changed_tensors(before, model) == []
    updated = [key for key, tensor in before.items() if not torch.equal(tensor, values[key])]
    assert ("0", "weight") in updated or ("0.0", "weight") in updated  # the first conv learned
    if probe.bn_layers:
        assert len(snapshot.bn) == len(probe.bn_layers)
        first_bn = probe.bn_layers[0][0]
        assert any(key[0] == first_bn and "m" in key[1] for key in updated)  # running/moving stats
    assert sums.read()[0] > 0 and int(sums.step) == 2


class Rebinds(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.register_buffer("seen", torch.zeros(()))
        self.scale = torch.ones(())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.seen = self.seen + 1
        return x * self.scale


def test_a_model_that_rebinds_a_tensor_is_named_and_restored():
    model = nn.Sequential(nn.Identity(), Rebinds())
    before = tensor_state(model)
    assert ("1", "seen") in before and ("1", "scale") in before
    model(torch.ones(2))
    assert changed_tensors(before, model) == [("1", "seen")]
    restore_tensors(model, before)
    assert changed_tensors(before, model) == [] and model[1].seen.item() == 0


def test_step_sums_keep_the_first_non_finite_step_of_the_epoch():
    sums = StepSums(torch.device("cpu"))
    sums.reset(10)
    labels = torch.tensor([1, 0])
    logits = torch.tensor([[0.0, 1.0], [0.0, 1.0]])
    for loss in (1.0, float("nan"), float("inf")):
        sums.add(torch.tensor(loss), logits, labels)
    total, correct, bad = sums.read()
    assert bad == 12 and correct == 3 and total != total  # steps 11, 12, 13; NaN summed
    sums.reset(13)
    sums.add(torch.tensor(0.5), logits, labels)
    assert sums.read() == (1.0, 1.0, -1)


def test_the_cpu_trains_eagerly_in_the_default_layout():
    data = synthetic(train=128, test=32, seed=4)
    trainer = Trainer(TrainConfig(model="lenet", epochs=1, batch_size=64), data=data)
    assert not trainer.runner.graphs_allowed and trainer.record()["channels_last_used"] is False
    assert trainer.run().steps == "eager"
