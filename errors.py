"""Errors the user can act on, shared by every layer (no torch, no Qt).

Every failure that reaches a person (CLI or app) is a ``NetAtlasError`` whose message is one line
naming the problem and the fix; the CLI prints it and exits with code 2, the app shows it in a
dialog. Anything else is a bug.
"""

from __future__ import annotations


class NetAtlasError(Exception):
    """A problem with the user's input, reported as one clear line."""

    exit_code = 2

    def app_message(self) -> str:
        """The line as the app shows it (the CLI's may name command-line options)."""
        return str(self)


class ModelNotFoundError(NetAtlasError):
    """An unknown model name (the message suggests the closest names)."""


class UserModelError(NetAtlasError):
    """A user's model file cannot be loaded or does not give an ``nn.Module``."""


class InputShapeError(NetAtlasError):
    """The model rejects the input size; the message names the layer.

    ``problem`` says what failed, ``suggestion`` the inputs the model takes by default (as
    ``--input`` writes them) when they differ from the ones given; the CLI's line ends in
    ``--input`` advice, the app's in where to set the input there."""

    def __init__(self, problem: str, suggestion: tuple[str, ...] | None = None) -> None:
        self.problem = problem
        self.suggestion = suggestion
        if suggestion:
            fix = f"Try {' '.join(f'--input {s}' for s in suggestion)}."
        else:
            fix = "Give the input size the model expects with --input C,H,W."
        super().__init__(f"{problem} {fix}")

    def __reduce__(self) -> tuple[type, tuple[str, tuple[str, ...] | None]]:
        # rebuilt from its parts, not its line, when it crosses from a child process
        return type(self), (self.problem, self.suggestion)

    def app_message(self) -> str:
        if self.suggestion:
            return f"{self.problem} Try the input {' and '.join(self.suggestion)} (File ▸ Input…)."
        return f"{self.problem} Set the input the model expects (File ▸ Input…)."


class TraceError(NetAtlasError):
    """No tracing path (fx, fx with leaves, hooks) could record the model."""


class Interrupted(NetAtlasError):
    """The user stopped a command (Ctrl-C, SIGTERM, Cancel): it exits 128 + the signal."""

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code
