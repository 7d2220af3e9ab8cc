"""Runs are never overwritten, resume always recovers, signals stop a run cleanly, and every
setting is checked: the CLI on real run folders, killed and signalled real processes."""

from __future__ import annotations

import json
import math
import signal
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

import main
from models.data.synthetic import synthetic
from models.files import FileWriteError
from models.training.config import _RULES, TrainConfig
from models.training.errors import TrainingError
from models.training.events import BNEvent, BNStats, GradEvent, StepEvent
from models.training.runlog import RunLog, StatsFiles, read_metrics
from models.training.runs import RUNS_ENV, new_run_dir, runs_root
from models.training.trainer import Trainer
from tests.procs import ROOT, image_folder, start_main


@pytest.fixture(scope="module")
def images(tmp_path_factory) -> Path:
    return image_folder(tmp_path_factory.mktemp("data") / "images")


def train(*argv: str) -> int:
    return main.main(["train", "lenet", *argv])


def quick(images: Path, run: Path, *extra: str) -> list[str]:
    return ["--dataset", str(images), "--epochs", "1", "--batch-size", "4", "--out", str(run),
            *extra]  # fmt: skip


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err, err
    return err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# Runs are never overwritten -----------------------------------------------------------------------
def test_out_refuses_a_folder_that_holds_a_run_and_offers_resume(images, tmp_path, capsys):
    run = tmp_path / "run"
    assert train(*quick(images, run)) == 0
    capsys.readouterr()
    before = snapshot(run)
    assert {"config.json", "metrics.jsonl", "checkpoint.pt"} <= set(before)
    for model in ("lenet", "lenet-bn"):  # the same model again, or another one
        assert main.main(["train", model, *quick(images, run)]) == 2
        err = one_line(capsys)
        assert f"{run} already holds a run" in err
        assert f"'train lenet --resume {run}'" in err and "new folder" in err
    assert snapshot(run) == before


