"""The window says when a graph is partial: the banner over the diagram (fallback method, boxes
drawn whole, modules listed on a click) and the parameters a graph never calls, in the status
bar and the root's inspector. A real offscreen window, real tracing of the test models."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.app import SETTINGS_ENV, create_application, make_settings
from gui.main_window import MainWindow

WAIT_MS = 60_000
FALLBACKS = Path(__file__).with_name("fallback_models.py")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings"))
    create_application()
    win = MainWindow(make_settings())
    qtbot.addWidget(win, before_close_func=lambda w: w.setAttribute(Qt.WA_DeleteOnClose))
    win.set_app_theme("light", save=False)
    win.resize(1280, 800)
    win.show()
    return win


def open_model(qtbot, window: MainWindow, name: str, size=None) -> None:
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model(name, size)


@pytest.mark.parametrize(
    ("name", "method", "says"),
    [
        ("LeafNet", "fx-leaf", "torch.fx could not trace every module. 1 module drawn as one box"),
        (
            "HookNet",
            "hooks",
            "Recorded with forward hooks, not traced: the diagram shows the branch",
        ),
    ],
)
def test_a_fallback_shows_a_banner_that_lists_the_modules(qtbot, window, name, method, says):
    open_model(qtbot, window, f"{FALLBACKS}:{name}", (3, 16, 16))
    banner = window.banner
    assert window.graph.method == method
    assert banner.isVisible() and banner.geometry().bottom() <= window.view.geometry().top()
    assert says in banner.text.text() and "mix" in banner.text.text()
    link = banner.more
    qtbot.mouseClick(link, Qt.LeftButton, pos=link.rect().center())
    qtbot.waitUntil(lambda: banner.details is not None and banner.details.isVisible())
    details = banner.details.text() + banner.details.informativeText()
    for warning in window.graph.warnings:
        assert warning in details
    assert "Drawn as one box:\n  mix" in details
    banner.details.close()
    open_model(qtbot, window, "lenet")  # a complete trace: no banner
    assert not banner.isVisible()


def test_hook_mode_lists_what_never_ran_and_what_has_no_known_cost(qtbot, window):
    open_model(qtbot, window, f"{FALLBACKS}:HookNet", (3, 16, 16))
    window.banner.show_details()
    details = window.banner.details.informativeText()
    assert "MACs unknown:\n  se" in details and "Never called:\n  spare" in details
    assert "MACs unknown for se." in window.banner.text.text()
    window.banner.details.close()
    window.inspector.show_subject(window.graph, "se")
    assert window.inspector.value("output") == "1×8×16×16"  # the block's own product
    window.inspector.show_subject(window.graph, "mix")
    assert window.inspector.value("macs") == "16,384 (measured by running it)"


def test_parameters_outside_the_graph_are_counted_apart(qtbot, window):
    open_model(qtbot, window, "torchvision.googlenet")
    assert not window.banner.isVisible()  # a complete trace of the evaluation forward
    totals = window.status.totals.text()
    assert totals.startswith("6.62 M params (+6.38 M unused) · 1.52 G MACs · 49.67 MiB weights")
    assert (
        window.status.totals.toolTip()
        == "+6.38 M params in aux1, aux2 — used only in training mode"
    )
    window.inspector.show_subject(window.graph, "")
    assert window.inspector.value("params") == "6,624,904"
    assert window.inspector.value("unused") == window.status.totals.toolTip()
    window.inspector.show_subject(window.graph, "aux1")
    assert window.inspector.value("output") == "never called"


def test_a_comparison_says_which_columns_are_partial_or_leave_parameters_out(qtbot, window):
    """The single model's banner and status totals are hidden while comparing: the banner
    speaks for the columns instead, one line each, and is gone with a complete comparison."""
    user = f"{FALLBACKS}:HookNet"
    open_model(qtbot, window, "lenet")
    with qtbot.waitSignal(window.compare.figure_shown, timeout=WAIT_MS):
        window.compare.open([user, "torchvision.googlenet", "lenet"])
    banner, titles = window.banner, window.compare.view.column_titles()
    assert banner.isVisible() and not window.status.totals.isVisible()
    lines = banner.text.text().splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{titles[0]}: Recorded with forward hooks")
    assert (
        lines[1] == f"{titles[1]}: Not drawn: +6.38 M params in aux1, aux2 — used only in "
        "training mode."
    )
    banner.show_details()
    details = banner.details.text() + banner.details.informativeText()
    assert f"{titles[0]} — Never called:\n  spare" in details
    assert f"{titles[1]}: 6,379,984 parameters in aux1, aux2" in details
    banner.details.close()
    with qtbot.waitSignal(window.compare.figure_shown, timeout=WAIT_MS):
        window.compare.open(["lenet", "alexnet"])
    assert not banner.isVisible()
    window.compare.close()
    assert not banner.isVisible()  # lenet alone: a complete trace
