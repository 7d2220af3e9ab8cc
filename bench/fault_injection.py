"""Kill training runs at random points and check that resuming always ends where an
uninterrupted run ends.

``main.py train`` runs LeNet on a small image folder with ``--deterministic``. One run goes
through uninterrupted. Another is killed ``--kills`` times, each time with SIGKILL, SIGTERM or
SIGINT (at random) at a random point: while Python and torch start, while the data loads,
mid-step, mid-checkpoint, between the checkpoint and its epoch record, during the rewind of a
resume. After each kill the run is resumed (``--resume``, or started again with ``--out`` if it
died before writing its settings). The last resume runs to the end; then its step and epoch
records must equal the uninterrupted run's (timings aside), with one "done" record, and the
weights in the two checkpoints must be identical.

    .venv/bin/python bench/fault_injection.py --kills 50 --seed 1

Exit 0 when they match, 1 when not; ``tests/test_fault_injection.py`` runs a few kills.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMING = ("examples_per_sec", "seconds")  # differ between any two runs
KILLS = (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)
POLL_S = 0.002
RUN_TIMEOUT_S = 300


def make_images(folder: Path, classes: int = 4, per_class: int = 25) -> None:
    """A small learnable set: each class its own brightness, every image its own noise."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for c in range(classes):
        (folder / f"c{c}").mkdir(parents=True)
        for i in range(per_class):
            pixels = rng.integers(0, 60, (28, 28)) + 50 * c
            Image.fromarray(pixels.astype("uint8")).save(folder / f"c{c}" / f"{i}.png")


def train_argv(data: Path, run: Path, resume: bool, epochs: int) -> list[str]:
    common = ["--epochs", str(epochs)]
    if resume:
        return [sys.executable, "main.py", "train", "lenet", "--resume", str(run), *common]
    return [sys.executable, "main.py", "train", "lenet", "--dataset", str(data), "--out",
            str(run), "--batch-size", "8", "--lr", "0.5", "--deterministic", *common]  # fmt: skip


def start(argv: list[str], log: Path) -> subprocess.Popen:
    """The command with its output in ``log`` (a pipe nobody reads could stall it)."""
    with open(log, "w", encoding="utf-8") as out:
        return subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def finish(process: subprocess.Popen, log: Path) -> bool:
    """Wait for the command; print its output if it failed."""
    if process.wait(RUN_TIMEOUT_S) == 0:
        return True
    print(log.read_text(encoding="utf-8"))
    return False


def records(run: Path) -> list[dict]:
    path = run / "metrics.jsonl"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]


def comparable(run: Path) -> list[dict]:
    return [
        {k: v for k, v in r.items() if k not in TIMING}
        for r in records(run)
        if r["kind"] in ("step", "epoch")
    ]


def kill_at_random(process: subprocess.Popen, run: Path, total: int, rng: random.Random) -> str:
    """Wait for a random number of records (or a random moment of the start-up), then a
    random extra moment, then send a random one of KILLS; returns what happened."""
    done = len(records(run))
    target = rng.randint(done, max(done, total - 1)) if rng.random() < 0.8 else done
    while len(records(run)) < target and process.poll() is None:
        time.sleep(POLL_S)
    time.sleep(rng.uniform(0, 0.005 if target > done else 3.0))
    kind = rng.choice(KILLS)
    if process.poll() is not None:
        return f"finished before the {kind.name} (after {len(records(run))} records)"
    process.send_signal(kind)
    code = process.wait(RUN_TIMEOUT_S)
    return f"{kind.name} after {len(records(run))} records: exit {code}"


def resume_argv(data: Path, run: Path, epochs: int) -> list[str]:
    return train_argv(data, run, (run / "config.json").exists(), epochs)


def weights(run: Path) -> dict:
    import torch

    return torch.load(run / "checkpoint.pt", weights_only=True)["model_state"]


def completed(run: Path) -> bool:
    return any(r["kind"] == "done" and r["reason"] == "completed" for r in records(run))


def matches(cut: Path, whole: Path) -> str:
    """What differs between a resumed run and the uninterrupted one ("" if nothing)."""
    problems = []
    if comparable(cut) != comparable(whole):
        problems.append("step/epoch records differ")
    if [r["kind"] for r in records(cut)].count("done") != 1:
        problems.append("not exactly one done record")
    if not all(v.equal(weights(whole)[k]) for k, v in weights(cut).items()):
        problems.append("weights differ")
    problems += [f"temporary {p.name} left" for p in cut.rglob(".*.part")]
    return "; ".join(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="how many times to kill a run")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random kill points")
    parser.add_argument("--epochs", type=int, default=4)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="netatlas-faults-") as tmp:
        work = Path(tmp)
        data, log = work / "images", work / "output.txt"
        make_images(data)
        whole = work / "whole"
        if not finish(start(train_argv(data, whole, False, args.epochs), log), log):
            return 1
        total = len(records(whole))
        counts = {kind.name: 0 for kind in KILLS}
        kills = runs = 0
        failures = []
        while kills < args.kills:  # a run killed until it completes, then the next one
            runs += 1
            cut = work / f"cut{runs}"
            while kills < args.kills and not completed(cut):
                kills += 1
                what = kill_at_random(
                    start(resume_argv(data, cut, args.epochs), log), cut, total, rng
                )
                counts.update({k: counts[k] + what.startswith(k) for k in counts})
                print(f"run {runs}, kill {kills}: {what}", flush=True)
            if not finish(start(resume_argv(data, cut, args.epochs), log), log):
                return 1
            problem = matches(cut, whole)
            if problem:
                failures.append(f"run {runs}: {problem}")
        summary = ", ".join(f"{v} {k}" for k, v in counts.items())
        print(f"{kills} kills ({summary}) over {runs} runs of {total} records each")
        if failures:
            print("MISMATCH: " + " | ".join(failures))
            return 1
        print("every resumed run matches the uninterrupted one: records and weights identical")
        return 0


if __name__ == "__main__":
    sys.exit(main())
