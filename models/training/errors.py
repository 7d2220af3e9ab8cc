"""Training failures a person can act on (all ``NetAtlasError``: one line, CLI exit code 2)."""

from __future__ import annotations

from errors import NetAtlasError


class TrainingError(NetAtlasError):
    """Bad settings, a model that cannot take the data, or a run that cannot go on."""


class DivergedError(TrainingError):
    """The loss became NaN or infinite."""

    all_ranks = True  # found in the sums of every rank together: each rank raises it


class DeviceMemoryError(TrainingError):
    """The accelerator ran out of memory."""


class CheckpointError(TrainingError):
    """A run folder's checkpoint is missing, corrupt or of another model."""


class ModelCodeError(TrainingError):
    """A user's model raised while it trained; the message names the file and line."""
