"""The user-facing errors, re-exported from the shared :mod:`errors` module (their one home,
imported by ``models`` and ``netgraph`` alike)."""

from errors import (
    InputShapeError,
    Interrupted,
    ModelNotFoundError,
    NetAtlasError,
    TraceError,
    UserModelError,
)

__all__ = [
    "InputShapeError",
    "Interrupted",
    "ModelNotFoundError",
    "NetAtlasError",
    "TraceError",
    "UserModelError",
]
