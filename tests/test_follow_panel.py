"""File ▸ Follow run… end to end: a real ``main.py train`` in another process, its folder followed
by a real offscreen window, which draws the run as it grows and ends in "run finished"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from gui.encoding import png_bytes
from models.training.follow import FINISHED, WAITING
from models.training.runlog import read_metrics
from tests.procs import start_main
from tests.windows import shared_window

WAIT_MS = 120_000


@pytest.fixture
def window(tmp_path, qapp, qtbot):
    with shared_window(tmp_path / "settings") as win:
        with qtbot.waitSignal(win.diagram_shown, timeout=WAIT_MS):
            win.open_model("lenet")  # another model than the run's
        yield win


def test_following_a_run_that_another_process_trains(window, qtbot, tmp_path) -> None:
    follow = window.actions["follow_run"]  # File ▸ Follow run… (Ctrl+Shift+F)
    assert follow in window.file_menu.actions() and follow.shortcut().toString() == "Ctrl+Shift+F"
    folder = tmp_path / "run"
    dock = window.training_dock
    following = dock.following
    assert following.follow(folder)  # before the trainer made it: waiting for the run
    assert following.status.state == WAITING
    assert "Waiting for the run" in following.label.text()
    trainer = start_main(
        "train", "lenet-bn", "--epochs", "4", "--device", "cpu", "--out", str(folder)
    )  # fmt: skip
    samples: list[tuple[bool, int]] = []  # (trainer still running, step points drawn)

    def sample() -> None:
        run = dock.live
        points = len(run.curves.series["step_loss"]) if run is not None else 0
        samples.append((trainer.poll() is None, points))

    sampler = QTimer()
    sampler.timeout.connect(sample)
    sampler.start(50)
    try:
        qtbot.waitUntil(lambda: following.status.state == FINISHED, timeout=WAIT_MS)
    finally:
        sampler.stop()
        out, err = trainer.communicate(timeout=60)
    assert trainer.returncode == 0, err
    # the curve gained points while the other process was still training
    growing = sorted({points for running, points in samples if running and points})
    assert len(growing) >= 2, samples
    assert "Run finished" in following.label.text()
    # the run's model was opened, and its run is the one on show, complete
    assert window.spec.name == "lenet-bn" and dock.shown is dock.runs["lenet-bn"]
    records = read_metrics(folder)
    steps = [r["step"] for r in records if r["kind"] == "step"]
    assert list(dock.shown.curves.series["step_loss"].x) == steps
    assert len(dock.shown.curves.series["test_acc"]) == 4
    assert dock.shown.bn.layers and dock.shown.norms  # BN plots and gradient overlay
    assert following.summary.text() == "lenet-bn · synthetic · 4 epochs · batch 256 · lr 1 · cpu"
    assert not dock.controls.settings.isVisible()  # the form is not the followed run's
    (tmp_path / "follow.png").write_bytes(png_bytes(window.grab()))
    following.stop()
    assert dock.controls.start_button.isEnabled()
