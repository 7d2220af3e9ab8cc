"""A damaged record in a run folder (a field of the wrong type or out of range in metrics.jsonl or
config.json) is dropped and named by every reader alike: the run library (``main.py runs``, its
JSON), the curves, a resume and a follower; the other runs and the record's neighbours still
show. Real run folders written by the trainer, damaged the way an editor or a bad copy does."""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from models.data.synthetic import synthetic
from models.training.config import TrainConfig, read_run_config
from models.training.curves import read_run
from models.training.errors import TrainingError
from models.training.follow import RUNNING, FollowStatus, RunFollower
from models.training.library import format_table, scan_runs, summarise
from models.training.records import FIELD_RULES, KINDS, decode, read_records
from models.training.trainer import Trainer
from tests.procs import run_main


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("records") / "good"
    config = TrainConfig(model="lenet", epochs=1, lr=0.9, batch_size=64, capture_every=0)
    Trainer(config, folder, data=synthetic(train=128, test=64, seed=3)).run()
    return folder


def copy_run(good: Path, where: Path, line: str = "", **config) -> Path:
    """A copy of the good run with ``line`` appended to its log and ``config`` set in its
    config.json (written as Python's json writes them: NaN and Infinity included)."""
    folder = where / "bad"
    shutil.copytree(good, folder)
    if line:
        with open(folder / "metrics.jsonl", "a", encoding="utf-8") as log:
            log.write(line + "\n")
    if config:
        saved = json.loads((folder / "config.json").read_text())
        (folder / "config.json").write_text(json.dumps({**saved, **config}))
    return folder


DAMAGED_LINES = [
    ('{"kind": "epoch", "epoch": NaN, "epochs": 1}', "'epoch' must be a whole number"),
    ('{"kind": "epoch", "epoch": 1e400, "epochs": 1}', "'epoch' must be a whole number"),
    ('{"kind": "epoch", "epoch": 1e300, "epochs": 1}', "'epoch' must be a whole number"),
    ('{"kind": "epoch", "epoch": 1' + "0" * 300 + ', "epochs": 1}', "not 10{38}…$"),
    ('{"kind": "epoch", "epoch": null, "epochs": 1, "nonfinite": {"epoch": "nan"}}', "'epoch'"),
    ('{"kind": "epoch", "epoch": 2, "epochs": 2, "train_loss": 1.0, "train_acc": 7, '
     '"test_acc": 0.5, "seconds": 1, "examples_per_sec": 10}', "'train_acc' must be a fraction"),
    ('{"kind": "step", "step": -3, "epoch": 1, "frac_epoch": 0.5, "loss": 1, "acc": 0.5, '
     '"lr": 0.1, "examples_per_sec": 1}', "'step' must be a whole number"),
    ('{"kind": "step", "step": 3, "epoch": 1, "frac_epoch": 0.5, "loss": "low", "acc": 0.5, '
     '"lr": 0.1, "examples_per_sec": 1}', "'loss' must be a number"),
    ('{"kind": "done", "reason": "completed", "epoch": 1, "step": 2, "train_loss": 1, '
     '"train_acc": 0.5, "test_acc": 0.5, "examples_per_sec": -Infinity, "device": "cpu"}',
     "'examples_per_sec' must be a number ≥ 0"),
    ('{"kind": "epoch", "epoch": 1}', "the epoch record lacks 'epochs'"),
    ('{"kind": "step", "nonfinite": {"loss": "huge"}}', "'nonfinite' names no non-finite"),
]  # fmt: skip


def test_every_field_of_every_record_has_a_rule():
    assert {f.name for kind in KINDS.values() for f in fields(kind)} <= set(FIELD_RULES)


@pytest.mark.parametrize(("line", "why"), DAMAGED_LINES)
def test_a_record_of_the_wrong_type_or_out_of_range_is_refused_saying_why(line, why):
    with pytest.raises(ValueError, match=why.replace("(", r"\(")):
        decode(line)


def test_what_a_run_may_log_still_reads():
    """A diverged run's NaN loss and accuracy, an infinite loss, a kind from a newer version."""
    nan_loss = '{"kind": "step", "step": 1, "epoch": 1, "frac_epoch": 0.1, "loss": null, '
    nan_loss += '"acc": null, "lr": 0.1, "examples_per_sec": 5, '
    nan_loss += '"nonfinite": {"loss": "inf", "acc": "nan"}}'
    record = decode(nan_loss)
    assert record["loss"] == math.inf and math.isnan(record["acc"])
    assert decode('{"kind": "lesson-mark", "at": "anything"}')["at"] == "anything"


