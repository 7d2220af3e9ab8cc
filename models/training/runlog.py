"""The run folder: everything needed to plot, inspect and resume a run.

Layout of ``runs/MODEL-TIME/``:

- ``config.json`` — the resolved settings (model, data set, hyper-parameters, seed, device).
- ``metrics.jsonl`` — one JSON object a line, appended and flushed as the run goes:
  ``{"kind": "step", ...StepEvent}`` (``loss``/``acc``: that step's own mini-batch;
  ``mean_loss``/``mean_acc``: the epoch so far), ``{"kind": "epoch", ...EpochEvent}``,
  ``{"kind": "done", ...DoneEvent}``, ``{"kind": "error", "message": ...}``.
- ``stats/bn_STEP.npz`` — one file per capture step; keys ``LAYER:FIELD`` with FIELD one of
  batch_mean, batch_var, running_mean, running_var, gamma, beta (float32, one value a channel).
- ``stats/grad_STEP.npz`` — keys ``LAYER``: that layer's gradient norm at STEP.
- ``checkpoint.pt`` — after each epoch, written atomically (temp file + ``os.replace``): model
  and optimiser state, epochs and steps done, RNG states, model name. Only tensors, dicts, lists,
  numbers and strings, so it loads with ``torch.load(weights_only=True)``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch

from models.training.errors import CheckpointError
from models.training.events import (
    BNEvent,
    DoneEvent,
    EpochEvent,
    ErrorEvent,
    Event,
    GradEvent,
    StepEvent,
)

CHECKPOINT = "checkpoint.pt"
CONFIG = "config.json"
METRICS = "metrics.jsonl"
_KINDS = {StepEvent: "step", EpochEvent: "epoch", DoneEvent: "done", ErrorEvent: "error"}


class RunLog:
    """Writes a run folder; subscribe it to a trainer's events."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        (self.folder / "stats").mkdir(parents=True, exist_ok=True)
        self._metrics = open(self.folder / METRICS, "a", encoding="utf-8")  # noqa: SIM115

    def write_config(self, config: dict) -> None:
        _atomic_write_text(self.folder / CONFIG, json.dumps(config, indent=2))

    def __call__(self, event: Event) -> None:
        kind = _KINDS.get(type(event))
        if kind:
            self._metrics.write(json.dumps({"kind": kind, **asdict(event)}) + "\n")
            self._metrics.flush()
        elif isinstance(event, BNEvent) and event.layers:
            arrays = {
                f"{layer}:{key}": np.asarray(value, dtype=np.float32)
                for layer, stats in event.layers.items()
                for key, value in asdict(stats).items()
            }
            np.savez(self.folder / "stats" / f"bn_{event.step:08d}.npz", **arrays)
        elif isinstance(event, GradEvent) and event.norms:
            arrays = {layer: np.float32(norm) for layer, norm in event.norms.items()}
            np.savez(self.folder / "stats" / f"grad_{event.step:08d}.npz", **arrays)

    def close(self) -> None:
        self._metrics.close()

    def save_checkpoint(self, payload: dict) -> None:
        path = self.folder / CHECKPOINT
        temp = path.with_suffix(".tmp")
        torch.save(payload, temp)
        os.replace(temp, path)

    def rewind(self, epoch: int, step: int) -> None:
        """Forget what came after the checkpoint (the epoch a crash or stop cut short)."""
        self._metrics.close()
        path = self.folder / METRICS
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        kept = [r for r in records if r["kind"] in ("step", "epoch") and r["epoch"] <= epoch]
        _atomic_write_text(path, "".join(json.dumps(r) + "\n" for r in kept))
        for file in (self.folder / "stats").glob("*_*.npz"):
            if int(file.stem.split("_")[1]) > step:
                file.unlink()
        self._metrics = open(path, "a", encoding="utf-8")  # noqa: SIM115


def read_config(folder: str | Path) -> dict:
    path = Path(folder) / CONFIG
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CheckpointError(
            f"{path} is missing or unreadable; give --resume a run folder written by 'train'."
        ) from exc


def read_metrics(folder: str | Path) -> list[dict]:
    path = Path(folder) / METRICS
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def load_checkpoint(folder: str | Path, model_name: str) -> dict:
    """The checkpoint of ``model_name`` in ``folder``; refuses a corrupt one or another model's."""
    path = Path(folder) / CHECKPOINT
    if not path.is_file():
        raise CheckpointError(f"No checkpoint in {folder}: the run did not finish an epoch yet.")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many kinds for damaged files (zip, pickle, EOF)
        raise CheckpointError(
            f"{path} is corrupt ({type(exc).__name__}); delete it and train from the start."
        ) from exc
    if not isinstance(payload, dict) or "model_state" not in payload:
        raise CheckpointError(f"{path} is not a NetAtlas checkpoint; train from the start.")
    if payload.get("model") != model_name:
        raise CheckpointError(
            f"{path} is a checkpoint of {payload.get('model')!r}, not {model_name!r}; "
            "resume it with that model or start a new run."
        )
    return payload


def _atomic_write_text(path: Path, text: str) -> None:
    temp = path.with_suffix(path.suffix + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
