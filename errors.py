"""Errors the user can act on, shared by every layer (no torch, no Qt).

Every failure that reaches a person (CLI or app) is a ``NetAtlasError`` whose message is one line
naming the problem and the fix; the CLI prints it and exits with code 2, the app shows it in a
dialog. Anything else is a bug.
"""

from __future__ import annotations


class NetAtlasError(Exception):
    """A problem with the user's input, reported as one clear line."""

    exit_code = 2


class ModelNotFoundError(NetAtlasError):
    """An unknown model name (the message suggests the closest names)."""


class UserModelError(NetAtlasError):
    """A user's model file cannot be loaded or does not give an ``nn.Module``."""


class InputShapeError(NetAtlasError):
    """The model rejects the input size; the message names the layer."""


class TraceError(NetAtlasError):
    """No tracing path (fx, fx with leaves, hooks) could record the model."""


class Interrupted(NetAtlasError):
    """The user stopped a command (Ctrl-C, SIGTERM, Cancel): it exits 128 + the signal."""

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code
