"""The step program behind CUDA graphs, on this CPU: what makes a step replayable, the running
sums, the runner's replays and fallbacks against a recorder that keeps the CUDA-graph contract
on the CPU, and that the CPU keeps eager steps. (Real graphs run in bench/cuda_check.py.)"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from models.data.synthetic import synthetic
from models.registry import book_models
from models.training.config import TrainConfig
from models.training.device import Batches, autocast_for
from models.training.events import BNEvent
from models.training.phases import BACKWARD, CAPTURE, FORWARD, PHASES, phase
from models.training.stats import StatsProbe
from models.training.steps import (
    StepProgram,
    StepRunner,
    StepSums,
    changed_tensors,
    logits_of,
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


def test_the_logits_are_the_first_output_or_a_dicts_logits():
    scores, extra = torch.ones(2, 3), torch.zeros(2, 5)
    assert logits_of(scores) is scores
    assert logits_of((scores, extra)) is scores
    assert logits_of({"features": extra, "logits": scores}) is scores
    assert logits_of({"out": scores, "aux": extra}) is scores
    assert logits_of([(scores, extra)]) is scores


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
    total, correct, bad, batch_loss, batch_correct = sums.read()
    assert bad == 12 and correct == 3 and total != total  # steps 11, 12, 13; NaN summed
    assert batch_loss == float("inf") and batch_correct == 1  # the last step's own batch
    sums.reset(13)
    sums.add(torch.tensor(0.5), logits, labels)
    assert sums.read() == (1.0, 1.0, -1, 0.5, 1.0)
    sums.add(torch.tensor(2.0), logits, 1 - labels)
    assert sums.read() == (5.0, 2.0, -1, 2.0, 1.0)


def test_the_cpu_trains_eagerly_in_the_default_layout():
    data = synthetic(train=128, test=32, seed=4)
    trainer = Trainer(TrainConfig(model="lenet", epochs=1, batch_size=64), data=data)
    assert trainer.runner.recorder is None and trainer.record()["channels_last_used"] is False
    assert trainer.run().steps == "eager"


class RerunRecorder:
    """The CUDA-graph contract, kept on the CPU: recording leaves every value as it was, and a
    replay runs the recorded step again, writing its statistics into the recorded snapshot as a
    graph writes into its recorded outputs. ``fail`` makes recording raise, as a capture can."""

    def __init__(self, trainer: Trainer, fail: str | None = None) -> None:
        self.trainer = trainer
        self.fail = fail
        self.replays = 0

    def record(self, step):
        if self.fail:
            raise RuntimeError(self.fail)
        t = self.trainer
        state = [*tensor_state(t.model).values(), t.sums.loss, t.sums.correct, t.sums.step,
                 t.sums.first_bad, t.sums.batch_loss, t.sums.batch_correct]  # fmt: skip
        state += [v for s in t.optimizer.state.values() for v in s.values() if torch.is_tensor(v)]
        saved, rng = [x.detach().clone() for x in state], torch.get_rng_state()
        result = step()
        for tensor, value in zip(state, saved, strict=True):
            tensor.detach().copy_(value)
        torch.set_rng_state(rng)

        def replay() -> None:
            self.replays += 1
            fresh = step()
            if result is not None:
                result.flat.copy_(fresh.flat)

        return replay, result

    def release(self) -> None:
        pass


def _run(model: str, recorder=None, **changes):
    """Two epochs of 6 full batches and a short one, statistics every 3 steps."""
    data = synthetic(train=400, test=64, seed=6)
    config = {"model": model, "epochs": 2, "batch_size": 64, "optimizer": "momentum", "lr": 0.1,
              "capture_every": 3, **changes}  # fmt: skip
    trainer = Trainer(TrainConfig(**config), data=data)
    if recorder is not None:
        trainer.runner = StepRunner(trainer.runner.program, 64, recorder(trainer))
    bn = []
    trainer.subscribe(lambda e: isinstance(e, BNEvent) and bn.append(e))
    return trainer, trainer.run(), bn


def _same_training(a, b) -> None:
    (ta, da, bn_a), (tb, db, bn_b) = a, b
    assert (da.train_loss, da.train_acc, da.test_acc) == (db.train_loss, db.train_acc, db.test_acc)
    state_b = tb.model.state_dict()
    assert all(torch.equal(v, state_b[k]) for k, v in ta.model.state_dict().items())
    assert [e.step for e in bn_a] == [e.step for e in bn_b]
    for x, y in zip(bn_a, bn_b, strict=True):
        for name, stats in x.layers.items():
            assert np.array_equal(stats.batch_var, y.layers[name].batch_var)


def test_replayed_steps_train_exactly_as_eager_ones():
    eager = _run("lenet-bn")
    replayed = _run("lenet-bn", RerunRecorder)
    _same_training(eager, replayed)
    trainer, done, bn = replayed
    assert done.steps == "CUDA graphs" and [e.step for e in bn] == [1, 4, 7, 10, 13]
    # 14 steps: 3 warm-up and the 2 short last batches run eagerly, the other 9 are replays.
    assert trainer.runner.eager_steps == 5 and trainer.runner.recorder.replays == 9


def test_a_failed_recording_falls_back_to_eager_steps_and_says_why():
    eager = _run("lenet-bn")
    failed = _run("lenet-bn", lambda t: RerunRecorder(t, fail="operation not permitted\nmore"))
    _same_training(eager, failed)
    assert failed[1].steps == "eager (capturing a step failed: operation not permitted)"


def test_a_model_that_rebinds_a_tensor_trains_eagerly_and_names_it(tmp_path):
    path = tmp_path / "rebinds.py"
    path.write_text(
        "import torch\nfrom torch import nn\n\n\n"
        "class Counting(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.body = nn.Sequential(nn.Flatten(), nn.Linear(3 * 28 * 28, 10))\n"
        "        self.register_buffer('seen', torch.zeros(()))\n\n"
        "    def forward(self, x):\n"
        "        self.seen = self.seen + 1\n"
        "        return self.body(x)\n"
    )
    eager = _run(f"{path}:Counting")
    rebinding = _run(f"{path}:Counting", RerunRecorder)
    _same_training(eager, rebinding)
    assert rebinding[1].steps == "eager (the model replaces seen on every step)"
    # one count per step and per test pass (14 + 2), as eagerly: the recording was undone
    assert rebinding[0].model.seen.item() == eager[0].model.seen.item() == 16


def test_a_checkpoint_from_a_cuda_graph_adam_run_resumes_on_the_cpu(tmp_path):
    """Adam with CUDA graphs saves capturable=True; this CPU must not inherit the flag."""
    data = synthetic(train=256, test=64, seed=7)
    settings = {"model": "lenet-bn", "batch_size": 64, "optimizer": "adam", "lr": 0.01,
                "capture_every": 0, "deterministic": True}  # fmt: skip
    whole = Trainer(TrainConfig(**settings, epochs=2), data=data).run()
    run = tmp_path / "run"
    Trainer(TrainConfig(**settings, epochs=1), run, data=data).run()
    checkpoint = torch.load(run / "checkpoint.pt", weights_only=True)
    for group in checkpoint["optimizer_state"]["param_groups"]:
        group["capturable"], group["fused"] = True, None  # as a run on CUDA with graphs writes it
    torch.save(checkpoint, run / "checkpoint.pt")

    resumed = Trainer.from_run(run, epochs=2, data=data)
    assert all(not g["capturable"] and g["fused"] for g in resumed.optimizer.param_groups)
    assert all(s["step"].device.type == "cpu" for s in resumed.optimizer.state.values())
    done = resumed.run()
    assert (done.train_loss, done.test_acc) == (whole.train_loss, whole.test_acc)


def test_gradient_norms_are_each_layers_own_from_one_fused_norm():
    data = synthetic(train=64, test=32, seed=8)
    trainer = Trainer(TrainConfig(model="lenet-bn", epochs=1, batch_size=64), data=data)
    snapshot = trainer.runner.program(torch.arange(64), capture=True)
    _, grads = snapshot.events(1, snapshot.flat.numpy().copy())
    assert len(grads.norms) == len(trainer.probe.param_layers) == 9  # 2 conv, 3 linear, 4 BN
    for name, params in trainer.probe.param_layers:
        whole = torch.linalg.vector_norm(torch.cat([p.grad.flatten() for p in params]))
        assert grads.norms[name] == pytest.approx(whole.item(), rel=1e-5)


def test_a_profiled_step_names_its_phases_and_an_unprofiled_one_costs_nothing():
    """bench/bench_train.py splits a step's time by these ranges."""
    data = synthetic(train=64, test=32, seed=9)
    trainer = Trainer(TrainConfig(model="lenet-bn", epochs=1, batch_size=32), data=data)
    assert phase(FORWARD) is phase(BACKWARD)  # no profiler: one shared do-nothing context
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as profiler:
        trainer.runner.program(torch.arange(32), capture=True)
    names = [event.name for event in profiler.events()]
    assert all(name in names for name in PHASES), names
    # the BN and histogram hooks' work is a capture range nested in the forward one
    forward = next(e.time_range for e in profiler.events() if e.name == FORWARD)
    inside = [
        e
        for e in profiler.events()
        if e.name == CAPTURE and forward.start <= e.time_range.start <= forward.end
    ]
    assert len(trainer.probe.bn_layers) == len(trainer.probe.act_layers) == 4  # and 4 sigmoids
    assert len(inside) == 8
