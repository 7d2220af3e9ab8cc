"""``main.py train MODEL ...``: one run with a progress line, written to a run folder.

Ctrl-C, SIGTERM and SIGHUP all ask the trainer to stop after the current step, which keeps the
run folder valid for ``--resume`` and writes a "stopped" record; the process then exits with the
shell's code for that signal (130, 143, 129), since a stopped run is not a success. The same
signal again ends the process at once. A signal that comes while the data and the model are
still being prepared ends the command there. A user's model file is first built in a child
process that ``--timeout`` bounds, so a file that never returns is named, not waited on forever.

Started by ``torchrun``, the command is one rank of a data-parallel run
(:mod:`models.training.world`): rank 0 claims the run folder, writes it and prints; a signal
stops every rank at the same step; a failure is printed once, by the rank it happened on.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
from dataclasses import fields
from pathlib import Path
from types import FrameType

from errors import Interrupted, NetAtlasError
from models.isolated import run_isolated
from models.registry import is_user_reference
from models.training.config import TrainConfig, read_run_config
from models.training.errors import CheckpointError
from models.training.progress import Progress
from models.training.runs import claim_run_dir, new_run_dir, release_run_dir
from models.training.start import check_start
from models.training.trainer import RunFinished, Trainer
from models.training.world import SharedError, World, join_world, launched_rank
from models.user import build_user_model

# what ``train --resume`` takes from the command line: more epochs, SyncBatchNorm from now on,
# the model file's time limit (the model itself must be the run's; the world size is torchrun's)
RESUME_OPTIONS = frozenset({"model", "resume", "epochs", "sync_bn", "timeout"})
_SETTINGS = frozenset(f.name for f in fields(TrainConfig))
_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}
if hasattr(signal, "SIGHUP"):  # not on Windows
    _NAMES[signal.SIGHUP] = "SIGHUP"


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    return TrainConfig(
        model=args.model,
        dataset=args.dataset,
        data_dir=args.data_dir or "",
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
        deterministic=args.deterministic,
        sync_bn=args.sync_bn,
        input=args.input.text() if getattr(args, "input", None) else None,
    )


def make_trainer(args: argparse.Namespace, world: World | None = None) -> tuple[Trainer, Path]:
    """The settings, model, data set and device are checked and the run folder claimed before
    the (slow) data and model (on rank 0, which tells the other ranks the folder); the folder
    is named once the run is ready, and a start that fails after the claim removes it."""
    world = world or World()
    if args.resume:
        saved = world.from_rank0(lambda: read_run_config(args.resume))
        if saved["model"] != args.model:
            raise CheckpointError(
                f"{args.resume} is a run of {saved['model']!r}, not {args.model!r}; "
                f"resume it with 'train {saved['model']} --resume {args.resume}'."
            )
        refuse_other_settings(args, saved)
        check_user_model(args.model, args.timeout)
        trainer = Trainer.from_run(
            args.resume, epochs=args.epochs, sync_bn=args.sync_bn, world=world
        )
        _say(f"run folder: {args.resume}", world)
        return trainer, Path(args.resume)
    config = config_from_args(args)
    check_start(config, world)
    check_user_model(args.model, args.timeout)
    run_dir = None
    try:
        run_dir = world.from_rank0(
            lambda: claim_run_dir(args.out) if args.out else new_run_dir(args.model)
        )
        trainer = Trainer(config, run_dir, world=world)
    except BaseException:
        if run_dir is not None and world.leader:  # a failed start leaves nothing behind
            release_run_dir(run_dir)
        raise
    _say(f"run folder: {run_dir}", world)
    return trainer, run_dir


def refuse_other_settings(args: argparse.Namespace, saved: dict) -> None:
    """A resumed run continues with its own settings: an option typed with ``--resume`` that
    differs from the run's config.json is refused (naming each), not silently ignored. Those a
    resume honours (``RESUME_OPTIONS``) and those equal to the run's own pass."""
    config, own = config_from_args(args), TrainConfig.from_dict(saved)
    differ = [
        f"--{name.replace('_', '-')} {getattr(config, name)!r} (the run's: {getattr(own, name)!r})"
        for name in sorted(args.typed - RESUME_OPTIONS)
        if name in _SETTINGS and getattr(config, name) != getattr(own, name)
    ]
    if "out" in args.typed and Path(args.out).resolve() != Path(args.resume).resolve():
        differ.append(f"--out {args.out} (the run's folder: {args.resume})")
    if differ:
        raise SharedError(
            f"--resume continues the run in {args.resume} with its own settings, but "
            f"{', '.join(differ)} differ: leave them out, or start a new run to change them."
        )


def check_user_model(model: str, timeout: float) -> None:
    """Build a user's model once in a child process first: its file, ``__init__`` and all must
    finish within ``timeout`` seconds (our own networks need no such check)."""
    if is_user_reference(model):
        run_isolated(build_user_model, model, what=f"loading {model}", timeout=timeout)


class StopSignals:
    """While active, SIGINT/SIGTERM/SIGHUP stop the trainer after its step (or end the
    preparation before there is one); ``code`` is 128 + the signal that came, 0 if none."""

    def __init__(self, world: World | None = None) -> None:
        self.world = world or World()
        self.trainer: Trainer | None = None
        self.code = 0
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopSignals:
        for signum in _NAMES:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *_exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        name = _NAMES[signum]
        self.code = 128 + signum
        # the same signal again ends the process at once, whatever a model's code catches; the
        # run folder stays valid (whole-line log, atomic checkpoint)
        signal.signal(signum, signal.SIG_DFL)
        if self.trainer is None:
            raise Interrupted(f"stopped by {name} before training began", self.code)
        when = "the next logged step, all ranks together" if self.world.distributed else "this step"
        _say(f"\nstopping after {when} ({name}; send it again to abort)", self.world)
        self.trainer.request_stop()


def _say(text: str, world: World | None = None) -> None:
    """Print (rank 0 only) from a signal handler too: a closed terminal (SIGHUP) must not
    break the run."""
    if world is not None and not world.leader:
        return
    with contextlib.suppress(OSError, ValueError):
        print(text, flush=True)


def train_cli(args: argparse.Namespace) -> int:
    try:
        world = join_world(args.device)
    except NetAtlasError as exc:  # before there is a group: every rank raises the same
        if getattr(exc, "all_ranks", False) and launched_rank() != 0:
            return exc.exit_code
        raise
    try:
        with StopSignals(world) as signals:
            trainer, run_dir = make_trainer(args, world)
            if world.leader:
                trainer.subscribe(Progress())
            signals.trainer = trainer
            done = trainer.run()
        world.close(finished=True)
    except RunFinished as exc:  # a finished run resumed: said, and not an error
        _say(str(exc), world)
        return 0
    except NetAtlasError as exc:
        if world.leader:
            raise  # the one line of the run (another rank's, when that rank failed)
        if not (getattr(exc, "all_ranks", False) or isinstance(exc, Interrupted)):
            world.report_failure(str(exc))  # rank 0 prints it and writes it to the run log
        return exc.exit_code
    finally:
        world.close()
    _say(f"run folder: {run_dir}", world)
    if done.reason == "stopped":
        return signals.code or 130
    return 0
