"""The book's training loop against NetAtlas's trainer: same network, batch and resize.

Usage:
  .venv/bin/python bench/bench_train.py            # this CPU: LeNet-BN and ResNet-18, small slices
  .venv/bin/python bench/bench_train.py --cuda     # a GPU: the 8 book networks at their presets

The book's loop is d2l's ``train_ch6``: a DataLoader over PIL images with ``Resize`` + ``ToTensor``
and 4 workers, and a ``float()`` of the loss and the accuracy after every batch. Ours keeps the
uint8 set on the device, resizes batches there and reads its sums a few times per epoch. Each
side runs two epochs over the same slice of the synthetic set; the second (warm) epoch's wall
clock examples/s is compared, as medians of interleaved repeats. Also printed: the cost of
BN/gradient capture (every step vs never) and, with ``--cuda``, the time from ``Trainer(...)``
to the end of the first step.
The --cuda run is sized to finish in under 8 minutes on one H100.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.data.synthetic import synthetic  # noqa: E402
from models.registry import get_spec  # noqa: E402
from models.training.config import TrainConfig  # noqa: E402
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

        return self.transform(Image.fromarray(self.images[i], mode="L")), int(self.labels[i])


def book_loop(name: str, data, batch: int, resize: int | None, lr: float, device) -> float:
    """d2l's train_ch6 for two epochs; examples/s of the second."""
    torch.manual_seed(0)
    net = get_spec(name).build()
    net.apply(book_init)
    net.to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    loss = nn.CrossEntropyLoss()
    loader = DataLoader(
        PILImages(data.train_x, data.train_y, resize), batch, shuffle=True, num_workers=4
    )
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


def ours(name: str, data, batch: int, resize: int | None, lr: float, device, capture: int) -> float:
    """NetAtlas's trainer for two epochs on the same slice; examples/s of the second."""
    config = TrainConfig(
        model=name, epochs=2, batch_size=batch, resize=resize or 0, lr=lr, device=str(device),
        capture_every=capture, test_limit=batch,
    )  # fmt: skip
    trainer = Trainer(config, data=data)
    epochs: list[EpochEvent] = []
    trainer.subscribe(lambda e: isinstance(e, EpochEvent) and epochs.append(e))
    trainer.run()
    return epochs[-1].examples_per_sec


def first_step_seconds(name: str, data, batch: int, resize: int | None, device) -> float:
    """From ``Trainer(...)`` to the end of the first optimiser step (what a user waits for)."""
    start = time.perf_counter()
    config = TrainConfig(
        model=name, epochs=1, batch_size=batch, resize=resize or 0, device=str(device),
        log_every=1, train_limit=2 * batch, test_limit=batch,
    )  # fmt: skip
    trainer = Trainer(config, data=data)
    first: list[float] = []
    trainer.subscribe(
        lambda e: isinstance(e, StepEvent) and not first and first.append(time.perf_counter())
    )
    trainer.run()
    return first[0] - start


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def compare(cases, device, repeats: int, ttfs: bool) -> None:
    ratios, overheads = [], []
    for name, batch, resize, batches in cases:
        preset = get_spec(name).preset
        lr = preset.lr if preset else 0.05
        data = synthetic(train=batch * batches, test=batch, seed=0)
        runs: dict[str, list[float]] = {"book": [], "ours": [], "captured": []}
        for _ in range(repeats):  # interleaved, so that a busy spell hits all three alike
            runs["book"].append(book_loop(name, data, batch, resize, lr, device))
            runs["ours"].append(ours(name, data, batch, resize, lr, device, 0))
            runs["captured"].append(ours(name, data, batch, resize, lr, device, 1))
        book, fast, captured = (statistics.median(runs[k]) for k in ("book", "ours", "captured"))
        ratio, overhead = fast / book, fast / captured - 1
        ratios.append(ratio)
        overheads.append(overhead)
        line = (
            f"{name:<11} batch {batch:<3} resize {resize or 28:<3} book {book:9.0f} ex/s   "
            f"ours {fast:9.0f} ex/s   ratio {ratio:5.2f}x   capture every step {overhead:+6.1%}"
        )
        if ttfs:
            line += f"   first step {first_step_seconds(name, data, batch, resize, device):5.2f} s"
        print(line, flush=True)
    print(f"geometric mean of ratios (ours / book): {geometric_mean(ratios):.2f}x")
    print(f"median capture overhead (capture on every step): {statistics.median(overheads):+.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuda", action="store_true", help="the 8 book networks on a GPU")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.cuda:
        if not torch.cuda.is_available():
            print("--cuda: no CUDA GPU here", file=sys.stderr)
            return 2
        torch.backends.cudnn.benchmark = True
        cases = []
        for name in BOOK_NETS:
            preset = get_spec(name).preset
            cases.append((name, preset.batch_size, preset.resize, 40))
        compare(cases, torch.device("cuda"), args.repeats, ttfs=True)
    else:
        cases = [("lenet-bn", 256, None, 12), ("resnet18", 64, 48, 3)]
        compare(cases, torch.device("cpu"), args.repeats, ttfs=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
