"""The book's training loop against NetAtlas's trainer: same network, batch and resize.

Usage:
  .venv/bin/python bench/bench_train.py            # this CPU: the 8 book networks, sizes reduced
  .venv/bin/python bench/bench_train.py --only resnet18 lenet-bn --repeats 5
  .venv/bin/python bench/bench_train.py --cuda     # a GPU: the 8 book networks at their presets

The book's loop is d2l's ``train_ch6``: a DataLoader over PIL images with ``Resize`` + ``ToTensor``
and 4 workers, and a ``float()`` of the loss and the accuracy after every batch. Its workers are
kept between epochs here (the book restarts them), which only makes the baseline faster. Ours
keeps the uint8 set on the device, resizes batches there, replays steps as CUDA graphs on a GPU
and reads its sums as often as in a full Fashion-MNIST epoch. Each side runs two epochs over the
same slice of the synthetic set; the second (warm) epoch's wall clock examples/s is compared in
interleaved repeats (every other one in reverse order); a ratio is the median of the repeats' own
ratios, the range after it their lowest and highest.

"ours" is the trainer with BN/gradient capture on at the app's live rate (every 5 steps); the
capture overhead columns compare it, and capture on every step, with capture off. On the CPU ours
writes a run folder as the app and ``main.py train`` do (metrics, one statistics file a capture
step, a checkpoint after each epoch, not timed). Both loops run in this one process with the
trainer's thread settings (one intra-op thread per physical core, idle OpenMP threads asleep:
:mod:`models.training.cpu`), so the ratio is the engine's, not the thread settings'.

The CPU run also profiles one more run of ours per network (capture every 5 steps, its second
epoch) and splits a step's time into the trainer's phases (:mod:`models.training.phases`); the
convolution and matrix kernels' share of the step and their speed (training FLOPs counted by
torch's FlopCounterMode) against this machine's fp32 matrix-multiply speed say how much faster
the step could be in fp32 at all.

With ``--cuda`` each network's first step is also timed in a fresh process (CUDA and cuDNN cold),
from ``Trainer(...)`` to the end of step 1; the import of torch and the project is given apart.
The --cuda run is sized for about 5 minutes on one H100 (estimated from the issue's rates).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.training.cpu import native_bf16, physical_cores, quiet_openmp  # noqa: E402

quiet_openmp()  # before torch loads OpenMP, as main.py does
os.environ.setdefault("KINETO_LOG_LEVEL", "5")  # the profiler's start-up chatter

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

# the book's 4 DataLoader workers on a machine with fewer cores: torch warns, the book does it
warnings.filterwarnings("ignore", message="This DataLoader will create")
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, Dataset  # noqa: E402

from models.data.synthetic import synthetic  # noqa: E402
from models.registry import get_spec  # noqa: E402
from models.training.config import LIVE_CAPTURE_EVERY, TrainConfig  # noqa: E402
from models.training.cpu import training_threads  # noqa: E402
from models.training.events import DoneEvent, EpochEvent, StepEvent  # noqa: E402
from models.training.trainer import Trainer, book_init  # noqa: E402

BOOK_NETS = (
    "lenet",
    "alexnet",
    "vgg11-thin",
    "nin",
    "googlenet",
    "lenet-bn",
    "resnet18",
    "densenet",
)
GPU_EPOCH_BATCHES = 60  # batches per timed epoch on a GPU
FASHION_MNIST_TRAIN = 60_000  # ours reads its sums as often as in a full epoch of it


@dataclass(frozen=True)
class Case:
    """One network as benchmarked: batch size, resize (None: the data's 28 px), batches a
    timed epoch (a multiple of 5, so that every epoch has the same share of capture steps)."""

    name: str
    batch: int
    resize: int | None
    batches: int


# The CPU sizes: the book's where a step takes well under a second, else a smaller batch
# (AlexNet and VGG need 224 px: their first dense layer is sized for it) or smaller images
# (the global pooling of NiN, GoogLeNet, ResNet and DenseNet takes any size).
CPU_CASES = (
    Case("lenet", 256, None, 40),
    Case("alexnet", 16, 224, 5),
    Case("vgg11-thin", 16, 224, 5),
    Case("nin", 32, 112, 5),
    Case("googlenet", 32, 64, 5),
    Case("lenet-bn", 256, None, 40),
    Case("resnet18", 64, 48, 5),
    Case("densenet", 64, 48, 5),
)


class PILImages(Dataset):
    """The synthetic set served as PIL images, as torchvision's FashionMNIST serves them."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, resize: int | None) -> None:
        from torchvision import transforms

        self.images, self.labels = images[:, 0].numpy(), labels.numpy()
        steps = [transforms.Resize(resize)] if resize else []
        self.transform = transforms.Compose([*steps, transforms.ToTensor()])

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int):
        from PIL import Image

        return self.transform(Image.fromarray(self.images[i])), int(self.labels[i])


