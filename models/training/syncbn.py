"""BatchNorm over the whole global batch on the CPU: what ``--sync-bn`` uses with Gloo.

torch's SyncBatchNorm runs on GPUs only (its statistics kernels are CUDA's). Here each rank
sums its share's per-channel count, sum and sum of squares (in float64), one all-reduce adds
them up, and every rank normalises with the mean and variance of the global batch; the backward
pass all-reduces the two per-channel sums the input's gradient needs. So the ranks compute what
one process computes on the whole batch (tested against a single process, step by step).

The layers stay ``nn.SyncBatchNorm`` (torch's conversion, module paths kept), so everything
that reads BN layers reads them as ever.
"""

from __future__ import annotations

import torch
import torch.distributed as dist
from torch import nn


def _reduced_dims(x: torch.Tensor) -> list[int]:
    """Every dimension but the channels'."""
    return [0, *range(2, x.dim())]


def _per_channel(v: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return v.to(x.dtype).view(1, -1, *([1] * (x.dim() - 2)))


class _GlobalBatchNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, bias, running_mean, running_var, eps, momentum, group):  # type: ignore[override]
        dims, channels = _reduced_dims(x), x.shape[1]
        local = x.detach().double()
        sums = torch.cat(
            [
                local.sum(dims),
                (local * local).sum(dims),
                torch.tensor([x.numel() / channels], dtype=torch.float64),
            ]
        )
        dist.all_reduce(sums, group=group)
        count = sums[-1]
        mean = sums[:channels] / count
        var = (sums[channels : 2 * channels] / count - mean * mean).clamp_min(0)
        invstd = (var + eps).rsqrt()
        xhat = (x - _per_channel(mean, x)) * _per_channel(invstd, x)
        if running_mean is not None:
            with torch.no_grad():  # unbiased variance, as torch's BatchNorm keeps it
                running_mean.lerp_(mean.to(running_mean.dtype), momentum)
                unbiased = var * count / max(float(count) - 1, 1.0)
                running_var.lerp_(unbiased.to(running_var.dtype), momentum)
        ctx.save_for_backward(xhat, weight, invstd)
        ctx.group, ctx.count = group, count
        if weight is None:
            return xhat
        return xhat * _per_channel(weight, x) + _per_channel(bias, x)

    @staticmethod
    def backward(ctx, grad):  # type: ignore[override]
        xhat, weight, invstd = ctx.saved_tensors
        dims, channels = _reduced_dims(grad), grad.shape[1]
        sum_grad = grad.sum(dims, dtype=torch.float64)
        sum_grad_xhat = (grad * xhat).sum(dims, dtype=torch.float64)
        # γ and β: this rank's share (DistributedDataParallel averages parameters' gradients)
        grad_weight = sum_grad_xhat.to(grad.dtype) if weight is not None else None
        grad_bias = sum_grad.to(grad.dtype) if weight is not None else None
        sums = torch.cat([sum_grad, sum_grad_xhat])
        dist.all_reduce(sums, group=ctx.group)
        mean_grad = _per_channel(sums[:channels] / ctx.count, grad)
        mean_grad_xhat = _per_channel(sums[channels:] / ctx.count, grad)
        scale = invstd if weight is None else invstd * weight.detach().double()
        grad_x = (grad - mean_grad - xhat * mean_grad_xhat) * _per_channel(scale, grad)
        return grad_x, grad_weight, grad_bias, None, None, None, None, None


class _GlobalStats(nn.modules.batchnorm._BatchNorm):
    """A BatchNorm layer that normalises over the global batch while training across
    processes on the CPU (a BatchNorm of its own class otherwise)."""

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        if not (self.training and dist.is_initialized() and dist.get_world_size() > 1):
            return super().forward(input)
        self._check_input_dim(input)
        momentum = 0.0 if self.momentum is None else self.momentum
        if self.track_running_stats and self.num_batches_tracked is not None:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # a cumulative average, as torch's BatchNorm does
                momentum = 1.0 / float(self.num_batches_tracked)
        tracked = self.track_running_stats and self.running_mean is not None
        return _GlobalBatchNorm.apply(
            input,
            self.weight,
            self.bias,
            self.running_mean if tracked else None,
            self.running_var if tracked else None,
            self.eps,
            momentum,
            dist.group.WORLD,
        )


class SyncBatchNorm1d(_GlobalStats, nn.BatchNorm1d):
    pass


class SyncBatchNorm2d(_GlobalStats, nn.BatchNorm2d):
    pass


class SyncBatchNorm3d(_GlobalStats, nn.BatchNorm3d):
    pass


# torch's own classes only: a subclass of them may change what its forward does
_SYNCED = {
    nn.BatchNorm1d: SyncBatchNorm1d,
    nn.BatchNorm2d: SyncBatchNorm2d,
    nn.BatchNorm3d: SyncBatchNorm3d,
}


def convert_sync_batchnorm(model: nn.Module, device: torch.device) -> nn.Module:
    """BN over the global batch: torch's SyncBatchNorm on CUDA; on the CPU each BatchNorm1d,
    2d or 3d becomes its synchronised twin where it sits (a class of the same state: torch's
    DistributedDataParallel refuses SyncBatchNorm off the GPU)."""
    if device.type == "cuda":
        return nn.SyncBatchNorm.convert_sync_batchnorm(model)
    for module in model.modules():
        synced = _SYNCED.get(type(module))
        if synced is not None:
            module.__class__ = synced
    return model


def synchronised(module: nn.Module) -> bool:
    """Whether ``module`` normalises over the global batch."""
    return isinstance(module, nn.SyncBatchNorm | _GlobalStats)
