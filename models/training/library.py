"""The run library: every run folder under the runs folder, summarised for a table.

What a row shows comes from the folder's own files (``config.json``, ``metrics.jsonl``), read
without torch, so the app lists runs before torch loads and ``main.py runs`` answers at once.
A folder that is not a run, or a damaged one, is listed with what could be read, a status that
says so ("unreadable": no settings to read; "damaged": settings or records of the wrong type or
out of range, dropped) and the reason (``problem``); it never stops the listing. Renaming and
deleting act only on run folders.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from models.cache import data_home
from models.files import write_atomic
from models.training.config import TrainConfig, read_run_config
from models.training.errors import TrainingError
from models.training.records import read_records
from models.training.runs import CONFIG, METRICS, holds_run, runs_root

# A run with no closing record is "running" while its log grew this recently, else it was cut
# short ("interrupted": a killed process, a crash, a machine switched off).
RUNNING_WINDOW_S = 120.0
COLUMNS = (
    ("name", "run"),
    ("model", "model"),
    ("dataset", "data set"),
    ("lr", "lr"),
    ("batch_size", "batch"),
    ("epochs", "epochs"),
    ("train_acc", "train acc"),
    ("test_acc", "test acc"),
    ("examples_per_sec", "ex/s"),
    ("device", "device"),
    ("started", "started"),
    ("status", "status"),
)


@dataclass(frozen=True)
class RunSummary:
    """One run folder as the library lists it (NaN / "" where the folder does not say)."""

    folder: Path
    model: str
    dataset: str
    lr: float
    batch_size: int
    epochs_done: int
    epochs_asked: int
    train_acc: float
    test_acc: float
    examples_per_sec: float
    device: str
    started: float  # seconds since the epoch
    status: str  # "completed", "stopped", "error", "running", "interrupted", "unreadable",
    # "damaged"
    problem: str = ""  # why a run is unreadable or damaged: the file, the line, the field

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def finished(self) -> bool:
        """It completed every epoch it asked for: it can only train further."""
        return self.status == "completed" and 0 < self.epochs_asked <= self.epochs_done

    @property
    def resumable(self) -> bool:
        return self.status in ("stopped", "error", "interrupted") or (
            self.status == "completed" and self.epochs_done < self.epochs_asked
        )

    def cell(self, key: str) -> str:
        """The text of column ``key``."""
        value = getattr(self, key) if key != "epochs" else None
        if key == "epochs":
            return f"{self.epochs_done}/{self.epochs_asked or '?'}"
        if key == "started":
            return time.strftime("%Y-%m-%d %H:%M", time.localtime(value)) if value else "—"
        if isinstance(value, float):
            if math.isnan(value):
                return "—"
            if key == "lr":
                return f"{value:g}"
            return f"{value:,.0f}" if key == "examples_per_sec" else f"{value:.3f}"
        return str(value) if value not in ("", 0) or key == "epochs_done" else "—"

    def to_json(self) -> dict:
        data = asdict(self)
        data["folder"] = str(self.folder)
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in data.items()}


def scan_runs(root: str | os.PathLike | None = None) -> list[RunSummary]:
    """Every run folder directly under ``root`` (default: the runs folder), newest first."""
    root = Path(root) if root is not None else runs_root()
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and holds_run(p)]
    except OSError:
        return []
    return sorted((summarise(p) for p in folders), key=lambda r: r.started, reverse=True)


def _number(value: object, default: float = math.nan) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else default


def summarise(folder: Path) -> RunSummary:
    """What ``folder``'s files say about its run (their valid parts, when some are damaged)."""
    try:
        config, unreadable = read_run_config(folder), ""
    except TrainingError as exc:
        config, unreadable = {}, str(exc)
    path = folder / METRICS
    try:
        records, _, damaged = read_records(path) if path.exists() else ([], [], [])
    except OSError as exc:
        records, damaged = [], [f"unreadable ({exc.strerror or exc})"]
    more = f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else ""
    dropped = f"{path}, {damaged[0]}{more}: left out" if damaged else ""
    epochs = [r for r in records if r.get("kind") == "epoch"]
    closing = next((r for r in reversed(records) if r.get("kind") in ("done", "error")), None)
    last = epochs[-1] if epochs else {}
    rate = _number(closing.get("examples_per_sec")) if closing else math.nan
    if math.isnan(rate) and epochs:
        rate = _number(epochs[-1].get("examples_per_sec"))
    return RunSummary(
        folder=folder,
        model=str(config.get("model", "")),
        dataset=str(config.get("dataset", "")),
        lr=_number(config.get("lr")),
        batch_size=int(_number(config.get("batch_size"), 0)),
        epochs_done=max((int(_number(r.get("epoch"), 0)) for r in epochs), default=0),
        epochs_asked=int(_number(config.get("epochs"), 0)),
        train_acc=_number(last.get("train_acc")),
        test_acc=_number(last.get("test_acc")),
        examples_per_sec=rate,
        device=str(config.get("device_used", config.get("device", ""))),
        started=_number(config.get("started_at"), _created(folder)),
        status="unreadable" if unreadable else "damaged" if dropped else _status(closing, folder),
        problem="; ".join(p for p in (unreadable, dropped) if p),
    )


