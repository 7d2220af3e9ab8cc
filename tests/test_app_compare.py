"""The compare view in the real window (offscreen): columns open, change and export on their own."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from gui.app import SETTINGS_ENV
from gui.i18n import install_language
from netgraph.compare.presets import book_figure
from tests.test_app_window import (
    WAIT_MS,
    collect_closed_windows,  # noqa: F401 (an autouse fixture)
    new_window,
    open_model,
)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    win = new_window(qtbot)
    with qtbot.waitSignal(win.catalogue_ready, timeout=WAIT_MS):
        win.load_catalogue()
    yield win
    install_language("en")  # the language is the application's, not the window's


def shown(qtbot, window, action) -> None:
    with qtbot.waitSignal(window.compare.figure_shown, timeout=WAIT_MS):
        action()


def drawn(view, column: int) -> tuple[set[str], set[str]]:
    d = view.figure.columns[column].diagram
    return {f.id for f in d.frames}, {b.id for b in d.boxes} | {g.id for g in d.glyphs}


def test_a_block_opened_in_one_column_leaves_the_other_as_it_was(qtbot, window):
    open_model(qtbot, window, "lenet")
    shown(qtbot, window, lambda: window.compare.open(["resnet18", "densenet"]))
    view = window.compare.view
    assert window.compare.active and not window.view.isVisible()
    assert [c.title for c in view.figure.columns] == ["ResNet-18", "DenseNet"]
    frames, items = drawn(view, 0)
    other, other_state = drawn(view, 1), view.comparison.columns[1].state.expanded
    assert "2.0" not in frames and "2.0" in items  # a closed residual block
    box = view.scene.column_item(0, "2.0")
    view.view.centerOn(box)
    where = view.view.mapFromScene(box.sceneBoundingRect().center())
    shown(qtbot, window, lambda: qtbot.mouseDClick(view.view.viewport(), Qt.LeftButton, pos=where))
    after = drawn(view, 0)
    assert "2.0" in after[0] and after[1] != items
    assert drawn(view, 1) == other  # the other column is unchanged
    assert view.comparison.columns[1].state.expanded == other_state
    # selecting an element shows it in the window's inspector, as ever
    assert view.select(1, "1")
    assert window.inspector.title.text().startswith("DenseBlock")
    # a BatchNorm's tensors come from that column's model, not the window's (LeNet)
    bn = next(b.id for b in view.figure.columns[1].diagram.boxes if b.kind == "bn")
    view.select(1, bn)
    qtbot.waitUntil(lambda: window.inspector.value("tensor:weight") is not None, timeout=WAIT_MS)
    assert window.inspector.value("tensor:weight").startswith("mean 1")
    # the column's own depth box
    shown(qtbot, window, lambda: view.bars.itemAt(1).widget().depth.setValue(0))
    assert drawn(view, 1)[0] == set() and drawn(view, 0) == after
    # search finds in every column and highlights per column
    view.search.edit.setText("Global AvgPool")
    assert view.search.matches and all(":" in m for m in view.search.matches)
    assert {int(m.partition(":")[0]) for m in view.search.matches} == {0, 1}
    window.compare.close()
    assert window.view.isVisible() and not view.isVisible()


def test_book_figure_exports_the_compare_view(qtbot, window, tmp_path):
    open_model(qtbot, window, "lenet")
    figure = book_figure("residual-1x1")
    shown(qtbot, window, lambda: window.actions.book_figure_actions[figure.key].trigger())
    view = window.compare.view
    heading = "<b>§7.6 Residual block | Residual block with 1×1 conv</b> — The shortcut adds"
    assert view.heading.text().startswith(heading)
    assert view.figure.note_lines and view.figure.style == "book"
    assert view.figure.columns[1].only_here  # the 1×1 convolution
    assert view.summary_panel.table.rowCount() >= 3 and "3.1×" in view.summary_panel.headline.text()
    shown(qtbot, window, lambda: window.set_language("zh"))  # the figure speaks Chinese too
    assert view.heading.text().startswith("<b>§7.6 残差块 | 含 1×1 卷积的残差块</b>")
    assert [c.title for c in view.figure.columns] == ["残差块", "含 1×1 卷积层的残差块"]
    assert view.bars.itemAt(0).widget().name.text() == "<b>残差块</b>"
    # the difference table's layer words too, not only its headings
    table = view.summary_panel.table
    cells = [table.item(r, 1).text() for r in range(table.rowCount() - 2)]
    assert any("卷积层" in c for c in cells) and not any(" conv" in c for c in cells)
    shown(qtbot, window, lambda: window.set_language("en"))
    window.open_export_dialog()
    dialog = window.compare.export_dialog
    assert not dialog.scope_radios["view"].isEnabled()
    out = tmp_path / "residual.json"
    assert dialog.export_to(str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["only"] for c in data["columns"]] == ["1.0", "2.0"]
    dialog.close()


def test_a_model_dropped_on_the_diagram_is_set_beside_it(qtbot, window):
    open_model(qtbot, window, "vgg11")
    book = window.browser.book_group
    nin = next(book.child(i) for i in range(book.childCount()) if "NiN" in book.child(i).text(0))
    data = window.browser.tree.mimeData([nin])
    assert bytes(data.data("application/x-netatlas-model").data()) == b"nin"
    shown(qtbot, window, lambda: window.view.model_dropped.emit("nin"))
    assert window.compare.view.column_names() == ["vgg11", "nin"]
    shown(qtbot, window, lambda: window.compare.view.view.model_dropped.emit("alexnet"))
    assert window.compare.view.column_names() == ["vgg11", "nin", "alexnet"]
    assert window.windowTitle() == "NetAtlas — VGG-11 | NiN (Network in Network) | AlexNet"
    bars = window.compare.view.bars
    shown(qtbot, window, lambda: bars.itemAt(1).widget().depth.setValue(0))
    qtbot.mouseClick(bars.itemAt(0).widget().remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.compare.view.figure and len(window.compare.view.figure.columns) == 2
    )
    assert window.compare.view.column_names() == ["nin", "alexnet"]
    assert bars.count() == 2  # the bars moved with their columns: NiN keeps its depth
    assert (
        bars.itemAt(0).widget().title.startswith("NiN")
        and bars.itemAt(0).widget().depth.value() == 0
    )
    assert bars.itemAt(1).widget().depth.value() == -1


def test_models_shown_before_are_compared_at_once_without_a_job(qtbot, window):
    """Traced and laid out in the window already: the comparison is drawn before open returns
    (a job's round trip would cost more than the figure)."""
    for name in ("nin", "vgg11"):
        open_model(qtbot, window, name)
    seen = []
    window.compare.figure_shown.connect(lambda: seen.append(window.compare.view.column_names()))
    window.compare.open(["vgg11", "nin"])
    assert seen == [["vgg11", "nin"]]
    shown(qtbot, window, lambda: window.compare.open(["vgg11", "alexnet"]))  # one traced anew
    assert window.compare.view.column_names() == ["vgg11", "alexnet"]


def test_four_columns_in_a_narrow_window_keep_their_controls_whole(qtbot, window):
    window.resize(800, 700)
    open_model(qtbot, window, "lenet")
    shown(qtbot, window, lambda: window.compare.open(["alexnet", "vgg11", "nin", "googlenet"]))
    bars = [window.compare.view.bars.itemAt(i).widget() for i in range(4)]
    qtbot.waitUntil(lambda: all(b.remove.geometry().left() > 0 for b in bars), timeout=WAIT_MS)
    for bar in bars:  # the depth box shows "auto" whole; a name too long is elided, never cut
        assert bar.depth.width() >= bar.depth.sizeHint().width()
        assert bar.name.toolTip() == bar.title
        shown_name = bar.name.shown()
        assert shown_name == bar.title or shown_name.endswith("…")
        assert bar.name.metrics().horizontalAdvance(shown_name) <= bar.name.width()
        assert bar.depth.geometry().right() < bar.remove.geometry().left() <= bar.width()
    edges = [(b.geometry().left(), b.geometry().right()) for b in bars]
    assert all(a[1] < b[0] for a, b in zip(edges, edges[1:], strict=False))  # side by side
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: bars[3].name.text() == "<b>GoogLeNet</b>", timeout=WAIT_MS)
    window.resize(800, 700)  # two columns: "Depth" shown, and the name gets the room left
    shown(qtbot, window, lambda: window.compare.open(["resnet18", "densenet"]))
    bars = window.compare.view.bars
    qtbot.waitUntil(lambda: bars.itemAt(0).widget().depth_label.isVisible(), timeout=WAIT_MS)
    window.resize(1100, 700)  # then three columns, then four: kept bars shrink, one is new
    for names in (["lenet", "alexnet", "vgg11"], ["lenet", "alexnet", "vgg11", "nin"]):
        shown(qtbot, window, lambda names=names: window.compare.open(names))
        qtbot.wait(50)
        for bar in (bars.itemAt(i).widget() for i in range(bars.count())):
            text = bar.name.shown()
            assert bar.name.metrics().horizontalAdvance(text) <= bar.name.width(), text
            assert text == bar.title or text.endswith("…")


