"""Where run folders live, and the rule that a run is never overwritten.

Runs go to the user's data folder (what Qt calls ``AppDataLocation``: ``$XDG_DATA_HOME`` or
``~/.local/share`` on Linux, ``~/Library/Application Support`` on macOS, ``%APPDATA%`` on
Windows), under ``NetAtlas/runs``, whatever folder a command was started in;
``NETATLAS_RUNS_DIR`` moves them (tests, labs with a shared disk). No torch, no Qt: the app asks
before either is loaded.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

from models.cache import data_home
from models.files import write_error
from models.training.errors import TrainingError

RUNS_ENV = "NETATLAS_RUNS_DIR"
CHECKPOINT = "checkpoint.pt"
CONFIG = "config.json"
METRICS = "metrics.jsonl"
RUN_FILES = (CONFIG, METRICS, CHECKPOINT)


def runs_root() -> Path:
    """The folder that holds the run folders."""
    override = os.environ.get(RUNS_ENV)
    return Path(override).expanduser() if override else data_home() / "NetAtlas" / "runs"


def holds_run(folder: str | os.PathLike) -> bool:
    return any((Path(folder) / name).exists() for name in RUN_FILES)


def _model_of(folder: Path) -> str | None:
    from models.training.config import read_run_config  # which imports this module

    try:
        return read_run_config(folder)["model"]
    except TrainingError:
        return None


def claim_run_dir(folder: str | os.PathLike) -> Path:
    """Make ``folder`` ready for a new run: created if missing, refused if it holds a run."""
    folder = Path(folder)
    if holds_run(folder):
        model = _model_of(folder) or "MODEL"
        raise TrainingError(
            f"{folder} already holds a run: continue it with 'train {model} --resume {folder}' "
            "or give --out a new folder."
        )
    if folder.exists() and not folder.is_dir():
        raise TrainingError(f"{folder} is a file: give --out a folder for the run.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc) from None
    return folder


def release_run_dir(folder: str | os.PathLike) -> None:
    """Undo the claim of a run that never started: remove ``folder`` if no run file came into
    it (its empty ``stats`` too); anything else in it stays."""
    folder = Path(folder)
    if holds_run(folder):
        return
    for empty in (folder / "stats", folder):
        with contextlib.suppress(OSError):
            empty.rmdir()


def new_run_dir(model: str, root: str | os.PathLike | None = None) -> Path:
    """A new, empty folder ``ROOT/MODEL-YYYYmmdd-HHMMSS`` (``-2``, ``-3`` … when two runs start
    in the same second); a user's ``file.py:Name`` is named ``Name``."""
    root = Path(root) if root is not None else runs_root()
    short = re.sub(r"[^A-Za-z0-9._-]+", "_", model.rpartition(":")[2] or Path(model).stem)
    base = f"{short}-{time.strftime('%Y%m%d-%H%M%S')}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):
            folder = root / (base if n == 1 else f"{base}-{n}")
            try:
                folder.mkdir()
            except FileExistsError:
                continue
            return folder
    except OSError as exc:
        raise write_error(root, exc) from None
    raise TrainingError(f"{root} has a thousand runs named {base}: clean it up.")
