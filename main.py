"""NetAtlas command line: ``gui``, ``list``, ``info``, ``export``, ``train``, ``runs``, ``lesson``.

Thin by design: each command parses its arguments and calls into ``models``, ``netgraph`` or
``gui``. Imports are deferred so that ``main.py info resnet18`` never pays for Qt or torchvision.
Every ``NetAtlasError`` is printed as one line and exits with its code (2; 128 + the signal when
the user stopped the command).
"""

from __future__ import annotations

import argparse
import os
import sys

from models.training.cpu import quiet_openmp

# before anything loads torch: idle OpenMP threads sleep instead of holding a core that the app's
# drawing or the training child needs (inherited by every child process started from here)
quiet_openmp()

INPUT_HELP = (
    "an input's size without the batch: C,H,W for an image, any rank (3,16,112,112 a clip, 128 "
    "a vector); int:128 for token ids (int:128/30522: below 30522); repeat for each input"
)


def parse_input_size(text: str) -> object:
    """``"3,224,224"`` -> InputSpec((3, 224, 224)); ``"int:128/30522"`` -> token ids; sizes no
    tensor could have are refused (``models.inputs.parse_input``)."""
    from models.inputs import InputSyntaxError, parse_input

    try:
        return parse_input(text)
    except InputSyntaxError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def input_specs(args: argparse.Namespace) -> list | None:
    """The ``--input`` options, each given ``--dtype`` unless it names its own type."""
    from dataclasses import replace

    specs = getattr(args, "input", None)
    dtype = getattr(args, "dtype", None)
    if not specs or dtype is None:
        return specs
    return [s if s.dtype != "float32" else replace(s, dtype=dtype) for s in specs]


def _dtype(text: str) -> str:
    from models.inputs import DTYPES

    if text.lower() not in DTYPES:
        raise argparse.ArgumentTypeError(f"invalid dtype {text!r}: use {', '.join(DTYPES)}")
    return DTYPES[text.lower()]


def _add_input_options(parser: argparse.ArgumentParser, models: str = "the model") -> None:
    parser.add_argument(
        "--input",
        type=parse_input_size,
        action="append",
        metavar="SIZE",
        help=f"{INPUT_HELP}; fed to {models}",
    )
    parser.add_argument(
        "--dtype", type=_dtype, help="type of the inputs that name none (e.g. int for token ids)"
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"invalid timeout {text!r}: give seconds > 0, e.g. 120")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"invalid depth {text!r}: give a whole number ≥ 0")
    return value


def cmd_list(args: argparse.Namespace) -> int:
    from models.registry import book_models, timm_names
    from models.zoo import TORCHVISION_GROUPS, torchvision_groups
    from netgraph.formatting import format_shape

    lang = args.lang
    print("The book's networks (Dive into Deep Learning, modern CNNs):")
    for spec in book_models():
        size = format_shape(spec.input_size)
        print(f"  {spec.name:<18} {spec.section:<5} {size:<10} {spec.note(lang)}")
    if not args.book_only:
        groups = torchvision_groups()
        for _, group in TORCHVISION_GROUPS:
            print(f"\ntorchvision, {group} (built without weights):")
            for name in (n for n, g in groups.items() if g == group):
                print(f"  {name}")
        timm = timm_names()
        print(f"\ntimm (pretrained=False): {len(timm)} models" if timm else "\ntimm: not installed")
        for name in timm:
            print(f"  {name}")
    print("\nYour own model: path/to/file.py:ClassOrFunction  (with --input C,H,W per input)")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from netgraph.summary import print_difference, print_summary

    if len(args.models) > 1:
        print_difference(args.models, args.input, as_json=args.json, timeout=args.timeout)
        return 0
    print_summary(
        args.models[0],
        input_size=args.input,
        depth=args.depth,
        as_json=args.json,
        timeout=args.timeout,
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from netgraph.figure import export_command

    def render(drawing, path: str, theme: str, scale: float) -> None:  # Qt only for pictures
        from gui.export import render_to_file

        render_to_file(drawing, path, theme, scale=scale)

    return export_command(args, render)


def cmd_train(args: argparse.Namespace) -> int:
    from models.training.cli import train_cli

    return train_cli(args)


def cmd_runs(args: argparse.Namespace) -> int:
    import json

    from models.training.library import format_table, scan_runs
    from models.training.runs import runs_root

    root = args.root or runs_root()
    runs = scan_runs(root)
    if args.json:
        print(json.dumps({"root": str(root), "runs": [r.to_json() for r in runs]}, indent=2))
    elif not runs:
        print(f"No runs in {root} yet: train one with 'main.py train MODEL' or the app.")
    else:
        print(f"{len(runs)} runs in {root}\n")
        print(format_table(runs))
    return 0


def cmd_lesson(args: argparse.Namespace) -> int:
    from models.lessons.catalog import get_lesson
    from models.lessons.runner import run_lesson

    run_lesson(get_lesson(args.name), full=args.full, lang=args.lang)
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from gui.app import run_app

    return run_app(args)


def _timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=120.0,
        metavar="S",
        help="give up on a model file whose code runs longer than S seconds (default 120)",
    )


