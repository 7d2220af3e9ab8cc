"""Batches made on the device: the book's Resize + ToTensor, shuffling, precision options."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms

from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.device import Batches, autocast_for, pick_device
from models.training.errors import TrainingError
from models.training.trainer import Trainer


@pytest.fixture(scope="module")
def tiny():
    return synthetic(train=128, test=64, seed=5)


def test_device_resize_matches_the_books_pil_resize(tiny):
    batches = Batches(tiny.train_x[:8], tiny.train_y[:8], torch.device("cpu"), resize=96)
    x, y = batches.batch(slice(0, 8))
    assert (
        x.shape == (8, 1, 96, 96) and x.dtype == torch.float32 and torch.equal(y, tiny.train_y[:8])
    )
    book = transforms.Compose([transforms.Resize(96), transforms.ToTensor()])
    for i in range(8):
        expected = book(Image.fromarray(tiny.train_x[i, 0].numpy()))
        assert (x[i] - expected).abs().max() < 0.03  # PIL rounds to uint8 after resizing


def test_without_resize_the_batch_is_the_images_over_255(tiny):
    batches = Batches(tiny.train_x, tiny.train_y, torch.device("cpu"), resize=None)
    x, _ = batches.batch(slice(0, 4))
    np.testing.assert_array_equal(x.numpy(), tiny.train_x[:4].numpy() / np.float32(255))


def test_shuffled_batches_cover_every_example_once_in_a_seeded_order(tiny):
    batches = Batches(tiny.train_x, tiny.train_y, torch.device("cpu"), resize=None)
    first = [batches.batch(i)[1] for i in batches.shuffled_indices(50, batches.generator(7))]
    again = [batches.batch(i)[1] for i in batches.shuffled_indices(50, batches.generator(7))]
    assert [len(y) for y in first] == [50, 50, 28]  # the last batch is short, as in the book
    assert all(torch.equal(a, b) for a, b in zip(first, again, strict=True))
    assert torch.cat(first).bincount().tolist() == tiny.train_y.bincount().tolist()


def test_bf16_and_channels_last_train_on_the_cpu_when_asked(tiny):
    config = TrainConfig(
        model="lenet-bn", epochs=1, batch_size=32, precision="bf16", channels_last=True
    )
    trainer = Trainer(config, data=tiny)
    assert trainer.precision == "bf16"
    assert trainer.model[0].weight.is_contiguous(memory_format=torch.channels_last)
    done = trainer.run()
    assert np.isfinite(done.train_loss) and 0 <= done.test_acc <= 1


def test_auto_picks_the_cpu_here_and_fp32_on_it():
    assert pick_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    _, precision = autocast_for(torch.device("cpu"), "auto")
    assert precision == "fp32"


def test_a_resize_the_network_cannot_take_names_the_fix(tiny):
    trainer = Trainer(TrainConfig(model="lenet", epochs=1, resize=32), data=tiny)
    with pytest.raises(TrainingError, match=r"lenet cannot train on 1×32×32 images .*--resize"):
        trainer.run()


def test_colour_data_is_made_grayscale_for_the_book_nets_and_says_so(tiny):
    rgb = tiny.with_channels(3)[0]
    trainer = Trainer(TrainConfig(model="lenet-bn", epochs=1, batch_size=64), data=rgb)
    assert trainer.notes == ("synthetic: converted RGB to grayscale for a 1-channel model",)
    assert trainer.train_batches.images.shape[1] == 1
