"""The app with models it did not write: an input box per forward input, File ▸ Input…,
File ▸ Reload (F5) and reloading a model file that changed on disk, errors that name the app's
own controls, torchvision's kinds and timm in the browser, several calls in the inspector.
A real offscreen window, real tracing, real files."""

from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.app import SETTINGS_ENV
from gui.main_window import MainWindow
from models.inputs import InputSpec
from models.registry import timm_names
from tests.test_app_window import new_window

WAIT_MS = 60_000

TWO_INPUTS = """
import torch
from torch import nn


class Pair(nn.Module):
    def __init__(self):
        super().__init__()
        self.left = nn.Sequential(nn.Conv2d(1, WIDTH, 3), nn.ReLU())
        self.right = nn.Sequential(nn.Conv2d(1, WIDTH, 3), nn.ReLU())

    def forward(self, image, depth, scale=None):
        return self.left(image) + self.right(depth)


class Shared(nn.Module):
    def __init__(self):
        super().__init__()
        self.act = nn.ReLU()
        self.step = nn.Sequential(nn.Conv2d(2, 2, 3, padding=1), nn.ReLU())

    def forward(self, x):
        for _ in range(3):
            x = self.act(self.step(x))
        return x
"""


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    win = new_window(qtbot)
    win.set_app_theme("light", save=False)
    return win


def write_model(path: Path, width: int, extra: str = "") -> None:
    source = f"WIDTH = {width}\n" + textwrap.dedent(TWO_INPUTS) + extra
    path.write_text(source, encoding="utf-8")
    stat = path.stat()  # a new modification time even within the same second
    os.utime(path, (stat.st_atime, stat.st_mtime + 2))


def shown(qtbot, window: MainWindow, action) -> None:
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        action()


def never_imported_here(path: Path) -> bool:
    """The model file ran only in child processes (#11), never in the app's own."""
    return not [m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == str(path)]


def idle(qtbot, window: MainWindow, action) -> None:
    with qtbot.waitSignal(
        window.jobs.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy
    ):
        action()


def test_each_input_of_forward_gets_its_own_box_and_is_remembered(qtbot, window, tmp_path):
    path = tmp_path / "pair.py"
    write_model(path, 4)
    idle(qtbot, window, lambda: window.open_model_file(str(path)))
    dialog = window.user_dialog
    boxes = dialog.inputs_box
    # image and depth are needed, each fed what its first layer takes: one channel
    assert [b.text() for b in boxes.boxes] == ["1,224,224", "1,224,224"]
    assert [label.text() for label in boxes._labels] == ["image", "depth"]
    assert not boxes.remove_button.isEnabled()  # both are required
    boxes.add_button.click()  # scale=None may be fed too: it is offered by name
    assert [label.text() for label in boxes._labels][-1] == "scale"
    boxes.remove_button.click()
    boxes.boxes[0].setText("1,12,12")
    boxes.boxes[1].setText("1,12,12")
    shown(qtbot, window, dialog.accept)
    assert window.graph.input_shapes == [(1, 1, 12, 12), (1, 1, 12, 12)]
    inputs = {b.id: b for b in window.diagram.boxes if b.kind == "input"}
    # book style (the app's default since #13): a bare, named Input; its shape is on its edge
    assert sorted(b.label for b in inputs.values()) == ["Input depth", "Input image"]
    assert {e.shape for e in window.diagram.edges if e.source in inputs} == {"1×12×12"}
    # opened again: the boxes hold what was used last time, and so does a reopening by name
    idle(qtbot, window, lambda: window.open_model_file(str(path)))
    assert [b.text() for b in window.user_dialog.inputs_box.boxes] == ["1,12,12", "1,12,12"]
    window.user_dialog.reject()
    shown(qtbot, window, lambda: window.open_model("lenet"))
    shown(qtbot, window, lambda: window.open_model(f"{path}:Pair"))  # from Recent, say
    assert window.graph.input_shapes == [(1, 1, 12, 12), (1, 1, 12, 12)]


def test_file_input_traces_again_with_other_inputs_keeping_open_blocks(qtbot, window, tmp_path):
    path = tmp_path / "pair.py"
    write_model(path, 4)
    name = f"{path}:Pair"
    shown(qtbot, window, lambda: window.open_model(name, [(1, 12, 12), (1, 12, 12)]))
    assert window.state.expanded == {"left", "right"}  # a small model opens whole
    shown(qtbot, window, lambda: window.session.change_expansion(lambda s: s.collapse("right")))
    window.actions["input"].trigger()
    dialog = window.inputs.dialog
    assert [b.text() for b in dialog.boxes.boxes] == ["1,12,12", "1,12,12"]
    assert [label.text() for label in dialog.boxes._labels] == ["image", "depth"]
    window.set_language("zh", save=False)  # the dialog left open speaks the new language
    try:
        zh = "forward 的每个输入各占一个输入框，不含批量维度。"
        qtbot.waitUntil(lambda: dialog.hint.text() == zh, timeout=2000)
        assert dialog.windowTitle().endswith(" 的输入")
    finally:
        window.set_language("en", save=False)
    qtbot.waitUntil(lambda: dialog.hint.text().startswith("One box per input"), timeout=2000)
    dialog.boxes.boxes[0].setText("1,20,20")
    dialog.boxes.boxes[1].setText("1,20,20")
    shown(qtbot, window, dialog.accept)
    assert window.graph.input_shapes == [(1, 1, 20, 20), (1, 1, 20, 20)]
    assert window.state.expanded == {"left"}  # the same model: what was open stays open
    assert window.spec.inputs == (InputSpec((1, 20, 20)),) * 2  # the app's outline knows them
    assert never_imported_here(path)