def build_parser() -> argparse.ArgumentParser:
    from netgraph.compare.presets import BOOK_FIGURES  # plain data: no torch, no Qt

    parser = argparse.ArgumentParser(
        prog="main.py", description="NetAtlas: see and train the modern CNNs."
    )
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("gui", help="open the app (the default)")
    p.add_argument("--model", help="model to open, e.g. googlenet")
    _add_input_options(p)
    p.add_argument("--expand", nargs="*", default=[], metavar="PATH", help="blocks to expand")
    p.add_argument("--screenshot", metavar="FILE.png", help="draw the window to a PNG and exit")
    p.add_argument(
        "--style", choices=["book", "detailed"], help="diagram style (default: the last one used)"
    )
    p.add_argument("--lang", choices=["en", "zh"], help="UI and diagram language")
    p.add_argument("--compare", nargs="+", metavar="MODEL", help="open 2–4 models side by side")
    p.add_argument(
        "--book-figure",
        choices=[f.key for f in BOOK_FIGURES],
        help="open one of the chapter's side-by-side figures",
    )
    p.add_argument(
        "--follow",
        metavar="DIR",
        help="follow the run folder DIR that another process writes (main.py train, torchrun)",
    )
    p.add_argument("--train", action="store_true", help="train the model (with --screenshot)")
    from models.lessons.catalog import lesson_keys  # plain data: no torch

    p.add_argument(
        "--lesson", choices=lesson_keys(), help="start a lesson (with --screenshot: mid-run)"
    )
    p.add_argument("--dataset", default="synthetic")
    p.add_argument("--epochs", type=int)
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("list", help="list the models")
    p.add_argument("--book-only", action="store_true", help="only the book's networks")
    p.add_argument("--lang", default="en", choices=["en", "zh"], help="language of the notes")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("info", help="print a layer summary table (two or more: their differences)")
    p.add_argument("models", nargs="+", metavar="MODEL")
    _add_input_options(p, "every model")
    p.add_argument("--depth", type=_non_negative, default=None, help="module depth to show")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _timeout_option(p)
    p.set_defaults(func=cmd_info)

    p = sub.add_parser(
        "export", help="export the diagram (png, svg, pdf, json); 2–4 models: side by side"
    )
    p.add_argument("models", nargs="*", metavar="MODEL")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--depth", type=_non_negative, default=None)
    p.add_argument(
        "--expand",
        nargs="*",
        default=[],
        metavar="PATH",
        help="blocks to open; MODEL:PATH (or N:PATH, N from 1) opens one in one column only",
    )
    p.add_argument("--orientation", choices=["bt", "tb", "lr"], default="bt")
    p.add_argument("--theme", choices=["light", "dark", "print"], default="light")
    scale = p.add_mutually_exclusive_group()
    scale.add_argument("--scale", type=float)
    scale.add_argument("--dpi", type=float)
    _add_input_options(p, "every model")
    p.add_argument(
        "--fold-repeats", action="store_true", help="draw runs of repeated blocks once, N ×"
    )
    p.add_argument(
        "--style",
        choices=["auto", "book", "detailed"],
        default="auto",
        help="book: the book's wording, fills and omissions; detailed: every op with its shape "
        "and parameters (auto: book for the book's networks)",
    )
    p.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the labels")
    p.add_argument(
        "--only",
        action="append",
        metavar="PATH",
        help="just this block (opened), with what feeds it and what it feeds: a block's figure "
        "(MODEL:PATH or N:PATH for one column)",
    )
    p.add_argument(
        "--preset",
        choices=[f.key for f in BOOK_FIGURES],
        help="one of the chapter's side-by-side figures (instead of MODEL …)",
    )
    _timeout_option(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("train", help="train a model")
    p.add_argument("model")
    p.add_argument(
        "--dataset", default="synthetic", help="fashion-mnist, cifar10, synthetic or DIR"
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where fashion-mnist and cifar10 are kept or downloaded to (default: the "
        "per-user data folder; NETATLAS_DATA_DIR sets it)",
    )
    p.add_argument("--epochs", type=int, help="epochs in all (default: the book's preset)")
    p.add_argument("--lr", type=float, help="learning rate (default: the book's preset)")
    p.add_argument(
        "--batch-size", type=int, metavar="N", help="examples per step (default: the preset)"
    )
    p.add_argument(
        "--resize",
        type=int,
        metavar="SIDE",
        help="resize the images to SIDE×SIDE (0: keep; default: the preset, e.g. 224 for AlexNet)",
    )
    p.add_argument(
        "--input",
        type=parse_input_size,
        metavar="SIZE",
        help="the model's input: C,H,W for images (1 gray, 3 RGB), N for N values "
        "(default: what the model declares or its first layer takes)",
    )
    p.add_argument(
        "--optimizer", choices=["sgd", "momentum", "adam"], default="sgd", help="(default: sgd)"
    )
    p.add_argument("--weight-decay", type=float, default=0.0, help="L2 penalty (default: 0)")
    p.add_argument(
        "--device", default="auto", help="auto, cpu, cuda or cuda:N (default: auto, a GPU if any)"
    )
    p.add_argument(
        "--precision",
        choices=["auto", "bf16", "fp32"],
        default="auto",
        help="auto: bf16 on a GPU that has it, else fp32",
    )
    p.add_argument(
        "--channels-last",
        action=argparse.BooleanOptionalAction,
        help="NHWC memory layout (default: on for CUDA, on the CPU for wide convolutions)",
    )
    p.add_argument("--compile", action="store_true", help="torch.compile in the background")
    p.add_argument(
        "--cuda-graphs",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="replay steps as CUDA graphs on CUDA (default: on)",
    )
    p.add_argument("--seed", type=int, default=0, help="the random seed (default: 0)")
    p.add_argument(
        "--deterministic", action="store_true", help="deterministic algorithms (repeatable runs)"
    )
    p.add_argument(
        "--sync-bn",
        action="store_true",
        help="under torchrun: BN over the whole global batch (SyncBatchNorm; Gloo on the "
        "CPU), not per process",
    )
    p.add_argument(
        "--out", metavar="DIR", help="a new run folder (default: MODEL-TIME in the runs folder)"
    )
    p.add_argument("--resume", metavar="DIR", help="resume the run in DIR")
    _timeout_option(p)
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("runs", help="list the runs in the runs folder")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--root", metavar="DIR", help="another runs folder")
    p.set_defaults(func=cmd_runs)

    p = sub.add_parser("lesson", help="run one of the chapter's experiments side by side")
    p.add_argument("name", choices=lesson_keys())
    recipe = p.add_mutually_exclusive_group()
    recipe.add_argument(
        "--full", action="store_true", default=None, help="the book's full recipe (GPU default)"
    )
    recipe.add_argument(
        "--quick", dest="full", action="store_false", help="the reduced CPU recipe (CPU default)"
    )
    p.add_argument("--lang", default="en", choices=["en", "zh"], help="language of the narration")
    p.set_defaults(func=cmd_lesson)
    return parser


def typed_options(parser: argparse.ArgumentParser, argv: list[str]) -> frozenset[str]:
    """The options of ``parser`` that ``argv`` gives (their ``dest``), not argparse's defaults:
    what a command must not ignore silently (``train --resume`` refuses other settings)."""
    actions = [action for action in parser._actions if action.dest != argparse.SUPPRESS]
    defaults = [action.default for action in actions]
    try:  # parsed again with no defaults: only what argv gives is set
        for action in actions:
            action.default = argparse.SUPPRESS
        namespace, _ = parser.parse_known_args(argv)
    finally:
        for action, default in zip(actions, defaults, strict=True):
            action.default = default
    return frozenset(vars(namespace)) & {action.dest for action in actions}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        argv = ["gui", *argv]
        args = parser.parse_args(argv)
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    args.typed = typed_options(commands.choices[args.command], argv[1:])
    if hasattr(args, "input"):
        args.input = input_specs(args)  # every command sees the inputs with --dtype applied
    from errors import NetAtlasError

    try:
        return args.func(args)
    except NetAtlasError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _exit_now(code: int) -> None:
    """Leave without tearing torch and Qt down (over a second on a 2-core machine): every file
    the one-shot commands write is complete and closed by now."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# Commands that only write finished files; `gui` and `train` exit the normal way.
_ONE_SHOT = {"list", "info", "export", "runs"}

if __name__ == "__main__":
    code = main()
    if sys.argv[1:2] and sys.argv[1] in _ONE_SHOT:
        _exit_now(code)
    sys.exit(code)
