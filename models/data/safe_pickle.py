"""CIFAR-10's batch files are Python pickles; they are read here without running any code.

``pickle.load`` calls whatever function a file names, so a crafted ``data_batch_1`` could run
``os.system``. The unpickler below admits only what those files hold: dicts, lists, strings,
bytes, numbers and numpy arrays (rebuilt from raw bytes, never of ``object`` dtype). Anything
else is refused with one line naming the file.
"""

from __future__ import annotations

import codecs
import importlib
import io
import pickle
from pathlib import Path

import numpy as np

from models.data.imageset import DatasetError


def _dtype(*args: object) -> np.dtype:
    dtype = np.dtype(*args)  # type: ignore[call-overload]
    if dtype.hasobject:
        raise pickle.UnpicklingError("an array of Python objects")
    return dtype


def _encode(text: str, encoding: str = "utf-8") -> bytes:
    """How Python 3 pickles bytes in protocol 2; only the latin-1 of those files is allowed."""
    if codecs.lookup(encoding).name != "iso8859-1":
        raise pickle.UnpicklingError(f"bytes in the {encoding!r} codec")
    return text.encode("latin1")


def _numpy(module: str, name: str) -> object | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


# numpy 2 moved its helpers to numpy._core; files name them by either path
_RECONSTRUCT = _numpy("numpy._core.multiarray", "_reconstruct") or _numpy(
    "numpy.core.multiarray", "_reconstruct"
)
_FROMBUFFER = _numpy("numpy._core.numeric", "_frombuffer") or _numpy(
    "numpy.core.numeric", "_frombuffer"
)
# (module, name) -> what the file gets for it; nothing else can be named
_ALLOWED: dict[tuple[str, str], object | None] = {
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): _dtype,
    ("_codecs", "encode"): _encode,
    ("numpy.core.multiarray", "_reconstruct"): _RECONSTRUCT,
    ("numpy._core.multiarray", "_reconstruct"): _RECONSTRUCT,
    ("numpy.core.numeric", "_frombuffer"): _FROMBUFFER,
    ("numpy._core.numeric", "_frombuffer"): _FROMBUFFER,
}


class _DataUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        found = _ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"it asks for {module}.{name}, which data never needs")
        return found


def load_data_pickle(path: Path) -> object:
    """The content of a data pickle (CIFAR-10's format); a ``DatasetError`` naming the file if
    it is damaged or asks for anything but plain data."""
    try:
        data = path.read_bytes()
        return _DataUnpickler(io.BytesIO(data), encoding="latin1").load()
    except OSError as exc:
        raise DatasetError(f"Cannot read {path}: {exc.strerror}.") from None
    except Exception as exc:  # a damaged pickle raises many kinds (EOF, Value, Unpickling, …)
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DatasetError(
            f"{path} is not a CIFAR-10 data file ({why}); nothing in it was run. Delete the "
            "folder to download it again."
        ) from None
