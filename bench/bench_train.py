"""The book's training loop against NetAtlas's trainer: same network, batch and resize.

Usage:
  .venv/bin/python bench/bench_train.py            # this CPU: LeNet-BN and ResNet-18, small slices
  .venv/bin/python bench/bench_train.py --cuda     # a GPU: the 8 book networks at their presets

The book's loop is d2l's ``train_ch6``: a DataLoader over PIL images with ``Resize`` + ``ToTensor``
and 4 workers, and a ``float()`` of the loss and the accuracy after every batch. Its workers are
kept between epochs here (the book restarts them), which only makes the baseline faster. Ours
keeps the uint8 set on the device, resizes batches there, replays steps as CUDA graphs on a GPU
and reads its sums as often as in a full Fashion-MNIST epoch. Each side runs two epochs over the
same slice of the synthetic set; the second (warm) epoch's wall clock examples/s is compared, as
medians of interleaved repeats.

"ours" is the trainer with BN/gradient capture on at the app's live rate (every 5 steps); the
capture overhead columns compare it, and capture on every step, with capture off. With
``--cuda`` each network's first step is also timed in a fresh process (CUDA and cuDNN cold), from
``Trainer(...)`` to the end of step 1; the import of torch and the project is given apart.
The --cuda run is sized for about 5 minutes on one H100 (estimated from the issue's rates).
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.data.synthetic import synthetic  # noqa: E402
from models.registry import get_spec  # noqa: E402
from models.training.config import LIVE_CAPTURE_EVERY, TrainConfig  # noqa: E402
from models.training.events import EpochEvent, StepEvent  # noqa: E402
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


def book_loop(name: str, data, batch: int, resize: int | None, lr: float, device) -> float:
    """d2l's train_ch6 for two epochs; examples/s of the second."""
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
    rate = 0.0
    for _ in range(2):
        net.train()
        start, seen, metric = time.perf_counter(), 0, [0.0, 0.0]
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
        rate = seen / (time.perf_counter() - start)
    return rate


def ours(
    name: str, data, batch: int, resize: int | None, lr: float, device, capture: int, **options
):
    """NetAtlas's trainer for two epochs on the same slice: examples/s of the second, and how its
    steps ran. ``options``: other TrainConfig settings (layout, graphs)."""
    full_epoch = math.ceil(FASHION_MNIST_TRAIN / batch)
    config = TrainConfig(
        model=name, epochs=2, batch_size=batch, resize=resize or 0, lr=lr, device=str(device),
        capture_every=capture, test_limit=batch, log_every=max(1, full_epoch // 20), **options,
    )  # fmt: skip
    trainer = Trainer(config, data=data)
    epochs: list[EpochEvent] = []
    trainer.subscribe(lambda e: isinstance(e, EpochEvent) and epochs.append(e))
    done = trainer.run()
    return epochs[-1].examples_per_sec, done.steps


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


def compare(cases, device, repeats: int, first_step: bool) -> None:
    ratios, overheads, every_overheads = [], [], []
    for name, batch, resize, batches in cases:
        preset = get_spec(name).preset
        lr = preset.lr if preset else 0.05
        data = synthetic(train=batch * batches, test=batch, seed=0)
        runs: dict[str, list[float]] = {"book": [], "off": [], "live": [], "every": []}
        steps = ""
        for _ in range(repeats):  # interleaved, so that a busy spell hits all alike
            runs["book"].append(book_loop(name, data, batch, resize, lr, device))
            for key, capture in (("off", 0), ("live", LIVE_CAPTURE_EVERY), ("every", 1)):
                rate, steps = ours(name, data, batch, resize, lr, device, capture)
                runs[key].append(rate)
        book, off, live, every = (statistics.median(runs[k]) for k in runs)
        ratios.append(live / book)
        overheads.append(off / live - 1)
        every_overheads.append(off / every - 1)
        line = (
            f"{name:<11} batch {batch:<3} resize {resize or 28:<3} book {book:9.0f} ex/s   "
            f"ours {live:9.0f} ex/s   ratio {live / book:5.2f}x   capture: every 5 steps "
            f"{overheads[-1]:+6.1%}, every step {every_overheads[-1]:+6.1%}   [{steps}]"
        )
        if first_step:
            line += "   " + first_step_in_fresh_process(name, batch, resize)
        print(line, flush=True)
    print(f"geometric mean of ratios (ours / book): {geometric_mean(ratios):.2f}x")
    print(f"median capture overhead, every 5 steps: {statistics.median(overheads):+.1%}")
    print(f"median capture overhead, every step:    {statistics.median(every_overheads):+.1%}")


def compare_options(cases, device) -> None:
    """What each GPU default buys: ours with channels-last and CUDA graphs each on and off."""
    print("\nours (capture every 5 steps) by option, ex/s (median of 2):")
    for name, batch, resize, batches in cases:
        if name not in ("lenet", "lenet-bn", "googlenet", "resnet18"):
            continue
        lr = get_spec(name).preset.lr
        data = synthetic(train=batch * batches, test=batch, seed=0)
        cells = []
        for layout in (True, False):
            for graphs in (True, False):
                rates = [
                    ours(name, data, batch, resize, lr, device, LIVE_CAPTURE_EVERY,
                         channels_last=layout, cuda_graphs=graphs)[0]
                    for _ in range(2)
                ]  # fmt: skip
                label = f"{'NHWC' if layout else 'NCHW'} {'graphs' if graphs else 'eager'}"
                cells.append(f"{label} {statistics.median(rates):8.0f}")
        print(f"{name:<11} " + "   ".join(cells), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuda", action="store_true", help="the 8 book networks on a GPU")
    parser.add_argument("--repeats", type=int, default=3)
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
        for name in BOOK_NETS:
            preset = get_spec(name).preset
            cases.append((name, preset.batch_size, preset.resize, GPU_EPOCH_BATCHES))
        compare(cases, torch.device("cuda"), args.repeats, first_step=True)
        spent = time.perf_counter() - started
        if args.budget and spent > args.budget:
            print(f"\noptions table skipped: {spent:.0f} s spent of a {args.budget:.0f} s budget")
        else:
            compare_options(cases, torch.device("cuda"))
    else:
        cases = [("lenet-bn", 256, None, 12), ("resnet18", 64, 48, 6)]
        compare(cases, torch.device("cpu"), args.repeats, first_step=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