def test_out_that_is_a_file_or_under_a_file_is_one_line(images, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert train(*quick(images, tmp_path / "notes.txt")) == 2
    assert "notes.txt is a file" in one_line(capsys)
    assert train(*quick(images, tmp_path / "notes.txt" / "run")) == 2
    assert "a part of the path is a file" in one_line(capsys)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_runs_go_to_the_data_folder_and_the_command_says_where(
    images, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(RUNS_ENV, str(tmp_path / "my-runs"))
    assert train("--dataset", str(images), "--epochs", "1", "--batch-size", "4") == 0
    lines = capsys.readouterr().out.splitlines()
    (folder,) = (tmp_path / "my-runs").iterdir()
    assert folder.name.startswith("lenet-") and (folder / "checkpoint.pt").is_file()
    assert lines[0] == lines[-1] == f"run folder: {folder}"  # said first, and again at the end
    assert not (tmp_path / "runs").exists()  # nothing in the folder the command ran in


def test_the_runs_folder_follows_the_platforms_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(RUNS_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert runs_root() == tmp_path / "xdg" / "NetAtlas" / "runs"
        monkeypatch.delenv("XDG_DATA_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert runs_root() == tmp_path / "home" / ".local" / "share" / "NetAtlas" / "runs"
    first, second = new_run_dir("dir/net.py:Net", tmp_path), new_run_dir("dir/net.py:Net", tmp_path)
    assert first != second and first.name.startswith("Net-") and second.name.endswith("-2")


# Resume always recovers ---------------------------------------------------------------------------
def test_resume_drops_a_cut_off_last_line_and_says_so(images, tmp_path, capsys):
    run = tmp_path / "run"
    assert train(*quick(images, run)) == 0
    with open(run / "metrics.jsonl", "a", encoding="utf-8") as log:
        log.write('{"kind": "step", "step": 9, "epo')  # a crash in the middle of a line
    capsys.readouterr()
    assert train("--resume", str(run), "--epochs", "2") == 0
    out = capsys.readouterr().out
    assert f"note: dropped its last line, cut off, from {run / 'metrics.jsonl'}" in out
    lines = (run / "metrics.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["epoch"] for r in records if r["kind"] == "epoch"] == [1, 2]


CRASH_AFTER_CHECKPOINT = """
import os, signal, sys
from models.training.config import TrainConfig
from models.training.runlog import RunLog
from models.training.trainer import Trainer

save = RunLog.save_checkpoint

def save_then_crash(self, payload):
    save(self, payload)
    if payload["epoch"] == 2:  # the checkpoint is on disk, its epoch record not yet
        os.kill(os.getpid(), signal.SIGKILL)

RunLog.save_checkpoint = save_then_crash
config = TrainConfig(model="lenet", dataset=sys.argv[1], epochs=3, batch_size=4)
Trainer(config, sys.argv[2]).run()
"""


def test_a_crash_between_checkpoint_and_epoch_record_loses_no_record(images, tmp_path, capsys):
    run = tmp_path / "run"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_CHECKPOINT, str(images), str(run)],
        cwd=ROOT,
        capture_output=True,
        timeout=180,
    )
    assert crashed.returncode == -signal.SIGKILL
    assert [r["epoch"] for r in read_metrics(run) if r["kind"] == "epoch"] == [1]
    assert train("--resume", str(run)) == 0
    out = capsys.readouterr().out
    assert "note: the record of epoch 2 was lost: restored from the checkpoint" in out
    assert "resuming after epoch 2" in out
    epochs = [r for r in read_metrics(run) if r["kind"] == "epoch"]
    assert [r["epoch"] for r in epochs] == [1, 2, 3]
    steps = [r["step"] for r in read_metrics(run) if r["kind"] == "step"]
    assert steps == sorted(steps) and len(steps) == len(set(steps))


def test_resume_without_its_checkpoint_says_so_and_keeps_the_old_log(images, tmp_path, capsys):
    run = tmp_path / "run"
    assert train(*quick(images, run), "--epochs", "2") == 0
    before = snapshot(run)
    (run / "checkpoint.pt").unlink()
    capsys.readouterr()
    assert train("--resume", str(run), "--epochs", "3") == 0
    out = capsys.readouterr().out
    assert "no epoch had finished" not in out
    assert (
        "note: checkpoint.pt is missing: the 2 epochs in the log are retrained from epoch 1 "
        f"(the old log and their statistics are kept in {run / 'before-resume'})"
    ) in out
    kept = snapshot(run / "before-resume")
    assert kept["metrics.jsonl"] == before["metrics.jsonl"]  # nothing vanished
    assert {f"stats/{k.split('/')[-1]}" for k in before if k.startswith("stats/")} == {
        k for k in kept if k.startswith("stats/")
    }
    assert [r["epoch"] for r in read_metrics(run) if r["kind"] == "epoch"] == [1, 2, 3]


def test_resume_without_a_finished_epoch_starts_again_in_the_same_folder(images, tmp_path):
    run = tmp_path / "run"
    trainer = Trainer(TrainConfig(model="lenet", dataset=str(images), epochs=2, batch_size=4), run)
    trainer.subscribe(lambda e: isinstance(e, StepEvent) and trainer.request_stop())
    assert trainer.run().reason == "stopped" and not (run / "checkpoint.pt").exists()
    resumed = Trainer.from_run(run)
    assert resumed.epoch == 0 and "training again from epoch 1" in " ".join(resumed.notes)
    assert resumed.run().reason == "completed"
    kinds = [r["kind"] for r in read_metrics(run)]
    assert kinds.count("done") == 1 and kinds.count("epoch") == 2


def test_resume_refuses_settings_other_than_the_runs_own(images, tmp_path, capsys):
    run, elsewhere = tmp_path / "run", tmp_path / "elsewhere"
    assert train(*quick(images, run)) == 0
    before = snapshot(run)
    capsys.readouterr()
    given = ["--lr", "0.01", "--batch-size", "64", "--optimizer", "adam", "--dataset", "nosuch"]
    assert train("--resume", str(run), "--epochs", "2", *given, "--out", str(elsewhere)) == 2
    error = one_line(capsys)
    for flag in ("--lr 0.01", "--batch-size 64", "--optimizer 'adam'", "--dataset 'nosuch'",
                 f"--out {elsewhere}"):  # fmt: skip
        assert flag in error, error
    assert "start a new run to change them" in error and "--epochs" not in error
    assert snapshot(run) == before and not elsewhere.exists()  # nothing written
    # the run's own values, options a resume honours, and defaults typed out pass
    same = ["--batch-size", "4", "--dataset", str(images), "--optimizer", "sgd", "--seed", "0"]
    assert train("--resume", str(run), "--epochs", "2", *same, "--out", str(run)) == 0
    assert [r["epoch"] for r in read_metrics(run) if r["kind"] == "epoch"] == [1, 2]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["nosuchmodel"], "Unknown model 'nosuchmodel'"),
        (["lenet", "--dataset", "nosuch"], "Unknown data set 'nosuch'"),
        (["lenet", "--device", "banana"], "Unknown device 'banana'"),
        (["lenet", "--dataset", "fashion-mnist", "--data-dir", "nothing-here"], "Fashion-MNIST"),
    ],
)
def test_a_failed_start_names_no_run_folder_and_leaves_none(
    tmp_path, monkeypatch, capsys, flags, message
):
    runs = tmp_path / "runs"
    runs.mkdir()
    monkeypatch.setenv(RUNS_ENV, str(runs))
    monkeypatch.setenv("NETATLAS_OFFLINE", "1")
    assert main.main(["train", *flags, "--epochs", "1"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "run folder" not in captured.out
    assert list(runs.iterdir()) == []


# Signals --------------------------------------------------------------------------------------
def _wait_for_steps(run: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if (run / "metrics.jsonl").exists() and '"step"' in (run / "metrics.jsonl").read_text():
            return
        time.sleep(0.05)
    raise AssertionError(f"no step records in {run}: {process.communicate()}")


def test_sigterm_sighup_and_ctrl_c_stop_after_the_step_with_the_signals_exit_code(images, tmp_path):
    started = {}
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        run = tmp_path / signum.name
        args = ("--epochs", "500", "--out", str(run))  # far longer than the test waits
        started[signum] = (run, start_main("train", "lenet", "--dataset", str(images), *args))
    for signum, (run, process) in started.items():
        _wait_for_steps(run, process)
        process.send_signal(signum)
    for signum, (run, process) in started.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 128 + signum, (signum, out, err)
        name = "Ctrl-C" if signum == signal.SIGINT else signum.name
        assert f"stopping after this step ({name}; send it again to abort)" in out
        assert "stopped; the run folder holds " in out and err == ""
        last = read_metrics(run)[-1]
        assert last["kind"] == "done" and last["reason"] == "stopped"


def test_a_signal_while_preparing_ends_the_command_and_leaves_no_empty_run(tmp_path):
    run = tmp_path / "run"
    process = start_main("train", "lenet", "--dataset", "synthetic", "--out", str(run))
    deadline = time.monotonic() + 120
    while not run.is_dir() and time.monotonic() < deadline:  # claimed: preparing now
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)  # the synthetic set takes seconds to draw
    out, err = process.communicate(timeout=120)
    assert process.returncode == 143
    assert err.strip() == "error: stopped by SIGTERM before training began"
    assert "run folder" not in out and not run.exists()  # named once the run is ready


# Settings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--lr", "inf"], "--lr must be a positive, finite number (got inf)"),
        (["--lr", "nan"], "--lr must be a positive, finite number (got nan)"),
        (["--weight-decay", "nan"], "--weight-decay must be a finite number ≥ 0 (got nan)"),
        (["--epochs", "0"], "--epochs must be a whole number from 1 to 1000000 (got 0)"),
        (["--batch-size", "0"], "--batch-size must be a whole number from 1 to 1048576 (got 0)"),
        (
            ["--resize", "99999"],
            "--resize must be a whole number from 0 (keep) to 4096 (got 99999)",
        ),
        (["--seed", "-1"], "--seed must be a whole number from 0 to 2^64-1 (got -1)"),
    ],
)
def test_every_numeric_setting_is_checked_and_named(tmp_path, capsys, flags, message):
    assert train("--out", str(tmp_path / "run"), *flags) == 2
    assert one_line(capsys) == f"error: Invalid setting: {message}."
    assert not (tmp_path / "run").exists()  # checked before anything is made


