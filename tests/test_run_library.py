"""The run library without Qt: what a row says about a real run folder, the CLI's table and
JSON, renaming and deleting, and a run resumed from the library's row."""

from __future__ import annotations

import json
import math

import pytest

from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.errors import TrainingError
from models.training.events import EpochEvent
from models.training.library import (
    delete_run,
    format_table,
    rename_run,
    scan_runs,
    summarise,
    trash_run,
)
from models.training.trainer import Trainer
from tests.procs import run_main


def _train(folder, epochs=1, stop_after=None, model="lenet", lr=0.9):
    trainer = Trainer(
        TrainConfig(model=model, epochs=epochs, lr=lr, batch_size=64, capture_every=0),
        folder,
        data=synthetic(train=128, test=64, seed=11),
    )
    if stop_after is not None:
        trainer.subscribe(lambda e: isinstance(e, EpochEvent) and trainer.request_stop())
    return trainer.run()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("library")
    _train(root / "a-completed", epochs=2)
    _train(root / "b-stopped", epochs=3, stop_after=1, model="lenet-bn", lr=1.0)
    (root / "not-a-run").mkdir()
    (root / "c-damaged").mkdir()
    (root / "c-damaged" / "config.json").write_text("{cut off")
    return root


def test_rows_say_what_each_run_folder_holds(library):
    runs = {r.name: r for r in scan_runs(library)}
    assert set(runs) == {"a-completed", "b-stopped", "c-damaged"}  # the empty folder is no run
    done = runs["a-completed"]
    assert (done.model, done.dataset, done.lr, done.batch_size) == ("lenet", "synthetic", 0.9, 64)
    assert (done.epochs_done, done.epochs_asked, done.status) == (2, 2, "completed")
    assert 0 <= done.train_acc <= 1 and 0 <= done.test_acc <= 1 and done.examples_per_sec > 0
    assert done.device == "cpu" and done.started > 0 and not done.resumable
    stopped = runs["b-stopped"]
    assert stopped.status == "stopped" and stopped.epochs_done == 1 and stopped.resumable
    damaged = runs["c-damaged"]
    assert damaged.status == "unreadable" and math.isnan(damaged.test_acc)
    assert damaged.cell("test_acc") == "—" and done.cell("epochs") == "2/2"


def test_cli_prints_the_table_and_json(library):
    table = run_main("runs", "--root", str(library))
    assert table.returncode == 0, table.stderr
    assert "3 runs in" in table.stdout and "a-completed" in table.stdout
    header = next(line for line in table.stdout.splitlines() if line.startswith("run "))
    for title in ("model", "lr", "epochs", "train acc", "test acc", "ex/s", "device", "status"):
        assert title in header
    assert format_table(scan_runs(library)).splitlines()[0] == header
    data = json.loads(run_main("runs", "--json", "--root", str(library)).stdout)
    rows = {r["folder"].rsplit("/", 1)[-1]: r for r in data["runs"]}
    assert rows["a-completed"]["epochs_done"] == 2 and rows["c-damaged"]["test_acc"] is None
    empty = run_main("runs", "--root", str(library / "not-a-run"))
    assert "No runs in" in empty.stdout


def test_rename_and_delete_touch_only_run_folders(tmp_path):
    _train(tmp_path / "run")
    renamed = rename_run(tmp_path / "run", "my lenet")
    assert renamed.name == "my lenet" and summarise(renamed).status == "completed"
    for bad in ("", "a/b", "..", ".hidden"):
        with pytest.raises(TrainingError, match="cannot name"):
            rename_run(renamed, bad)
    (tmp_path / "taken").mkdir()
    with pytest.raises(TrainingError, match="already exists"):
        rename_run(renamed, "taken")
    with pytest.raises(TrainingError, match="not a run folder"):
        delete_run(tmp_path / "taken")
    delete_run(renamed)
    assert not renamed.exists() and (tmp_path / "taken").exists()


def test_a_stopped_run_resumes_from_its_row(tmp_path):
    _train(tmp_path / "run", epochs=2, stop_after=1)
    row = summarise(tmp_path / "run")
    assert row.resumable
    started = row.started
    done = Trainer.from_run(row.folder, data=synthetic(train=128, test=64, seed=11)).run()
    assert done.reason == "completed" and done.epoch == 2
    after = summarise(tmp_path / "run")
    assert (after.status, after.epochs_done, after.started) == ("completed", 2, started)


def test_trash_keeps_the_run_restorable(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    for _ in range(2):  # the second run of the same name gets a name of its own in the trash
        _train(tmp_path / "runs" / "lenet-x")
        trashed = trash_run(tmp_path / "runs" / "lenet-x")
    assert trashed == tmp_path / "home" / "Trash" / "files" / "lenet-x.2"
    assert (trashed / "config.json").exists() and not (tmp_path / "runs" / "lenet-x").exists()
    info = (tmp_path / "home" / "Trash" / "info" / "lenet-x.2.trashinfo").read_text()
    assert info.startswith("[Trash Info]\nPath=/") and "lenet-x\nDeletionDate=" in info
