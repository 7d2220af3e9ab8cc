"""A user's own model: ``path/to/file.py:Name`` names an ``nn.Module`` class, a factory function
or a module instance (the book's ``net = nn.Sequential(...)`` style).

Loading runs the user's file, so every way it can fail becomes a one-line ``UserModelError``
that says what to fix, never a raw traceback.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from torch import nn

from errors import UserModelError
from models.registry import InputSize, ModelSpec

DEFAULT_INPUT = (3, 224, 224)


def split_reference(ref: str) -> tuple[Path, str | None]:
    """``"dir/file.py:Name"`` -> (path, "Name"); a bare ``"file.py"`` gives name None."""
    path, sep, name = ref.rpartition(":")
    if not sep or not path.endswith(".py"):
        return Path(ref), None
    return Path(path), name or None


def _one_line(exc: BaseException) -> str:
    """The first line of an exception's message: errors must stay one line."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _where(exc: BaseException, path: Path) -> str:
    """'line N' of the innermost frame in the user's file, if any."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename).resolve() == path.resolve():
            return f" (line {frame.lineno})"
    return ""


class NeighbourFinder(importlib.abc.MetaPathFinder):
    """Lets a user's file import the modules beside it, as Python lets a script, without putting
    its folder on ``sys.path``, where every import of every thread would search it: a name is
    looked for in a user file's folder only when code from that folder imports it."""

    def __init__(self) -> None:
        self.folders: set[str] = set()

    def find_spec(self, name: str, path: object = None, target: object = None) -> object:
        if path is not None:  # a submodule: its package's own path finds it
            return None
        folder = _importing_folder()
        if folder not in self.folders:
            return None
        return importlib.machinery.PathFinder.find_spec(name, [folder])


