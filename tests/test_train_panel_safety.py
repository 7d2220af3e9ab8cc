"""The Train panel says where a run is (with Open folder), a model whose step never returns can
be stopped for good, and failed exports are named: a real offscreen window, real training
processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from gui.app import SETTINGS_ENV, make_settings
from gui.main_window import MainWindow
from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.events import StepEvent
from models.training.runlog import read_metrics
from netgraph.load import load_graph
from tests.procs import image_folder

WAIT_MS = 60_000
HANGS_AFTER_THREE_STEPS = """
from torch import nn


def hang():
    calls = []

    def fourth_call_never_returns(_module, _inputs):
        calls.append(1)
        while len(calls) > 3:
            pass

    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 28 * 28, 10))  # RGB, as user models take
    model.register_forward_pre_hook(fourth_call_never_returns)
    return model
"""


class OpenedUrls(QObject):
    """Stands in for the file manager: records what QDesktopServices was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def dock(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    window = MainWindow(make_settings())
    qtbot.addWidget(window, before_close_func=lambda w: w.setAttribute(Qt.WA_DeleteOnClose))
    window.show()
    window.training_dock.runs_root = tmp_path / "runs"
    window.training_dock.show_panel()
    return window.training_dock


def config(**changes) -> TrainConfig:
    settings = dict(model="lenet", epochs=1, batch_size=32, device="cpu", capture_every=0)
    return TrainConfig(**{**settings, **changes})


def test_the_panel_shows_the_run_folder_and_opens_it(qtbot, dock, tmp_path):
    row = dock.folder_row
    assert row.path.toolTip() == f"Runs are saved in {tmp_path / 'runs'}"
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        folder = dock.start(config(), synthetic(train=64, test=32))
    assert folder.parent == tmp_path / "runs" and (folder / "checkpoint.pt").is_file()
    assert row.path.toolTip() == f"Run folder: {folder}"
    assert row.path.text()  # elided to fit, in full in the tooltip
    opened = OpenedUrls()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        qtbot.mouseClick(row.open_button, Qt.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(folder)]


def test_a_step_that_never_returns_can_be_force_stopped(qtbot, dock, tmp_path):
    model = tmp_path / "hang.py"
    model.write_text(HANGS_AFTER_THREE_STEPS, encoding="utf-8")
    stop = dock.controls.stop_button
    with qtbot.waitSignal(
        dock.event_received,
        timeout=WAIT_MS,
        check_params_cb=lambda e: isinstance(e, StepEvent) and e.step == 3,
    ):
        folder = dock.start(config(model=f"{model}:hang", log_every=1), synthetic(train=256))
    qtbot.mouseClick(stop, Qt.LeftButton)  # asks for a stop after the step: never comes
    assert dock.controls.state == "stopping" and stop.isEnabled()
    assert stop.text() == "Force stop"
    qtbot.wait(500)
    assert dock.run is not None and dock.run.running
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        qtbot.mouseClick(stop, Qt.LeftButton)
    assert dock.controls.status.text().startswith("Training process ended")
    assert dock.last_error == "" and dock.parentWidget().last_error_dialog is None
    assert dock.controls.state == "idle" and stop.text() == "Stop"
    assert (Path(folder) / "config.json").is_file()


def test_a_csv_export_that_cannot_be_written_names_the_file(qtbot, dock, tmp_path):
    target = tmp_path / "missing" / "metrics.csv"
    with qtbot.waitSignal(dock.parentWidget().error_shown, timeout=WAIT_MS) as blocker:
        dock.export_csv(target)
    assert blocker.args[0] == f"cannot write {target}: the folder does not exist"
    dock.parentWidget().last_error_dialog.close()


def test_skipped_images_are_named_in_the_panel(qtbot, dock, tmp_path):
    images = image_folder(tmp_path / "images")
    (images / "class1" / "broken.png").write_bytes(b"not an image")
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        dock.start(config(dataset=str(images), batch_size=4))
    notes = dock.controls.notes
    assert notes.isVisible() and "(and 1 more)" in notes.text()  # and the grayscale note
    assert f"skipped {images / 'class1' / 'broken.png'}: cannot identify" in notes.toolTip()
    assert "converted RGB to grayscale" in notes.toolTip()


def test_a_start_that_fails_leaves_no_run_folder(qtbot, dock, tmp_path, monkeypatch):
    monkeypatch.setenv("NETATLAS_OFFLINE", "1")
    errors: list[str] = []
    dock.error.connect(errors.append)
    assert dock.start(config(dataset="nosuch")) is None  # refused before a folder is claimed
    assert "Unknown data set 'nosuch'" in errors[-1] and not (tmp_path / "runs").exists()
    missing = config(dataset="fashion-mnist", data_dir=str(tmp_path / "no-data"))
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        folder = dock.start(missing)  # the child finds no files: after the claim
    assert folder is not None and "Fashion-MNIST not found" in dock.last_error
    assert list((tmp_path / "runs").iterdir()) == []  # the empty folder went with the run
    assert dock.folder_row.path.toolTip() == f"Runs are saved in {tmp_path / 'runs'}"


USER_MODELS = """
import torch
from torch import nn


class Fails(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3 * 28 * 28, 10)
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        if self.calls == 3:
            raise KeyError("no such layer")
        return self.fc(x.flatten(1))


class AnyChannels(nn.Module):  # no first layer to suggest an input: 3×224×224 unless chosen
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(10))

    def forward(self, x):
        return x.mean((1, 2, 3))[:, None] * self.scale
"""


def test_an_error_in_a_user_models_code_is_named_and_logged(qtbot, dock, tmp_path):
    model = tmp_path / "nets.py"
    model.write_text(USER_MODELS, encoding="utf-8")
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        folder = dock.start(config(model=f"{model}:Fails"), synthetic(train=256, test=32))
    line = USER_MODELS.splitlines().index('            raise KeyError("no such layer")') + 1
    assert dock.last_error.startswith(
        f"{model}:Fails raised KeyError at step 3, in {model}:{line} (in forward): 'no such layer'"
    )
    records = read_metrics(folder)
    assert records[-2] == {"kind": "error", "message": dock.last_error}
    assert records[-1]["reason"] == "error"


def test_a_user_model_trains_on_the_input_it_was_opened_with(qtbot, dock, tmp_path):
    model = tmp_path / "nets.py"
    model.write_text(USER_MODELS, encoding="utf-8")
    spec, graph = load_graph(f"{model}:AnyChannels", (1, 28, 28))  # as the Open dialog gives it
    dock.show_model(spec, graph)
    dock.controls.epochs.setValue(1)
    with qtbot.waitSignal(dock.run_finished, timeout=WAIT_MS):
        folder = dock.start(data=synthetic(train=64, test=32))
    assert dock.last_error == ""
    saved = json.loads((folder / "config.json").read_text())
    assert saved["input"] == "1,28,28" and saved["model"] == f"{model}:AnyChannels"
    assert read_metrics(folder)[-1]["reason"] == "completed"
