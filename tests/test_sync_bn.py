"""The CPU's synchronised BatchNorm (``--sync-bn`` under Gloo) against torch's BatchNorm on the
whole batch: two real processes, each with its share of the batch, for every kind of BN layer."""

from __future__ import annotations

from pathlib import Path

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn

from models.training.syncbn import convert_sync_batchnorm, synchronised

WORLD = 2
CASES = [  # (layer, input shape of the whole batch)
    (lambda: nn.BatchNorm1d(5), (12, 5)),
    (lambda: nn.BatchNorm1d(5), (12, 5, 7)),
    (lambda: nn.BatchNorm2d(3), (10, 3, 6, 5)),
    (lambda: nn.BatchNorm3d(2), (8, 2, 3, 4, 5)),
    (lambda: nn.BatchNorm2d(3, affine=False), (10, 3, 4, 4)),
    (lambda: nn.BatchNorm2d(3, momentum=None), (10, 3, 4, 4)),
    (lambda: nn.BatchNorm2d(3, track_running_stats=False), (10, 3, 4, 4)),
]


def _check(rank: int, init_file: str) -> None:
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=WORLD)
    try:
        for make, shape in CASES:
            torch.manual_seed(0)
            reference = make()
            if reference.affine:
                with torch.no_grad():  # γ and β away from 1 and 0, so that mistakes show
                    reference.weight.uniform_(0.5, 1.5)
                    reference.bias.uniform_(-0.5, 0.5)
            synced = convert_sync_batchnorm(make(), torch.device("cpu"))
            synced.load_state_dict(reference.state_dict())
            assert synchronised(synced) and isinstance(synced, type(reference))
            x = (torch.randn(shape) * 3 + 1).requires_grad_()
            upstream = torch.randn(shape)  # the gradient arriving from above
            for _ in range(2):  # two steps: the running statistics move twice
                x.grad = None
                expected = reference(x)
                (expected * upstream).sum().backward()
                share = x.detach()[rank::WORLD].clone().requires_grad_()
                out = synced(share)
                (out * upstream[rank::WORLD]).sum().backward()
            torch.testing.assert_close(out, expected[rank::WORLD], atol=1e-5, rtol=1e-5)
            torch.testing.assert_close(share.grad, x.grad[rank::WORLD], atol=1e-5, rtol=1e-4)
            for name, param in synced.named_parameters():  # shares that add up to the whole
                total = param.grad.clone()
                dist.all_reduce(total)
                torch.testing.assert_close(total, dict(reference.named_parameters())[name].grad)
            for name, buffer in synced.named_buffers():
                torch.testing.assert_close(buffer, dict(reference.named_buffers())[name])
            synced.eval(), reference.eval()  # the layer's own running statistics, no collective
            torch.testing.assert_close(synced(x.detach()), reference(x.detach()))
    finally:
        dist.destroy_process_group()


def test_two_processes_normalise_as_one_batch_for_every_kind_of_bn_layer(tmp_path: Path) -> None:
    mp.spawn(_check, args=(str(tmp_path / "rendezvous"),), nprocs=WORLD, join=True)


def test_a_single_process_keeps_torchs_own_batchnorm_behaviour() -> None:
    torch.manual_seed(0)
    reference = nn.BatchNorm2d(4)
    synced = convert_sync_batchnorm(nn.BatchNorm2d(4), torch.device("cpu"))
    x = torch.randn(6, 4, 3, 3)
    torch.testing.assert_close(synced(x), reference(x))
    torch.testing.assert_close(synced.running_var, reference.running_var)

    # torch's own subclasses are left alone: their forward may do something else
    class Scaled(nn.BatchNorm2d):
        pass

    assert not synchronised(convert_sync_batchnorm(Scaled(4), torch.device("cpu")))
