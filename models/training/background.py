"""``torch.compile`` without a stall: compile on a twin of the model in a background thread.

Compiling blocks the first call for seconds to minutes, which would freeze the first step. So a
deep copy of the model (its twin: same code, same shapes, its own parameters, so training is not
disturbed) is compiled and run once, forward and backward, in a thread while the trainer takes
eager steps. Then the real model is wrapped with ``torch.compile``; its first call re-traces the
same graph and takes the kernels from Inductor's cache instead of generating them again.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

import torch
from torch import nn


class BackgroundCompiler:
    def __init__(self, model: nn.Module, autocast: Callable[[], AbstractContextManager]) -> None:
        self.model = model
        self.autocast = autocast
        self.compiled: nn.Module | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def start(self, sample: torch.Tensor) -> None:
        """Warm the compiler with one batch shaped like the training batches."""
        twin = copy.deepcopy(self.model)
        sample = sample.detach().clone()
        threading.Thread(target=self._warm, args=(twin, sample), daemon=True).start()

    def _warm(self, twin: nn.Module, sample: torch.Tensor) -> None:
        try:
            with self.autocast():
                out = torch.compile(twin)(sample)
            out.float().sum().backward()
            self.compiled = torch.compile(self.model)
            self._ready.set()
        except Exception as exc:  # a model torch.compile cannot handle simply stays eager
            self.error = exc