def test_every_setting_has_a_rule():
    assert set(_RULES) == {f.name for f in fields(TrainConfig)}


@pytest.mark.parametrize(
    ("saved", "message"),
    [
        ([1, 2], "config.json holds a JSON list, not an object of settings"),
        ({"dataset": "synthetic"}, 'config.json lacks "model"'),
        ({"model": "lenet", "lr": "abc"}, "config.json: 'lr' must be a positive, finite number"),
        ({"model": "lenet", "epochs": "3"}, "config.json: 'epochs' must be a whole number"),
        ({"model": "lenet", "cuda_graphs": "yes"}, "config.json: 'cuda_graphs' must be true or"),
    ],
)
def test_config_json_is_checked_field_by_field(tmp_path, capsys, saved, message):
    (tmp_path / "config.json").write_text(json.dumps(saved))
    assert train("--resume", str(tmp_path)) == 2
    assert message in one_line(capsys)


def test_metrics_are_strict_json_with_nan_as_a_flagged_null(tmp_path):
    data = synthetic(train=128, test=32, seed=5)
    trainer = Trainer(TrainConfig(model="lenet", epochs=2, batch_size=32), tmp_path, data=data)
    trainer.subscribe(lambda e: isinstance(e, StepEvent) and trainer.request_stop())
    assert trainer.run().reason == "stopped"  # before any epoch: the losses are NaN

    def strict(constant: str) -> None:
        raise AssertionError(f"bare {constant} in metrics.jsonl")

    lines = (tmp_path / "metrics.jsonl").read_text().splitlines()
    done = json.loads(lines[-1], parse_constant=strict)
    assert done["kind"] == "done" and done["train_loss"] is None
    assert done["nonfinite"] == {"train_loss": "nan", "train_acc": "nan", "test_acc": "nan"}
    assert math.isnan(read_metrics(tmp_path)[-1]["train_loss"])  # read back as NaN


