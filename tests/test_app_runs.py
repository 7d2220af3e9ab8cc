"""The Runs dock in a real offscreen window: three runs overlaid in colours of their own, one
deleted to the trash, one resumed to its end, the table sorted by a column."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from gui.app import SETTINGS_ENV, create_application, make_settings
from gui.main_window import MainWindow
from models.data.synthetic import synthetic
from models.training.config import TrainConfig
from models.training.events import EpochEvent
from models.training.library import COLUMNS, summarise
from models.training.trainer import Trainer

WAIT_MS = 60_000
DATA = synthetic(train=128, test=64, seed=12)


def _run(folder, lr, epochs=1, stop=False):
    trainer = Trainer(
        TrainConfig(model="lenet", lr=lr, epochs=epochs, batch_size=64, capture_every=0),
        folder,
        data=DATA,
    )
    if stop:
        trainer.subscribe(lambda e: isinstance(e, EpochEvent) and trainer.request_stop())
    trainer.run()


@pytest.fixture
def window(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))  # the trash goes here
    root = tmp_path / "runs"
    for name, lr in (("lenet-a", 0.9), ("lenet-b", 0.3), ("lenet-c", 0.1)):
        _run(root / name, lr)
    _run(root / "lenet-stopped", 0.9, epochs=2, stop=True)
    create_application()
    win = MainWindow(make_settings())
    win.resize(1440, 900)
    win.show()
    win.training_dock.runs_root = root
    win.runs_dock.show_library()
    yield win
    win.training_dock.shutdown()
    win.close()
    win.deleteLater()


def _names(dock) -> list[str]:
    return [dock.proxy.index(r, 0).data() for r in range(dock.proxy.rowCount())]


def test_three_runs_overlaid_each_in_its_own_colour(window):
    dock, plots = window.runs_dock, window.training_dock.plots
    assert sorted(_names(dock)) == ["lenet-a", "lenet-b", "lenet-c", "lenet-stopped"]
    for run in list(dock.runs.values())[:3]:
        dock.set_overlaid(run.folder, True)  # as a click on its box does
    labels = sorted(plots.compared)
    assert len(labels) == 3 and set(labels) <= {"lenet-a", "lenet-b", "lenet-c", "lenet-stopped"}
    colours = {
        items["train_loss"].opts["pen"].color().name() for _, items, _ in plots.compared.values()
    }
    assert len(colours) == 3  # each run its own colour
    legend = [label.text for _, label in plots.epoch_legend.items]
    assert all(label in legend for label in labels)  # and its own name in the legend
    some = next(iter(plots.compared.values()))
    assert len(some[0].series["test_acc"].y) == 1  # the run's one epoch, read from its folder
    first = dock.runs[next(iter(dock.overlaid))]
    dock.set_overlaid(first.folder, False)
    assert first.name not in plots.compared and len(plots.compared) == 2


def test_delete_moves_the_run_to_the_trash_and_drops_its_overlay(window, tmp_path):
    dock, plots = window.runs_dock, window.training_dock.plots
    run = next(r for r in dock.runs.values() if r.name == "lenet-b")
    dock.set_overlaid(run.folder, True)
    assert dock.delete(run, confirm=False)
    assert not run.folder.exists() and "lenet-b" not in _names(dock)
    assert "lenet-b" not in plots.compared
    assert (tmp_path / "home" / "Trash" / "files" / "lenet-b" / "config.json").exists()


def test_resume_continues_a_stopped_run_in_its_own_folder(qtbot, window):
    dock = window.runs_dock
    run = next(r for r in dock.runs.values() if r.name == "lenet-stopped")
    assert run.status == "stopped" and run.epochs_done == 1
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model("lenet-bn")  # another model on show: the run's own comes back
    dock.select(run.folder)
    assert dock.resume_button.isEnabled()
    with qtbot.waitSignal(window.training_dock.run_finished, timeout=WAIT_MS):
        assert dock.resume(run) == run.folder
    assert window.spec.name == "lenet"  # beside its diagram, with its own settings shown
    controls = window.training_dock.controls
    assert (controls.lr.value(), controls.batch_size.value(), controls.epochs.value()) == (
        0.9,
        64,
        2,
    )
    after = summarise(run.folder)
    assert (after.status, after.epochs_done) == ("completed", 2)
    curves = window.training_dock.runs["lenet"].curves
    assert list(curves.series["test_acc"].x) == [1, 2]  # epoch 1 from the folder, 2 resumed
    qtbot.waitUntil(lambda: dock.runs[str(run.folder)].status == "completed", timeout=WAIT_MS)


def test_a_finished_run_trains_further_to_the_epochs_asked(qtbot, window):
    """A run that completed its epochs is not 'resumed' into an error that names a CLI flag:
    the button offers to train it further, to as many epochs in all as the user asks."""
    dock = window.runs_dock
    run = next(r for r in dock.runs.values() if r.name == "lenet-a")
    assert (run.status, run.epochs_done, run.epochs_asked) == ("completed", 1, 1)
    dock.select(run.folder)
    assert dock.resume_button.isEnabled() and dock.resume_button.text() == "Train further…"
    errors = []
    window.error_shown.connect(errors.append)
    with qtbot.waitSignal(window.training_dock.run_finished, timeout=WAIT_MS):
        assert dock.resume(run, epochs=2) == run.folder
    after = summarise(run.folder)
    assert (after.status, after.epochs_done, after.epochs_asked) == ("completed", 2, 2)
    assert errors == []
    qtbot.waitUntil(lambda: dock.runs[str(run.folder)].epochs_done == 2, timeout=WAIT_MS)
    dock.select(run.folder)
    assert dock.resume_button.text() == "Train further…"


def test_the_table_sorts_by_a_column_as_numbers(window):
    dock = window.runs_dock
    column = [key for key, _ in COLUMNS].index("lr")
    dock.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    lrs = [float(dock.proxy.index(r, column).data()) for r in range(dock.proxy.rowCount())]
    assert lrs == sorted(lrs) and lrs[0] == 0.1


def test_a_damaged_run_is_listed_with_why_and_followed_past_its_bad_lines(qtbot, window):
    root = window.training_dock.runs_root
    bad = root / "lenet-bad"
    shutil.copytree(root / "lenet-a", bad)
    lines = (bad / "metrics.jsonl").read_text().splitlines(keepends=True)
    lines[1:1] = ['{"kind": "epoch", "epoch": NaN, "epochs": 1}\n'] * 2
    (bad / "metrics.jsonl").write_text("".join(lines))
    dock = window.runs_dock
    dock.refresh()  # the Runs… view reads the folder again: it must not stop at the bad run
    assert set(_names(dock)) == {"lenet-a", "lenet-b", "lenet-c", "lenet-stopped", "lenet-bad"}
    status = next(
        dock.model.item(r, len(COLUMNS) - 1)
        for r in range(dock.model.rowCount())
        if dock.model.item(r, 0).text() == "lenet-bad"
    )
    assert status.text() == "damaged" and "'epoch' must be a whole number" in status.toolTip()
    following = window.training_dock.following
    assert following.follow(bad)
    qtbot.waitUntil(lambda: "Run finished" in following.label.text(), timeout=WAIT_MS)
    assert "2 damaged line(s) of the log skipped" in following.label.text()
    following.stop()
