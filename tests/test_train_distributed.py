"""Data-parallel training under ``torchrun`` (Gloo on the CPU): real launches of ``main.py train``.

Each launch starts three Python processes (torchrun and two ranks), so these tests are few and
share their runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from models.training.runlog import read_metrics
from models.training.world import SharedError, World
from tests.procs import ROOT, environment, run_main

TORCHRUN = (sys.executable, "-m", "torch.distributed.run")  # what the torchrun script runs


def torchrun(*argv: str, ranks: int = 2, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*TORCHRUN, "--standalone", "--nproc-per-node", str(ranks), "main.py", *argv],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def our_lines(stderr: str) -> list[str]:
    """What the ranks printed to stderr, without torchrun's own log and failure report (whose
    one traceback is torchrun's own, raising ChildFailedError)."""
    assert stderr.count("Traceback") == stderr.count("ChildFailedError:")
    return [line for line in stderr.splitlines() if line.startswith(("error:", "[rank"))]


@pytest.fixture(scope="module")
def two_rank_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("ddp") / "run"
    done = torchrun(
        "train", "lenet-bn", "--dataset", "synthetic", "--epochs", "1", "--device", "cpu",
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return out, done.stdout + done.stderr


@pytest.mark.slow
def test_two_ranks_write_one_complete_run_folder(two_rank_run: tuple[Path, str]) -> None:
    out, output = two_rank_run
    config = json.loads((out / "config.json").read_text())
    assert config["world_size"] == 2 and config["backend"] == "gloo"
    assert config["batch_size"] == 256 and config["rank_batch_size"] == 128
    records = read_metrics(out)
    kinds = [r["kind"] for r in records]
    assert kinds.count("epoch") == 1 and kinds[-1] == "done" and kinds.count("step") > 5
    assert records[-1]["reason"] == "completed"
    # the global batch's examples, not one rank's: 12,000 a epoch
    steps = [r for r in records if r["kind"] == "step"]
    assert steps[-1]["step"] == 47 and steps[-1]["frac_epoch"] == 1.0
    assert sorted(p.name for p in (out / "stats").iterdir()) == [
        "bn_00000001.npz",
        "grad_00000001.npz",
        "hist_00000001.npz",  # the activation histograms (issue 16)
    ]
    assert (out / "checkpoint.pt").is_file()
    assert "Traceback" not in output
    assert output.count("training lenet-bn on synthetic") == 1  # rank 0 alone prints
    assert "each trains on 128 of every batch of 256" in output


@pytest.mark.slow
def test_a_two_rank_run_resumes_with_one_process(two_rank_run: tuple[Path, str]) -> None:
    out, _ = two_rank_run
    done = run_main("train", "lenet-bn", "--resume", str(out), "--epochs", "2", "--device", "cpu")
    assert done.returncode == 0, done.stderr
    assert "the run goes on with 1 process; it ran with 2" in done.stdout
    records = read_metrics(out)
    assert [r["epoch"] for r in records if r["kind"] == "epoch"] == [1, 2]
    assert [r["step"] for r in records if r["kind"] == "step"][-1] == 94
    config = json.loads((out / "config.json").read_text())
    assert config["world_size"] == 1 and config["backend"] is None


@pytest.mark.slow
def test_two_ranks_train_as_one_process_with_the_same_global_batch(tmp_path: Path) -> None:
    """Without BN (per process by design) two ranks compute what one process computes: the
    same losses step by step and the same test accuracy (LeNet, the book's sigmoid net)."""
    args = ("train", "lenet", "--epochs", "1", "--device", "cpu", "--seed", "3")
    single = run_main(*args, "--out", str(tmp_path / "one"))
    double = torchrun(*args, "--out", str(tmp_path / "two"))
    assert single.returncode == 0 and double.returncode == 0, double.stderr[-3000:]
    one, two = read_metrics(tmp_path / "one"), read_metrics(tmp_path / "two")
    losses = [[r["mean_loss"] for r in run if r["kind"] == "step"] for run in (one, two)]
    assert len(losses[0]) == len(losses[1]) > 5
    assert losses[1] == pytest.approx(losses[0], rel=1e-4)
    assert abs(one[-1]["test_acc"] - two[-1]["test_acc"]) <= 0.03


@pytest.mark.slow
def test_with_sync_bn_two_cpu_ranks_train_lenet_bn_as_one_process(tmp_path: Path) -> None:
    """--sync-bn on the CPU (Gloo; torch's SyncBatchNorm is CUDA's only): BN normalises over
    the global batch, so two ranks compute what one process computes, BN and all. (BN per
    process, the default, normalises each rank's 128 instead: another computation, whose
    one-epoch accuracy at the book's lr 1.0 differs by 0.02-0.45 with the seed.)"""
    args = ("train", "lenet-bn", "--epochs", "1", "--device", "cpu", "--seed", "2")
    single = run_main(*args, "--out", str(tmp_path / "one"))
    double = torchrun(*args, "--sync-bn", "--out", str(tmp_path / "two"))
    assert single.returncode == 0 and double.returncode == 0, double.stderr[-3000:]
    assert "BN normalises over the whole batch (SyncBatchNorm)" in double.stdout
    one, two = read_metrics(tmp_path / "one"), read_metrics(tmp_path / "two")
    losses = [[r["mean_loss"] for r in run if r["kind"] == "step"] for run in (one, two)]
    assert len(losses[0]) == len(losses[1]) > 5
    assert losses[1] == pytest.approx(losses[0], rel=1e-4)
    assert abs(one[-1]["test_acc"] - two[-1]["test_acc"]) <= 0.03


def test_sync_bn_says_which_layers_it_cannot_convert() -> None:
    """The book's from-scratch BatchNorm is no torch BatchNorm: it stays per process, said."""
    from models.registry import get_spec
    from models.training.config import TrainConfig
    from models.training.syncbn import convert_sync_batchnorm, synchronised

    world = World(rank=0, size=2, local_size=2, backend="gloo")
    config = TrainConfig("lenet-bn-scratch", sync_bn=True, batch_size=256)
    scratch = convert_sync_batchnorm(get_spec("lenet-bn-scratch").build(), torch.device("cpu"))
    notes = world.notes(config, torch.device("cpu"), scratch)
    assert notes[0].endswith("BN normalises per process")
    assert notes[1] == (
        "--sync-bn converts torch's BatchNorm layers only; this model's own BatchNorm layers "
        "(1, 5, 10, 13) still normalise per process"
    )
    concise = convert_sync_batchnorm(get_spec("lenet-bn").build(), torch.device("cpu"))
    layers = [m for m in concise.modules() if synchronised(m)]
    assert len(layers) == 4 and all(
        isinstance(m, torch.nn.BatchNorm2d | torch.nn.BatchNorm1d) for m in layers
    )
    assert world.notes(config, torch.device("cpu"), concise)[1:] == ()


@pytest.mark.slow
def test_a_failure_on_every_rank_is_one_line(tmp_path: Path) -> None:
    done = torchrun(
        "train", "lenet-bn", "--dataset", str(tmp_path / "missing"), "--device", "cpu",
        "--out", str(tmp_path / "run"),
    )  # fmt: skip
    assert done.returncode != 0
    assert our_lines(done.stderr) == [
        f"error: No folder {tmp_path / 'missing'}: give a folder of class subfolders of images, "
        "or one of fashion-mnist, cifar10, synthetic."
    ]
    assert not (tmp_path / "run").exists()  # a start that failed leaves nothing behind


ONE_RANK_FAILS = """
import os
from torch import nn


class OneRankFails(nn.Sequential):
    def __init__(self):
        super().__init__(nn.Flatten(), nn.Linear(3 * 28 * 28, 10))

    def forward(self, x):
        if os.environ.get("RANK") == "1":
            raise RuntimeError("rank one's own failure")
        return super().forward(x)
"""


@pytest.mark.slow
def test_a_failure_on_one_rank_ends_all_with_its_line(tmp_path: Path) -> None:
    """Rank 1 fails alone: it leaves its line to rank 0, which prints it once and writes it to
    the run log; no rank prints a traceback."""
    model = tmp_path / "fails.py"
    model.write_text(ONE_RANK_FAILS)
    done = torchrun(
        "train", f"{model}:OneRankFails", "--device", "cpu", "--out", str(tmp_path / "run")
    )
    assert done.returncode != 0
    (line,) = our_lines(done.stderr)
    assert line.startswith("error: rank 1 of 2: ") and "rank one's own failure" in line
    assert "BN normalises" not in done.stdout  # a model without BN is not told about BN
    records = read_metrics(tmp_path / "run")
    assert records[-2] == {"kind": "error", "message": line.removeprefix("error: ")}
    assert records[-1]["reason"] == "error"


def test_a_rank_takes_every_nth_example_of_the_global_batch() -> None:
    index = torch.arange(10)
    shares = [World(rank=r, size=4).shard(index) for r in range(4)]
    assert [s.tolist() for s in shares] == [[0, 4, 8], [1, 5, 9], [2, 6, 0], [3, 7, 1]]
    assert World().shard(index) is index
    short = [World(rank=r, size=4).shard(torch.tensor([7])).tolist() for r in range(4)]
    assert short == [[7]] * 4  # never an empty batch
    assert World(size=3).rank_batch(256) == 86 and World().rank_batch(256) == 256


def test_a_single_process_world_does_its_collectives_alone() -> None:
    world = World()
    assert world.from_rank0(lambda: 5) == 5
    assert world.all_sum([1.0, 2.0], torch.device("cpu")) == [1.0, 2.0]
    assert world.record() == {"world_size": 1, "backend": None}
    with pytest.raises(ValueError, match="mine"):
        world.agree(ValueError("mine"))  # type: ignore[arg-type]


def test_each_rank_takes_its_own_device() -> None:
    two = World(rank=1, size=2, local_rank=1, local_size=2)
    if torch.cuda.device_count() >= 2:
        assert two.device("auto") == two.device("cuda:0") == "cuda:1"
    elif not torch.cuda.is_available():
        assert two.device("auto") == "cpu"
    assert World().device("cuda:3") == "cuda:3"  # a single process keeps what it was given
    if torch.cuda.device_count() < 2:
        with pytest.raises(SharedError, match="--nproc-per-node at most the number of GPUs"):
            two.device("cuda:0")
    with pytest.raises(SharedError, match="MPS"):
        two.device("mps")