def test_a_wrong_input_names_the_apps_own_control(qtbot, window, tmp_path):
    path = tmp_path / "pair.py"
    write_model(path, 4)
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS) as blocker:
        window.open_model(f"{path}:Pair", [(1, 12, 12)])
    message = blocker.args[0]
    assert message == (
        "Pair.forward also needs depth: it takes 2 inputs, 1 given. "
        "Try the input 1,12,12 and 1,12,12 (File ▸ Input…)."
    )
    assert "--input" not in message
    window.last_error_dialog.close()
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS) as blocker:
        window.open_model("lenet", [InputSpec((1, 32, 32))])
    assert blocker.args[0].endswith("Try the input 1,28,28 (File ▸ Input…).")
    window.last_error_dialog.close()


def open_pair(qtbot, window: MainWindow, tmp_path: Path, closed: str) -> Path:
    """pair.py's Pair opened on two 1×12×12 inputs, with the block ``closed`` closed."""
    path = tmp_path / "pair.py"
    write_model(path, 4)
    shown(qtbot, window, lambda: window.open_model(f"{path}:Pair", [(1, 12, 12), (1, 12, 12)]))
    shown(qtbot, window, lambda: window.session.change_expansion(lambda s: s.collapse(closed)))
    return path


def test_reload_reads_the_file_again_and_keeps_the_open_blocks(qtbot, window, tmp_path):
    path = open_pair(qtbot, window, tmp_path, "left")
    window.user_code._settle.setInterval(10_000)  # this test reloads by hand, not on the change
    write_model(path, 6)
    shown(qtbot, window, window.actions["reload"].trigger)
    assert window.actions["reload"].shortcut().toString() == "F5"
    assert window.graph.ops.nodes["left_0"]["shape"] == (1, 6, 10, 10)
    assert window.graph.input_shapes == [(1, 1, 12, 12), (1, 1, 12, 12)]
    assert window.state.expanded == {"right"}
    assert never_imported_here(path)


def test_an_edited_file_reloads_itself_even_after_a_syntax_error(qtbot, window, tmp_path):
    path = open_pair(qtbot, window, tmp_path, "right")
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS) as blocker:
        write_model(path, 5, extra="\ndef broken(:\n")
    assert "Syntax error" in blocker.args[0] and "reload" in blocker.args[0]
    window.last_error_dialog.close()
    time.sleep(0.05)
    shown(qtbot, window, lambda: write_model(path, 3))  # fixed: it reloads by itself
    assert window.graph.ops.nodes["left_0"]["shape"] == (1, 3, 10, 10)
    assert window.state.expanded == {"left"}
    assert never_imported_here(path)


def test_a_module_called_three_times_says_so_in_the_inspector(qtbot, window, tmp_path):
    path = tmp_path / "pair.py"
    write_model(path, 4)
    shown(qtbot, window, lambda: window.open_model(f"{path}:Shared", (2, 8, 8)))
    acts = [op for op, a in window.graph.ops.nodes(data=True) if a["target"] == "act"]
    assert len(acts) == 3  # three nodes, one per call
    window.inspector.show_subject(window.graph, acts[1])
    assert window.inspector.value("call") == "call 2 of 3 of act (the same weights)"
    window.inspector.show_subject(window.graph, "step")  # the block's row: all its calls
    assert window.inspector.value("output") == "1×2×8×8 (called 3×)"
    window.inspector.show_subject(window.graph, "step@2")
    assert window.inspector.value("call") == "call 2 of 3 of step (the same weights)"
    frames = sorted(f.id for f in window.diagram.frames)  # small: every block drawn open
    assert frames == ["step", "step@2", "step@3"]


def test_the_browser_lists_torchvision_by_kind_and_timm(qtbot, window):
    with qtbot.waitSignal(window.catalogue_ready, timeout=WAIT_MS):
        window.load_catalogue()
    browser = window.browser
    kinds = [
        browser.torchvision_group.child(i).text(0)
        for i in range(browser.torchvision_group.childCount())
    ]
    assert kinds == [
        "classification",
        "detection",
        "segmentation",
        "video",
        "optical flow",
        "quantized",
    ]
    names = {item.data(0, Qt.UserRole) for item in browser.model_items()}
    assert {"torchvision.fasterrcnn_resnet50_fpn", "torchvision.raft_small"} <= names
    assert browser.timm_group.isHidden() == (not timm_names())
    browser.filter.setText("fasterrcnn")
    shown_items = [i for i in browser.model_items() if not i.isHidden()]
    assert shown_items and all("fasterrcnn" in i.text(0) for i in shown_items)
    detection = browser.torchvision_group.child(1)
    assert detection.isExpanded() and browser.torchvision_group.child(0).isHidden()
    browser.tree.setCurrentItem(shown_items[0])
    assert "object detection" in browser.note.text()


def test_the_open_button_waits_for_valid_inputs(qtbot, window, tmp_path):
    path = tmp_path / "pair.py"
    write_model(path, 4)
    idle(qtbot, window, lambda: window.open_model_file(str(path)))
    dialog = window.user_dialog
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open)
    dialog.inputs_box.boxes[1].setText("int:12/0")
    assert not button.isEnabled() and "integer inputs" in dialog.inputs_box.problem.text()
    dialog.inputs_box.boxes[1].setText("int:12/7")
    assert button.isEnabled()
    dialog.reject()
