"""Batch-norm and gradient statistics, captured cheaply on chosen steps.

On a capture step one forward hook per BN layer keeps that layer's batch mean and variance. On the
CPU they are the ones the layer has just normalised with: torch's batch norm saves its batch mean
and inverse standard deviation for the backward pass, and the hook keeps references to them, so
no kernel reads the activations again (a second pass over a BN input costs about three times the
layer's own forward on the CPU). Layers that save no such statistics (the book's from-scratch
BatchNorm, a subclass that changes its output) and CUDA, where the recorded CUDA graphs were
checked with it, compute them from the layer's input. After the backward pass everything (batch
and running statistics, γ, β, per-layer gradient norms) is concatenated into one flat tensor,
which is copied to the host in one go. Between capture steps no hook is registered, so other
steps pay nothing.

With ``histograms`` the probe also counts the output values of the activation layers and of
the model's own blocks (classes outside ``torch.nn``) into fixed bins: the per-layer activation
histograms over a run. Each layer's range is read once, at its first capture (an eager step),
and widened, so later histograms share its bins and the count runs on the device with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from models.training.events import ActEvent, ActHistogram, BNEvent, BNStats, GradEvent
from models.training.phases import CAPTURE, phase

# Attribute names of nn.BatchNorm* and of the book's from-scratch BatchNorm (7.5).
_FIELDS = {
    "running_mean": ("running_mean", "moving_mean"),
    "running_var": ("running_var", "moving_var"),
    "gamma": ("weight", "gamma"),
    "beta": ("bias", "beta"),
}


ACT_BINS = 40
ACT_LAYERS = 32  # at most: a histogram column each in a plot a few hundred pixels high
RANGE_MARGIN = 0.5  # each side of the first capture's range, as a share of its width
_ACTIVATIONS = (
    nn.ReLU,
    nn.ReLU6,
    nn.LeakyReLU,
    nn.ELU,
    nn.GELU,
    nn.SiLU,
    nn.Sigmoid,
    nn.Tanh,
    nn.Hardswish,
    nn.Softplus,
)


def activation_layers(model: nn.Module) -> list[tuple[str, nn.Module]]:
    """The layers whose outputs the histograms follow, in order: activation modules and the
    model's own blocks (a residual block's output is where its ReLU is, when it calls
    ``F.relu``)."""
    chosen = [
        (name, module)
        for name, module in model.named_modules()
        if name
        and (isinstance(module, _ACTIVATIONS) or not type(module).__module__.startswith("torch."))
    ]
    return chosen[:ACT_LAYERS]


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
    """Captures :class:`BNEvent` and :class:`GradEvent` data for one model.

    ``reuse_batch_stats``: take the batch statistics a BN layer saved for its backward pass
    instead of computing them again (where the layer saved them).
    """

    def __init__(
        self, model: nn.Module, reuse_batch_stats: bool = False, histograms: bool = False
    ) -> None:
        self.act_layers = activation_layers(model) if histograms else []
        self._ranges: dict[str, tuple[float, float]] = {}  # fixed at each layer's first capture
        self._counts: dict[str, torch.Tensor] = {}
        self.bn_layers = [(n or "model", m) for n, m in model.named_modules() if is_batch_norm(m)]
        self.param_layers = [
            (n or "model", params)
            for n, m in model.named_modules()
            if (params := [p for p in m.parameters(recurse=False) if p.requires_grad])
        ]
        self.reuse_batch_stats = reuse_batch_stats
        self._batch: dict[str, tuple[torch.Tensor, torch.Tensor]] = {}
        self._hooks: list[torch.utils.hooks.RemovableHandle] = []
        # layers with gradients -> a (layer × gradient) 0/1 matrix summing squares per layer
        self._owners: tuple[tuple[str, ...], torch.Tensor] | None = None

    def arm(self) -> None:
        """Hook the BN layers for the next forward pass only."""
        for name, module in self.bn_layers:
            self._hooks.append(module.register_forward_hook(self._recorder(name)))
        for name, module in self.act_layers:
            self._hooks.append(module.register_forward_hook(self._counter(name)))

    def _counter(self, name: str):
        def count(_module: nn.Module, _inputs: tuple, output: object) -> None:
            if not isinstance(output, torch.Tensor) or not output.is_floating_point():
                return
            with phase(CAPTURE):
                x = output.detach().float()
                if name not in self._ranges:  # the first capture is eager: one host read
                    low, high = (v.item() for v in torch.aminmax(x))
                    margin = (high - low) * RANGE_MARGIN or 1.0
                    self._ranges[name] = (low - margin, high + margin)
                low, high = self._ranges[name]
                counts = torch.histc(x.clamp(low, high), ACT_BINS, low, high)
                # a module called twice in one forward (a shared ReLU) adds both calls
                self._counts[name] = self._counts[name] + counts if name in self._counts else counts

        return count

    def _recorder(self, name: str):
        def record(_module: nn.Module, inputs: tuple, output: object) -> None:
            with phase(CAPTURE):
                saved = saved_batch_stats(output) if self.reuse_batch_stats else None
                self._batch[name] = saved or _batch_stats(inputs[0])

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
        counted = [name for name, _ in self.act_layers if name in self._counts]
        parts += [self._counts[name] for name in counted]
        self._batch.clear()
        self._counts.clear()
        if not parts:
            return None
        flat = torch.cat([part.to(parts[0].device) for part in parts])
        bn = tuple(zip([name for name, _ in seen], channels, strict=True))
        acts = tuple((name, *self._ranges[name]) for name in counted)
        return StatsSnapshot(flat, bn, tuple(name for name, _ in graded), acts)

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
        squares = torch.stack(torch._foreach_norm(grads)).float().square()  # stack promotes
        return (self._owners[1] @ squares).sqrt()


def _batch_stats(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean and biased variance per channel (dimension 1) of a BN layer's input."""
    x = x.detach().float()
    var, mean = torch.var_mean(x, dim=[0, *range(2, x.dim())], correction=0)
    return mean, var


