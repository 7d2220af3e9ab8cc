"""Follow a run folder that another process writes: ``main.py train`` in a terminal, torchrun on
a GPU server, a cluster job, seen through a shared or synced folder (NFS, sshfs, rsync).

:class:`RunFollower` turns what appears in the folder into the trainer's own events
(:mod:`models.training.events`), so a view draws a followed run exactly as a run of its own, and
into :class:`FollowStatus` events that say where the run is: "waiting" (no run there yet, or the
folder is out of reach for a while), "running", "finished", "stopped" or "failed".

It only reads, and survives what such folders do: a last line still being written (kept until
its newline comes), a writer that restarts (``--resume`` rewrites ``metrics.jsonl`` without the
epoch a crash cut short: the follower starts over, saying so), a sync tool that replaces the
files with copies (same bytes so far: it reads on), a statistics file caught half copied (read
again at the next poll), and a folder that disappears for a while (it waits, keeping what it
showed). No torch and no Qt: the app calls :meth:`RunFollower.poll` when the file system
notifies it and on a timer (network file systems do not notify), at :attr:`next_poll_s`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from models.training.config import check_run_config, read_run_config
from models.training.errors import TrainingError
from models.training.events import (
    ActEvent,
    ActHistogram,
    BNEvent,
    BNStats,
    DoneEvent,
    EpochEvent,
    ErrorEvent,
    Event,
    GradEvent,
    StartEvent,
    StepEvent,
)
from models.training.records import decode
from models.training.runs import CONFIG, METRICS

WAITING, RUNNING, FINISHED, STOPPED, FAILED = "waiting", "running", "finished", "stopped", "failed"
ENDED = (FINISHED, STOPPED, FAILED)
STATS_PER_POLL = 64  # statistics files read in one poll: a long run's backlog comes in parts
STATS_RETRIES = 5  # polls a statistics file may stay unreadable (being copied) before it is skipped
POLL_FAST_S = 0.5  # after a change
POLL_SLOW_S = 5.0  # the longest wait between polls of a quiet run
QUIET_S = 120.0  # a running run with no new record for this long is said to be quiet
_STATS_FILE = re.compile(r"(bn|grad|hist)_(\d+)\.npz")
_CLOSING = {"completed": FINISHED, "stopped": STOPPED, "error": FAILED}
# why a follower waits or what it noticed: FollowStatus.reason (a view words it in its language)
NO_RUN, OUT_OF_REACH, NOT_A_RUN, RESTARTED, QUIET = (
    "no run",
    "out of reach",
    "not a run",
    "restarted",
    "quiet",
)
_WORDS = {
    NO_RUN: "no run in this folder yet",
    OUT_OF_REACH: "the run folder is out of reach; waiting for it to come back",
    RESTARTED: "the run was restarted; reading it again",
}


@dataclass(frozen=True)
class FollowStatus:
    """Where the followed run is. ``restarted``: the writer started over (a resume) and the
    events from the beginning of the run follow again: drop what was shown."""

    state: str  # WAITING, RUNNING, FINISHED, STOPPED or FAILED
    detail: str = ""  # in words: why waiting, the error of a failed run, "no new record for …"
    restarted: bool = False
    reason: str = ""  # NO_RUN, OUT_OF_REACH, NOT_A_RUN, RESTARTED, QUIET, or "" (the error)
    quiet_min: int = 0  # with QUIET: minutes since the last record
    damaged: int = 0  # lines of the log skipped as damaged (said once, with the status)


FollowListener = Callable[[Event | FollowStatus], None]


def _event(kind: type, record: dict):
    """A trainer event from its record (fields a newer or older writer adds or lacks: their
    defaults)."""
    names = {f.name for f in fields(kind)}
    return kind(**{k: v for k, v in record.items() if k in names})


def run_model(folder: str | os.PathLike) -> str | None:
    """The model a run folder trains, from its config.json (None: no valid config yet)."""
    try:
        return read_run_config(folder)["model"]
    except TrainingError:
        return None


class RunFollower:
    """Reads ``folder`` as it grows; each :meth:`poll` sends what is new to ``listener``."""

    def __init__(
        self, folder: str | os.PathLike, listener: FollowListener, clock=time.monotonic
    ) -> None:
        self.folder = Path(folder)
        self.listener = listener
        self.clock = clock
        self.status = FollowStatus(WAITING, _WORDS[NO_RUN], reason=NO_RUN)
        self.model: str | None = None  # the run's model, once config.json was read
        self.notes: list[str] = []  # lines that could not be read, files skipped
        self._last_change = clock()
        self._interval = POLL_FAST_S
        self._backlog = False
        self._start_over()

    def _start_over(self) -> None:
        self._config_seen: tuple | None = None  # (inode, size, mtime) of the config.json sent
        self._identity: tuple[int, int] | None = None  # (device, inode) of the metrics read
        self._offset = 0
        self._digest = hashlib.blake2b()  # of the metrics bytes read so far
        self._partial = b""  # a last line without its newline yet
        self._stats_done: set[str] = set()
        self._stats_tries: dict[str, int] = {}
        self._ended: str | None = None  # the state a closing record put the run in
        self._detail = ""
        self._damaged = 0  # lines of the log skipped

    @property
    def next_poll_s(self) -> float:
        """When to poll again without a notification: at once while a backlog of statistics
        remains, soon after a change, backing off while the run is quiet or over."""
        return 0.0 if self._backlog else self._interval

    def watched_paths(self) -> list[Path]:
        """What a file-system watcher should watch (those that exist): the folder, the log and
        the statistics folder."""
        paths = [self.folder, self.folder / METRICS, self.folder / "stats"]
        return [p for p in paths if p.exists()]

    def poll(self) -> bool:
        """Read what is new; True when anything was."""
        if not self.folder.is_dir():
            self._say(WAITING, OUT_OF_REACH)
            return self._quiet()
        changed = self._read_config()
        if self._config_seen is None:
            self._say(WAITING, NO_RUN)
            return self._quiet()
        changed |= self._read_metrics()
        changed |= self._read_stats()
        if self._ended:
            self._set(self._ended, self._detail)
        elif changed or self.status.state == WAITING:
            self._set(RUNNING, "")
        if changed:
            self._last_change = self.clock()
            self._interval = POLL_FAST_S
            return True
        return self._quiet()

    def _quiet(self) -> bool:
        self._interval = min(POLL_SLOW_S, self._interval * 1.5)
        quiet = self.clock() - self._last_change
        if self.status.state == RUNNING and quiet >= QUIET_S:
            minutes = round(quiet / 60)
            detail = f"no new record for {minutes} min"
            self._set(RUNNING, detail, reason=QUIET, quiet_min=minutes)
        return False

    def _say(self, state: str, reason: str, restarted: bool = False) -> None:
        self._set(state, _WORDS[reason], restarted=restarted, reason=reason)

    def _set(self, state: str, detail: str, **more) -> None:
        status = FollowStatus(state, detail, damaged=self._damaged, **more)
        if status != self.status or status.restarted:
            self.status = status
            self.listener(status)

    # config.json --------------------------------------------------------------------------

    def _read_config(self) -> bool:
        path = self.folder / CONFIG
        try:
            stat = path.stat()
            if self._config_seen == (stat.st_ino, stat.st_size, stat.st_mtime_ns):
                return False
            config = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not there yet, or caught mid-copy: the next poll
            return False
        try:
            check_run_config(config, str(path))
        except TrainingError as exc:
            self._set(WAITING, str(exc), reason=NOT_A_RUN)
            return False
        self._config_seen = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        self._send_start(config)  # again when a resume rewrote it (more epochs, other ranks)
        return True

    def _send_start(self, config: dict) -> None:
        self.model = config["model"]
        self.listener(
            StartEvent(
                config,
                str(config.get("device_used", config.get("device", ""))),
                int(config.get("steps_per_epoch") or 0),
                0,
                (),
                tuple(config.get("module_paths") or ()),
            )
        )

    # metrics.jsonl ------------------------------------------------------------------------

    def _read_metrics(self) -> bool:
        path = self.folder / METRICS
        try:
            with path.open("rb") as file:
                stat = os.fstat(file.fileno())
                identity = (stat.st_dev, stat.st_ino)
                if identity != self._identity or stat.st_size < self._offset:
                    if not self._same_start(file):
                        self._restart()
                        return True
                    self._identity = identity
                if stat.st_size == self._offset:
                    return False
                file.seek(self._offset)
                data = file.read()
        except OSError:
            return False  # not written yet, or replaced while being read: the next poll
        self._offset += len(data)
        self._digest.update(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for line in lines:
            self._take(line)
        return True

    def _same_start(self, file) -> bool:
        """Whether ``file`` begins with the bytes read so far (a sync tool's fresh copy of the
        same, growing log), not with another session's rewritten one."""
        if self._offset == 0:
            return True
        digest = hashlib.blake2b()
        left = self._offset
        while left:
            chunk = file.read(min(left, 1 << 20))
            if not chunk:
                return False
            digest.update(chunk)
            left -= len(chunk)
        return digest.digest() == self._digest.digest()

    def _restart(self) -> None:
        """The writer started over (a resume): say so, then read the run from its start."""
        self._start_over()
        self._say(RUNNING, RESTARTED, restarted=True)
        self._read_config()
        self._read_metrics()

    def _take(self, line: bytes) -> None:
        if not line.strip():
            return
        try:
            record = decode(line.decode("utf-8"))
            event = self._record_event(record)
        except (ValueError, RecursionError, KeyError, TypeError, AttributeError) as exc:
            self._damaged += 1
            self.notes.append(f"skipped a damaged line of {self.folder / METRICS}: {exc}")
            return
        if event is not None:
            self.listener(event)

    def _record_event(self, record: dict) -> Event | None:
        kind = record["kind"]
        if kind == "step":
            self._ended = None  # a later session goes on after a closing record
            return _event(StepEvent, record)
        if kind == "epoch":
            return _event(EpochEvent, record)
        if kind == "done":
            event = _event(DoneEvent, record)
            if event.reason != "error":  # the error record before it said why
                self._ended, self._detail = _CLOSING.get(event.reason, STOPPED), ""
            return event
        if kind == "error":
            self._ended, self._detail = FAILED, str(record["message"])
            return ErrorEvent(str(record["message"]))
        return None  # a kind of record from a newer version: not ours to show

    # stats/*.npz --------------------------------------------------------------------------

    def _read_stats(self) -> bool:
        try:
            names = os.listdir(self.folder / "stats")
        except OSError:
            return False
        pending = sorted(
            (int(m[2]), m[1], name)
            for name in names
            if name not in self._stats_done and (m := _STATS_FILE.fullmatch(name))
        )
        self._backlog = len(pending) > STATS_PER_POLL
        for step, kind, name in pending[:STATS_PER_POLL]:
            event = self._stats_event(step, kind, self.folder / "stats" / name)
            if event is not None:
                self._stats_done.add(name)
                self.listener(event)
        return bool(pending)

    def _stats_event(
        self, step: int, kind: str, path: Path
    ) -> BNEvent | GradEvent | ActEvent | None:
        try:
            with np.load(path, allow_pickle=False) as arrays:
                values = {key: arrays[key] for key in arrays.files}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:  # half copied: retry
            tries = self._stats_tries[path.name] = self._stats_tries.get(path.name, 0) + 1
            if tries >= STATS_RETRIES:
                self._stats_done.add(path.name)
                self.notes.append(f"skipped {path}: {exc}")
            return None
        if kind == "grad":
            return GradEvent(step, {layer: float(v) for layer, v in values.items()})
        layers: dict[str, dict[str, np.ndarray]] = {}
        for key, value in values.items():
            layer, _, field = key.rpartition(":")
            layers.setdefault(layer, {})[field] = value
        if kind == "hist":
            return ActEvent(
                step,
                {
                    layer: ActHistogram(float(p["range"][0]), float(p["range"][1]), p["counts"])
                    for layer, p in layers.items()
                    if "counts" in p and "range" in p
                },
            )
        wanted = [f.name for f in fields(BNStats)]
        return BNEvent(
            step,
            {
                layer: BNStats(**{f: parts[f] for f in wanted})
                for layer, parts in layers.items()
                if all(f in parts for f in wanted)
            },
        )