class Rate(NamedTuple):
    """Examples a second of the timed epoch, by the wall clock and by CPU time (all threads of
    the process, and the book's DataLoader workers): the work done, much the same however busy
    the machine is, where the wall clock depends on what else runs."""

    wall: float
    cpu: float


def cpu_seconds(pids: tuple[int, ...] = ()) -> float:
    """CPU time of this process and of the processes ``pids`` so far (NaN where unknown)."""
    total = time.process_time()
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return math.nan
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def book_loop(name: str, data, batch: int, resize: int | None, lr: float, device) -> Rate:
    """d2l's train_ch6 for two epochs; the second's rates."""
    torch.manual_seed(0)
    net = get_spec(name).build()
    net.apply(book_init)
    net.to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    loss = nn.CrossEntropyLoss()
    loader = DataLoader(
        PILImages(data.train_x, data.train_y, resize), batch, shuffle=True, num_workers=4,
        persistent_workers=True,
    )  # fmt: skip
    rate = Rate(0.0, 0.0)
    for epoch in range(2):
        net.train()
        workers = tuple(w.pid for w in loader._iterator._workers) if epoch else ()
        start, cpu, seen, metric = time.perf_counter(), cpu_seconds(workers), 0, [0.0, 0.0]
        for X, y in loader:
            optimizer.zero_grad()
            X, y = X.to(device), y.to(device)
            y_hat = net(X)
            l = loss(y_hat, y)
            l.backward()
            optimizer.step()
            with torch.no_grad():
                metric[0] += float(l * X.shape[0])
                metric[1] += float((y_hat.argmax(axis=1).type(y.dtype) == y).sum())
            seen += X.shape[0]
        rate = Rate(seen / (time.perf_counter() - start), seen / (cpu_seconds(workers) - cpu))
    return rate