def saved_batch_stats(output: object) -> tuple[torch.Tensor, torch.Tensor] | None:
    """The batch mean and biased variance that torch's batch norm normalised ``output`` with,
    as saved for its backward pass (mean and 1/sqrt(var + eps)); None when ``output`` does not
    come straight from a training-mode batch norm that saved them."""
    node = getattr(output, "grad_fn", None)
    if node is None or "BatchNorm" not in type(node).__name__:
        return None
    try:
        mean, invstd = node._saved_result1, node._saved_result2
        eps, training = node._saved_eps, node._saved_training
    except AttributeError:  # another autograd function, or a torch that names them otherwise
        return None
    if not training or mean is None or invstd is None or mean.shape != invstd.shape:
        return None
    return mean.detach().float(), invstd.detach().float().pow(-2) - eps


@dataclass(frozen=True)
class StatsSnapshot:
    """One capture step's statistics, flat, with the layout to read them back."""

    flat: torch.Tensor
    bn: tuple[tuple[str, int], ...]  # (layer, channels) in order
    graded: tuple[str, ...]  # layers with a gradient norm, in order
    acts: tuple[tuple[str, float, float], ...] = ()  # (layer, low, high), ACT_BINS counts each

    def histograms(self, step: int, host: np.ndarray) -> ActEvent | None:
        """The activation histograms at the end of ``host`` (None when none were counted)."""
        if not self.acts:
            return None
        start = len(host) - len(self.acts) * ACT_BINS
        layers = {
            name: ActHistogram(low, high, host[start + i * ACT_BINS : start + (i + 1) * ACT_BINS])
            for i, (name, low, high) in enumerate(self.acts)
        }
        return ActEvent(step, layers)

    def events(self, step: int, host: np.ndarray) -> tuple[BNEvent, GradEvent]:
        """Decode ``host`` (this snapshot's ``flat`` copied to the host) into events."""
        layers: dict[str, BNStats] = {}
        offset = 0
        for name, c in self.bn:
            layers[name] = BNStats(*(host[offset + i * c : offset + (i + 1) * c] for i in range(6)))
            offset += 6 * c
        norms = dict(
            zip(self.graded, host[offset : offset + len(self.graded)].tolist(), strict=True)
        )
        return BNEvent(step, layers), GradEvent(step, norms)