def _created(folder: Path) -> float:
    """A run from before ``started_at`` was recorded: its oldest file's time."""
    times = []
    for name in (CONFIG, METRICS, "stats"):
        try:
            times.append((folder / name).stat().st_mtime)
        except OSError:
            continue
    return min(times, default=0.0)


def _status(closing: dict | None, folder: Path) -> str:
    if closing is not None:
        if closing["kind"] == "error":
            return "error"
        reason = closing.get("reason")
        return reason if reason in ("completed", "stopped", "error") else "completed"
    try:
        age = time.time() - max(
            (folder / n).stat().st_mtime for n in (CONFIG, METRICS) if (folder / n).exists()
        )
    except (OSError, ValueError):
        return "interrupted"
    return "running" if age < RUNNING_WINDOW_S else "interrupted"


def format_table(runs: list[RunSummary]) -> str:
    """The library as an aligned text table (``main.py runs``), then why each unreadable or
    damaged run is so."""
    table = [[title for _, title in COLUMNS]]
    table += [[run.cell(key) for key, _ in COLUMNS] for run in runs]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    numeric = {"lr", "batch_size", "epochs", "train_acc", "test_acc", "examples_per_sec"}
    lines = [
        "  ".join(
            cell.rjust(w) if key in numeric else cell.ljust(w)
            for (key, _), cell, w in zip(COLUMNS, row, widths, strict=True)
        ).rstrip()
        for row in table
    ]
    problems = [f"{run.name} is {run.status}: {run.problem}" for run in runs if run.problem]
    return "\n".join(lines + ([""] + problems if problems else []))


def _checked_run(folder: str | os.PathLike) -> Path:
    folder = Path(folder)
    if not folder.is_dir() or not holds_run(folder):
        raise TrainingError(f"{folder} is not a run folder (it has no config.json or metrics).")
    if summarise(folder).status == "running":
        raise TrainingError(f"{folder.name} is still training: stop it first.")
    return folder


def rename_run(folder: str | os.PathLike, new_name: str) -> Path:
    """Give a run folder another name beside it; refused for a running run, a name with a path
    in it, or one already taken."""
    folder = _checked_run(folder)
    name = new_name.strip()
    if not name or name in (".", "..") or any(c in name for c in '/\\:*?"<>|') or name[0] == ".":
        raise TrainingError(
            f"{new_name!r} cannot name a run folder: use letters, digits, spaces, - and _."
        )
    target = folder.with_name(name)
    if target.exists():
        raise TrainingError(f"{target} already exists: choose another name.")
    try:
        folder.rename(target)
    except OSError as exc:
        raise TrainingError(f"cannot rename {folder}: {exc.strerror or exc}") from None
    return target


def saved_config(folder: str | os.PathLike) -> TrainConfig:
    """The settings a run saved, to resume it with (checked field by field)."""
    return TrainConfig.from_dict(read_run_config(folder), str(Path(folder) / CONFIG))


def trash_run(folder: str | os.PathLike) -> Path | None:
    """Move a run folder to the user's trash and return where it went; None where this
    platform's trash is not one we can write (Windows: the app then uses Qt's, or asks).

    Linux and the BSDs: the freedesktop.org trash in the data folder (``Trash/files`` with a
    ``.trashinfo`` that file managers read to restore it); macOS: ``~/.Trash``."""
    folder = _checked_run(folder).resolve()
    if sys.platform == "win32":
        return None
    if sys.platform == "darwin":
        files, info = Path.home() / ".Trash", None
    else:
        trash = data_home() / "Trash"
        files, info = trash / "files", trash / "info"
    name = folder.name
    for n in range(2, 10_000):
        if not (files / name).exists() and not (info and (info / f"{name}.trashinfo").exists()):
            break
        name = f"{folder.name}.{n}"
    try:
        files.mkdir(parents=True, exist_ok=True)
        if info is not None:
            info.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
            write_atomic(
                info / f"{name}.trashinfo",
                f"[Trash Info]\nPath={quote(str(folder))}\nDeletionDate={stamp}\n",
            )
        shutil.move(str(folder), files / name)
    except OSError as exc:
        raise TrainingError(f"cannot move {folder} to the trash: {exc.strerror or exc}") from None
    return files / name


def delete_run(folder: str | os.PathLike) -> None:
    """Remove a run folder for good (the app moves it to the trash where it can, and asks
    first where it cannot)."""
    folder = _checked_run(folder)
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise TrainingError(f"cannot delete {folder}: {exc.strerror or exc}") from None
