"""What a layer sees (feature maps at the run's start and at its checkpoint), the per-layer
activation histograms a run captures, and the built-in data set's disk cache."""

from __future__ import annotations

import numpy as np
import torch

from models.data.synthetic import cache_path, cached_synthetic, synthetic
from models.training.activations import feature_maps, initial_model, trained_model
from models.training.config import TrainConfig
from models.training.events import ActEvent
from models.training.stats import ACT_BINS, StatsProbe, activation_layers
from models.training.trainer import Trainer

DATA = synthetic(train=128, test=32, seed=6)


def test_feature_maps_of_a_conv_layer_have_its_channels(tmp_path):
    config = TrainConfig(model="lenet-bn", epochs=1, batch_size=64, capture_every=0)
    images = DATA.test_x[:3]
    before = feature_maps(initial_model(config), "0", images)
    assert before.shape == (3, 6, 24, 24) and before.dtype == np.float32
    trainer = Trainer(config, tmp_path / "run", data=DATA)
    start = feature_maps(trainer.model, "0", images)
    np.testing.assert_allclose(before, start, rtol=1e-5, atol=1e-6)  # the run's own start
    trainer.run()
    model, epoch = trained_model(config, tmp_path / "run")
    after = feature_maps(model, "0", images)
    assert epoch == 1 and not np.allclose(before, after)
    np.testing.assert_allclose(after, feature_maps(trainer.model, "0", images), atol=1e-5)
    dense = feature_maps(model, "10", images)  # BatchNorm1d after a dense layer: N×F×1×1
    assert dense.shape == (3, 120, 1, 1)


def test_histograms_count_every_output_value_in_fixed_bins(tmp_path):
    model = initial_model(TrainConfig(model="lenet"))
    assert [name for name, _ in activation_layers(model)] == ["1", "4", "8", "10"]  # sigmoids
    probe = StatsProbe(model.train(), histograms=True)
    x = DATA.train_x[:8].float() / 255
    firsts = []
    for _ in range(2):
        probe.arm()
        model(x).sum().backward()
        snapshot = probe.gather()
        event = snapshot.histograms(3, snapshot.flat.detach().numpy())
        firsts.append(event.layers["1"])
    assert isinstance(event, ActEvent) and set(event.layers) == {"1", "4", "8", "10"}
    hist = event.layers["1"]
    assert len(hist.counts) == ACT_BINS and hist.counts.sum() == 8 * 6 * 28 * 28
    assert (firsts[0].low, firsts[0].high) == (hist.low, hist.high)  # the bins stay put
    assert hist.low < 0.5 < hist.high  # a sigmoid's outputs lie inside


def test_a_run_writes_its_histograms_beside_the_other_statistics(tmp_path):
    trainer = Trainer(
        TrainConfig(model="lenet", epochs=1, batch_size=64, capture_every=1), tmp_path, data=DATA
    )
    seen = []
    trainer.subscribe(lambda e: seen.append(e) if isinstance(e, ActEvent) else None)
    trainer.run()
    assert [e.step for e in seen] == [1, 2]
    saved = np.load(tmp_path / "stats" / "hist_00000002.npz")
    np.testing.assert_array_equal(saved["4:counts"], seen[1].layers["4"].counts)
    assert saved["4:range"].tolist() == [
        np.float32(seen[1].layers["4"].low),
        np.float32(seen[1].layers["4"].high),
    ]


def test_the_built_in_set_is_cached_on_disk_by_seed_and_size(tmp_path):
    heard = []
    first = cached_synthetic(300, 100, seed=4, progress=heard.append, root=tmp_path)
    assert heard[-1] == 1.0 and heard == sorted(heard) and len(heard) >= 1
    path = cache_path(300, 100, 4, tmp_path)
    assert path.exists() and cache_path(300, 100, 5, tmp_path) != path
    expected = synthetic(300, 100, seed=4)
    assert torch.equal(first.train_x, expected.train_x) and torch.equal(
        first.test_y, expected.test_y
    )
    cached_synthetic(10, 10, seed=0, root=tmp_path)  # another set drops this one from memory
    again = cached_synthetic(300, 100, seed=4, root=tmp_path)  # now read from the file
    assert torch.equal(again.train_x, expected.train_x)
    path.write_bytes(b"cut off")  # a damaged cache is generated again, and rewritten
    cached_synthetic(10, 10, seed=0, root=tmp_path)
    assert torch.equal(cached_synthetic(300, 100, seed=4, root=tmp_path).test_x, expected.test_x)
    assert np.load(path)["images"].shape == (400, 1, 28, 28)