def test_a_bad_learning_rate_in_the_api_is_named_too():
    with pytest.raises(TrainingError, match=r"--lr must be a positive, finite number \(got inf\)"):
        TrainConfig(model="lenet", lr=math.inf).check()


# Statistics files in the background -----------------------------------------------------------
def _bn(step: int) -> BNEvent:
    return BNEvent(step, {"0": BNStats(*(np.full(3, step, np.float32) for _ in range(6)))})


def test_statistics_files_are_written_in_the_background_before_the_records_after_them(tmp_path):
    log = RunLog(tmp_path / "run")
    for step in (1, 2, 3):
        log(_bn(step))
        log(GradEvent(step, {"0": float(step)}))
    log(StepEvent(3, 1, 0.5, loss=1.0, acc=0.5, lr=0.1, examples_per_sec=10.0))
    written = {p.name for p in (tmp_path / "run" / "stats").iterdir()}
    assert {
        "bn_00000001.npz",
        "grad_00000001.npz",
        "bn_00000002.npz",
        "grad_00000002.npz",
    } <= written
    log.save_checkpoint({"epoch": 1})  # every file before the checkpoint
    assert len(list((tmp_path / "run" / "stats").iterdir())) == 6
    log.close()
    with np.load(tmp_path / "run" / "stats" / "bn_00000003.npz") as saved:
        assert saved["0:gamma"].tolist() == [3.0, 3.0, 3.0]


def test_a_statistics_file_that_fails_is_reported_once_and_nothing_is_written_after_it(tmp_path):
    files = StatsFiles()
    files.submit(1, tmp_path / "missing" / "bn_00000001.npz", _bn(1))
    files.submit(2, tmp_path / "bn_00000002.npz", _bn(2))  # queued behind the failure
    with pytest.raises(FileWriteError, match=r"missing/bn_00000001\.npz"):
        files.wait()
    files.submit(3, tmp_path / "bn_00000003.npz", _bn(3))  # the run is stopping
    files.wait()  # the failure was reported already
    files.close()
    assert list(tmp_path.iterdir()) == []
