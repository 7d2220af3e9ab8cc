"""The app window, end to end: a real offscreen QApplication, real tracing and layout, real files.

Settings go to a temporary folder (NETATLAS_SETTINGS_DIR), never the user's.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gui.app import SETTINGS_ENV, create_application, make_settings
from gui.i18n import install_language
from gui.main_window import MainWindow
from gui.view import item_identity
from models.registry import book_models

WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def collect_closed_windows():
    """Windows a test closed are deleted, and their Python wrappers collected, before the next
    test: a collection that ran later, inside the next test's event loop, could free a window
    Qt is still tearing down (each test makes its own window; the app has one for its life)."""
    yield
    app = QCoreApplication.instance()
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if app is not None:
            app.processEvents()
    gc.collect()


@pytest.fixture
def settings_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    return tmp_path / "settings"


def new_window(qtbot) -> MainWindow:
    create_application()
    window = MainWindow(make_settings())
    # deleted when the test ends: closed windows must not pile up across tests
    qtbot.addWidget(window, before_close_func=lambda w: w.setAttribute(Qt.WA_DeleteOnClose))
    window.show()
    return window


@pytest.fixture
def window(qtbot, settings_dir) -> MainWindow:
    win = new_window(qtbot)
    with qtbot.waitSignal(win.catalogue_ready, timeout=WAIT_MS):
        win.load_catalogue()
    yield win
    install_language("en")  # the language is the application's, not the window's


def open_model(qtbot, window: MainWindow, name: str, **kwargs) -> None:
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model(name, **kwargs)


def wait_for_error(qtbot, window: MainWindow, action) -> str:
    with qtbot.waitSignal(window.error_shown, timeout=WAIT_MS) as blocker:
        action()
    box = window.last_error_dialog
    assert box is not None and box.isVisible()
    assert box.text() == blocker.args[0]
    box.close()
    return blocker.args[0]


def relayout_after(qtbot, window: MainWindow, action) -> None:
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        action()


def block_boxes(window: MainWindow) -> list[str]:
    return [b.id for b in window.diagram.boxes if b.kind == "block"]


def test_every_book_network_opens_from_the_browser(qtbot, window) -> None:
    browser = window.browser
    for spec in book_models():
        item = next(i for i in browser.model_items() if i.data(0, Qt.UserRole) == spec.name)
        browser.tree.scrollToItem(item)
        rect = browser.tree.visualItemRect(item)
        with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
            qtbot.mouseClick(browser.tree.viewport(), Qt.LeftButton, pos=rect.center())
        assert spec.note("en") in browser.note.text()
        assert window.spec.name == spec.name
        assert window.windowTitle() == f"NetAtlas — {spec.name}"
        ids = {str(item.data(0)) for item in window.scene.items() if item.data(0) is not None}
        assert {b.id for b in window.diagram.boxes} <= ids
        assert "params" in window.status.totals.text() and "MACs" in window.status.totals.text()
        assert window.graph.method in window.status.method.text()
        assert browser.tree.currentItem().data(0, Qt.UserRole) == spec.name
    assert window.recent_models()[:2] == [s.name for s in book_models()][::-1][:2]


def test_double_click_expands_then_collapses_a_block(qtbot, window) -> None:
    open_model(qtbot, window, "googlenet")
    block = block_boxes(window)[0]
    before = len(window.diagram.boxes)
    item = window.scene.item_for(block)
    window.view.centerOn(item)
    pos = window.view.mapFromScene(item.sceneBoundingRect().center())
    relayout_after(
        qtbot, window, lambda: qtbot.mouseDClick(window.view.viewport(), Qt.LeftButton, pos=pos)
    )
    assert window.state.is_expanded(block)
    assert block in {f.id for f in window.diagram.frames}
    assert len(window.diagram.boxes) > before
    relayout_after(qtbot, window, lambda: window.interaction.activate(block))
    assert not window.state.is_expanded(block)
    assert len(window.diagram.boxes) == before


def test_double_click_on_a_closed_residual_blocks_sum_opens_the_block(qtbot, window) -> None:
    open_model(qtbot, window, "resnet18")
    block = "2.1"  # closed, drawn as its body, its ⊕ and the ReLU after it
    add = window.graph.structures_of("residual")[3].merge
    assert not window.state.is_expanded(block) and window.scene.item_for(add) is not None
    relayout_after(qtbot, window, lambda: window.interaction.activate(add))
    assert window.state.is_expanded(block)


def test_context_menu_expands_all_below_and_depth_spin_opens_levels(qtbot, window) -> None:
    open_model(qtbot, window, "resnet18")
    block = block_boxes(window)[0]
    menu = window.interaction.context_menu(block)
    texts = [a.text() for a in menu.actions()]
    assert "Expand all below" in texts and "Copy label" in texts
    relayout_after(qtbot, window, lambda: menu.actions()[0].trigger())
    assert window.state.is_expanded(block)
    window.interaction.copy_label(block)
    assert QGuiApplication.clipboard().text() == window.interaction.label_of(block)
    relayout_after(qtbot, window, lambda: window.depth.setValue(0))
    assert window.state.expanded == frozenset()
    relayout_after(qtbot, window, lambda: window.depth.setValue(-1))
    assert window.state.expanded == frozenset(window.state.default_expanded())


def test_search_highlights_and_cycles_through_matches(qtbot, window) -> None:
    open_model(qtbot, window, "lenet")
    convs = [b.id for b in window.diagram.boxes if "conv" in f"{b.id} {b.label}".lower()]
    assert len(convs) >= 2
    search = window.search
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert search.edit.hasFocus()
    qtbot.keyClicks(search.edit, "conv")
    assert set(search.matches) == set(convs)
    assert search.count.text() == f"1/{len(convs)}"
    first = search.current
    assert window.scene.item_for(first).isSelected()
    qtbot.keyClick(search.edit, Qt.Key_Return)
    assert search.current != first
    assert search.count.text() == f"2/{len(convs)}"
    for _ in range(len(convs) - 1):
        qtbot.keyClick(window, Qt.Key_F3)
    assert search.current == first  # cycles round
    search.edit.setText("no such layer")
    assert search.count.text() == "0/0"


def test_search_offers_to_open_the_blocks_hiding_more_matches(qtbot, window) -> None:
    open_model(qtbot, window, "resnet18")  # the first residual block open, 7 closed
    search = window.search
    search.edit.setText("conv")
    drawn = len(search.matches)  # the stem, the open block's 2, the 3 projection shortcuts
    assert drawn == 6
    assert search.reveal.isVisible() and search.reveal.text() == "+14 in closed blocks"
    relayout_after(qtbot, window, search.reveal.click)
    assert len(search.matches) == drawn + 14 and not search.reveal.isVisible()
    assert window.scene.item_for(search.current).isSelected()

    search.edit.setText("no such layer")
    assert not search.reveal.isVisible()
    relayout_after(qtbot, window, lambda: window.depth.setValue(0))
    search.edit.setText("residual")
    assert search.matches == [] and search.count.text() == "0/0"
    relayout_after(qtbot, window, lambda: qtbot.keyClick(search.edit, Qt.Key_Return))
    assert search.count.text() == "1/8"  # Enter with nothing drawn opened the blocks


def test_the_overview_map_can_be_turned_off_and_stays_off(qtbot, window) -> None:
    open_model(qtbot, window, "resnet18")  # taller than the view: the map shows
    assert window.view.minimap.isVisible() and window.overview_action.isChecked()
    window.overview_action.trigger()
    assert not window.view.minimap.isVisible()
    assert window.settings.value("view/overview", type=bool) is False
    window.view.fit()
    window.view.set_zoom(1.0)  # zooming and scrolling keep it off
    assert not window.view.minimap.isVisible()
    window.overview_action.trigger()
    assert window.view.minimap.isVisible()


def test_selecting_a_conv_shows_its_numbers_in_the_inspector(qtbot, window) -> None:
    open_model(qtbot, window, "lenet")
    graph = window.graph
    conv = next(b.id for b in window.diagram.boxes if b.kind == "conv")
    attrs = graph.ops.nodes[conv]
    item = window.scene.item_for(conv)
    window.view.centerOn(item)
    pos = window.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.LeftButton, pos=pos)
    assert item_identity(window.scene.selectedItems()[0])[0] == conv
    inspector = window.inspector
    assert inspector.value("kind") == "conv"
    assert inspector.value("params") == f"{attrs['params']:,}"
    assert inspector.value("macs") == f"{attrs['macs']:,}"
    assert inspector.value("output") == "×".join(map(str, attrs["shape"]))
    share = 100 * attrs["params"] / graph.total_params
    assert inspector.value("params_share") == f"{share:.1f} %"
    assert inspector.value("hparam:kernel_size") is not None


def test_batchnorm_inspector_shows_real_gamma_and_running_stats(qtbot, window) -> None:
    open_model(qtbot, window, "lenet-bn")
    bn = next(b.id for b in window.diagram.boxes if b.kind == "bn")
    with qtbot.waitSignal(
        window.jobs.busy_changed, timeout=WAIT_MS, check_params_cb=lambda b: not b
    ):
        assert window.interaction.select(bn)
    gamma = window.inspector.value("tensor:weight")
    assert gamma is not None and gamma.startswith("mean 1, std 0, min 1, max 1")
    running_var = window.inspector.value("tensor:running_var")
    assert running_var is not None and running_var.startswith("mean 1, std 0")


def test_bad_inputs_show_a_dialog_and_the_app_stays_usable(qtbot, window, tmp_path) -> None:
    message = wait_for_error(qtbot, window, lambda: window.open_model("googlenett"))
    assert "googlenet" in message  # the closest name is suggested
    broken = tmp_path / "broken.py"
    broken.write_text("import torch\nraise RuntimeError('boom at import')\n")
    message = wait_for_error(qtbot, window, lambda: window.open_model_file(str(broken)))
    assert "RuntimeError" in message and "boom at import" in message
    message = wait_for_error(
        qtbot, window, lambda: window.open_model("lenet", input_size=(3, 8, 8))
    )
    assert message and "\n" not in message
    wrong = tmp_path / "notrace.py"
    wrong.write_text(
        "import torch\nfrom torch import nn\n"
        "class Picky(nn.Module):\n"
        "    def forward(self, x):\n"
        "        raise ValueError('cannot run on this input')\n"
    )
    message = wait_for_error(qtbot, window, lambda: window.open_model(f"{wrong}:Picky"))
    assert message and "\n" not in message
    open_model(qtbot, window, "lenet")  # still usable
    assert window.spec.name == "lenet"


def test_user_file_chooser_lists_models_and_opens_the_chosen_one(qtbot, window, tmp_path) -> None:
    source = tmp_path / "mine.py"
    source.write_text(
        "from torch import nn\n"
        "class Tiny(nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.conv = nn.Conv2d(1, 4, 3)\n"
        "    def forward(self, x):\n"
        "        return self.conv(x)\n"
        "def make():\n"
        "    return Tiny()\n"
    )
    with qtbot.waitSignal(
        window.jobs.busy_changed, timeout=WAIT_MS, check_params_cb=lambda b: not b
    ):
        window.open_model_file(str(source))
    dialog = window.user_dialog
    assert dialog is not None and dialog.isVisible()
    names = [dialog.candidates.item(i).text() for i in range(dialog.candidates.count())]
    assert names == ["Tiny", "make"]
    dialog.candidates.setCurrentRow(1)
    boxes = dialog.inputs_box.boxes
    # one box for forward's one input, filled for the first layer: a 1-channel conv
    assert [b.text() for b in boxes] == ["1,224,224"]
    open_button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open)
    boxes[0].setText("1,16,x")  # not a size: said at once, and it cannot be opened
    assert dialog.inputs() is None and not open_button.isEnabled()
    assert "invalid input '1,16,x'" in dialog.inputs_box.problem.text()
    boxes[0].setText("1,16,16")
    assert open_button.isEnabled() and dialog.inputs_box.problem.isHidden()
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        dialog.accept()
    assert window.spec.name == f"{source}:make"
    assert window.graph.input_shape == (1, 1, 16, 16)


def test_settings_are_restored_after_a_restart(qtbot, settings_dir) -> None:
    first = new_window(qtbot)
    open_model(qtbot, first, "resnet18")
    first.set_app_theme("dark")
    first.orientation.setCurrentIndex(first.orientation.findData("lr"))
    first.resize(720, 540)  # inside the offscreen 800×600 screen
    size = first.size()
    first.inspector_dock.hide()
    first.jobs.wait(WAIT_MS)
    first.close()
    assert list(settings_dir.rglob("*.ini"))  # written where we pointed it
    second = new_window(qtbot)
    assert second.size() == size
    assert second.app_theme == "dark"
    assert second.orientation.currentData() == "lr"
    assert not second.inspector_dock.isVisible()
    assert second.recent_models()[0] == "resnet18"
    with qtbot.waitSignals([second.model_ready, second.diagram_shown], timeout=WAIT_MS):
        second.start(None, None, ())
    assert second.spec.name == "resnet18"
    assert second.diagram.orientation == "lr"
    second.set_app_theme("light")
    second.jobs.wait(WAIT_MS)


def test_theme_switch_repaints_window_and_diagram(qtbot, window) -> None:
    open_model(qtbot, window, "lenet")
    window.set_app_theme("dark")
    assert window.scene.theme.name == "dark"
    assert QApplication.palette().window().color().lightness() < 80
    window.set_app_theme("light")
    assert window.scene.theme.name == "light"
    assert QApplication.palette().window().color().lightness() > 200


def test_language_switch_retranslates_live(qtbot, window) -> None:
    window.set_language("zh")  # Qt posts LanguageChange to every widget
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    assert window.browser.open_button.text() == "打开模型文件…"
    assert window.inspector.title.text() == "未选择"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.browser.open_button.text() == "Open model file…"


def test_book_style_fold_repeats_and_chinese_labels_redraw_the_diagram(qtbot, window) -> None:
    open_model(qtbot, window, "googlenet")
    assert window.book_style_action.isChecked() and window.diagram.style == "book"
    labels = {b.label for b in window.diagram.boxes}
    assert "7×7 Conv (64), stride 2, pad 3 · ReLU" in labels and "Concat" in labels
    relayout_after(qtbot, window, window.book_style_action.trigger)
    assert window.diagram.style == "detailed"
    assert window.settings.value("view/style") == "detailed"
    assert "ReLU" in {b.label for b in window.diagram.boxes}
    relayout_after(qtbot, window, window.fold_action.trigger)
    runs = sorted(b.repeat for b in window.diagram.boxes if b.repeat > 1)
    assert runs == [2, 5] and [f.repeat for f in window.diagram.frames if f.repeat > 1] == [2]
    menu = window.interaction.context_menu("3.0")  # the folded 5 × Inception 3–7
    show_all = next(a for a in menu.actions() if a.text() == "Show all 5 repeated blocks")
    relayout_after(qtbot, window, show_all.trigger)
    assert {"3.0", "3.4"} <= {b.id for b in window.diagram.boxes}
    relayout_after(qtbot, window, lambda: window.set_language("zh"))
    assert window.diagram.lang == "zh" and "通道合并层" in {b.label for b in window.diagram.boxes}
    relayout_after(qtbot, window, lambda: window.set_language("en"))


def test_view_zooms_with_keys_and_fits(qtbot, window) -> None:
    open_model(qtbot, window, "googlenet")
    window.view.set_zoom(1.0)
    qtbot.keyClick(window.view, Qt.Key_Plus, Qt.ControlModifier)
    assert window.view.zoom() == pytest.approx(1.2)
    qtbot.keyClick(window.view, Qt.Key_Minus, Qt.ControlModifier)
    assert window.view.zoom() == pytest.approx(1.0)
    assert window.view.minimap.isVisible()  # googlenet does not fit at 100 %
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_F)
    assert window.view.zoom() == pytest.approx(min(1.0, window.view.fit_scale()), rel=0.05)
    assert window.view.visible_scene_rect().contains(window.scene.sceneRect().center())


def test_a_closed_window_starts_no_job_its_late_results_ask_for(qtbot):
    """Closing waits for the running job, and a result delivered afterwards (which may ask for
    more work: a layout, a cache write) starts nothing: no job thread runs Python while the
    window is torn down (that once deadlocked the suite)."""
    import threading

    from gui.workers import JobRunner

    create_application()
    runner = JobRunner()
    release, later = threading.Event(), []
    runner.submit(lambda: "traced" if release.wait(5) else "", later.append, later.append)
    release.set()
    assert runner.close(5_000)  # the running job is waited for
    ran = []
    assert runner.submit(lambda: ran.append("job"), later.append, later.append) == 0
    qtbot.waitUntil(lambda: later == ["traced"])  # the earlier result still arrives
    qtbot.wait(50)
    assert ran == [] and runner.pending == 0


def test_no_automatic_garbage_collection_while_a_job_runs(qtbot):
    """A collection on a job thread could free a closing window's Qt objects under the UI
    thread's feet (a GIL/Qt-mutex deadlock): collection waits for the jobs, then resumes."""
    from gui.workers import JobRunner

    create_application()
    assert gc.isenabled()
    first, second = JobRunner(), JobRunner()  # two windows' runners: counted together
    seen = []
    first.submit(lambda: gc.isenabled(), seen.append, seen.append)
    second.submit(lambda: gc.isenabled(), seen.append, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [False, False]
    qtbot.waitUntil(gc.isenabled)  # both done: collection is back
    gc.disable()  # paused by someone else before: the runner leaves it paused
    try:
        first.submit(lambda: None, seen.append, seen.append)
        qtbot.waitUntil(lambda: len(seen) == 3)
        qtbot.wait(20)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_model_opened_before_the_catalogue_is_described_once_it_comes(qtbot, settings_dir):
    """Opened from the command line, a book model is not called "your own model" while the
    catalogue is being read, and is marked in its group once the catalogue comes."""
    window = new_window(qtbot)
    open_model(qtbot, window, "vgg11")
    assert "Your own model" not in window.browser.note.text()
    with qtbot.waitSignal(window.catalogue_ready, timeout=WAIT_MS):
        window.load_catalogue()
    spec = next(s for s in book_models() if s.name == "vgg11")
    assert spec.note("en") in window.browser.note.text()
    current = window.browser.tree.currentItem()
    assert current is not None and current.parent() is window.browser.book_group