def test_the_library_lists_a_damaged_run_with_why_and_the_others_still_show(good, tmp_path):
    shutil.copytree(good, tmp_path / "good")
    copy_run(good, tmp_path, DAMAGED_LINES[0][0])
    runs = {run.name: run for run in scan_runs(tmp_path)}
    assert runs["good"].status == "completed" and not runs["good"].problem
    bad = runs["bad"]
    assert bad.status == "damaged" and not bad.resumable
    assert "metrics.jsonl, line" in bad.problem and "'epoch' must be a whole" in bad.problem
    # the rest of its log still counts: its one finished epoch and its accuracy
    assert bad.epochs_done == 1 and bad.test_acc == runs["good"].test_acc
    assert format_table(list(runs.values())).splitlines()[-1].startswith("bad is damaged: ")


@pytest.mark.parametrize(
    ("config", "why"),
    [
        ({"lr": math.nan}, "'lr' must be a positive, finite number, not nan"),
        ({"epochs": 1e300}, "'epochs' must be a whole number"),
        ({"batch_size": math.inf}, "'batch_size' must be a whole number"),
        ({"started_at": -math.inf}, "'started_at' must be a time"),
        ({"module_paths": [1, 2]}, "'module_paths' must be a list of module paths"),
    ],
)
def test_settings_of_the_wrong_type_make_the_run_unreadable_saying_why(good, tmp_path, config, why):
    bad = summarise(copy_run(good, tmp_path, **config))
    assert bad.status == "unreadable" and why in bad.problem and bad.epochs_asked == 0
    with pytest.raises(TrainingError, match=why.split(",")[0]):
        read_run_config(tmp_path / "bad")


def test_cli_lists_every_run_in_the_table_and_json(good, tmp_path):
    shutil.copytree(good, tmp_path / "good")
    copy_run(good, tmp_path, '{"kind": "epoch", "epoch": 1e300, "epochs": 1}', lr=math.nan)
    table = run_main("runs", "--root", str(tmp_path))
    assert table.returncode == 0 and "Traceback" not in table.stderr, table.stderr
    row = next(line for line in table.stdout.splitlines() if line.startswith("bad "))
    assert "2 runs in" in table.stdout and "unreadable" in row and len(row) < 200
    assert "bad is unreadable: " in table.stdout and "'lr' must be" in table.stdout
    listed = run_main("runs", "--json", "--root", str(tmp_path))
    assert listed.returncode == 0, listed.stderr
    rows = {Path(r["folder"]).name: r for r in json.loads(listed.stdout)["runs"]}
    assert rows["good"]["status"] == "completed" and rows["good"]["problem"] == ""
    assert rows["bad"]["status"] == "unreadable" and "'epoch' must be" in rows["bad"]["problem"]


def test_curves_leave_a_damaged_record_out(good, tmp_path):
    bad = copy_run(good, tmp_path, DAMAGED_LINES[5][0])
    assert len(read_run(bad).records) == len(read_run(good).records)
    log = read_records(bad / "metrics.jsonl")
    assert len(log.damaged) == 1 and "'train_acc' must be a fraction" in log.notes[0]


def test_a_follower_skips_damaged_lines_and_says_so_once(good, tmp_path):
    bad = copy_run(good, tmp_path)
    lines = (bad / "metrics.jsonl").read_text().splitlines(keepends=True)
    lines[2:2] = [DAMAGED_LINES[0][0] + "\n", DAMAGED_LINES[6][0] + "\n"]
    (bad / "metrics.jsonl").write_text("".join(lines))
    said: list = []
    follower = RunFollower(bad, said.append)
    follower.poll()
    statuses = [s for s in said if isinstance(s, FollowStatus)]
    assert statuses[-1].damaged == 2 and statuses[-1].state != RUNNING  # it finished
    assert [s.damaged for s in statuses].count(2) == 1  # said once, not per poll or line
    heard: list = []
    RunFollower(good, heard.append).poll()
    events = [e for e in said if not isinstance(e, FollowStatus)]
    assert events == [e for e in heard if not isinstance(e, FollowStatus)]  # the rest came
    follower.poll()
    assert [s for s in said if isinstance(s, FollowStatus)] == statuses
