"""The Activations tab in a real offscreen window: a conv layer selected in the diagram shows a
grid of its channels, before training and at the run's checkpoint, for the image chosen in the
strip; an activation layer's histograms over the run."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from gui.training.export import EXPORT_WIDTH, GAP
from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.events import ActEvent
from tests.windows import shared_window

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def window(tmp_path_factory, qapp):
    with shared_window(tmp_path_factory.mktemp("activations")) as win:
        win.training_dock.runs_root = tmp_path_factory.mktemp("runs")
        yield win
        win.scene.clearSelection()  # now, not while the window is being deleted


def _select(window, kind: str, label: str):
    box = next(b for b in window.diagram.boxes if b.kind == kind and label in b.label)
    window.interaction.select(box.id)
    return box


def test_a_conv_layer_shows_a_grid_of_its_channels(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model("lenet-bn")
    dock = window.training_dock
    dock.show_panel()
    dock.tabs.setCurrentWidget(dock.activations_tab)
    view = dock.activations
    assert "Select a layer" in view.message.text() and view.channels == 0
    box = _select(window, "conv", "Conv (16)")
    assert view.layer == box.module_path
    assert view.channels == 16 and view.grid_shape == (4, 4)  # the layer's channel count
    assert view.grid.pixmap() is not None and not view.grid.pixmap().isNull()
    assert "before training" in view.note.text() and view.state.count() == 1
    before = view.grid.pixmap().toImage()
    view.sample_group.button(3).click()  # another image of the strip
    assert len(view.sample_group.buttons()) == 8 and view.grid.pixmap().toImage() != before
    config = TrainConfig(model="lenet-bn", epochs=1, batch_size=32, lr=0.9, device="cpu",
                         capture_every=2, log_every=2)  # fmt: skip
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        dock.start(config, synthetic(train=128, test=32, seed=14))
    assert view.state.count() == 2  # the checkpoint can be shown now
    view.state.setCurrentIndex(1)
    assert "after epoch 1" in view.note.text() and view.channels == 16
    if os.environ.get("NETATLAS_SHOTS"):  # for looking at it
        dock.grab().save(os.path.join(os.environ["NETATLAS_SHOTS"], "activations.png"))


def test_an_activation_layers_histograms_over_the_run(qtbot, window):
    dock, view = window.training_dock, window.training_dock.activations
    run = dock.runs["lenet-bn"]
    assert run.acts.layers  # the run followed its sigmoids
    _select(window, "bn", "BatchNorm (16)")  # BN and its sigmoid are drawn as one box
    layer = view.layer
    assert dock.bn_view.current_layer == layer  # listed by name, not by module index:
    assert dock.bn_view.layers.currentText() == "BatchNorm (16)"
    listed = [dock.bn_view.layers.itemText(i) for i in range(dock.bn_view.layers.count())]
    assert listed == ["BatchNorm (6)", "BatchNorm (16)", "BatchNorm (120)", "BatchNorm (84)"]
    sigmoid = str(int(layer) + 1)
    assert sigmoid in run.acts.layers
    view.show_layer(view.spec, view.config, view.folder, sigmoid, run.acts)
    assert view.graphics.isVisible() and view.hist_image.image.shape[1] == 40
    assert view.hist_image.image.shape[0] == len(run.acts.layers[sigmoid].steps)
    assert isinstance(ActEvent, type)


def test_the_plot_export_holds_every_plot_unclipped(window, tmp_path):
    dock = window.training_dock
    sections = dock.plot_sections()
    assert [view for view, _ in sections] == [
        dock.plots.graphics,
        dock.bn_view.graphics,
        dock.activations.graphics,
    ]
    dock.export_plots(tmp_path / "plots.svg")
    # text in one run of glyphs per font: compare without the spaces between the runs
    svg = "".join("".join(ET.parse(tmp_path / "plots.svg").getroot().itertext()).split())
    titles = [
        item.titleLabel.text
        for view, _ in sections
        for item in view.ci.items
        if isinstance(item, pg.PlotItem)
    ]
    assert len(titles) == 2 + 8 + 1 and all(titles)
    missing = [t for t in titles if "".join(t.split()) not in svg]
    assert missing == []  # every plot is in the file, titled
    assert "trainloss" in svg and "testacc" in svg  # the legends, inside the picture
    dock.export_plots(tmp_path / "plots.png")
    if os.environ.get("NETATLAS_SHOTS"):
        (Path(os.environ["NETATLAS_SHOTS"]) / "plots.png").write_bytes(
            (tmp_path / "plots.png").read_bytes()
        )
    image = QImage(str(tmp_path / "plots.png"))
    height = sum(h for _, h in sections) + GAP * (len(sections) - 1)
    assert (image.width(), image.height()) == (2 * EXPORT_WIDTH, 2 * height)  # 2×
    size = (tmp_path / "plots.png").stat().st_size
    assert 50_000 < size < 5_000_000
    right = [
        image.pixelColor(image.width() - 3, y).lightness() for y in range(0, image.height(), 7)
    ]
    assert min(right) > 200  # nothing drawn into the right edge: no text cut off there
