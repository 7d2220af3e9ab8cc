"""Training settings: the book's preset of the network, overridden by whatever the user gives."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from models.inputs import InputSyntaxError, parse_input
from models.registry import ModelSpec, TrainPreset
from models.training.checks import Check, flag, number, one_of, string, text, whole
from models.training.errors import TrainingError
from models.training.runs import CONFIG

# For models without a book preset (torchvision, a user's file).
DEFAULT_PRESET = TrainPreset(lr=0.05, epochs=10, batch_size=128, resize=None)
OPTIMIZERS = ("sgd", "momentum", "adam")
# The app's live demo captures BN and gradient statistics every 5 steps: it must show them settle
# within an epoch (the CLI's default of 50 is one sample per epoch of LeNet-BN).
LIVE_CAPTURE_EVERY = 5
PRECISIONS = ("auto", "bf16", "fp32")


@dataclass(frozen=True)
class TrainConfig:
    """One run's settings; ``None`` means the network's preset."""

    model: str
    dataset: str = "synthetic"
    data_dir: str = ""  # where the downloadable sets are kept ("": the per-user data folder)
    epochs: int | None = None
    lr: float | None = None
    batch_size: int | None = None
    resize: int | None = None  # 0 keeps the data set's own size even where the preset resizes
    optimizer: str = "sgd"
    weight_decay: float = 0.0
    device: str = "auto"
    precision: str = "auto"
    channels_last: bool | None = None  # None: on for CUDA, on the CPU for wide convolutions
    seed: int = 0
    compile: bool = False  # torch.compile in the background; eager steps until it is ready
    cuda_graphs: bool = True  # on CUDA, replay steps as CUDA graphs when the data fits there
    capture_every: int = 50  # BN and gradient statistics every k steps (0: never)
    log_every: int = 0  # a StepEvent every k steps (0: about 20 per epoch)
    train_limit: int | None = None  # use only the first N examples (quick runs, tests)
    test_limit: int | None = None
    deterministic: bool = False  # torch.use_deterministic_algorithms for the run
    sync_bn: bool = False  # with several processes: SyncBatchNorm over the whole global batch
    # the model's input as --input writes it ("1,28,28", "784"); None: what the model declares
    # or its first layer suggests (a user's model), else its registry entry
    input: str | None = None

    def resolved(self, spec: ModelSpec) -> TrainConfig:
        """Fill the unset hyper-parameters from the network's preset and check them all."""
        preset = spec.preset or DEFAULT_PRESET
        config = replace(
            self,
            epochs=preset.epochs if self.epochs is None else self.epochs,
            lr=preset.lr if self.lr is None else self.lr,
            batch_size=preset.batch_size if self.batch_size is None else self.batch_size,
            resize=(preset.resize or 0) if self.resize is None else self.resize,
        )
        config.check()
        return config

    def check(self, source: str | None = None) -> None:
        """Every setting must be of its type, finite and in range; the message names the one
        that is not (as the CLI flag, or as the field of ``source``, a config.json)."""
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None and item.default is None:
                continue
            wording, fits = _RULES[item.name]
            if fits(value):
                continue
            if source is None:
                flag = "--" + item.name.replace("_", "-")
                raise TrainingError(f"Invalid setting: {flag} must be {wording} (got {value!r}).")
            raise TrainingError(
                f"{source}: {item.name!r} must be {wording}, not {value!r}; "
                "fix the file or start a new run."
            )

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object, source: str = "config.json") -> TrainConfig:
        """The settings saved in ``source``, checked field by field (unknown keys such as
        ``device_used`` are the run's record, not settings)."""
        if not isinstance(data, dict):
            raise TrainingError(
                f"{source} holds a JSON {type(data).__name__}, not an object of settings; "
                "start a new run."
            )
        if "model" not in data:
            raise TrainingError(f'{source} lacks "model"; start a new run.')
        known = {f.name for f in fields(cls)}
        config = cls(**{k: v for k, v in data.items() if k in known})
        config.check(source)
        return config


