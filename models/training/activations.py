"""What a layer sees: its output (feature maps) for a few images, at a state of a run.

"Before training" is the model exactly as the run started it (the same seed, the book's
initialisation); "now" is the run's last checkpoint (the end of its last finished epoch). The
maps are computed in evaluation mode without gradients, on the CPU, from the images the run
trains on, fed as the trainer feeds them (scaled to 0 … 1, resized to the run's input size).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from models.registry import get_spec
from models.training.config import TrainConfig
from models.training.errors import TrainingError
from models.training.runs import CHECKPOINT


def initial_model(config: TrainConfig) -> nn.Module:
    """The model as a run with ``config`` starts: seeded, built, initialised like the trainer."""
    from models.training.trainer import book_init

    spec = get_spec(config.model)
    generator_state = torch.get_rng_state()
    try:
        torch.manual_seed(config.seed)
        model = spec.build()
        model.apply(book_init)
    finally:
        torch.set_rng_state(generator_state)  # the caller's random stream is its own
    return model.eval()


def trained_model(config: TrainConfig, run_dir: str | Path) -> tuple[nn.Module, int]:
    """The model at the run's last checkpoint and the epochs it had finished (0: none yet,
    the model as it started)."""
    from models.training.runlog import load_checkpoint

    model = initial_model(config)
    if not (Path(run_dir) / CHECKPOINT).exists():
        return model, 0
    payload = load_checkpoint(run_dir, config.model)
    if payload is None:
        return model, 0
    try:
        model.load_state_dict(payload["model_state"])
    except (RuntimeError, KeyError) as exc:
        raise TrainingError(
            f"The checkpoint in {run_dir} does not fit {config.model}: {str(exc).splitlines()[0]}"
        ) from None
    return model.eval(), int(payload["epoch"])


def feature_maps(
    model: nn.Module, layer: str, images: torch.Tensor, size: int | None = None
) -> np.ndarray:
    """The output of module ``layer`` for uint8 ``images`` (N×C×H×W) as float32 N×C×H×W
    (a dense layer's N×F becomes N×F×1×1). ``size``: resize the images first (the run's
    ``resize``)."""
    try:
        module = model.get_submodule(layer)
    except AttributeError:
        raise TrainingError(f"{type(model).__name__} has no layer {layer!r}.") from None
    seen: list[torch.Tensor] = []

    def keep(_module: nn.Module, _inputs: tuple, output: object) -> None:
        if isinstance(output, torch.Tensor) and not seen:  # a shared module: its first call
            seen.append(output.detach())

    x = images.float() / 255
    if size and x.shape[-1] != size:
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    hook = module.register_forward_hook(keep)
    try:
        with torch.no_grad():
            model.eval()(x)
    finally:
        hook.remove()
    if not seen:
        raise TrainingError(f"Layer {layer!r} is not called on this input, or returns no tensor.")
    out = seen[0].float()
    while out.dim() < 4:
        out = out.unsqueeze(-1)
    return out.reshape(*out.shape[:2], out.shape[2], -1).cpu().numpy()
