"""A user's own model: ``path/to/file.py:Name`` names an ``nn.Module`` class or a factory function.

Loading runs the user's file, so every way it can fail becomes a one-line ``UserModelError``
that says what to fix, never a raw traceback.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import inspect
import sys
import traceback
from pathlib import Path
from types import ModuleType

from torch import nn

from models.errors import UserModelError
from models.registry import ModelSpec

DEFAULT_INPUT = (3, 224, 224)


def split_reference(ref: str) -> tuple[Path, str | None]:
    """``"dir/file.py:Name"`` -> (path, "Name"); a bare ``"file.py"`` gives name None."""
    path, sep, name = ref.rpartition(":")
    if not sep or not path.endswith(".py"):
        return Path(ref), None
    return Path(path), name or None


def _where(exc: BaseException, path: Path) -> str:
    """'line N' of the innermost frame in the user's file, if any."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename).resolve() == path.resolve():
            return f" (line {frame.lineno})"
    return ""


def load_module(path: Path) -> ModuleType:
    """Import the user's file under a private module name."""
    if not path.is_file():
        raise UserModelError(f"Model file not found: {path}. Check the path and try again.")
    source = path.read_text(encoding="utf-8", errors="replace")
    try:
        ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise UserModelError(
            f"Syntax error in {path} line {exc.lineno}: {exc.msg}. Fix the file and reload it."
        ) from None
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(f"netatlas_user_{digest}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.resolve().parent))  # let the file import its neighbours
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the user's code may raise anything
        raise UserModelError(
            f"{path} raised {type(exc).__name__} while loading{_where(exc, path)}: {exc}"
        ) from None
    finally:
        sys.path.remove(str(path.resolve().parent))
    return module


def model_candidates(module: ModuleType) -> list[str]:
    """Names in the file that can give a model: nn.Module subclasses and plain functions
    defined in the file itself (imports such as ``nn.Conv2d`` are left out)."""
    found = []
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isclass(obj) and issubclass(obj, nn.Module) or inspect.isfunction(obj):
            found.append(name)
    return found


def _needs_arguments(obj: object) -> list[str]:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in sig.parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]


def user_spec(ref: str) -> ModelSpec:
    """Resolve ``file.py:Name`` into a spec whose builder instantiates the user's model."""
    path, name = split_reference(ref)
    module = load_module(path)
    candidates = model_candidates(module)
    if name is None:
        listing = ", ".join(candidates) or "none found"
        raise UserModelError(
            f"Name the model to load as {path}:NAME (nn.Module classes and functions: {listing})."
        )
    if not hasattr(module, name):
        listing = ", ".join(candidates) or "none found"
        raise UserModelError(f"{name!r} not found in {path}. Available: {listing}.")
    obj = getattr(module, name)
    if not callable(obj):
        raise UserModelError(f"{name!r} in {path} is not an nn.Module class or a function.")
    missing = _needs_arguments(obj)
    if missing:
        raise UserModelError(
            f"{name} in {path} needs arguments ({', '.join(missing)}); give them defaults or "
            f"add a factory function that takes none."
        )

    def build() -> nn.Module:
        try:
            model = obj()
        except Exception as exc:
            raise UserModelError(
                f"{name}() in {path} raised {type(exc).__name__}{_where(exc, path)}: {exc}"
            ) from None
        if not isinstance(model, nn.Module):
            raise UserModelError(
                f"{name}() in {path} returned {type(model).__name__}, not an nn.Module."
            )
        return model

    if inspect.isclass(obj) and not issubclass(obj, nn.Module):
        raise UserModelError(f"{name!r} in {path} is a class but not an nn.Module subclass.")
    return ModelSpec(
        name=ref,
        build=build,
        input_size=DEFAULT_INPUT,
        family="user",
        title=name,
    )