def _importing_folder() -> str | None:
    """The folder of the code running the import statement (importlib's frames skipped)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__", "").startswith(
        ("importlib", "_frozen_importlib")
    ):
        frame = frame.f_back
    file = frame.f_globals.get("__file__") if frame is not None else None
    return os.path.dirname(os.path.abspath(file)) if isinstance(file, str) else None


_NEIGHBOURS = NeighbourFinder()


def _find_neighbours_of(folder: str) -> None:
    """Register ``folder``; the finder joins ``sys.meta_path`` once, just before the path
    finder (so a neighbour is found where a script's neighbour would be: after built-ins)."""
    _NEIGHBOURS.folders.add(folder)
    if _NEIGHBOURS not in sys.meta_path:
        at = next(
            (i for i, f in enumerate(sys.meta_path) if f is importlib.machinery.PathFinder),
            len(sys.meta_path),
        )
        sys.meta_path.insert(at, _NEIGHBOURS)


def load_module(path: Path) -> ModuleType:
    """Import the user's file under a private module name."""
    if not path.is_file():
        raise UserModelError(f"Model file not found: {path}. Check the path and try again.")
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UserModelError(
            f"Cannot read {path}: {exc.strerror}. Check its permissions."
        ) from None
    try:
        ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise UserModelError(
            f"Syntax error in {path} line {exc.lineno}: {exc.msg}. Fix the file and reload it."
        ) from None
    except ValueError as exc:  # e.g. null bytes: not a Python source file
        raise UserModelError(f"{path} is not Python source ({_one_line(exc)}).") from None
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    module_name = f"netatlas_user_{digest}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered while it runs, as a normal import is: @dataclass and pickling look it up there.
    sys.modules[module_name] = module
    _find_neighbours_of(str(path.resolve().parent))  # its imports may name its neighbours
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:  # the user's code may raise anything, even exit
        del sys.modules[module_name]
        raise UserModelError(
            f"{path} raised {type(exc).__name__} while loading{_where(exc, path)}: {_one_line(exc)}"
        ) from None
    return module


def _gives_model(obj: object) -> bool:
    return (
        isinstance(obj, nn.Module)
        or inspect.isclass(obj)
        and issubclass(obj, nn.Module)
        or inspect.isfunction(obj)
    )


def model_candidates(module: ModuleType) -> list[str]:
    """Names in the file that can give a model: nn.Module subclasses, plain functions defined in
    the file itself and module instances (imports such as ``nn.Conv2d`` are left out)."""
    found = []
    for name, obj in vars(module).items():
        if name.startswith("_") or not _gives_model(obj):
            continue
        if isinstance(obj, nn.Module) or getattr(obj, "__module__", None) == module.__name__:
            found.append(name)
    return found


def file_candidates(path: str | Path) -> list[str]:
    """Run the file and list the models it offers (what the app's Open dialog shows)."""
    found = model_candidates(load_module(Path(path)))
    if not found:
        raise UserModelError(f"{path} defines no nn.Module class or function: add one and retry.")
    return found


def _needs_arguments(obj: object) -> list[str]:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in sig.parameters.values()
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def _builder(obj: object, name: str, path: Path) -> Callable[[], object]:
    """Check that ``obj`` can give a model with no arguments; return what to call for one."""
    if isinstance(obj, nn.Module):
        return lambda: copy.deepcopy(obj)  # each build gets fresh weights to train
    if inspect.isclass(obj) and not issubclass(obj, nn.Module):
        raise UserModelError(f"{name!r} in {path} is a class but not an nn.Module subclass.")
    if not callable(obj):
        raise UserModelError(
            f"{name!r} in {path} is of type {type(obj).__name__}, not an nn.Module class, "
            f"instance or function."
        )
    missing = _needs_arguments(obj)
    if missing:
        raise UserModelError(
            f"{name} in {path} needs arguments ({', '.join(missing)}); give them defaults or "
            f"add a factory function that takes none."
        )
    return obj


def module_cycle(root: nn.Module) -> str | None:
    """The path of a submodule that is also one of its own ancestors (``self.me = self``),
    or None. Shared submodules (the same layer in two places) are fine."""
    clean: set[int] = set()  # subtrees already walked without finding a loop

    def walk(module: nn.Module, path: str, ancestors: frozenset[int]) -> str | None:
        inside = ancestors | {id(module)}
        for name, child in module._modules.items():
            if child is None or id(child) in clean:
                continue
            where = f"{path}.{name}" if path else name
            if id(child) in inside:
                return where
            found = walk(child, where, inside)
            if found is not None:
                return found
        clean.add(id(module))
        return None

    return walk(root, "", frozenset())


def user_spec(ref: str) -> ModelSpec:
    """Resolve ``file.py:Name`` into a spec whose builder instantiates the user's model."""
    path, name = split_reference(ref)
    module = load_module(path)
    candidates = model_candidates(module)
    listing = ", ".join(candidates) or "none found"
    if name is None:
        raise UserModelError(
            f"Name the model to load as {path}:NAME (nn.Module classes and functions: {listing})."
        )
    if not hasattr(module, name):
        raise UserModelError(f"{name!r} not found in {path}. Available: {listing}.")
    make = _builder(getattr(module, name), name, path)

    def build() -> nn.Module:
        try:
            model = make()
        except Exception as exc:
            raise UserModelError(
                f"{name}() in {path} raised {type(exc).__name__}{_where(exc, path)}: "
                f"{_one_line(exc)}"
            ) from None
        if not isinstance(model, nn.Module):
            raise UserModelError(
                f"{name}() in {path} returned {type(model).__name__}, not an nn.Module."
            )
        loop = module_cycle(model)
        if loop is not None:
            raise UserModelError(
                f"{name}() in {path} contains itself: submodule '{loop}' is one of its own "
                "parents, so every walk over its layers is endless; keep such a reference out "
                "of the module tree (e.g. in a plain list)."
            )
        return model

    return ModelSpec(
        name=ref,
        build=build,
        input_size=DEFAULT_INPUT,
        family="user",
        title=name,
    )


def build_user_model(ref: str) -> None:
    """Build ``file.py:Name`` once: run in a child process, as a check that it finishes."""
    user_spec(ref).build()


def outline_spec(ref: str, input_size: InputSize | None = None) -> ModelSpec:
    """What is known of ``file.py:Name`` without running the file: its name, title and input
    size. The process that shows it never builds it: loading, tracing and training a user's
    model happen in child processes."""
    path, name = split_reference(ref)

    def build() -> nn.Module:
        raise UserModelError(f"{ref} is built in a child process, where its code may run.")

    return ModelSpec(
        name=ref,
        build=build,
        input_size=tuple(input_size or DEFAULT_INPUT),
        family="user",
        title=name or path.stem,
    )
