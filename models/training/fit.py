"""How a data set's images meet a model's input: the channels and the side they are fed at.

A model's input is what the user gave (``--input``, or the input the app opened a user's model
with), else what a user's model declares or its first layer suggests
(:func:`models.inputs.suggested_inputs`, the same the app's Open dialog offers), else its
registry entry. Images are gray or RGB and square, so an image input C×H×W takes C channels
(gray and RGB convert into each other) and, where the size is a real requirement (the model
declares it), H; a vector of N features (a ``Linear`` first, after a ``Flatten``) takes the
square gray or RGB images of N values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from models.data import DatasetError
from models.inputs import InputSpec
from models.training.errors import TrainingError

IMAGE_CHANNELS = (1, 3)  # what the data sets hold: gray (Fashion-MNIST) or RGB (CIFAR-10, folders)
KIND = {1: "gray", 3: "RGB"}
TRAINABLE = "a model fed one image (C,H,W) or its flattened values (N) that returns class scores"


@dataclass(frozen=True)
class InputFit:
    """The images a model is fed: ``channels`` per image, resized to ``side`` (None: the data
    set's own size); ``input`` is the model's input as ``--input`` writes it."""

    input: InputSpec
    channels: int
    side: int | None


def fit_input(model: str, spec: InputSpec, source: str, data_channels: int) -> InputFit:
    """The images ``model`` (its name, for messages) takes through its input ``spec``, which
    is ``source``: "given" by the user, "declared" by the model itself (its size then matters
    too) or "suggested" by its first layer or registry entry."""
    if spec.is_integer or len(spec.shape) not in (1, 3):
        raise TrainingError(f"{model} takes {spec.text()}; training here needs {TRAINABLE}.")
    if len(spec.shape) == 1:
        return _fit_vector(model, spec, data_channels)
    channels, height, width = spec.shape
    if channels not in IMAGE_CHANNELS and channels != data_channels:
        fix = (
            "give the input the model takes with --input (1,H,W for gray, 3,H,W for RGB)"
            if source == "given"
            else "make the model's first layer take 1 (gray) or 3 (RGB) channels"
        )
        raise DatasetError(
            f"{model} takes {channels}-channel images but the data set's are "
            f"{_kind(data_channels)}, and only gray and RGB convert into each other: {fix}."
        )
    exact = source == "declared" and height == width
    return InputFit(spec, channels, height if exact else None)


def decode_side(spec: InputSpec) -> int:
    """The side to decode a folder of (RGB) images at for an input ``spec``."""
    if len(spec.shape) == 1:
        square = _square_image(spec.shape[0], 3)
        return square[1] if square else 64
    return spec.shape[-1]


def _square_image(features: int, data_channels: int) -> tuple[int, int] | None:
    """Channels and side of a square gray or RGB image of ``features`` values, the data's
    channels first."""
    for channels in sorted(IMAGE_CHANNELS, key=lambda c: c != data_channels):
        side = math.isqrt(features // channels)
        if channels * side * side == features:
            return channels, side
    return None


def _fit_vector(model: str, spec: InputSpec, data_channels: int) -> InputFit:
    """N features: square images of N values, keeping the data's channels where they fit."""
    (features,) = spec.shape
    square = _square_image(features, data_channels)
    if square is not None:
        channels, side = square
        return InputFit(InputSpec((channels, side, side)), channels, side)
    raise TrainingError(
        f"{model} takes {features} values per example, and no square gray (1×S×S) or RGB "
        f"(3×S×S) image has that many: make its first layer take C·S·S values (e.g. 784 for "
        "1×28×28 images), or declare its image input with an input_size = (C, H, W) attribute."
    )


def _kind(channels: int) -> str:
    return f"{channels}-channel ({KIND[channels]})" if channels in KIND else f"{channels}-channel"
