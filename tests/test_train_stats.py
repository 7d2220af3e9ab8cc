"""The BatchNorm and gradient statistics a capture step records, field by field, against a hand
computation on a fixed batch: torch's BatchNorm1d and BatchNorm2d and the book's from-scratch
BatchNorm (7.5), whose moving variance averages the biased batch variance; both ways of taking
the batch statistics (reused from the layer, as on the CPU, or computed again, as on CUDA)."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

from models.book.batchnorm import BatchNorm
from models.training.stats import StatsProbe, saved_batch_stats

CHANNELS = 5


def _layer(kind: str) -> tuple[nn.Module, tuple[int, ...]]:
    """The layer and the shape of the batch it normalises."""
    if kind == "BatchNorm1d":
        return nn.BatchNorm1d(CHANNELS), (8, CHANNELS)
    if kind == "BatchNorm2d":
        return nn.BatchNorm2d(CHANNELS), (6, CHANNELS, 4, 3)
    num_dims = 2 if kind == "scratch, dense" else 4
    shape = (8, CHANNELS) if num_dims == 2 else (6, CHANNELS, 4, 3)
    return BatchNorm(CHANNELS, num_dims), shape


def _set(tensor: torch.Tensor, values: torch.Tensor) -> None:
    with torch.no_grad():
        tensor.copy_(values.reshape(tensor.shape))


@pytest.mark.parametrize("reuse", [True, False], ids=["reused", "recomputed"])
@pytest.mark.parametrize(
    "kind", ["BatchNorm1d", "BatchNorm2d", "scratch, dense", "scratch, convolutional"]
)
def test_every_captured_field_matches_a_hand_computation(kind: str, reuse: bool) -> None:
    torch.manual_seed(0)
    layer, shape = _layer(kind)
    scratch = isinstance(layer, BatchNorm)
    # distinct values everywhere, so that no two fields can stand in for each other
    gamma, beta = torch.rand(CHANNELS) + 0.5, torch.randn(CHANNELS) - 3.0
    mean_before, var_before = torch.randn(CHANNELS), torch.rand(CHANNELS) + 2.0
    _set(layer.gamma if scratch else layer.weight, gamma)
    _set(layer.beta if scratch else layer.bias, beta)
    _set(layer.moving_mean if scratch else layer.running_mean, mean_before)
    _set(layer.moving_var if scratch else layer.running_var, var_before)
    model = nn.Sequential(layer).train()
    x = torch.randn(shape) * 2.0 + 1.5

    probe = StatsProbe(model, reuse_batch_stats=reuse)
    probe.arm()
    model(x).square().sum().backward()
    snapshot = probe.gather()
    bn, grads = snapshot.events(7, snapshot.flat.detach().numpy())

    assert bn.step == grads.step == 7
    stats = bn.layers["0"]
    dims = (0,) if len(shape) == 2 else (0, 2, 3)
    count = x.numel() // CHANNELS
    batch_mean = x.sum(dim=dims) / count
    centred = x - batch_mean.reshape(1, CHANNELS, *[1] * (len(shape) - 2))
    batch_var = (centred**2).sum(dim=dims) / count  # what the layer normalises with: biased
    # both keep 90 % of the old estimate; the book averages the biased variance, torch the
    # unbiased one
    running_mean = 0.9 * mean_before + 0.1 * batch_mean
    unbiased = batch_var * count / (count - 1)
    running_var = 0.9 * var_before + 0.1 * (batch_var if scratch else unbiased)
    expected = {
        "batch_mean": batch_mean,
        "batch_var": batch_var,
        "running_mean": running_mean,
        "running_var": running_var,
        "gamma": gamma,
        "beta": beta,
    }
    for field, value in expected.items():
        got = torch.from_numpy(getattr(stats, field))
        torch.testing.assert_close(got, value, rtol=1e-5, atol=1e-6, msg=field)
    # the gradient norm of the layer's own parameters, γ and β together
    own = torch.cat([p.grad.flatten() for p in layer.parameters()])
    assert grads.norms == {"0": pytest.approx(own.norm().item(), rel=1e-5)}


def test_a_layer_without_affine_parameters_records_nan_for_them() -> None:
    model = nn.Sequential(nn.BatchNorm1d(CHANNELS, affine=False)).train()
    probe = StatsProbe(model)
    probe.arm()
    model(torch.randn(4, CHANNELS))
    snapshot = probe.gather()
    stats = snapshot.events(1, snapshot.flat.numpy())[0].layers["0"]
    assert torch.isnan(torch.from_numpy(stats.gamma)).all()
    assert torch.isnan(torch.from_numpy(stats.beta)).all()
    assert not torch.isnan(torch.from_numpy(stats.batch_var)).any()


class AtenOps(TorchDispatchMode):
    """Names every aten op that runs inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.names.append(func.__name__)
        return func(*args, **(kwargs or {}))


def test_reused_statistics_cost_no_second_pass_over_the_activations() -> None:
    """On the CPU a capture step's forward runs the ops of a plain step: the BN layers' own
    batch statistics are kept, not computed again from their inputs."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(),
                          nn.Linear(4 * 6 * 6, 6), nn.BatchNorm1d(6)).train()  # fmt: skip
    x = torch.randn(8, 1, 8, 8)
    plain, reused, recomputed = AtenOps(), AtenOps(), AtenOps()
    with plain:
        model(x)
    for ops, reuse in ((reused, True), (recomputed, False)):
        probe = StatsProbe(model, reuse_batch_stats=reuse)
        probe.arm()
        with ops:
            model(x)
        assert len(probe.gather().bn) == 2
    assert "var_mean" not in " ".join(reused.names)
    extra = [name for name in reused.names if name not in plain.names]
    assert all(name.startswith(("pow", "sub")) for name in extra), extra  # var from 1/std
    assert sum("var_mean" in name for name in recomputed.names) == 2


def test_statistics_not_saved_by_the_layer_are_computed_from_its_input() -> None:
    x = torch.randn(6, 5, 4, 3)
    mean, var = x.mean(dim=(0, 2, 3)), x.var(dim=(0, 2, 3), correction=0)
    layer = nn.BatchNorm2d(5)
    assert saved_batch_stats(layer(x)) is not None  # training, with γ and β to learn
    layer.eval()
    assert saved_batch_stats(layer(x)) is None  # the running statistics normalised it
    bare = nn.BatchNorm2d(5, affine=False).train()
    assert saved_batch_stats(bare(x)) is None  # nothing required a gradient: no saved state
    for model in (nn.Sequential(layer), nn.Sequential(bare)):
        probe = StatsProbe(model, reuse_batch_stats=True)
        probe.arm()
        model(x)
        snapshot = probe.gather()
        stats = snapshot.events(1, snapshot.flat.detach().numpy())[0].layers["0"]
        torch.testing.assert_close(torch.from_numpy(stats.batch_mean), mean)
        torch.testing.assert_close(torch.from_numpy(stats.batch_var), var)
