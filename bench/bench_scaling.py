"""Data-parallel scaling: one process against every GPU of the machine, with ``torchrun``.

Usage:
  python bench/bench_scaling.py                      # a GPU machine: 1 GPU against all of them
  python bench/bench_scaling.py --cpu --ranks 2 --models lenet-bn   # the same launch on the CPU

Each run is ``torchrun --standalone --nproc-per-node N main.py train MODEL --epochs 2`` (the
book's global batch, so each of N ranks trains on batch / N), as a user starts it. The rate is the
second (warm) epoch's examples/s over all ranks, read from the run folder's epoch record: rank 0
reports the examples of every rank. Runs are interleaved (1, N, N, 1, …) and each repeat's own
ratio kept; the table gives the median speed-up, its range, and the scaling efficiency
(speed-up / N). On the CPU the ranks share the machine's cores (one thread per physical core
between them), so the ratio there tests the launch, not the scaling.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# network, data set, extra train options: sized for a few minutes on one GPU
GPU_MODELS = {
    "resnet18": ("synthetic", ["--resize", "96"]),
    "lenet-bn": ("synthetic", []),
    "googlenet": ("synthetic", ["--resize", "96"]),
}


def epoch_rate(ranks: int, model: str, device: str, extra: list[str], out: Path) -> float:
    """The second epoch's examples/s of one launch (all ranks together)."""
    dataset, options = GPU_MODELS.get(model, ("synthetic", []))
    command = [
        sys.executable, "-m", "torch.distributed.run", "--standalone",
        f"--nproc-per-node={ranks}", "main.py", "train", model, "--dataset", dataset,
        "--epochs", "2", "--device", device, "--out", str(out), *options, *extra,
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(
            f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-8000:]}"
        )
    records = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    epochs = [r for r in records if r["kind"] == "epoch"]
    return epochs[-1]["examples_per_sec"]


def gpus() -> int:
    import torch

    return torch.cuda.device_count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu", action="store_true", help="Gloo on the CPU instead of NCCL")
    parser.add_argument("--ranks", type=int, help="processes to compare with one (default: GPUs)")
    parser.add_argument("--models", nargs="+", default=list(GPU_MODELS))
    parser.add_argument("--repeats", type=int, default=2, help="pairs of (1, N) launches")
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="-- more train options")
    args = parser.parse_args()
    device = "cpu" if args.cpu else "cuda"
    ranks = args.ranks or (2 if args.cpu else gpus())
    if ranks < 2:
        raise SystemExit(f"{ranks} GPU(s) here: scaling needs 2 or more (--cpu to try the launch)")
    extra = [a for a in args.extra if a != "--"]
    print(f"{ranks} ranks on {device} against 1; second epoch, examples/s of all ranks")
    print(
        f"{'model':<12} {'1 rank':>10} {f'{ranks} ranks':>10} {'speed-up':>18} {'efficiency':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models:
            rates: dict[int, list[float]] = {1: [], ranks: []}
            for repeat in range(args.repeats):
                order = (1, ranks) if repeat % 2 == 0 else (ranks, 1)  # ABBA
                for n in order:
                    out = Path(tmp) / f"{model}-{n}-{repeat}"
                    rates[n].append(epoch_rate(n, model, device, extra, out))
            ratios = [many / one for one, many in zip(rates[1], rates[ranks], strict=True)]
            speedup = statistics.median(ratios)
            print(
                f"{model:<12} {statistics.median(rates[1]):>10,.0f} "
                f"{statistics.median(rates[ranks]):>10,.0f} "
                f"{speedup:>7.2f}× ({min(ratios):.2f}-{max(ratios):.2f}) "
                f"{speedup / ranks:>10.0%}",
                flush=True,
            )


if __name__ == "__main__":
    main()
