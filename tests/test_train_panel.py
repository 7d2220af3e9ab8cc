"""The Train dock end to end: a real offscreen window, the real trainer on a small synthetic set
(LeNet-BN, a few steps), real run folders and files."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.app import SETTINGS_ENV, make_settings
from gui.main_window import MainWindow
from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.events import BNEvent, GradEvent, StepEvent
from tests.windows import shared_window

WAIT_MS = 60_000
NAN_MODEL = """
import torch
from torch import nn


class LateNaN(nn.Module):
    '''Learns for three steps, then its logits turn NaN (a diverging run, made certain).'''

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(1, 10)
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        logits = self.fc(x.mean((1, 2, 3)).unsqueeze(1))
        return logits * float("nan") if self.calls > 3 else logits
"""


@pytest.fixture(scope="module")
def data():
    return synthetic(train=384, test=128)


@pytest.fixture(scope="module")
def window(tmp_path_factory, qapp):
    """One window with LeNet-BN drawn, shared by the tests that do not close it."""
    folder = tmp_path_factory.mktemp("train-panel")
    with shared_window(folder / "settings") as win:
        win.training_dock.runs_root = folder / "runs"
        yield win


@pytest.fixture
def lenet_bn(qtbot, window):
    if window.spec is None or window.spec.name != "lenet-bn":
        with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
            window.open_model("lenet-bn")
    return window


def config(**overrides) -> TrainConfig:
    settings = dict(model="lenet-bn", epochs=2, batch_size=32, lr=0.9, device="cpu")
    return TrainConfig(**{**settings, "capture_every": 2, "log_every": 2, **overrides})


def wait_for_event(qtbot, dock, kind, check=lambda e: True):
    with qtbot.waitSignal(
        dock.event_received,
        timeout=WAIT_MS,
        check_params_cb=lambda e: isinstance(e, kind) and check(e),
    ) as blocker:
        pass
    return blocker.args[0]


def metrics(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "metrics.jsonl").read_text().splitlines()]


def test_the_dock_prefills_the_books_preset_and_lists_devices(lenet_bn):
    controls = lenet_bn.training_dock.controls
    preset = lenet_bn.spec.preset
    assert controls.lr.value() == pytest.approx(preset.lr)
    assert controls.epochs.value() == preset.epochs
    assert controls.batch_size.value() == preset.batch_size
    devices = [controls.device.itemData(i) for i in range(controls.device.count())]
    assert devices[:2] == ["auto", "cpu"]
    assert controls.start_button.isEnabled() and not controls.stop_button.isEnabled()


def test_start_pause_resume_stop_feed_the_plots_and_keep_the_run_folder(qtbot, lenet_bn, data):
    dock = lenet_bn.training_dock
    folder = dock.start(config(epochs=50), data)
    first = wait_for_event(qtbot, dock, StepEvent)
    assert dock.controls.pause_button.isEnabled()
    dock.controls.pause_button.click()
    assert dock.controls.state == "paused" and dock.controls.resume_button.isEnabled()
    steps: list[int] = []
    dock.event_received.connect(lambda e: steps.append(e.step) if isinstance(e, StepEvent) else 0)
    qtbot.wait(800)  # let the step in flight land (the trainer runs in a child process)
    paused_at = max(steps, default=first.step)
    qtbot.wait(800)
    assert max(steps, default=first.step) == paused_at  # nothing trains while paused
    dock.controls.resume_button.click()
    later = wait_for_event(qtbot, dock, StepEvent, lambda e: e.step > paused_at)
    assert later.step > first.step
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        dock.controls.stop_button.click()
    assert dock.controls.state == "idle" and dock.controls.start_button.isEnabled()
    records = metrics(folder)
    assert records[-1]["kind"] == "done" and records[-1]["reason"] == "stopped"
    assert (folder / "config.json").is_file()
    # the plots drew what the events carried
    steps = [r for r in records if r["kind"] == "step"]
    drawn_x, drawn_y = dock.plots._live["step_loss"].getData()
    assert drawn_x.tolist() == [r["step"] for r in steps]
    assert drawn_y.tolist() == pytest.approx([r["loss"] for r in steps])
    assert len(dock.plots._live["train_acc"].getData()[0]) == len(steps)
    assert dock.controls.progress.value() > 0


@pytest.fixture
def trained(qtbot, lenet_bn, data):
    """A completed two-epoch run in the shared window."""
    dock = lenet_bn.training_dock
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        folder = dock.start(config(), data)
    assert dock.last_error == ""
    assert re.fullmatch(r"[\d,]+ examples/s on cpu; steps: eager", dock.controls.status.toolTip())
    return lenet_bn, folder


def test_the_curves_keep_a_readable_height_beside_their_legends(qtbot, trained):
    """In a 1440×900 window each plot gets the height its one-row legend does not need (the
    two shared it evenly: 25-px plots under tall legends)."""
    window, _ = trained
    window.resize(1440, 900)
    dock = window.training_dock
    dock.show_panel()
    dock.tabs.setCurrentWidget(dock.plots)
    qtbot.waitUntil(lambda: dock.plots.graphics.isVisible(), timeout=WAIT_MS)
    plots = dock.plots
    for plot, legend in ((plots.epochs, plots.epoch_legend), (plots.steps, plots.step_legend)):
        assert plot.height() >= 120 and legend.boundingRect().height() < plot.height() / 2


def test_clicking_a_bn_box_plots_that_layer_and_marks_it(qtbot, trained):
    window, _ = trained
    dock, view = window.training_dock, window.view
    box = next(b for b in window.scene.diagram.boxes if b.kind == "bn" and b.module_path == "5")
    item = window.scene.item_for(box.id)
    view.centerOn(item)
    where = view.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert dock.bn_view.current_layer == "5"
    dock.bn_view.refresh()
    history = dock.bn_view.history.layers["5"]
    captures = len(history.steps)
    assert captures >= 2
    assert dock.bn_view.mean_map.image.shape == (captures, 16)  # LeNet-BN's second BN: 16
    assert len(dock.bn_view.gamma.getData()[0]) == 16
    assert len(dock.bn_view.input_spread.centre.getData()[0]) == captures
    marks = [m for m in dock.marks._items if m.rect().contains(item.sceneBoundingRect())]
    assert len(marks) == 1


def test_gradient_overlay_tints_every_layer_with_parameters(qtbot, trained):
    window, _ = trained
    dock = window.training_dock
    dock.overlay.setChecked(True)
    with_params = {b.id for b in window.scene.diagram.boxes if b.kind in ("conv", "linear", "bn")}
    assert set(dock.marks.box_norms) == with_params
    window.set_app_theme("dark", save=False)  # rebuilds the scene: the tint comes back
    dock._refresh_overlay()
    assert len([m for m in dock.marks._items if m.scene() is window.scene]) >= len(with_params)
    assert dock.plots.graphics.backgroundBrush().color().lightness() < 128
    window.set_app_theme("light", save=False)
    assert dock.plots.graphics.backgroundBrush().color().lightness() > 128
    dock.overlay.setChecked(False)
    assert dock.marks.box_norms == {}


def test_exports_and_run_comparison(qtbot, trained, tmp_path):
    window, folder = trained
    dock = window.training_dock
    dock.export_plots(tmp_path / "plots.png")
    assert (tmp_path / "plots.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dock.export_plots(tmp_path / "plots.svg")
    svg = ET.parse(tmp_path / "plots.svg").getroot()
    assert (
        len(svg.findall(".//{http://www.w3.org/2000/svg}polyline"))
        + len(svg.findall(".//{http://www.w3.org/2000/svg}path"))
        > 0
    )
    dock.export_csv(tmp_path / "metrics.csv")
    rows = list(csv.DictReader((tmp_path / "metrics.csv").open()))
    written = [r for r in metrics(folder) if r["kind"] in ("step", "epoch")]
    assert [r["kind"] for r in rows] == [r["kind"] for r in written]
    dock.compare_with(folder)
    assert folder.name in dock.plots.compared
    x, _ = dock.plots.compared[folder.name][1]["test_acc"].getData()
    assert x.tolist() == [1, 2]
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS) as blocker:
        dock.compare_with(tmp_path / "not-a-run")
    assert "no readable metrics.jsonl" in blocker.args[0]
    window.last_error_dialog.close()
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS):
        dock.export_plots(tmp_path / "plots.gif")
    window.last_error_dialog.close()


def test_a_nan_loss_shows_a_message_and_the_app_stays_usable(qtbot, lenet_bn, data, tmp_path):
    dock = lenet_bn.training_dock
    model = tmp_path / "late_nan.py"
    model.write_text(NAN_MODEL)
    with qtbot.waitSignal(lenet_bn.error_shown, timeout=WAIT_MS) as blocker:
        dock.start(config(model=f"{model}:LateNaN", epochs=3), data)
    assert "loss became nan" in blocker.args[0] and "lower learning rate" in blocker.args[0]
    assert lenet_bn.last_error_dialog.isVisible()
    lenet_bn.last_error_dialog.close()
    qtbot.waitUntil(lambda: dock.run is None, timeout=WAIT_MS)
    assert dock.controls.start_button.isEnabled()
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        dock.start(config(epochs=1), data)  # the next run trains normally
    assert dock.last_error == ""
    assert len(dock.plots.curves.series["test_acc"]) == 1


def test_closing_the_window_mid_run_stops_cleanly_and_keeps_the_folder(
    qtbot, tmp_path, data, monkeypatch
):
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    window = MainWindow(make_settings())
    qtbot.addWidget(window)
    window.show()
    dock = window.training_dock
    dock.runs_root = tmp_path / "runs"
    folder = dock.start(config(epochs=50), data)
    wait_for_event(qtbot, dock, (BNEvent, GradEvent))
    run = dock.run
    window.close()
    assert not run.running  # close waited for the trainer
    records = metrics(folder)
    assert records[-1]["kind"] == "done" and records[-1]["reason"] == "stopped"
    assert json.loads((folder / "config.json").read_text())["model"] == "lenet-bn"


def drawn_marks(window) -> list:
    """The training marks on the window's scene now (the overlay's rectangles)."""
    import shiboken6

    dock = window.training_dock
    dock._refresh_overlay()  # what the overlay timer does a few times a second
    return [m for m in dock.marks._items if shiboken6.isValid(m) and m.scene() is window.scene]


def test_a_run_stays_with_the_model_it_trained(qtbot, lenet_bn, data):
    window, dock = lenet_bn, lenet_bn.training_dock
    dock.overlay.setChecked(True)
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        folder = dock.start(config(epochs=1), data)
    bn = next(b for b in window.scene.diagram.boxes if b.kind == "bn" and b.module_path == "5")
    assert window.interaction.select(bn.id)  # clicking the box tracks that layer in the BN plots
    assert dock.bn_view.current_layer == "5" and dock.marks.bn_layer == "5"
    with_params = {b.id for b in window.scene.diagram.boxes if b.kind in ("conv", "linear", "bn")}
    drawn_marks(window)  # the overlay's timer may not have ticked since the last norms came
    assert set(dock.marks.box_norms) == with_params
    steps = len(dock.plots.curves.series["step_loss"])
    # the plot draws the raw losses per step and their smoothed line over them
    raw_x, raw_y = dock.plots._live["step_loss"].getData()
    smooth_x, smooth_y = dock.plots._live["step_smooth"].getData()
    assert len(raw_x) == len(smooth_x) == steps > 1 and raw_x.tolist() == smooth_x.tolist()
    assert smooth_y.tolist() == pytest.approx(dock.plots.curves.smoothed_loss(0.6).tolist())
    assert dock.plots._live["epoch_loss"].getData()[1].tolist() == pytest.approx(
        [r["train_loss"] for r in metrics(folder) if r["kind"] == "epoch"]
    )

    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model("lenet")  # LeNet's "5" is an AvgPool: nothing of LeNet-BN lands there
    assert drawn_marks(window) == [] and dock.marks.box_norms == {}
    assert dock.marks.bn_layer == "" and dock.bn_view.current_layer == ""
    assert dock.bn_view.history.layers == {} and dock.bn_view.layers.count() == 0
    message = dock.bn_view.message
    assert not message.isHidden()
    assert message.text() == "lenet has no BatchNorm layer: there are no batch statistics to show."
    assert len(dock.plots.curves.series["step_loss"]) == 0  # LeNet was never trained

    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model("lenet-bn")
    assert dock.bn_view.current_layer == "5" and message.isHidden()
    assert set(dock.marks.box_norms) == with_params  # the run's norms, on its own boxes
    marks = drawn_marks(window)
    item = window.scene.item_for(bn.id)
    assert len([m for m in marks if m.rect().contains(item.sceneBoundingRect())]) == 2  # tint, BN
    assert len(dock.plots.curves.series["step_loss"]) == steps


CHANGING_MODEL = """
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.{norm} = nn.BatchNorm2d(4)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 10)

    def forward(self, x):
        return self.fc(self.pool(self.{norm}(self.conv(x))).flatten(1))
