"""What the CPU test suite cannot check: the trainer's CUDA paths, on a real GPU.

Usage: .venv/bin/python bench/cuda_check.py     (exit 0 when every check passes)

Checks, each on small synthetic data:
- graphs vs eager: LeNet-BN in fp32 with cuDNN's deterministic kernels trains to the same losses,
  weights and BN statistics whether its steps replay as CUDA graphs or run eagerly;
- dropout (AlexNet), Adam and bf16 + channels_last (ResNet-18) train under graphs;
- a model that rebinds a buffer every step, and one that reads a value back to the host, fall
  back to eager steps with the reason given, and still train;
- a run folder written under graphs resumes.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.data.synthetic import synthetic  # noqa: E402
from models.training.config import TrainConfig  # noqa: E402
from models.training.events import BNEvent, DoneEvent, StepEvent  # noqa: E402
from models.training.trainer import Trainer  # noqa: E402

DATA = synthetic(train=2048, test=256, seed=3)
USER_MODELS = '''
# A user's model is fed 3-channel images (here 3×28×28).
import torch
from torch import nn


class Rebinds(nn.Module):
    """Keeps a running mean by rebinding the buffer: not replayable."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(3 * 28 * 28, 10))
        self.register_buffer("seen", torch.zeros(()))

    def forward(self, x):
        self.seen = self.seen * 0.9 + x.mean().detach()
        return self.body(x)


class ReadsBack(nn.Module):
    """Branches on a value read from the device: capturing it fails."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(3 * 28 * 28, 10))

    def forward(self, x):
        scale = 2.0 if float(x.mean()) > 10 else 1.0
        return self.body(x) * scale
'''


def train(run_dir=None, **settings) -> tuple[Trainer, DoneEvent, list[BNEvent]]:
    trainer, done, bn, _ = train_logged(run_dir, **settings)
    return trainer, done, bn


def train_logged(
    run_dir=None, **settings
) -> tuple[Trainer, DoneEvent, list[BNEvent], list[StepEvent]]:
    """A run on the GPU, with its BN captures and its logged steps."""
    config = TrainConfig(**{"epochs": 1, "device": "cuda", "capture_every": 5, **settings})
    trainer = Trainer(config, run_dir, data=DATA)
    bn: list[BNEvent] = []
    steps: list[StepEvent] = []
    trainer.subscribe(lambda e: isinstance(e, BNEvent) and bn.append(e))
    trainer.subscribe(lambda e: isinstance(e, StepEvent) and steps.append(e))
    return trainer, trainer.run(), bn, steps


def check_graphs_match_eager() -> None:
    torch.backends.cudnn.deterministic = True
    try:
        runs = {
            graphs: train_logged(
                model="lenet-bn",
                batch_size=128,
                precision="fp32",
                cuda_graphs=graphs,
                log_every=1,
            )
            for graphs in (True, False)
        }
    finally:
        torch.backends.cudnn.deterministic = False
    (g_trainer, g_done, g_bn, g_steps), (e_trainer, e_done, e_bn, e_steps) = runs[True], runs[False]
    # each step's own batch loss and accuracy (kept in place by the step program) replay too
    assert len(g_steps) == len(e_steps) == 16, (len(g_steps), len(e_steps))
    for g, e in zip(g_steps, e_steps, strict=True):
        assert abs(g.loss - e.loss) < 1e-4 and abs(g.acc - e.acc) < 1e-6, (g, e)
        assert abs(g.mean_loss - e.mean_loss) < 1e-4, (g, e)
    assert len({round(g.loss, 4) for g in g_steps}) > 8  # a batch's own loss, not a replayed one
    assert g_done.steps == "CUDA graphs" and e_done.steps == "eager", (g_done.steps, e_done.steps)
    assert abs(g_done.train_loss - e_done.train_loss) < 1e-4, (g_done, e_done)
    assert g_done.test_acc == e_done.test_acc, (g_done.test_acc, e_done.test_acc)
    eager_state = e_trainer.model.state_dict()
    for name, value in g_trainer.model.state_dict().items():
        assert torch.allclose(value.float(), eager_state[name].float(), atol=1e-4), name
    assert [e.step for e in g_bn] == [e.step for e in e_bn] == [1, 6, 11, 16]
    for a, b in zip(g_bn, e_bn, strict=True):
        for layer in a.layers:
            for field in ("batch_mean", "batch_var", "running_mean", "gamma"):
                x, y = getattr(a.layers[layer], field), getattr(b.layers[layer], field)
                assert abs(x - y).max() < 1e-3, (a.step, layer, field)
    print(f"  loss graphs {g_done.train_loss:.6f} eager {e_done.train_loss:.6f}")


def check_dropout_adam_bf16() -> None:
    _, done, _ = train(model="alexnet", batch_size=64, resize=224, train_limit=512)
    assert done.steps == "CUDA graphs" and done.train_loss == done.train_loss, done
    trainer, done, bn = train(
        model="resnet18", batch_size=128, resize=96, optimizer="adam", lr=1e-3
    )
    assert done.steps == "CUDA graphs" and trainer.precision == "bf16" and trainer.channels_last
    assert done.train_acc > 0.2 and len(bn[-1].layers) == len(trainer.probe.bn_layers) == 17, done
    print(f"  alexnet ok; resnet18 adam bf16 train acc {done.train_acc:.3f}")


def check_fallbacks(folder: Path) -> None:
    path = folder / "user_models.py"
    path.write_text(USER_MODELS)
    for name, reason in (("Rebinds", "replaces seen"), ("ReadsBack", "capturing a step failed")):
        _, done, _ = train(model=f"{path}:{name}", batch_size=128, lr=0.1, capture_every=0)
        assert done.steps.startswith("eager (") and reason in done.steps, done.steps
        assert done.reason == "completed" and done.train_acc > 0.2, done
        print(f"  {name}: {done.steps}")


def check_resume(folder: Path) -> None:
    run = folder / "run"
    train(run, model="lenet-bn", batch_size=128)
    trainer = Trainer.from_run(run, epochs=2, data=DATA)
    done = trainer.run()
    assert done.epoch == 2 and done.steps == "CUDA graphs", done


def main() -> int:
    if not torch.cuda.is_available():
        print("no CUDA GPU here", file=sys.stderr)
        return 2
    print(f"device: {torch.cuda.get_device_name()}, torch {torch.__version__}")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        checks = (
            ("graphs match eager", check_graphs_match_eager),
            ("dropout, adam, bf16", check_dropout_adam_bf16),
            ("fallbacks", lambda: check_fallbacks(Path(tmp))),
            ("resume", lambda: check_resume(Path(tmp))),
        )
        for name, check in checks:
            try:
                check()
                print(f"PASS {name}", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {name}\n{traceback.format_exc()}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
