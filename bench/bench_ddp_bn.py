"""How far two CPU ranks' LeNet-BN run lands from one process's, per seed, beside how far one
process lands from itself when its initial weights move by a millionth.

For each seed, one epoch on the synthetic set (the book's lr 1.0, batch 256):
- one process (``main.py train``);
- two ranks under ``torchrun``, BN per process (the default: each normalises its 128);
- two ranks with ``--sync-bn`` (BN over the global batch, through Gloo);
- one process again, every initial weight multiplied by (1 + 1e-6·N(0, 1)): the noise floor,
  what any difference in rounding (an all-reduce's order of summation) may cost at this lr.
Prints the final test accuracies and each one's distance from the first.

Run: ``.venv/bin/python bench/bench_ddp_bn.py [--seeds 0 1 2 …]`` (about 30 s a seed).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import ROOT

PERTURBATION = 1e-6


def test_accuracy(run: Path) -> float:
    from models.training.runlog import read_metrics

    return float(read_metrics(run)[-1]["test_acc"])


def train(out: Path, seed: int, ranks: int = 1, *extra: str) -> float:
    argv = ["main.py", "train", "lenet-bn", "--epochs", "1", "--device", "cpu"]
    argv += ["--seed", str(seed), "--out", str(out), *extra]
    launcher = [sys.executable]
    if ranks > 1:
        launcher += ["-m", "torch.distributed.run", "--standalone", "--nproc-per-node", str(ranks)]
    done = subprocess.run([*launcher, *argv], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return test_accuracy(out)


def perturbed(seed: int) -> float:
    """One process, its initial weights moved by a millionth (in this process)."""
    import torch

    from models.training.config import TrainConfig
    from models.training.trainer import Trainer

    trainer = Trainer(TrainConfig(model="lenet-bn", seed=seed, epochs=1, device="cpu"))
    noise = torch.Generator().manual_seed(seed + 1000)
    with torch.no_grad():
        for p in trainer.model.parameters():
            p.mul_(1 + PERTURBATION * torch.randn(p.shape, generator=noise))
    trainer.run()
    return trainer.evaluate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(6)))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print("seed | 1 process | 2 ranks, BN per process | 2 ranks, --sync-bn | 1 process, w(1+1e-6ε)")
    worst = {"per": 0.0, "sync": 0.0, "floor": 0.0}
    with tempfile.TemporaryDirectory(prefix="bench-ddp-bn-") as tmp:
        for seed in args.seeds:
            one = train(Path(tmp, f"one{seed}"), seed)
            per = train(Path(tmp, f"per{seed}"), seed, 2)
            sync = train(Path(tmp, f"sync{seed}"), seed, 2, "--sync-bn")
            floor = perturbed(seed)
            gaps = {"per": abs(per - one), "sync": abs(sync - one), "floor": abs(floor - one)}
            worst = {k: max(worst[k], gaps[k]) for k in worst}
            cells = [f"{acc:.4f} (off {gaps[k]:.4f})" for k, acc in (("per", per), ("sync", sync))]
            cells.append(f"{floor:.4f} (off {gaps['floor']:.4f})")
            print(f"{seed:4d} | {one:9.4f} | " + " | ".join(cells))
    print(
        f"largest distance from one process: BN per process {worst['per']:.4f}, "
        f"--sync-bn {worst['sync']:.4f}, a millionth on the weights {worst['floor']:.4f}"
    )


if __name__ == "__main__":
    main()