"""


def test_statistics_are_refused_on_a_model_whose_layers_changed(qtbot, window, data, tmp_path):
    dock, source = window.training_dock, tmp_path / "changing.py"
    source.write_text(CHANGING_MODEL.format(norm="bn"))
    name = f"{source}:Net"
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model(name, (3, 28, 28))
    dock.overlay.setChecked(True)
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        dock.start(config(model=name, epochs=1), data)
    assert dock.bn_view.current_layer == "bn" and drawn_marks(window)
    assert dock.marks.box_norms
    source.write_text(CHANGING_MODEL.format(norm="norm"))  # the user renames a layer
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model(name, (3, 28, 28))
    assert drawn_marks(window) == [] and dock.marks.box_norms == {}
    assert dock.bn_view.history.layers == {} and dock.bn_view.current_layer == ""
    text = dock.bn_view.message.text()
    assert not dock.bn_view.message.isHidden()
    assert "other layers" in text and "'bn'" in text and "'norm'" in text


def test_the_learning_rate_takes_any_size_as_typed(qapp):
    """1e-5 could not be entered (the box's minimum was 1e-4) and 3e-4 rounded to 0.0003's
    four decimals; any rate from 1e-8 is taken as typed and shown in few digits."""
    from gui.training.controls import TrainControls

    controls = TrainControls()
    for typed, value in (("1e-5", 1e-5), ("0.00025", 2.5e-4), ("0.9", 0.9)):
        controls.lr.lineEdit().setText(typed)
        controls.lr.interpretText()
        assert controls.lr.value() == pytest.approx(value, rel=1e-9)
        assert controls.config("lenet").lr == pytest.approx(value, rel=1e-9)
    controls.lr.setValue(2.5e-4)
    assert controls.lr.text() == "0.00025"