def _input(v: object) -> bool:
    """An input size as ``--input`` writes it ("1,28,28", "784")."""
    if not isinstance(v, str):
        return False
    try:
        parse_input(v)
    except InputSyntaxError:
        return False
    return True


# Each field: how its valid values are described, and the test (None passes where the field's
# default is None: "use the preset").
_RULES: dict[str, tuple[str, Check]] = {
    "model": ("a model name", text),
    "dataset": ("a data set name or folder", text),
    "data_dir": ("a folder", string),
    "epochs": ("a whole number from 1 to 1000000", whole(1, 1_000_000)),
    "lr": ("a positive, finite number", number(0.0, inclusive=False)),
    "batch_size": ("a whole number from 1 to 1048576", whole(1, 1 << 20)),
    "resize": ("a whole number from 0 (keep) to 4096", whole(0, 4096)),
    "optimizer": (f"one of {', '.join(OPTIMIZERS)}", one_of(OPTIMIZERS)),
    "weight_decay": ("a finite number ≥ 0", number(0.0)),
    "device": ("a device such as cpu or cuda:0", text),
    "precision": (f"one of {', '.join(PRECISIONS)}", one_of(PRECISIONS)),
    "channels_last": ("true, false or null", flag),
    "seed": ("a whole number from 0 to 2^64-1", whole(0, (1 << 64) - 1)),
    "compile": ("true or false", flag),
    "cuda_graphs": ("true or false", flag),
    "capture_every": ("a whole number ≥ 0 (0: never)", whole(0, 1 << 62)),
    "log_every": ("a whole number ≥ 0 (0: automatic)", whole(0, 1 << 62)),
    "train_limit": ("a whole number ≥ 1", whole(1, 1 << 62)),
    "test_limit": ("a whole number ≥ 1", whole(1, 1 << 62)),
    "deterministic": ("true or false", flag),
    "sync_bn": ("true or false", flag),
    "input": ("an input size such as 1,28,28 (C,H,W) or 784 (values)", _input),
}
# What a run adds to its settings in config.json (Trainer.record): None is "not recorded".
_RECORD_RULES: dict[str, tuple[str, Check]] = {
    "device_used": ("a device name", text),
    "precision_used": ("a precision", text),
    "channels_last_used": ("true or false", flag),
    "threads_used": ("a whole number ≥ 1", whole(1, 1 << 20)),
    "started_at": ("a time (seconds since 1970)", number(0.0)),
    "world_size": ("a whole number ≥ 1", whole(1, 1 << 20)),
    "backend": ("a backend name", string),
    "rank_batch_size": ("a whole number ≥ 1", whole(1, 1 << 20)),
    "steps_per_epoch": ("a whole number ≥ 0", whole(0, 1 << 62)),
    "module_paths": (
        "a list of module paths",
        lambda v: isinstance(v, list) and all(isinstance(p, str) for p in v),
    ),
}


def check_run_config(data: object, source: str = "config.json") -> dict:
    """``data`` if it is a run's config.json: settings :class:`TrainConfig` accepts and a
    record whose every field is of its type and in range; a :class:`TrainingError` naming the
    first that is not. Every reader of a run folder's settings goes through here."""
    TrainConfig.from_dict(data, source)
    for key, (wording, fits) in _RECORD_RULES.items():
        value = data.get(key)
        if value is not None and not fits(value):
            raise TrainingError(
                f"{source}: {key!r} must be {wording}, not {value!r}; "
                "fix the file or start a new run."
            )
    return data


def read_run_config(folder: str | os.PathLike) -> dict:
    """The checked config.json of the run folder ``folder`` (see :func:`check_run_config`)."""
    path = Path(folder) / CONFIG
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise TrainingError(f"{path} is missing or unreadable ({why}).") from None
    return check_run_config(data, str(path))
