"""What a new run needs that can be checked in a moment, before its folder is claimed, so that a
start that cannot work leaves no folder behind and never names one (the CLI and the app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.data import dataset_source
from models.registry import get_spec, is_user_reference
from models.training.config import TrainConfig

if TYPE_CHECKING:
    from models.training.world import World


def check_start(config: TrainConfig, world: World | None = None) -> None:
    """Raise the ``NetAtlasError`` of a start that cannot work: a setting out of range, a model
    the registry does not know (a user's file is checked in a child process), a data set that
    is neither built in nor a folder, a device this machine does not have."""
    from models.training.device import pick_device  # torch: loaded once a run starts anyway
    from models.training.world import World

    config.check()
    if not is_user_reference(config.model):
        get_spec(config.model)
    dataset_source(config.dataset)
    pick_device((world or World()).device(config.device))