def test_a_figure_that_fits_readably_opens_whole(qtbot, window):
    """LeNet | AlexNet fits a 1600×1000 window at a readable zoom: it opens whole, legend and
    inputs included, not zoomed to its width and cut at the top and bottom."""
    from gui.compare.view import READABLE_ZOOM

    window.resize(1600, 1000)
    open_model(qtbot, window, "lenet")
    figure = book_figure("lenet-alexnet")
    shown(qtbot, window, lambda: window.compare.open_book_figure(figure))
    view = window.compare.view.view
    assert view.fit_scale() >= READABLE_ZOOM
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(window.compare.view.scene.itemsBoundingRect())


def test_more_than_four_models_are_compared_four_saying_which_were_left_out(qtbot, window):
    errors = []
    window.show_error = errors.append
    open_model(qtbot, window, "lenet")
    names = ["lenet", "alexnet", "vgg11", "nin", "googlenet"]
    shown(qtbot, window, lambda: window.compare.open(names))
    assert window.compare.view.column_names() == names[:4]
    assert errors == ["A comparison shows at most 4 models: googlenet left out."]


def test_the_overview_map_draws_every_column_where_it_sits(qtbot, window):
    """Each column's boxes are in the minimap at their column's place (not all at the left),
    and a closed comparison leaves the map nothing of it."""
    from gui.view import overview_of

    window.resize(1400, 950)  # room for the map beside the view
    open_model(qtbot, window, "lenet")
    shown(qtbot, window, lambda: window.compare.open(["vgg11", "googlenet", "resnet18"]))
    view = window.compare.view
    qtbot.waitUntil(lambda: view.view.height() >= 320, timeout=WAIT_MS)
    view.view.set_zoom(2.0)  # far larger than the view: the map shows
    minimap = view.view.minimap
    assert minimap.isVisible()
    image = minimap.grab().toImage()
    background = image.pixelColor(minimap.width() // 2, minimap.height() - 2)
    rect, scale = minimap._frame()
    for column in view.figure.columns:
        box = max(column.diagram.boxes, key=lambda b: b.w * b.h)
        x = minimap.INSET + (column.offset[0] + box.x + box.w / 2 - rect.x()) * scale
        y = minimap.INSET + (column.offset[1] + box.y + box.h / 2 - rect.y()) * scale
        assert image.pixelColor(round(x), round(y)) != background, column.title
    window.compare.close()
    assert overview_of(view.scene) == []


def test_a_smaller_window_keeps_two_thirds_of_the_comparison_for_the_drawing(qtbot, window):
    """The difference table takes at most a third of the height, however the window is
    resized (it kept its size and left the drawing a sliver); a share the user drags to is
    kept instead."""
    window.resize(1400, 900)
    open_model(qtbot, window, "lenet")
    shown(qtbot, window, lambda: window.compare.open(["vgg11", "googlenet", "resnet18"]))
    view = window.compare.view
    for size in ((1400, 900), (800, 600), (640, 480)):
        window.resize(*size)
        qtbot.waitUntil(lambda size=size: window.height() == size[1], timeout=WAIT_MS)
        drawing, table = view.splitter.sizes()
        assert table <= (drawing + table) // 3 + 1 and drawing >= 2 * table - 2, size
    view.splitter.moveSplitter(view.splitter.height() // 2, 1)  # the user wants more table
    window.resize(1000, 800)
    qtbot.waitUntil(lambda: window.height() == 800, timeout=WAIT_MS)
    drawing, table = view.splitter.sizes()
    assert abs(table - drawing) <= 0.1 * (drawing + table)
