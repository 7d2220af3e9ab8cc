"""Following a run folder another process writes (models/training/follow.py), on real run folders
written by the trainer, fed to the follower the way a growing, synced or restarted folder is."""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from models.data.synthetic import synthetic
from models.files import write_atomic
from models.training.config import TrainConfig
from models.training.events import (
    ActEvent,
    BNEvent,
    DoneEvent,
    EpochEvent,
    ErrorEvent,
    GradEvent,
    StartEvent,
    StepEvent,
)
from models.training.follow import (
    FAILED,
    FINISHED,
    NO_RUN,
    OUT_OF_REACH,
    QUIET,
    RESTARTED,
    RUNNING,
    STOPPED,
    WAITING,
    FollowStatus,
    RunFollower,
)
from models.training.trainer import Trainer


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """A finished run folder and the events its trainer sent."""
    folder = tmp_path_factory.mktemp("follow") / "run"
    config = TrainConfig(
        model="lenet-bn", epochs=2, device="cpu", batch_size=64, capture_every=2, log_every=2
    )
    trainer = Trainer(config, folder, data=synthetic(train=384, test=128))  # the panel tests' set
    events: list = []
    trainer.subscribe(events.append)
    trainer.run()
    return folder, events


class Recorder:
    def __init__(self) -> None:
        self.events: list = []

    def __call__(self, event) -> None:
        self.events.append(event)

    def of(self, *kinds: type) -> list:
        return [e for e in self.events if isinstance(e, kinds)]

    @property
    def states(self) -> list[str]:
        return [e.state for e in self.of(FollowStatus)]


def same(a, b) -> bool:
    """Events equal field by field (arrays by value)."""
    left, right = asdict(a), asdict(b)
    if isinstance(a, ActEvent):  # the file keeps float32 counts and edges
        return (
            a.step == b.step
            and a.layers.keys() == b.layers.keys()
            and all(
                np.allclose(a.layers[k].counts, b.layers[k].counts)
                and np.allclose(
                    [a.layers[k].low, a.layers[k].high], [b.layers[k].low, b.layers[k].high]
                )
                for k in a.layers
            )
        )
    if isinstance(a, BNEvent):
        return (
            a.step == b.step
            and all(
                np.array_equal(getattr(a.layers[k], f), getattr(b.layers[k], f))
                for k in a.layers
                for f in ("batch_mean", "batch_var", "running_mean", "running_var", "gamma", "beta")
            )
            and a.layers.keys() == b.layers.keys()
        )
    return left == right


def copy_growing(source: Path, target: Path, metrics_bytes: int | None) -> None:
    """``target`` as ``source`` looked when its log held ``metrics_bytes`` bytes."""
    target.mkdir(exist_ok=True)
    shutil.copy(source / "config.json", target / "config.json")
    data = (source / "metrics.jsonl").read_bytes()
    with (target / "metrics.jsonl").open("ab") as file:
        have = file.tell()
        file.write(data[have : metrics_bytes if metrics_bytes is not None else len(data)])


def test_a_followed_run_gives_the_trainers_own_events(written, tmp_path: Path) -> None:
    folder, sent = written
    seen = Recorder()
    follower = RunFollower(folder, seen)
    assert follower.poll()
    for kind in (StepEvent, EpochEvent, DoneEvent):
        ours, theirs = seen.of(kind), [e for e in sent if isinstance(e, kind)]
        assert len(ours) == len(theirs) > 0 and all(map(same, ours, theirs)), kind
    for kind in (BNEvent, GradEvent, ActEvent):  # the statistics files, activations' too
        ours = sorted(seen.of(kind), key=lambda e: e.step)
        theirs = [
            e for e in sent if isinstance(e, kind) and (e.norms if kind is GradEvent else e.layers)
        ]
        assert len(ours) == len(theirs) > 1 and all(map(same, ours, theirs)), kind
    (start,) = seen.of(StartEvent)
    (theirs,) = [e for e in sent if isinstance(e, StartEvent)]
    assert start.module_paths == theirs.module_paths and start.steps_per_epoch == 6
    assert start.config["model"] == "lenet-bn" and follower.model == "lenet-bn"
    assert seen.states == [FINISHED]  # a finished run read at once: no "running" on the way
    assert not follower.poll()  # nothing new


def test_a_growing_log_with_a_half_written_line(written, tmp_path: Path) -> None:
    folder, _ = written
    live = tmp_path / "live"
    seen = Recorder()
    follower = RunFollower(live, seen)
    follower.poll()
    assert follower.status.state == WAITING and follower.status.reason == OUT_OF_REACH
    live.mkdir()
    follower.poll()
    assert follower.status.reason == NO_RUN  # a folder, but no run in it yet
    lines = (folder / "metrics.jsonl").read_bytes().split(b"\n")
    first = len(lines[0]) + 1
    copy_growing(folder, live, first + 10)  # one line and the start of the next
    follower.poll()
    assert follower.status.state == RUNNING and len(seen.of(StepEvent)) == 1
    copy_growing(folder, live, first + len(lines[1]))  # the second line, still no newline
    follower.poll()
    assert len(seen.of(StepEvent)) == 1
    copy_growing(folder, live, None)
    follower.poll()
    assert len(seen.of(StepEvent)) == len(lines) - 4  # less 2 epochs, done, the empty tail
    assert follower.status.state == FINISHED and not seen.of(FollowStatus)[-1].restarted


