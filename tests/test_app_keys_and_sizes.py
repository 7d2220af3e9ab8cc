"""The app as a keyboard user and a small screen meet it: one real offscreen window for the
module (small models), real key presses, real window sizes; a real process for a screen at
scale 2 and for a start from the disk cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QToolButton

from gui.app import SETTINGS_ENV
from gui.view import item_identity
from tests.windows import shared_window

ROOT = Path(__file__).resolve().parent.parent
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def window(tmp_path_factory, qapp):
    with shared_window(tmp_path_factory.mktemp("keys-settings")) as win:
        yield win


def open_model(qtbot, window, name: str) -> None:
    if window.spec is None or window.spec.name != name:
        with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
            window.open_model(name)


def relayout_after(qtbot, window, action) -> None:
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        action()


def selected(window) -> str | None:
    items = window.scene.selectedItems()
    found = item_identity(items[0]) if items else None
    return found[0] if found else None


def key(qtbot, window, which) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, which)


def test_arrows_walk_the_diagram_along_its_edges(qtbot, window) -> None:
    open_model(qtbot, window, "lenet")
    window.scene.clearSelection()
    key(qtbot, window, Qt.Key_Up)  # nothing selected: the input is
    first = selected(window)
    assert window.diagram.element(first).kind == "input"
    key(qtbot, window, Qt.Key_Up)
    second = selected(window)
    assert (first, second) in {(e.source, e.target) for e in window.diagram.edges}
    assert window.inspector.title.text() == window.graph.ops.nodes[second]["label"]
    key(qtbot, window, Qt.Key_Down)
    assert selected(window) == first
    key(qtbot, window, Qt.Key_Escape)  # the selection goes first …
    assert selected(window) is None
    window.search.edit.setText("conv")  # selects its first match
    key(qtbot, window, Qt.Key_Escape)
    assert selected(window) is None and window.search.edit.text() == "conv"
    key(qtbot, window, Qt.Key_Escape)  # … then the search
    assert window.search.edit.text() == "" and window.search.matches == []


def test_enter_opens_and_closes_blocks_and_backspace_climbs_out(qtbot, window) -> None:
    open_model(qtbot, window, "resnet18")
    closed = next(b.id for b in window.diagram.boxes if b.kind == "block")
    window.interaction.select(closed)
    relayout_after(qtbot, window, lambda: key(qtbot, window, Qt.Key_Return))
    assert window.state.is_expanded(closed) and window.diagram.element(closed) is not None
    inside = next(b.id for b in window.diagram.boxes if window.state.index.block_of(b.id) == closed)
    window.interaction.select(inside)
    key(qtbot, window, Qt.Key_Backspace)  # to the block around it
    assert selected(window) == closed
    relayout_after(qtbot, window, lambda: key(qtbot, window, Qt.Key_Space))
    assert not window.state.is_expanded(closed)


def test_left_and_right_cross_an_inception_blocks_branches(qtbot, window) -> None:
    open_model(qtbot, window, "googlenet")
    block = next(
        s for s in window.graph.structures_of("inception") if s.module in window.state.expanded
    )
    start = block.branches[0][0]
    window.interaction.select(start)
    key(qtbot, window, Qt.Key_Right)
    right = selected(window)
    assert right in {branch[0] for branch in block.branches[1:]}
    key(qtbot, window, Qt.Key_Left)
    assert selected(window) == start


def test_the_model_filter_takes_enter_and_down(qtbot, window) -> None:
    if not window.browser.book_group.childCount():
        with qtbot.waitSignal(window.catalogue_ready, timeout=WAIT_MS):
            window.load_catalogue()
    browser = window.browser
    browser.filter.setText("batchnorm")  # only the book has it: no empty torchvision header
    assert browser.book_group.isHidden() is False and browser.torchvision_group.isHidden()
    browser.filter.setText("resnet1")  # torchvision's resnets sort by number
    group = browser.torchvision_group.child(0)  # its classification models
    shown = [group.child(i).text(0) for i in range(group.childCount())]
    shown = [n for n in shown if n.startswith("resnet1")]
    assert shown == ["resnet18", "resnet101", "resnet152"]
    browser.filter.setFocus()
    qtbot.keyClick(browser.filter, Qt.Key_Down)
    assert browser.tree.hasFocus() and browser.tree.currentItem() is browser.first_match()
    browser.filter.setText("lenet-bn")
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        qtbot.keyClick(browser.filter, Qt.Key_Return)
    assert window.spec.name in ("lenet-bn", "lenet-bn-scratch")
    browser.filter.setText("")


def test_search_ignores_case_and_times_signs_and_is_cleared_by_another_model(qtbot, window):
    open_model(qtbot, window, "lenet")
    search = window.search
    search.edit.setText("5x5")
    kernels = list(search.matches)
    assert kernels
    search.edit.setText("5×5")
    assert search.matches == kernels
    search.edit.setText("28X28")  # a tensor shape
    assert search.matches and search.count.text().startswith("1/")
    open_model(qtbot, window, "alexnet")
    assert search.edit.text() == "" and search.matches == []


def test_every_command_names_its_shortcut_and_help_lists_them(qtbot, window) -> None:
    for name, action in window.actions.actions.items():
        keys = action.shortcut().toString()
        if keys:
            assert f"({keys}" in action.toolTip(), name
    window.show_shortcuts()
    rows = window.shortcuts_dialog.rows
    listed = {what for _, what in rows}
    assert {"Export…", "Fit", "Book style", "Keyboard shortcuts"} <= listed
    assert any("Backspace" in keys for keys, _ in rows)
    assert window.shortcuts_dialog.table.rowCount() == len(rows)
    window.shortcuts_dialog.close()


def test_a_640_by_480_window_keeps_half_its_width_for_the_diagram(qtbot, window) -> None:
    open_model(qtbot, window, "lenet")
    assert window.minimumSize().width() <= 640 and window.minimumSize().height() <= 480
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.width() == 640 and window.height() == 480)
    QCoreApplication.processEvents()
    assert window.view.width() >= window.width() / 2
    assert window.docks.browser_joined  # the models joined the right column as a tab
    bar = window.toolbar
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    hidden = [
        a for a in bar.actions() if not a.isSeparator() and not bar.widgetForAction(a).isVisible()
    ]
    assert not hidden or (extension is not None and extension.isVisible())  # behind »
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: not window.docks.browser_joined)
    assert window.dockWidgetArea(window.browser_dock) == Qt.LeftDockWidgetArea


SCREEN_2X = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
PROBE = """
import json, sys
from gui.app import create_application, make_settings
from gui.main_window import MainWindow
app = create_application()
window = MainWindow(make_settings())
window.show()
app.processEvents()
screen = window.screen().availableGeometry()
frame = window.frameGeometry()
print(json.dumps({"screen": [screen.width(), screen.height()],
                  "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                  "docks": [d.width() for d in window.docks.docks if d.isVisible()]}))
"""


def test_a_window_saved_at_scale_1_opens_inside_a_scale_2_screen(window, tmp_path) -> None:
    (tmp_path / "screen.json").write_text(json.dumps(SCREEN_2X))
    folder = tmp_path / "settings"
    saved = QSettings(str(folder / "NetAtlas" / "NetAtlas.ini"), QSettings.Format.IniFormat)
    window.resize(1440, 900)  # saved on a big screen at scale 1
    saved.setValue("window/geometry", window.saveGeometry())
    saved.setValue("window/state", window.saveState())
    saved.setValue("window/scale", 1.0)
    saved.sync()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={tmp_path / 'screen.json'}",
        "QT_SCALE_FACTOR": "2",
        SETTINGS_ENV: str(folder),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["screen"] == [800, 500]  # 1600×1000 pixels at scale 2
    x, y, w, h = found["frame"]
    assert x >= 0 and y >= 0 and x + w <= 800 and y + h <= 500
    assert all(width <= w / 2 for width in found["docks"])


START = """
import json, sys
from PySide6.QtCore import QTimer
from gui.app import create_application, make_settings
from gui.main_window import MainWindow
app = create_application()
window = MainWindow(make_settings())
window.show()
seen, steps = {}, {"ready": False, "first": None}
def maybe_done():
    if steps["ready"] and steps["first"] is not None:
        seen["items_kept"] = window.scene.item_for(window.diagram.boxes[0].id) is steps["first"]
        print(json.dumps(seen), flush=True)
        app.exit(0)
def shown():
    if steps["first"] is None:
        seen.update(torch="torch" in sys.modules, graph=window.graph is not None)
        seen["boxes"] = len(window.diagram.boxes)
        steps["first"] = window.scene.item_for(window.diagram.boxes[0].id)
    maybe_done()
def ready():
    steps["ready"] = True
    QTimer.singleShot(0, maybe_done)
window.diagram_shown.connect(shown)
window.model_ready.connect(ready)
window.start("lenet", None, ())
app.exec()
"""


def test_the_second_start_draws_the_cached_diagram_before_torch_loads(tmp_path) -> None:
    env = {
        **os.environ,
        SETTINGS_ENV: str(tmp_path / "settings"),
        "NETATLAS_CACHE_DIR": str(tmp_path / "cache"),
    }

    def start() -> dict:
        out = subprocess.run(
            [sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=180,
        )  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])

    cold = start()
    assert cold["torch"] and cold["graph"]  # traced first, then drawn
    warm = start()
    assert not warm["torch"] and not warm["graph"] and warm["boxes"] == cold["boxes"]
    assert warm["items_kept"]  # made live without drawing it again: no jump


def test_a_theme_switch_keeps_the_view_where_it_was(qtbot, window) -> None:
    open_model(qtbot, window, "resnet18")
    window.view.set_zoom(1.3)
    window.view.centerOn(window.scene.sceneRect().center())
    before = window.view.visible_scene_rect().center()
    window.set_app_theme("dark", save=False)
    after = window.view.visible_scene_rect().center()
    assert window.view.zoom() == pytest.approx(1.3)
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2
    window.set_app_theme("light", save=False)


def test_small_things(qtbot, window, tmp_path) -> None:
    open_model(qtbot, window, "lenet")
    assert "KiB weights" in window.status.totals.text()  # 61.7k params: never "0.0 MB"
    assert window.status.method.toolTip().startswith("<qt>")  # wrapped, never off the screen
    controls = window.training_dock.controls
    controls.epochs.setValue(2)  # the user's epochs stay for the next model
    open_model(qtbot, window, "alexnet")
    assert controls.epochs.value() == 2 and controls.start_button.isEnabled()
    controls.set_model("")  # no model open: Start says what is missing
    assert (
        not controls.start_button.isEnabled() and "Open a model" in controls.start_button.toolTip()
    )
    controls.set_model(window.spec.name)
    mine = f"{tmp_path / 'net.py'}:Net"
    window.browser.set_recent([mine, "lenet"])
    window.browser.select(mine)  # a user's file: the note and the mark follow it
    assert window.browser.tree.currentItem().data(0, Qt.UserRole) == mine
    assert "Your own model" in window.browser.note.text()
