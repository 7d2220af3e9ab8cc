"""Training settings: the book's preset of the network, overridden by whatever the user gives."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from models.registry import ModelSpec, TrainPreset
from models.training.errors import TrainingError

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
    data_dir: str = "data"
    epochs: int | None = None
    lr: float | None = None
    batch_size: int | None = None
    resize: int | None = None  # 0 keeps the data set's own size even where the preset resizes
    optimizer: str = "sgd"
    weight_decay: float = 0.0
    device: str = "auto"
    precision: str = "auto"
    channels_last: bool | None = None  # None: on for CUDA, off elsewhere
    seed: int = 0
    compile: bool = False  # torch.compile in the background; eager steps until it is ready
    cuda_graphs: bool = True  # on CUDA, replay steps as CUDA graphs when the data fits there
    capture_every: int = 50  # BN and gradient statistics every k steps (0: never)
    log_every: int = 0  # a StepEvent every k steps (0: about 20 per epoch)
    train_limit: int | None = None  # use only the first N examples (quick runs, tests)
    test_limit: int | None = None
    deterministic: bool = False  # torch.use_deterministic_algorithms for the run

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

    def check(self) -> None:
        problems = [
            (self.epochs is not None and self.epochs < 1, "--epochs must be at least 1"),
            (self.lr is not None and not self.lr > 0, "--lr must be a positive number"),
            (self.batch_size is not None and self.batch_size < 1, "--batch-size must be ≥ 1"),
            (self.resize is not None and self.resize < 0, "--resize must be ≥ 0 (0: keep)"),
            (self.weight_decay < 0, "--weight-decay must be ≥ 0"),
            (self.optimizer not in OPTIMIZERS, f"--optimizer must be one of {OPTIMIZERS}"),
            (self.precision not in PRECISIONS, f"--precision must be one of {PRECISIONS}"),
        ]
        for bad, message in problems:
            if bad:
                raise TrainingError(f"Invalid setting: {message}.")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
