"""Batch-norm and gradient statistics, captured cheaply on chosen steps.

On a capture step one forward pre-hook per BN layer records the batch mean and variance of the
layer's input on the device; after the backward pass everything (batch and running statistics,
γ, β, per-layer gradient norms) is concatenated into one flat tensor, which is copied to the
host in one go. Between capture steps no hook is registered, so other steps pay nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from models.training.events import BNEvent, BNStats, GradEvent
from models.training.phases import CAPTURE, phase

# Attribute names of nn.BatchNorm* and of the book's from-scratch BatchNorm (7.5).
_FIELDS = {
    "running_mean": ("running_mean", "moving_mean"),
    "running_var": ("running_var", "moving_var"),
    "gamma": ("weight", "gamma"),
    "beta": ("bias", "beta"),
}


def is_batch_norm(module: nn.Module) -> bool:
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        return True
    return type(module).__name__ == "BatchNorm" and hasattr(module, "moving_mean")


def _field(module: nn.Module, key: str, channels: int, like: torch.Tensor) -> torch.Tensor:
    for attr in _FIELDS[key]:
        value = getattr(module, attr, None)
        if isinstance(value, torch.Tensor):
            return value.detach().float().reshape(-1)
    return torch.full((channels,), float("nan"), device=like.device)  # affine=False etc.


class StatsProbe:
    """Captures :class:`BNEvent` and :class:`GradEvent` data for one model."""

    def __init__(self, model: nn.Module) -> None:
        self.bn_layers = [(n or "model", m) for n, m in model.named_modules() if is_batch_norm(m)]
        self.param_layers = [
            (n or "model", params)
            for n, m in model.named_modules()
            if (params := [p for p in m.parameters(recurse=False) if p.requires_grad])
        ]
        self._batch: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
        self._hooks: list[torch.utils.hooks.RemovableHandle] = []
        # layers with gradients -> a (layer × gradient) 0/1 matrix summing squares per layer
        self._owners: tuple[tuple[str, ...], torch.Tensor] | None = None

    def arm(self) -> None:
        """Hook the BN layers for the next forward pass only."""
        for name, module in self.bn_layers:
            self._hooks.append(module.register_forward_pre_hook(self._recorder(name)))

    def _recorder(self, name: str):
        def record(_module: nn.Module, inputs: tuple) -> None:
            with phase(CAPTURE):
                x = inputs[0].detach().float()
                dims = [0, *range(2, x.dim())]
                var, mean = torch.var_mean(x, dim=dims, correction=0)
                self._batch[name] = (mean, var)

        return record

    def disarm(self) -> None:
        for hook in self._hooks:
            hook.remove()
        self._hooks.clear()

    def gather(self) -> StatsSnapshot | None:
        """Remove the hooks and pack everything into one flat device tensor.

        Pure device work with fixed shapes, so a CUDA graph can replay it; the host copy and
        the decoding (:meth:`StatsSnapshot.events`) happen later, off the step's critical path.
        """
        self.disarm()
        seen = [(name, module) for name, module in self.bn_layers if name in self._batch]
        graded = [(n, ps) for n, ps in self.param_layers if all(p.grad is not None for p in ps)]
        parts: list[torch.Tensor] = []
        channels: list[int] = []
        for name, module in seen:
            mean, var = self._batch[name]
            channels.append(mean.numel())
            parts += [mean, var, *(_field(module, key, mean.numel(), mean) for key in _FIELDS)]
        if graded:
            parts.append(self._layer_norms(graded))
        self._batch.clear()
        if not parts:
            return None
        flat = torch.cat([part.to(parts[0].device) for part in parts])
        bn = tuple(zip([name for name, _ in seen], channels, strict=True))
        return StatsSnapshot(flat, bn, tuple(name for name, _ in graded))

    def _layer_norms(self, graded: list[tuple[str, list[torch.Tensor]]]) -> torch.Tensor:
        """Each layer's gradient norm (all its parameters together) from one fused norm over
        every gradient: a handful of kernels however many layers, where a few per layer would
        cost a small network more than its whole step on a GPU."""
        grads = [p.grad for _, params in graded for p in params]
        names = tuple(name for name, _ in graded)
        if self._owners is None or self._owners[0] != names:  # the first gather is eager
            owner = torch.tensor([i for i, (_, ps) in enumerate(graded) for _ in ps])
            matrix = torch.nn.functional.one_hot(owner, len(graded)).T.float()
            self._owners = (names, matrix.to(grads[0].device))
        squares = torch.stack([n.float() for n in torch._foreach_norm(grads)]).square()
        return (self._owners[1] @ squares).sqrt()


@dataclass(frozen=True)
class StatsSnapshot:
    """One capture step's statistics, flat, with the layout to read them back."""

    flat: torch.Tensor
    bn: tuple[tuple[str, int], ...]  # (layer, channels) in order
    graded: tuple[str, ...]  # layers with a gradient norm, in order

    def events(self, step: int, host: np.ndarray) -> tuple[BNEvent, GradEvent]:
        """Decode ``host`` (this snapshot's ``flat`` copied to the host) into events."""
        layers: dict[str, BNStats] = {}
        offset = 0
        for name, c in self.bn:
            layers[name] = BNStats(*(host[offset + i * c : offset + (i + 1) * c] for i in range(6)))
            offset += 6 * c
        norms = dict(zip(self.graded, host[offset:].tolist(), strict=True))
        return BNEvent(step, layers), GradEvent(step, norms)
