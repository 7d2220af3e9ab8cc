"""User code runs only when the user opens it, and can always be abandoned: files that loop
forever in their body, ``__init__`` or ``forward``, in real ``info``/``export``/``gui``
processes and in the app's window."""

from __future__ import annotations

import json
import multiprocessing
import signal
import sys
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import main
from errors import UserModelError
from models.registry import get_spec
from models.user import module_cycle
from tests.procs import image_folder, run_main, start_main

WAIT_MS = 60_000
ENDLESS = """
from pathlib import Path
from torch import nn

Path(r"{marker}").write_text("the file ran")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        while True:  # an endless loop that even swallows KeyboardInterrupt
            try:
                pass
            except BaseException:
                pass


class Forward(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        Path(r"{marker}").with_name("forward.txt").write_text("looping")
        while True:
            pass
"""
SELF_CONTAINED = """
from torch import nn
import torch


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.me = self


class Shared(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.again = self.fc  # the same layer twice is fine

    def forward(self, x):
        return self.again(self.fc(x))
"""


def endless_file(folder: Path, at_import: bool = False) -> tuple[Path, Path]:
    """A model file whose ``Net()`` never returns (nor the file itself, ``at_import``)."""
    marker = folder / "ran.txt"
    path = folder / "endless.py"
    loop = "\nwhile True:\n    pass\n" if at_import else ""
    path.write_text(ENDLESS.format(marker=marker) + loop, encoding="utf-8")
    return path, marker