def test_a_synced_copy_reads_on_and_a_resumed_writer_starts_over(written, tmp_path: Path) -> None:
    folder, _ = written
    live = tmp_path / "live"
    data = (folder / "metrics.jsonl").read_bytes()
    half = data.index(b'"kind": "epoch"')
    copy_growing(folder, live, half)
    seen = Recorder()
    follower = RunFollower(live, seen)
    follower.poll()
    steps = len(seen.of(StepEvent))
    # rsync replaces the file with a new copy holding the same start and more
    write_atomic(live / "metrics.jsonl", data)
    follower.poll()
    assert not any(s.restarted for s in seen.of(FollowStatus))
    assert len(seen.of(StepEvent)) == len(data.split(b"\n")) - 4 > steps
    assert follower.status.state == FINISHED
    # a resume rewrites the log without the closing records: the follower starts over
    kept = b"".join(line + b"\n" for line in data.split(b"\n") if b'"done"' not in line and line)
    write_atomic(live / "metrics.jsonl", kept[: kept.index(b'"kind": "epoch", "epoch": 2')])
    before = len(seen.events)
    follower.poll()
    again = seen.events[before:]
    assert isinstance(again[0], FollowStatus) and again[0].restarted
    assert again[0].reason == RESTARTED
    # the resumed writer rewrites config.json (here: more epochs): a new StartEvent says so
    config = (live / "config.json").read_text().replace('"epochs": 2', '"epochs": 5')
    write_atomic(live / "config.json", config)
    follower.poll()
    assert seen.of(StartEvent)[-1].config["epochs"] == 5
    assert isinstance(again[1], StartEvent)  # the views drop what they showed and draw again
    assert follower.status.state == RUNNING


def test_a_folder_that_disappears_for_a_while(written, tmp_path: Path) -> None:
    folder, _ = written
    live = tmp_path / "live"
    shutil.copytree(folder, live)
    seen = Recorder()
    follower = RunFollower(live, seen)
    follower.poll()
    count = len(seen.events)
    live.rename(tmp_path / "away")
    follower.poll()
    assert follower.status.state == WAITING and follower.status.reason == OUT_OF_REACH
    (tmp_path / "away").rename(live)
    follower.poll()
    assert follower.status.state == FINISHED
    assert len([e for e in seen.events[count:] if not isinstance(e, FollowStatus)]) == 0


@pytest.mark.parametrize(
    ("closing", "state"),
    [
        ('{"kind": "done", "reason": "stopped", "epoch": 0, "step": 2, "train_loss": null, '
         '"train_acc": null, "test_acc": null, "examples_per_sec": 0.0, "device": "cpu", '
         '"nonfinite": {"train_loss": "nan", "train_acc": "nan", "test_acc": "nan"}}', STOPPED),
        ('{"kind": "error", "message": "rank 1 of 2: out of memory"}', FAILED),
    ],
)  # fmt: skip
def test_how_a_run_ended(written, tmp_path: Path, closing: str, state: str) -> None:
    folder, _ = written
    live = tmp_path / "live"
    copy_growing(folder, live, len((folder / "metrics.jsonl").read_bytes().split(b"\n")[0]) + 1)
    with (live / "metrics.jsonl").open("a") as file:
        file.write(closing + "\n")
    seen = Recorder()
    follower = RunFollower(live, seen)
    follower.poll()
    assert follower.status.state == state
    if state == FAILED:
        assert follower.status.detail == "rank 1 of 2: out of memory"
        assert seen.of(ErrorEvent) == [ErrorEvent("rank 1 of 2: out of memory")]


def test_a_statistics_file_caught_half_copied_is_read_when_complete(written, tmp_path) -> None:
    folder, _ = written
    live = tmp_path / "live"
    copy_growing(folder, live, None)
    (live / "stats").mkdir()
    name = sorted(os.listdir(folder / "stats"))[0]
    whole = (folder / "stats" / name).read_bytes()
    (live / "stats" / name).write_bytes(whole[: len(whole) // 2])
    seen = Recorder()
    follower = RunFollower(live, seen)
    follower.poll()
    assert not seen.of(BNEvent, GradEvent)
    (live / "stats" / name).write_bytes(whole)
    follower.poll()
    assert len(seen.of(BNEvent, GradEvent)) == 1


def test_polls_come_sooner_after_a_change(written) -> None:
    folder, _ = written
    now = [0.0]
    follower = RunFollower(folder, Recorder(), clock=lambda: now[0])
    follower.poll()
    fast = follower.next_poll_s
    for _ in range(10):
        follower.poll()
    assert follower.next_poll_s > fast


def test_a_run_without_news_is_said_to_be_quiet(written, tmp_path: Path) -> None:
    folder, _ = written
    live = tmp_path / "live"
    copy_growing(folder, live, len((folder / "metrics.jsonl").read_bytes().split(b"\n")[0]) + 1)
    now = [0.0]
    follower = RunFollower(live, Recorder(), clock=lambda: now[0])
    follower.poll()
    assert follower.status == FollowStatus(RUNNING)
    now[0] = 185.0
    follower.poll()
    assert follower.status.reason == QUIET and follower.status.quiet_min == 3
    assert follower.status.state == RUNNING  # a quiet run may still be computing
