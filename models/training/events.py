"""What a training run reports, as typed events that any number of consumers subscribe to.

The CLI progress line, the run-folder writer and the app all read the same events, so a number
shown on screen is the number written to disk. Events carry host values only (floats, numpy
arrays): a consumer never touches the device or slows the training loop down.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class PrepareEvent:
    """Before the run: what is being prepared and how far it is (0 … 1), so that a long
    preparation (generating the built-in data set) shows progress instead of silence."""

    stage: str  # "data" or "model"
    fraction: float


@dataclass(frozen=True)
class StartEvent:
    """The resolved settings, once, before the first step."""

    config: dict
    device: str
    steps_per_epoch: int
    start_epoch: int
    notes: tuple[str, ...] = ()  # what was adapted, e.g. "converted RGB to grayscale"
    # every module path of the trained model: its statistics (BN, gradients) are keyed by
    # these, and a view shows them only on a model with the same paths
    module_paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepEvent:
    """One logged step (a few per epoch): that step's own mini-batch loss and accuracy, and
    the running means over the epoch so far (the book's animator and progress line)."""

    step: int  # optimiser steps since the run began
    epoch: int  # 1-based
    frac_epoch: float  # epochs done, fractional: the x axis of the curves
    loss: float  # this step's mini-batch: mean loss
    acc: float  # this step's mini-batch: accuracy
    lr: float
    examples_per_sec: float
    mean_loss: float = math.nan  # the epoch so far (NaN: not recorded, a run from before)
    mean_acc: float = math.nan


@dataclass(frozen=True)
class EpochEvent:
    epoch: int
    epochs: int
    train_loss: float
    train_acc: float
    test_acc: float
    seconds: float  # training time of this epoch (without the test pass)
    examples_per_sec: float


@dataclass(frozen=True)
class BNStats:
    """One batch-norm layer at one step, per channel."""

    batch_mean: np.ndarray
    batch_var: np.ndarray
    running_mean: np.ndarray
    running_var: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray


@dataclass(frozen=True)
class BNEvent:
    step: int
    layers: dict[str, BNStats] = field(default_factory=dict)


@dataclass(frozen=True)
class GradEvent:
    """Gradient norm of each layer's own parameters at one step."""

    step: int
    norms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ActHistogram:
    """One layer's output values at one step, counted in ``len(counts)`` equal bins between
    ``low`` and ``high`` (fixed for the run at its first capture, so that histograms of later
    steps compare; values outside land in the end bins)."""

    low: float
    high: float
    counts: np.ndarray


@dataclass(frozen=True)
class ActEvent:
    step: int
    layers: dict[str, ActHistogram] = field(default_factory=dict)


@dataclass(frozen=True)
class DoneEvent:
    reason: str  # "completed", "stopped" or "error"
    epoch: int  # epochs completed
    step: int
    train_loss: float
    train_acc: float
    test_acc: float
    examples_per_sec: float
    device: str
    steps: str = "eager"  # how the steps ran: "eager", "CUDA graphs", "eager (why not graphs)"


@dataclass(frozen=True)
class ErrorEvent:
    message: str


Event = (
    PrepareEvent
    | StartEvent
    | StepEvent
    | EpochEvent
    | BNEvent
    | GradEvent
    | ActEvent
    | DoneEvent
    | ErrorEvent
)
Listener = Callable[[Event], None]
