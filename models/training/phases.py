"""The parts of a training step, as named ranges for the profiler.

``bench/bench_train.py`` profiles a run and splits each step's time by these names. A range is
recorded only while a profiler runs: otherwise :func:`phase` costs a flag check, not the few
microseconds of a ``record_function``, so the step pays nothing for being measurable.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

import torch
from torch.profiler import record_function

DATA = "step:data"  # gather, scale and resize the batch
FORWARD = "step:forward"  # the model and the loss (less any capture nested in it)
BACKWARD = "step:backward"
OPTIMIZER = "step:optimizer"  # zero_grad and step
SUMS = "step:sums"  # the epoch's running loss and accuracy
CAPTURE = "step:capture"  # BN and gradient statistics, their host copy and their events
PHASES = (DATA, FORWARD, BACKWARD, OPTIMIZER, SUMS, CAPTURE)

_OFF = nullcontext()


def phase(name: str) -> AbstractContextManager:
    """A profiler range called ``name`` while a profiler runs; nothing otherwise."""
    return record_function(name) if torch.autograd._profiler_enabled() else _OFF
