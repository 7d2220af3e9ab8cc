"""A user's own model: ``path/to/file.py:Name`` names an ``nn.Module`` class, a factory function
or a module instance (the book's ``net = nn.Sequential(...)`` style).

Loading runs the user's file, so every way it can fail becomes a one-line ``UserModelError``
that says what to fix, never a raw traceback. The file is imported as it would be in its own
project (``ProjectImports``): its folder first on the import path, its own top-level modules
and packages winning over NetAtlas's, even ones called ``models``, ``gui``, ``netgraph`` or
``main``. All of this runs in a child process (``netgraph/load.py``, ``models/isolated.py``);
the process that shows a user's model holds only its ``outline_spec``.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import hashlib
import importlib.util
import inspect
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from torch import nn

from errors import UserModelError
from models.inputs import InputsLike, InputSpec, as_inputs
from models.registry import ModelSpec

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


def code_location(exc: BaseException, ref: str) -> traceback.FrameSummary | None:
    """The innermost frame of ``exc``'s traceback in the user's code behind ``ref``: its file,
    or a module of its project that it imports (never NetAtlas's or an installed package's);
    None when the exception never passed through it."""
    path, _ = split_reference(ref)
    own = path.resolve()
    root, _ = _project_root(path)
    folders = {root, own.parent}
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        try:
            where = Path(frame.filename).resolve()
        except (OSError, RuntimeError, ValueError):
            continue
        if where == own:
            return frame
        ours = any(where.is_relative_to(folder) for folder in folders)
        if ours and not where.is_relative_to(NETATLAS) and "site-packages" not in where.parts:
            return frame
    return None


def _project_root(path: Path) -> tuple[Path, str | None]:
    """The folder the user's project imports from, and the file's dotted name when the file
    lies in a package (``proj/models/net.py`` -> ``proj``, ``models.net``)."""
    folder, parts = path.resolve().parent, [path.stem]
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    return folder, ".".join(parts) if len(parts) > 1 else None


def _top_level_names(folders: list[Path]) -> set[str]:
    """The modules and packages a project's folders offer at the top level."""
    names = set()
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.suffix == ".py":
                names.add(entry.stem)
            elif entry.is_dir() and (entry / "__init__.py").is_file():
                names.add(entry.name)
    return names


def _located_in(module: ModuleType | None, folders: list[Path]) -> bool:
    places = [getattr(module, "__file__", None), *(getattr(module, "__path__", None) or [])]
    for place in filter(None, places):
        try:
            resolved = Path(place).resolve()
        except (OSError, TypeError):
            continue
        if any(resolved.is_relative_to(folder) for folder in folders):
            return True
    return False


NETATLAS = Path(__file__).resolve().parents[1]  # the folder of NetAtlas's own top-level modules


class ProjectImports:
    """The import path of a user's project, used while its code runs (loading its file,
    building its model): its folder first on ``sys.path``, and its own top-level modules in
    ``sys.modules`` in place of NetAtlas's of the same name (``models``, ``gui``, ``netgraph``,
    ``main``). In between, the project's modules are kept here and NetAtlas's are back, so
    neither side's imports break; each load starts afresh, so an edited file and its edited
    neighbours reload. Modules loaded from elsewhere (the standard library, site-packages) stay,
    as they would when the project runs on its own: they were imported before its code ran."""

    def __init__(self, path: Path) -> None:
        self.root, self.dotted = _project_root(path)
        folder = path.resolve().parent
        self.folders = [self.root] + ([folder] if folder != self.root else [])
        self.names = _top_level_names(self.folders)
        self.modules: dict[str, ModuleType] = {}  # the project's own, between uses

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        saved_path, saved_bytecode = list(sys.path), sys.dont_write_bytecode
        sys.path[:0] = [str(f) for f in self.folders]
        sys.dont_write_bytecode = True  # no __pycache__ left in the user's folders
        shadowed = {
            name: sys.modules.pop(name)
            for name in list(sys.modules)
            if name.partition(".")[0] in self.names
            and _located_in(sys.modules[name], [NETATLAS])
            and not _located_in(sys.modules[name], self.folders)
        }
        sys.modules.update(self.modules)
        before = set(sys.modules)
        try:
            yield
        finally:
            for name in list(sys.modules):
                ours = name in self.modules or name not in before
                if ours and _located_in(sys.modules[name], self.folders):
                    self.modules[name] = sys.modules.pop(name)
            sys.modules.update(shadowed)
            sys.path[:] = saved_path
            sys.dont_write_bytecode = saved_bytecode


def load_module(path: Path, project: ProjectImports | None = None) -> ModuleType:
    """Import the user's file as part of its project (``project``, made here if not given):
    under its dotted name inside a package (relative imports work), else under a private
    module name."""
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
    project = project or ProjectImports(path)
    try:
        with project.active():
            return _import(path, project.dotted)
    except (Exception, SystemExit) as exc:  # the user's code may raise anything, even exit
        raise UserModelError(
            f"{path} raised {type(exc).__name__} while loading{_where(exc, path)}: {_one_line(exc)}"
        ) from None


def _import(path: Path, dotted: str | None) -> ModuleType:
    if dotted is not None:
        sys.modules.pop(dotted, None)  # a reload runs the file again
        return importlib.import_module(dotted)
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    module_name = f"netatlas_user_{digest}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered while it runs, as a normal import is: @dataclass and pickling look it up there.
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
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


@dataclass(frozen=True)
class Candidate:
    """A model a user's file offers, as the app's dialog shows it: what to feed it first, and
    the names of its forward's positional arguments (the first ``required`` of them needed)."""

    name: str
    inputs: tuple[InputSpec, ...]
    names: tuple[str, ...] = ()
    required: int = 1


def user_spec(ref: str) -> ModelSpec:
    """Resolve ``file.py:Name`` into a spec whose builder instantiates the user's model."""
    path, name = split_reference(ref)
    project = ProjectImports(path)
    return _user_spec(ref, path, name, project, load_module(path, project))


def file_specs(path: Path) -> dict[str, ModelSpec | UserModelError]:
    """Every model the file offers (``model_candidates``), loading the file once: its spec,
    or the error that says why that name cannot give one."""
    project = ProjectImports(path)
    module = load_module(path, project)
    found: dict[str, ModelSpec | UserModelError] = {}
    for name in model_candidates(module):
        try:
            found[name] = _user_spec(f"{path}:{name}", path, name, project, module)
        except UserModelError as exc:
            found[name] = exc
    return found


def _user_spec(
    ref: str, path: Path, name: str | None, project: ProjectImports, module: ModuleType
) -> ModelSpec:
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
            with project.active():  # what the model's code imports as it builds is its own
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


def outline_spec(ref: str, input_size: InputsLike = None) -> ModelSpec:
    """What is known of ``file.py:Name`` without running the file: its name, title and the
    inputs it was fed (``input_size``: one shape, or one per input; the child used the same).
    The process that shows it never builds it: loading, tracing and training a user's model
    happen in child processes."""
    path, name = split_reference(ref)

    def build() -> nn.Module:
        raise UserModelError(f"{ref} is built in a child process, where its code may run.")

    return ModelSpec(
        name=ref,
        build=build,
        input_size=DEFAULT_INPUT,
        family="user",
        title=name or path.stem,
        inputs=as_inputs(input_size) or (),
    )