def ours_trainer(
    name: str, data, batch: int, resize: int | None, lr: float, device, capture: int,
    run_dir: Path | None = None, **options,
) -> Trainer:  # fmt: skip
    """NetAtlas's trainer for two epochs on the same slice. ``options``: other TrainConfig
    settings (layout, graphs)."""
    full_epoch = math.ceil(FASHION_MNIST_TRAIN / batch)
    config = TrainConfig(
        model=name, epochs=2, batch_size=batch, resize=resize or 0, lr=lr, device=str(device),
        capture_every=capture, test_limit=batch, log_every=max(1, full_epoch // 20), **options,
    )  # fmt: skip
    return Trainer(config, run_dir, data=data)


def ours(
    name: str, data, batch: int, resize: int | None, lr: float, device, capture: int,
    run_folder: bool = False, **options,
):  # fmt: skip
    """The second epoch's rates, and how the steps ran; ``run_folder``: write one (in a
    temporary folder), as the app and the CLI do."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        run_dir = Path(tmp) / "run" if run_folder else None
        trainer = ours_trainer(name, data, batch, resize, lr, device, capture, run_dir, **options)
        rate, done = timed_run(trainer)
    return rate, done.steps


def timed_run(trainer: Trainer) -> tuple[Rate, DoneEvent]:
    """Run ``trainer``; the rates of its last epoch's training (the wall clock of its epoch
    record; CPU time from the record before it to its test pass)."""
    epochs: list[EpochEvent] = []
    marks: list[float] = []  # CPU seconds: an epoch's training starts, ends
    spans: list[float] = []  # CPU seconds of each epoch's training after the first

    def follow(event) -> None:
        if isinstance(event, EpochEvent):
            epochs.append(event)
            if len(marks) == 2:
                spans.append(marks[1] - marks[0])
            marks[:] = [cpu_seconds()]

    test_pass = trainer.evaluate

    def timed_test_pass() -> float:
        marks.append(cpu_seconds())
        return test_pass()

    trainer.subscribe(follow)
    trainer.evaluate = timed_test_pass
    done = trainer.run()
    return Rate(epochs[-1].examples_per_sec, len(trainer.train_batches) / spans[-1]), done


def first_step_in_fresh_process(name: str, batch: int, resize: int | None) -> str:
    """Seconds from ``Trainer(...)`` to the end of step 1 in a new process, and to import."""
    spawned = time.time()
    child = subprocess.run(
        [sys.executable, __file__, "--first-step", f"{name},{batch},{resize or 0}"],
        capture_output=True, text=True,
    )  # fmt: skip
    if child.returncode:
        return f"first step failed: {(child.stderr.strip().splitlines() or ['?'])[-1]}"
    imported, first = (float(v) for v in child.stdout.split())
    return f"first step {first:5.2f} s (+ import {imported - spawned:4.1f} s)"


def first_step_child(spec: str) -> None:
    """Print the wall clock after the imports, and the seconds from ``Trainer(...)`` to the end
    of step 1."""
    imported = time.time()
    name, batch, resize = spec.split(",")
    data = synthetic(train=2 * int(batch), test=int(batch), seed=0)
    start = time.time()
    config = TrainConfig(
        model=name, epochs=1, batch_size=int(batch), resize=int(resize), device="cuda",
        log_every=1, capture_every=LIVE_CAPTURE_EVERY,
    )  # fmt: skip
    trainer = Trainer(config, data=data)
    first: list[float] = []
    trainer.subscribe(
        lambda e: isinstance(e, StepEvent) and not first and first.append(time.time())
    )
    trainer.run()
    print(imported, first[0] - start)


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def spread(values: list[float]) -> float:
    """(max - min) / median of repeats: how noisy the machine was."""
    return (max(values) - min(values)) / statistics.median(values)


# What each repeat runs: the book's loop, and ours with capture off, every 5 steps, every step.
VARIANTS = (("book", None), ("off", 0), ("live", LIVE_CAPTURE_EVERY), ("every", 1))


def paired(a: list[float], b: list[float]) -> float:
    """The median over repeats of each repeat's a / b: two runs of one repeat ran back to back,
    under much the same load, where the medians of a and of b may come from different spells."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def compare(cases, device, repeats: int, first_step: bool, run_folder: bool = False) -> None:
    on_cpu = device.type == "cpu"  # CPU time is the work there, not on a GPU
    ratios, cpu_ratios, overheads, cpu_overheads, every_overheads, spreads = ([] for _ in range(6))
    for case in cases:
        name, batch, resize = case.name, case.batch, case.resize
        preset = get_spec(name).preset
        lr = preset.lr if preset else 0.05
        data = synthetic(train=batch * case.batches, test=batch, seed=0)
        runs: dict[str, list[Rate]] = {key: [] for key, _ in VARIANTS}
        steps = ""
        for i in range(repeats):  # interleaved, every other repeat in reverse (ABBA): a busy
            for key, capture in VARIANTS[:: 1 if i % 2 == 0 else -1]:  # spell hits all alike
                if capture is None:
                    rate = book_loop(name, data, batch, resize, lr, device)
                else:
                    rate, steps = ours(name, data, batch, resize, lr, device, capture, run_folder)
                runs[key].append(rate)
        wall = {key: [r.wall for r in rates] for key, rates in runs.items()}
        cpu = {key: [r.cpu for r in rates] for key, rates in runs.items()}
        each = [x / y for x, y in zip(wall["live"], wall["book"], strict=True)]
        ratios.append(paired(wall["live"], wall["book"]))
        cpu_ratios.append(paired(cpu["live"], cpu["book"]))
        overheads.append(paired(wall["off"], wall["live"]) - 1)
        cpu_overheads.append(paired(cpu["off"], cpu["live"]) - 1)
        every_overheads.append(paired(wall["off"], wall["every"]) - 1)
        spreads += [spread(wall[k]) for k in wall]
        line = (
            f"{name:<11} batch {batch:<3} resize {resize or 28:<3} book "
            f"{statistics.median(wall['book']):7.0f} ex/s   ours "
            f"{statistics.median(wall['live']):7.0f} ex/s   ratio {ratios[-1]:5.2f}x "
            f"({min(each):.2f}-{max(each):.2f})"
            + (f", by CPU time {cpu_ratios[-1]:5.2f}x" if on_cpu else "")
            + f"   capture: every 5 steps {overheads[-1]:+6.1%}"
            + (f" (CPU time {cpu_overheads[-1]:+5.1%})" if on_cpu else "")
            + f", every step {every_overheads[-1]:+6.1%}   spread book "
            f"{spread(wall['book']):4.0%} ours {spread(wall['live']):4.0%}   [{steps}]"
        )
        if first_step:
            line += "   " + first_step_in_fresh_process(name, batch, resize)
        print(line, flush=True)
    print(f"geometric mean of ratios (ours / book): {geometric_mean(ratios):.2f}x")
    if on_cpu:
        print(f"  by CPU time:                          {geometric_mean(cpu_ratios):.2f}x")
    print(
        f"lowest ratio: {min(ratios):.2f}x"
        + (f" (CPU time {min(cpu_ratios):.2f}x)" if on_cpu else "")
    )
    print(f"median capture overhead, every 5 steps: {statistics.median(overheads):+.1%}")
    if on_cpu:
        print(f"  by CPU time:                          {statistics.median(cpu_overheads):+.1%}")
    print(f"median capture overhead, every step:    {statistics.median(every_overheads):+.1%}")
    print(f"median spread between repeats (max-min)/median: {statistics.median(spreads):.0%}")


