"""NetAtlas's disk cache: what never changes for a given model and software, kept as plain JSON.

The graph of a book network and its first diagram depend only on the model, its input size and
the code that made them, so the app keeps them here and shows them at its next start before
torch is imported. Each entry is named by a digest of everything it depends on
(:func:`versions`: torch's, torchvision's and timm's releases, NetAtlas's own core code, the entry
format) and states those again inside, so an entry made by other software is never used.

Entries are data only (JSON: no file here can run code), written by ``write_atomic``. A missing,
damaged, foreign or outdated entry reads as ``None`` and is simply made again; a cache that
cannot be written is skipped (the app works without it). Where: ``NETATLAS_CACHE_DIR``, else
the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches``
on macOS, ``%LOCALAPPDATA%`` on Windows) under ``NetAtlas``. No torch, no Qt.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from errors import NetAtlasError
from models.files import write_atomic

CACHE_ENV = "NETATLAS_CACHE_DIR"
FORMAT = 2  # bump when what an entry holds changes shape
MAX_ENTRIES = 400  # per kind of entry; the least recently written go first
_CORE = ("errors.py", "models", "netgraph")  # the code whose output is cached
_ROOT = Path(__file__).resolve().parent.parent


def data_home() -> Path:
    """The per-user folder for application data on this platform."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    return Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"


def cache_root() -> Path:
    """The folder of NetAtlas's cache on this platform (``NETATLAS_CACHE_DIR`` overrides)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "NetAtlas"


def _release(package: str) -> str:
    """A package's version file, read without importing the package (torch takes seconds)."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        with contextlib.suppress(OSError):
            text = (Path(folder) / "version.py").read_text(encoding="utf-8")
            found = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)", text, re.M)
            digest = hashlib.sha1(text.encode()).hexdigest()[:8]
            return f"{found.group(1) if found else '?'}#{digest}"
    return "absent"


@cache
def versions() -> dict[str, Any]:
    """What every entry depends on: the entry format, torch's, torchvision's and timm's releases,
    and NetAtlas's core code (a digest of its sources: a changed layout never reads an old one)."""
    digest = hashlib.sha1()
    for name in _CORE:
        path = _ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(file.relative_to(_ROOT)).encode())
            digest.update(file.read_bytes())
    return {
        "format": FORMAT,
        "netatlas": digest.hexdigest()[:16],
        "torch": _release("torch"),
        "torchvision": _release("torchvision"),
        "timm": _release("timm"),  # "absent" when the optional timm is not installed
    }


def entry_name(*parts: Any) -> str:
    """A file name for the entry that ``parts`` (plain data) and :func:`versions` determine."""
    text = json.dumps([versions(), *parts], sort_keys=True, default=str)
    return hashlib.sha1(text.encode()).hexdigest()[:24] + ".json"


def read_entry(kind: str, name: str, root: Path | None = None) -> dict[str, Any] | None:
    """The entry's data, or None when it is missing, damaged or made by other software."""
    path = (root or cache_root()) / kind / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("versions") != versions():
        return None
    return data


def write_entry(kind: str, name: str, data: dict[str, Any], root: Path | None = None) -> bool:
    """Store ``data`` (JSON-able) atomically; False when the cache cannot take it (no room, no
    permission, a value JSON cannot hold): the app goes on without it."""
    folder = (root or cache_root()) / kind
    try:
        text = json.dumps({**data, "versions": versions()}, ensure_ascii=False)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, text)
    except (OSError, TypeError, ValueError, NetAtlasError):
        return False
    _prune(folder)
    return True


def _prune(folder: Path) -> None:
    """Keep the MAX_ENTRIES most recently written entries of a kind."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[MAX_ENTRIES:]:
            with contextlib.suppress(OSError):
                old.unlink()
