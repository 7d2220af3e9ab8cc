"""Each lesson in a real offscreen window: started from its menu entry, both runs training at
once in their own processes and run folders, stopped after a few steps, the lesson's own view
drawn from what the runs reported."""

from __future__ import annotations

import numpy as np
import pytest

from gui.app import SETTINGS_ENV, create_application, make_settings
from gui.main_window import MainWindow
from models.data.synthetic import synthetic
from models.lessons.catalog import LESSONS, Scale
from models.training.events import StepEvent
from models.training.library import summarise

WAIT_MS = 90_000
DATA = synthetic(train=256, test=64, seed=13)


@pytest.fixture(scope="module")
def window(tmp_path_factory, qapp):
    folder = tmp_path_factory.mktemp("lessons")
    old = __import__("os").environ.get(SETTINGS_ENV)
    __import__("os").environ[SETTINGS_ENV] = str(folder / "settings")
    create_application()
    win = MainWindow(make_settings())
    win.resize(1440, 900)
    win.show()
    win.training_dock.runs_root = folder / "runs"
    yield win
    win.lessons.panel.shutdown()
    win.training_dock.shutdown()
    win.close()
    win.deleteLater()
    if old is not None:
        __import__("os").environ[SETTINGS_ENV] = old


def test_the_menu_lists_every_lesson(window):
    texts = [a.text() for a in window.lessons.menu.actions()]
    assert texts == [f"§{lesson.section} {lesson.text('title')}" for lesson in LESSONS]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.key)
def test_a_lesson_starts_and_stops_after_a_few_steps(qtbot, window, lesson):
    small = lesson.with_scale(Scale(epochs=20))  # 8 steps an epoch at batch 32: never done
    small = type(small)(**{**small.__dict__, "runs": tuple(
        type(r)(**{**r.__dict__, "batch_size": 32}) for r in small.runs)})  # fmt: skip
    panel = window.lessons.panel
    seen: dict[int, int] = {}

    def steps(index: int, event: object) -> None:
        if isinstance(event, StepEvent):
            seen[index] = event.step

    panel.event_received.connect(steps)
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model("googlenet")  # no network of the lesson's on show
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):  # the lesson's comes
        folders = window.lessons.start(small, data=DATA, full=False)
    assert window.spec.name == small.shown_model
    assert len(folders) == 2 and panel.running and panel.stop_button.isEnabled()
    assert small.text("narration") == panel.narration.text()
    assert "reduced for a CPU: 20 epochs" in panel.scale.text()
    qtbot.waitUntil(lambda: len(seen) == 2 and min(seen.values()) >= 3, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.finished, timeout=WAIT_MS):
        panel.stop()
        assert panel.stop_button.text() == "Stopping…" and not panel.stop_button.isEnabled()
    panel.event_received.disconnect(steps)
    assert not panel.running and panel.again_button.isEnabled()
    assert [summarise(f).status for f in folders] == ["stopped", "stopped"]
    assert all(t.done is not None and t.done.step < 160 for t in panel.tracks)
    assert not panel.curves.empty  # both runs' curves are drawn
    for item, track in zip(panel.curves.widget.items, panel.tracks, strict=True):
        assert len(item[1].xData) == len(track.curves.series["train_loss"]) > 0
    view = panel.view.widget
    if lesson.watch == "bn":
        assert view.layer == "1" and len(view.items["input"].xData) >= 1  # LeNet-BN's first BN
    elif lesson.watch == "grads":
        images = [image.image for image in view.images]
        assert all(i is not None and i.shape[1] == len(t.grads[0][1])
                   for i, t in zip(images, panel.tracks, strict=True))  # fmt: skip
        assert all(np.isfinite(i).all() for i in images)
    elif lesson.watch == "macs":
        macs = [view.item(row, 1).text() for row in range(2)]
        assert macs == ["7.45 M", "19.04 M"]
    elif any(len(t.curves.series["test_acc"]) for t in panel.tracks):  # an epoch ended
        assert not panel.view.empty
        assert [0 if i.xData is None else len(i.xData) for i in view.items] == [
            len(t.curves.series["test_acc"]) for t in panel.tracks
        ]
    else:  # stopped before an epoch ended: the gap says when it comes
        assert panel.view.empty and "after each epoch" in panel.view.message.text()
