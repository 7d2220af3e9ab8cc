"""``main.py train MODEL ...``: one run with a progress line, written to a run folder.

The first Ctrl-C asks the trainer to stop after the current step, which keeps the run folder
valid for ``--resume``; a second one aborts at once.
"""

from __future__ import annotations

import argparse
import re
import signal
import time
from pathlib import Path

from models.training.config import TrainConfig
from models.training.errors import CheckpointError
from models.training.progress import Progress
from models.training.runlog import read_config
from models.training.trainer import Trainer


def default_run_dir(model: str) -> Path:
    """``runs/MODEL-YYYYmmdd-HHMMSS`` (a user's ``file.py:Name`` becomes ``Name``)."""
    short = re.sub(r"[^A-Za-z0-9._-]+", "_", model.rpartition(":")[2] or Path(model).stem)
    return Path("runs") / f"{short}-{time.strftime('%Y%m%d-%H%M%S')}"


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    return TrainConfig(
        model=args.model,
        dataset=args.dataset,
        data_dir=args.data_dir,
        epochs=args.epochs,
        lr=args.lr,
        batch_size=args.batch_size,
        resize=args.resize,
        optimizer=args.optimizer,
        weight_decay=args.weight_decay,
        device=args.device,
        precision=args.precision,
        channels_last=args.channels_last,
        compile=args.compile,
        cuda_graphs=args.cuda_graphs,
        seed=args.seed,
    )


def make_trainer(args: argparse.Namespace) -> tuple[Trainer, Path]:
    if args.resume:
        saved = read_config(args.resume)["model"]
        if saved != args.model:
            raise CheckpointError(
                f"{args.resume} is a run of {saved!r}, not {args.model!r}; "
                f"resume it with 'train {saved} --resume {args.resume}'."
            )
        return Trainer.from_run(args.resume, epochs=args.epochs), Path(args.resume)
    run_dir = Path(args.out) if args.out else default_run_dir(args.model)
    return Trainer(config_from_args(args), run_dir), run_dir


def train_cli(args: argparse.Namespace) -> int:
    trainer, run_dir = make_trainer(args)
    trainer.subscribe(Progress())

    def stop(_signum, _frame) -> None:
        print("\nstopping after this step (Ctrl-C again to abort)", flush=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        trainer.request_stop()

    previous = signal.signal(signal.SIGINT, stop)
    try:
        trainer.run()
    finally:
        signal.signal(signal.SIGINT, previous)
    print(f"run folder: {run_dir}")
    return 0