def compare_options(cases, device) -> None:
    """What each GPU default buys: ours with channels-last and CUDA graphs each on and off."""
    print("\nours (capture every 5 steps) by option, ex/s (median of 2):")
    for case in cases:
        name, batch, resize = case.name, case.batch, case.resize
        if name not in ("lenet", "lenet-bn", "googlenet", "resnet18"):
            continue
        lr = get_spec(name).preset.lr
        data = synthetic(train=batch * case.batches, test=batch, seed=0)
        cells = []
        for layout in (True, False):
            for graphs in (True, False):
                rates = [
                    ours(name, data, batch, resize, lr, device, LIVE_CAPTURE_EVERY,
                         channels_last=layout, cuda_graphs=graphs)[0].wall
                    for _ in range(2)
                ]  # fmt: skip
                label = f"{'NHWC' if layout else 'NCHW'} {'graphs' if graphs else 'eager'}"
                cells.append(f"{label} {statistics.median(rates):8.0f}")
        print(f"{name:<11} " + "   ".join(cells), flush=True)


# The profile's kernels that do the network's arithmetic (convolutions and matrix products).
KERNELS = ("conv", "mm")


def profile_breakdown(cases) -> None:
    """Where a step's time goes, from the profiler: the trainer's phases over the second epoch
    of one run per network (capture every 5 steps, a run folder), and the arithmetic kernels."""
    from torch.profiler import ProfilerActivity, profile

    from models.training.phases import CAPTURE, FORWARD, PHASES

    peak = sgemm_gflops()  # again at the end: the machine's load changes
    print(
        f"\nprofile of ours (capture every {LIVE_CAPTURE_EVERY} steps), second epoch, % of "
        f"its wall time; 'kernels': convolutions and matrix products, GFLOP/s their training "
        f"FLOPs over their time (fp32 sgemm here: {peak:.0f} GFLOP/s)"
    )
    print(
        f"{'network':<11} " + " ".join(f"{p.split(':')[1]:>9}" for p in PHASES)
        + f" {'other':>7} {'kernels':>8} {'GFLOP/s':>8}"
    )  # fmt: skip
    for case in cases:
        preset = get_spec(case.name).preset
        lr = preset.lr if preset else 0.05
        data = synthetic(train=case.batch * case.batches, test=case.batch, seed=0)
        flops = training_flops(case)
        with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
            trainer = ours_trainer(
                case.name, data, case.batch, case.resize, lr, torch.device("cpu"),
                LIVE_CAPTURE_EVERY, Path(tmp) / "run",
            )  # fmt: skip
            profiler = profile(activities=[ProfilerActivity.CPU])
            epochs: list[EpochEvent] = []

            def follow(event, profiler=profiler, epochs=epochs) -> None:
                if isinstance(event, EpochEvent):
                    epochs.append(event)
                    if event.epoch == 1:
                        profiler.start()  # the second epoch's steps, warm
                    else:
                        profiler.stop()

            trainer.subscribe(follow)
            trainer.run()
        seconds = epochs[-1].seconds
        events = profiler.events()
        totals = {p: 0.0 for p in PHASES}
        for event in events:
            if event.name in totals:
                totals[event.name] += event.time_range.elapsed_us() / 1e6
        # the BN hooks' capture work runs inside the forward range
        forwards = [e.time_range for e in events if e.name == FORWARD]
        nested = sum(
            e.time_range.elapsed_us() / 1e6
            for e in events
            if e.name == CAPTURE and any(r.start <= e.time_range.start <= r.end for r in forwards)
        )
        totals[FORWARD] -= nested
        kernels = sum(
            e.self_cpu_time_total / 1e6
            for e in profiler.key_averages()
            if e.key.startswith("aten::") and any(k in e.key for k in KERNELS)
        )
        other = seconds - sum(totals.values())
        gflops = flops * case.batch * case.batches / kernels / 1e9
        cells = " ".join(f"{totals[p] / seconds:9.1%}" for p in PHASES)
        print(
            f"{case.name:<11} {cells} {other / seconds:7.1%} {kernels / seconds:8.1%} "
            f"{gflops:8.0f}",
            flush=True,
        )
    print(f"fp32 sgemm after the profiles: {sgemm_gflops():.0f} GFLOP/s")