def tagged(tag: str) -> list[int]:
    """The live processes started with NETATLAS_TEST_TAG=tag (a command and its children)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            environ = (entry / "environ").read_bytes().split(b"\0") if entry.name.isdigit() else []
        except OSError:
            continue
        if f"NETATLAS_TEST_TAG={tag}".encode() in environ:
            found.append(int(entry.name))
    return found


def gone(tag: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while tagged(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not tagged(tag)


# The command line -------------------------------------------------------------------------------
def test_info_export_and_train_give_up_after_the_timeout_and_leave_no_process(tmp_path):
    path, _ = endless_file(tmp_path)
    tag = uuid.uuid4().hex
    out = tmp_path / "diagram.png"
    commands = [
        start_main("info", f"{path}:Net", "--timeout", "2", NETATLAS_TEST_TAG=tag),
        start_main("export", f"{path}:Forward", "--input", "1,2,2", "-o", str(out),
                   "--timeout", "2", NETATLAS_TEST_TAG=tag),
        start_main("train", f"{path}:Net", "--out", str(tmp_path / "run"), "--timeout", "2",
                   NETATLAS_TEST_TAG=tag),
    ]  # fmt: skip
    for process, name in zip(commands, ("Net", "Forward", "Net"), strict=True):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 2
        assert err.strip() == (
            f"error: Loading {path}:{name} did not finish within 2 s (an endless loop in the "
            "file, __init__ or forward?); fix the code or give a longer --timeout."
        )
    assert not out.exists() and gone(tag)


def test_ctrl_c_stops_a_hanging_model_file_at_once(tmp_path):
    path, marker = endless_file(tmp_path)
    tag = uuid.uuid4().hex
    process = start_main("info", f"{path}:Net", NETATLAS_TEST_TAG=tag)  # 120 s by default
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:  # the child is in the loop
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip() == f"error: Stopped loading {path}:Net (Ctrl-C)."
    assert gone(tag)


def test_a_module_that_contains_itself_is_one_line(tmp_path, capsys):
    path = tmp_path / "cycle.py"
    path.write_text(SELF_CONTAINED, encoding="utf-8")
    with pytest.raises(UserModelError, match="contains itself: submodule 'me' is one of its own"):
        get_spec(f"{path}:Net").build()
    shared = get_spec(f"{path}:Shared").build()
    assert module_cycle(shared) is None
    assert main.main(["info", f"{path}:Net", "--input", "1,2,2"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: Net() in {path} contains itself") and "\n" not in err


def test_an_impossible_input_size_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main.main(["info", "lenet", "--input", "99999999999999999999,1,1"])
    assert exit_info.value.code == 2
    assert "input size '99999999999999999999,1,1' is too large" in capsys.readouterr().err


# The app -----------------------------------------------------------------------------------------
def test_the_app_does_not_rerun_the_last_model_file_at_start(tmp_path):
    """A real `gui` process whose settings name a file that loops at import: it starts, opens
    the default model, and the file never runs."""
    path, marker = endless_file(tmp_path)
    settings = tmp_path / "settings"
    (settings / "NetAtlas").mkdir(parents=True)
    ini = f"[model]\nlast={path}:Net\nrecent={path}:Net\n"
    (settings / "NetAtlas" / "NetAtlas.ini").write_text(ini, encoding="utf-8")
    shot = tmp_path / "start.png"
    run = run_main(
        "gui", "--screenshot", str(shot), timeout=120, NETATLAS_SETTINGS_DIR=str(settings)
    )
    assert run.returncode == 0, run.stderr
    assert shot.is_file() and not marker.exists()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from gui.app import SETTINGS_ENV, create_application, make_settings
    from gui.main_window import MainWindow

    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    create_application()
    win = MainWindow(make_settings())
    qtbot.addWidget(win, before_close_func=lambda w: w.setAttribute(Qt.WA_DeleteOnClose))
    win.show()
    return win


def test_start_lists_the_last_model_file_under_recent_without_running_it(qtbot, window, tmp_path):
    from gui.main_window import DEFAULT_MODEL

    path, marker = endless_file(tmp_path)
    window.settings.setValue("model/last", f"{path}:Net")
    window.settings.setValue("model/recent", [f"{path}:Net"])
    window.browser.set_recent(window.recent_models())
    with qtbot.waitSignal(window.model_ready, timeout=WAIT_MS):
        window.start(None, None, ())
    assert window.spec.name == DEFAULT_MODEL and not marker.exists()
    recent = window.browser.recent_group.child(1)  # the default model came first
    assert recent.data(0, Qt.UserRole) == f"{path}:Net"
    assert "Opening it runs the Python code in this file" in recent.toolTip(0)
    assert "its Python code runs" in window.actions["open_model_file"].toolTip()


@pytest.mark.parametrize("how", ["model", "open dialog"])
def test_cancel_stops_a_model_file_that_never_returns(qtbot, window, tmp_path, how):
    path, marker = endless_file(tmp_path, at_import=how == "open dialog")
    if how == "model":
        window.open_model(f"{path}:Net", (3, 8, 8))
    else:
        window.open_model_file(str(path))
    assert not window.status.cancel_button.isVisible()  # not at once: most files load in a moment
    qtbot.waitUntil(
        window.status.cancel_button.isVisible, timeout=WAIT_MS
    )  # the window kept working
    assert marker.exists()  # the file ran, in the child
    here = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == str(path)]
    assert here == []  # the file never ran in the app's own process
    qtbot.mouseClick(window.status.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.jobs.pending == 0, timeout=WAIT_MS)
    assert window.status.message.text() == "Stopped the model file's code."
    assert window.last_error_dialog is None and not window.status.cancel_button.isVisible()
    assert multiprocessing.active_children() == []
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):  # the app is free again
        window.open_model("lenet")


def test_closing_the_window_stops_a_running_model_file(qtbot, window, tmp_path):
    path, marker = endless_file(tmp_path)
    window.open_model(f"{path}:Net", (3, 8, 8))
    qtbot.waitUntil(marker.exists, timeout=WAIT_MS)  # its Net() is looping now
    window.close()
    assert window.jobs.wait(WAIT_MS)  # the job ended: it no longer waits on the file
    assert multiprocessing.active_children() == []


def test_a_second_ctrl_c_ends_a_training_step_that_never_returns(tmp_path):
    path, _ = endless_file(tmp_path)
    images = image_folder(tmp_path / "images")
    process = start_main("train", f"{path}:Forward", "--dataset", str(images),
                         "--out", str(tmp_path / "run"))  # fmt: skip
    looping = tmp_path / "forward.txt"
    deadline = time.monotonic() + 120
    while not looping.exists() and time.monotonic() < deadline:  # the first step has begun
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # asks for a stop after the step, which never ends
    time.sleep(1)
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == -signal.SIGINT
    assert (tmp_path / "run" / "config.json").is_file()  # the run folder is still a run


def test_what_a_model_file_prints_goes_to_stderr(tmp_path):
    path = tmp_path / "chatty.py"
    path.write_text(
        "from torch import nn\n"
        "print('hello from the file')\n"
        "net = nn.Sequential(nn.Flatten(), nn.Linear(4, 2))\n",
        encoding="utf-8",
    )
    run = run_main("info", f"{path}:net", "--input", "1,2,2", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["model"] == f"{path}:net"  # stdout is the summary alone
    assert "hello from the file" in run.stderr


def test_a_user_models_batchnorm_tensors_are_read_in_a_child_process(qtbot, window, tmp_path):
    path = tmp_path / "bn.py"
    path.write_text(
        "from torch import nn\n"
        "net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU())\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model(f"{path}:net", (3, 8, 8))
    bn = next(b.id for b in window.diagram.boxes if b.kind == "bn")
    with qtbot.waitSignal(
        window.jobs.busy_changed, timeout=WAIT_MS, check_params_cb=lambda busy: not busy
    ):
        assert window.interaction.select(bn)
    gamma = window.inspector.value("tensor:weight")
    assert gamma is not None and gamma.startswith("mean 1, std 0, min 1, max 1 (4)")
    here = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == str(path)]
    assert here == [] and multiprocessing.active_children() == []
