"""What each of the trainer's CPU settings buys on this machine, each measured in one run.

Usage:
  .venv/bin/python bench/bench_cpu_options.py                       # every section, ~15 min
  .venv/bin/python bench/bench_cpu_options.py --section layout --only resnet18 lenet-bn
  .venv/bin/python bench/bench_cpu_options.py --section compile     # torch.compile, not in "all"

Each row sets the trainer's choice (first) against the alternative on the same network and slice
as bench/bench_train.py (two epochs, the second timed, capture every 5 steps, a run folder),
interleaved repeats (every other one in reverse order): ``x`` is choice / alternative in
examples/s, the median of the repeats' own ratios, by the wall clock and by CPU time (all the
process's threads: the work, much the same however busy the machine is; for the OpenMP waiting
it is no guide, a spinning thread burns CPU time); ``spread`` the (max - min) / median of the
repeats; the update and the test pass are timed alone. ``same`` says whether the two trained
alike: ``identical`` (the closing train loss and test accuracy are equal) or the
differences of both.

Sections:
- ``threads``: OpenMP's idle threads asleep (``OMP_WAIT_POLICY=PASSIVE``, as ``main.py`` sets)
  against libgomp's default, spinning about 3 ms first (``GOMP_SPINCOUNT=300000``), and against
  one thread; each run in a process of its own, since OpenMP reads these once.
- ``layout``: NHWC against NCHW (the trainer picks NHWC on the CPU for wide convolutions).
- ``precision``: fp32 against bf16 autocast (the CPU's native bf16, if any, is printed).
- ``capture``: BN batch statistics taken from the layer against computed again; statistics files
  written in the background against on the training thread (capture on every step).
- ``optimizer``: one update, fused against op by op, for plain SGD, momentum and Adam.
- ``evaluation``: the test pass under ``no_grad`` against inference mode.
- ``compile``: ``--compile`` against eager, three epochs: seconds until the compiled model is
  ready and examples/s once it is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench_train sets the OpenMP policy before torch loads, as main.py does
from bench_train import (  # noqa: E402, I001
    CPU_CASES,
    Case,
    load,
    ours_trainer,
    paired,
    spread,
    timed_run,
)

import torch  # noqa: E402

from models.data.synthetic import synthetic  # noqa: E402
from models.registry import get_spec  # noqa: E402
from models.training.config import LIVE_CAPTURE_EVERY  # noqa: E402
from models.training.cpu import native_bf16, training_threads  # noqa: E402
from models.training.device import prefers_channels_last  # noqa: E402
from models.training.events import EpochEvent  # noqa: E402
from models.training.runlog import StatsFiles, _write_stats  # noqa: E402
from models.training.trainer import Trainer, make_optimizer  # noqa: E402

verbose = False  # --verbose: every repeat's rate too
SECTIONS = ("threads", "layout", "precision", "capture", "optimizer", "evaluation")
THREAD_NETS = ("lenet-bn", "resnet18")
CAPTURE_NETS = ("lenet-bn", "resnet18", "densenet")
WAITS = {  # the environment of each variant's process
    "asleep (PASSIVE)": {"OMP_WAIT_POLICY": "PASSIVE"},
    "spinning (default)": {"GOMP_SPINCOUNT": "300000"},
    "1 thread": {"OMP_WAIT_POLICY": "PASSIVE", "BENCH_THREADS": "1"},
}


class WrittenAtOnce(StatsFiles):
    """Statistics files written on the training thread, as before they had a thread."""

    def submit(self, step, path, event) -> None:
        _write_stats(path, event)


def lr_of(name: str) -> float:
    preset = get_spec(name).preset
    return preset.lr if preset else 0.05


def train(case: Case, capture: int = LIVE_CAPTURE_EVERY, tweak=None, **options) -> dict:
    """One bench run of ours: second-epoch examples/s and the closing numbers. ``tweak`` may
    change the trainer before it runs."""
    data = synthetic(train=case.batch * case.batches, test=case.batch, seed=0)
    with tempfile.TemporaryDirectory(prefix="bench-options-") as tmp:
        trainer = ours_trainer(
            case.name, data, case.batch, case.resize, lr_of(case.name), torch.device("cpu"),
            capture, Path(tmp) / "run", **options,
        )  # fmt: skip
        if tweak is not None:
            tweak(trainer)
        rate, done = timed_run(trainer)
    return {"rate": rate.wall, "cpu": rate.cpu, "loss": done.train_loss, "acc": done.test_acc}


def same(a: dict, b: dict) -> str:
    if (a["loss"], a["acc"]) == (b["loss"], b["acc"]):
        return "identical"
    return f"loss {a['loss'] - b['loss']:+.1e}, test acc {a['acc'] - b['acc']:+.3f}"


def versus(label: str, case: Case, variants: dict[str, dict], repeats: int, run=None) -> None:
    """Interleaved repeats of each variant (the first is the trainer's choice; every other
    repeat in reverse order), one line: median examples/s, and the median of the repeats' own
    ratios by the wall clock and by CPU time. A variant is the keyword arguments of ``run``
    (default: :func:`train` on ``case``)."""
    run = run or train
    results: dict[str, list[dict]] = {key: [] for key in variants}
    for i in range(repeats):
        for key in list(variants)[:: 1 if i % 2 == 0 else -1]:
            results[key].append(run(case, **variants[key]))
    wall = {key: [r["rate"] for r in rs] for key, rs in results.items()}
    cpu = {key: [r["cpu"] for r in rs] for key, rs in results.items()}
    chosen, *others = variants
    cells = [
        f"{key} {statistics.median(wall[key]):7.0f} ex/s (spread {spread(wall[key]):3.0%})"
        for key in variants
    ]
    ratios = ", ".join(
        f"x{paired(wall[chosen], wall[o]):.2f} (CPU time x{paired(cpu[chosen], cpu[o]):.2f}) "
        f"vs {o} ({same(results[chosen][-1], results[o][-1])})"
        for o in others
    )
    print(f"{label:<10} {case.name:<11} " + "   ".join(cells) + f"   {ratios}", flush=True)
    if verbose:
        raw = "; ".join(f"{k}: " + " ".join(f"{r:.0f}" for r in rates) for k, rates in wall.items())
        print(f"{'':<10} {'':<11} each repeat, ex/s: {raw}", flush=True)


def in_child(case: Case, env: dict[str, str]) -> dict:
    """One bench run in a fresh process with ``env`` added to a copy of this environment
    without OpenMP's settings."""
    clean = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    child = subprocess.run(
        [sys.executable, __file__, "--child", case.name],
        env={**clean, **env}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(child.stdout.splitlines()[-1])


def child(name: str) -> None:
    threads = int(os.environ.get("BENCH_THREADS", "0")) or training_threads()
    torch.set_num_threads(threads)
    case = next(c for c in CPU_CASES if c.name == name)
    print(json.dumps(train(case, tweak=lambda t: setattr(t, "threads", threads))))


def threads_section(cases, repeats: int) -> None:
    for case in cases:
        if case.name in THREAD_NETS:
            variants = {label: {"env": env} for label, env in WAITS.items()}
            versus("threads", case, variants, repeats, run=in_child)


def layout_section(cases, repeats: int) -> None:
    for case in cases:
        variants = {"NHWC": {"channels_last": True}, "NCHW": {"channels_last": False}}
        chosen = prefers_channels_last(get_spec(case.name).build(), torch.device("cpu"))
        versus("layout", case, variants if chosen else dict(reversed(variants.items())), repeats)


def precision_section(cases, repeats: int) -> None:
    print(f"(native bf16 on this CPU: {native_bf16() or 'none'})")
    for case in cases:
        variants = {"fp32": {"precision": "fp32"}, "bf16": {"precision": "bf16"}}
        versus("precision", case, variants, repeats)


def capture_section(cases, repeats: int) -> None:
    def recompute(trainer: Trainer) -> None:
        trainer.probe.reuse_batch_stats = False

    def at_once(trainer: Trainer) -> None:
        trainer.log._stats_files = WrittenAtOnce()

    for case in cases:
        if case.name not in CAPTURE_NETS:
            continue
        versus("BN stats", case, {
            "reused": {"capture": 1}, "recomputed": {"capture": 1, "tweak": recompute},
        }, repeats)  # fmt: skip
        versus("stat files", case, {
            "background": {"capture": 1}, "on the step": {"capture": 1, "tweak": at_once},
        }, repeats)  # fmt: skip


def optimizer_section(cases, repeats: int) -> None:
    """One update of each network's parameters (random gradients), fused and op by op."""
    for case in cases:
        model = get_spec(case.name).build()
        cells = []
        for name in ("sgd", "momentum", "adam"):
            times, finals = {}, {}
            for fused in (True, False):
                params = [p.detach().clone().requires_grad_() for p in model.parameters()]
                torch.manual_seed(0)
                for p in params:
                    p.grad = torch.randn_like(p)
                optimizer = make_optimizer(name, params, 0.01, 0.0, fused=fused)
                optimizer.step()  # its state, made on the first step
                times[fused] = median_time(optimizer.step, 5 * repeats)
                finals[fused] = params
            differs = max((a - b).abs().max().item() for a, b in zip(*finals.values(), strict=True))
            cells.append(
                f"{name} fused {times[True] * 1e3:6.2f} ms, op by op {times[False] * 1e3:6.2f} "
                f"ms (x{times[False] / times[True]:.2f}, weights differ by {differs:.0e})"
            )
        print(f"optimizer  {case.name:<11} " + "   ".join(cells), flush=True)


def evaluation_section(cases, repeats: int) -> None:
    for case in cases:
        trainer = Trainer(ours_config(case), data=tiny_data(case, test=4 * case.batch))
        torch.set_num_threads(trainer.threads or training_threads())

        def in_inference_mode(trainer=trainer) -> float:
            trainer.model.eval()
            correct = torch.zeros((), dtype=torch.int64)
            with torch.inference_mode():
                for x, y in trainer.test_batches.in_order(2 * trainer.config.batch_size):
                    correct += (trainer.model(x).argmax(1) == y).sum()
            return correct.item() / len(trainer.test_batches)

        no_grad, inference = median_pair(trainer.evaluate, in_inference_mode, 2 * repeats)
        result = "identical" if trainer.evaluate() == in_inference_mode() else "DIFFERENT"
        print(
            f"evaluation {case.name:<11} no_grad {no_grad * 1e3:7.1f} ms, inference mode "
            f"{inference * 1e3:7.1f} ms (x{inference / no_grad:.2f}, accuracy {result})",
            flush=True,
        )


def compile_section(cases, repeats: int) -> None:
    """Three epochs each; the compiled run's last epoch against the eager run's."""
    for case in cases:
        for compiled in (True, False):
            data = synthetic(train=case.batch * 4 * case.batches, test=case.batch)
            trainer = Trainer(ours_config(case, epochs=3, compile=compiled), data=data)
            started = time.perf_counter()
            ready: list[float] = []
            epochs: list[EpochEvent] = []

            def follow(event, trainer=trainer, ready=ready, epochs=epochs, started=started):
                if isinstance(event, EpochEvent):
                    epochs.append(event)
                if trainer.compiler and trainer.compiler.ready and not ready:
                    ready.append(time.perf_counter() - started)

            trainer.subscribe(follow)
            trainer.run()
            rates = " ".join(f"{e.examples_per_sec:6.0f}" for e in epochs)
            when = f"ready after {ready[0]:5.1f} s" if ready else "not ready"
            error = trainer.compiler.error if trainer.compiler else None
            label = "compiled" if compiled else "eager"
            print(
                f"compile    {case.name:<11} {label:<8} epochs ex/s {rates}   "
                + (when if compiled else "")
                + (f" ({type(error).__name__})" if error else ""),
                flush=True,
            )


def ours_config(case: Case, **changes):
    from models.training.config import TrainConfig

    return TrainConfig(
        model=case.name, batch_size=case.batch, resize=case.resize or 0, lr=lr_of(case.name),
        device="cpu", **{"epochs": 2, "capture_every": LIVE_CAPTURE_EVERY, **changes},
    )  # fmt: skip


def tiny_data(case: Case, test: int | None = None):
    return synthetic(train=case.batch, test=test or case.batch, seed=0)


def median_time(action: Callable[[], object], repeats: int) -> float:
    return median_pair(action, None, repeats)[0]


def median_pair(a, b, repeats: int) -> tuple[float, float]:
    """Median seconds of ``a()`` and ``b()``, called alternately."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for action, kept in ((a, times[0]), (b, times[1])):
            if action is not None:
                start = time.perf_counter()
                action()
                kept.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1]) if times[1] else 0.0


RUN = {
    "threads": threads_section,
    "layout": layout_section,
    "precision": precision_section,
    "capture": capture_section,
    "optimizer": optimizer_section,
    "evaluation": evaluation_section,
    "compile": compile_section,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=(*SECTIONS, "compile", "all"), default="all")
    parser.add_argument("--only", nargs="+", choices=[c.name for c in CPU_CASES])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="every repeat's examples/s")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    global verbose
    verbose = args.verbose
    if args.child:
        child(args.child)
        return 0
    started = time.perf_counter()
    torch.set_num_threads(training_threads())
    print(
        f"{training_threads()} threads, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}, "
        f"torch {torch.__version__}, load average {load()}",
        flush=True,
    )
    cases = [c for c in CPU_CASES if not args.only or c.name in args.only]
    sections = SECTIONS if args.section == "all" else (args.section,)
    for section in sections:
        RUN[section](cases, args.repeats)
    print(f"load average at the end {load()}; {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
