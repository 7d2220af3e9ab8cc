"""The CPU as the trainer sees it (cores, native bf16, OpenMP's waiting) and the settings the
trainer takes from it: threads, layout, fused updates."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from torch import nn

from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.cpu import (
    QUIET_OPENMP,
    native_bf16,
    physical_cores,
    quiet_openmp,
    training_threads,
)
from models.training.device import prefers_channels_last
from models.training.trainer import Trainer

CPU = torch.device("cpu")


def fake_sysfs(root: Path, cores: dict[int, tuple[int, int]], quota: str | None = None) -> Path:
    """CPU number -> (package, core) topology files, and a cgroup ``cpu.max``."""
    for cpu, (package, core) in cores.items():
        topology = root / f"devices/system/cpu/cpu{cpu}/topology"
        topology.mkdir(parents=True)
        (topology / "physical_package_id").write_text(f"{package}\n")
        (topology / "core_id").write_text(f"{core}\n")
    if quota is not None:
        (root / "fs/cgroup").mkdir(parents=True)
        (root / "fs/cgroup/cpu.max").write_text(quota)
    return root


def test_physical_cores_count_smt_siblings_once_and_obey_a_cpu_quota(tmp_path, monkeypatch):
    monkeypatch.setattr("models.training.cpu.usable_cpus", lambda: [0, 1, 2, 3, 4, 5])
    # cpu0/cpu3 and cpu1/cpu4 are pairs of hyper-threads; cpu2 alone; cpu5 on a second package
    topology = {0: (0, 0), 1: (0, 1), 2: (0, 2), 3: (0, 0), 4: (0, 1), 5: (1, 0)}
    assert physical_cores(fake_sysfs(tmp_path / "a", topology)) == 4
    assert physical_cores(fake_sysfs(tmp_path / "b", topology, "250000 100000\n")) == 3
    assert physical_cores(fake_sysfs(tmp_path / "c", topology, "max 100000\n")) == 4
    assert physical_cores(tmp_path / "none") == 6  # no topology: the logical CPUs
    monkeypatch.setattr("models.training.cpu.usable_cpus", lambda: [1, 4])  # one core's pair
    assert physical_cores(fake_sysfs(tmp_path / "d", topology)) == 1


def test_training_threads_leave_cores_but_keep_one(monkeypatch):
    monkeypatch.setattr("models.training.cpu.physical_cores", lambda: 2)
    assert (training_threads(), training_threads(leave=1), training_threads(leave=5)) == (2, 1, 1)


def test_native_bf16_is_read_from_the_cpu_flags_never_assumed(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n")
    assert native_bf16(info) == "amx_bf16"
    info.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16\n")
    assert native_bf16(info) == "avx512_bf16"
    info.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512bw\n")  # emulated only
    assert native_bf16(info) is None
    assert native_bf16(tmp_path / "missing") is None


def test_quiet_openmp_keeps_a_users_own_policy():
    environ: dict[str, str] = {}
    assert quiet_openmp(environ) is False  # torch is loaded in this process: too late here
    assert environ == QUIET_OPENMP
    mine = {"OMP_WAIT_POLICY": "ACTIVE"}
    quiet_openmp(mine)
    assert mine == {"OMP_WAIT_POLICY": "ACTIVE"}


def test_wide_convolutions_train_channels_last_on_the_cpu_and_lenets_do_not():
    def convs(*widths: int) -> nn.Module:
        return nn.Sequential(*(nn.Conv2d(1, w, 3) for w in widths))

    assert prefers_channels_last(convs(6, 16), CPU) is False  # LeNet's
    assert prefers_channels_last(convs(16, 64, 128), CPU) is True
    assert prefers_channels_last(nn.Linear(4, 2), CPU) is False  # no convolution at all
    assert prefers_channels_last(convs(6, 16), torch.device("cuda")) is True
    assert prefers_channels_last(convs(16, 64, 128), torch.device("mps")) is False
    data = synthetic(train=64, test=32, seed=2)
    for model, layout in (("lenet-bn", False), ("googlenet", True)):
        config = TrainConfig(model=model, epochs=1, batch_size=32, resize=32)
        assert Trainer(config, data=data).record()["channels_last_used"] is layout


def test_a_cpu_run_uses_its_threads_and_gives_the_process_its_own_back():
    data = synthetic(train=64, test=32, seed=3)
    assert Trainer(TrainConfig(model="lenet", epochs=1), data=data).threads == training_threads()
    trainer = Trainer(TrainConfig(model="lenet", epochs=1, batch_size=32), data=data, threads=1)
    assert trainer.record()["threads_used"] == 1
    during: list[int] = []
    trainer.subscribe(lambda _event: during.append(torch.get_num_threads()))
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        trainer.run()
        assert set(during) == {1} and torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize(
    ("optimizer", "fused"), [("sgd", None), ("momentum", True), ("adam", True)]
)
def test_cpu_updates_are_fused_where_that_is_faster(optimizer: str, fused: bool | None):
    data = synthetic(train=64, test=32, seed=4)
    config = TrainConfig(model="lenet-bn", epochs=1, batch_size=32, optimizer=optimizer, lr=0.01)
    trainer = Trainer(config, data=data)
    assert all(group["fused"] is fused for group in trainer.optimizer.param_groups)
    assert math.isfinite(trainer.run().train_loss)


def test_bf16_asked_of_a_cpu_without_native_bf16_is_flagged(monkeypatch):
    data = synthetic(train=64, test=32, seed=5)
    config = TrainConfig(model="lenet", epochs=1, batch_size=32, precision="bf16")
    monkeypatch.setattr("models.training.trainer.native_bf16", lambda: None)
    assert any("emulated" in note for note in Trainer(config, data=data).notes)
    monkeypatch.setattr("models.training.trainer.native_bf16", lambda: "avx512_bf16")
    assert Trainer(config, data=data).notes == ()