def training_flops(case: Case) -> float:
    """FLOPs of one training step's convolutions and matrix products, per example."""
    from torch.utils.flop_counter import FlopCounterMode

    model = get_spec(case.name).build().train()
    size = case.resize or 28
    x = torch.rand(case.batch, 1, size, size)
    y = torch.randint(0, 10, (case.batch,))
    with FlopCounterMode(display=False) as counter:
        F.cross_entropy(model(x), y).backward()
    return counter.get_total_flops() / case.batch


def sgemm_gflops(n: int = 2048, repeats: int = 5) -> float:
    """This machine's fp32 matrix-multiply speed (the best of ``repeats``)."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best / 1e9


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ")[0]
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuda", action="store_true", help="the 8 book networks on a GPU")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=BOOK_NETS, help="these networks only")
    parser.add_argument("--no-profile", action="store_true", help="skip the CPU profile table")
    parser.add_argument(
        "--budget", type=float, default=0, help="skip the options table after this many seconds"
    )
    parser.add_argument("--first-step", help=argparse.SUPPRESS)  # the child of a --cuda run
    args = parser.parse_args()
    started = time.perf_counter()
    if args.first_step:
        first_step_child(args.first_step)
        return 0
    if args.cuda:
        if not torch.cuda.is_available():
            print("--cuda: no CUDA GPU here", file=sys.stderr)
            return 2
        print(f"{torch.cuda.get_device_name()}, torch {torch.__version__}", flush=True)
        torch.backends.cudnn.benchmark = True  # the book's loop gets it too
        cases = []
        for name in args.only or BOOK_NETS:
            preset = get_spec(name).preset
            cases.append(Case(name, preset.batch_size, preset.resize, GPU_EPOCH_BATCHES))
        compare(cases, torch.device("cuda"), args.repeats, first_step=True)
        spent = time.perf_counter() - started
        if args.budget and spent > args.budget:
            print(f"\noptions table skipped: {spent:.0f} s spent of a {args.budget:.0f} s budget")
        else:
            compare_options(cases, torch.device("cuda"))
        return 0
    torch.set_num_threads(training_threads())  # the book's loop gets the trainer's threads
    print(
        f"CPU: {physical_cores()} physical cores, {torch.get_num_threads()} intra-op threads, "
        f"native bf16: {native_bf16() or 'none'}, OMP_WAIT_POLICY="
        f"{os.environ.get('OMP_WAIT_POLICY', 'unset')}, torch {torch.__version__}, "
        f"load average {load()}",
        flush=True,
    )
    cases = [case for case in CPU_CASES if not args.only or case.name in args.only]
    compare(cases, torch.device("cpu"), args.repeats, first_step=False, run_folder=True)
    if not args.no_profile:
        profile_breakdown(cases)
    print(f"load average at the end {load()}; {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
