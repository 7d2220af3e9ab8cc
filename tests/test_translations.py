"""Every user-visible string of the app is marked for translation and has its Simplified Chinese.

Four checks, each able to fail on its own: no literal text reaches a Qt text setter in ``gui/``
unmarked; ``pyside6-lupdate`` run over ``gui/`` finds nothing the shipped .ts lacks or leaves
unfinished; the shipped .qm is built from that .ts; and a live window, its docks, dialogs,
plots and diagram, switched to Chinese, shows no English word a translation should have
replaced.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableWidget,
    QWidget,
)

from gui.i18n import TRANSLATIONS_DIR
from gui.main_window import MainWindow
from netgraph.layout import ExpansionState, layout_diagram
from tests.windows import shared_window

ROOT = Path(__file__).resolve().parent.parent
TS = TRANSLATIONS_DIR / "netatlas_zh_CN.ts"
QM = TRANSLATIONS_DIR / "netatlas_zh_CN.qm"
WAIT_MS = 60_000

# Qt calls that put text on screen, and which positional argument is the text.
TEXT_SETTERS = {
    "setText": 0, "setToolTip": 0, "setWindowTitle": 0, "setTitle": 0, "setPlaceholderText": 0,
    "setStatusTip": 0, "setWhatsThis": 0, "setSpecialValueText": 0, "setSuffix": 0,
    "setPrefix": 0, "setInformativeText": 0, "setDetailedText": 0, "setLabelText": 0,
    "setTabText": 1, "addTab": 1, "addItem": 0, "addItems": 0, "setItemText": 1,
    "setHorizontalHeaderLabels": 0, "setHeaderLabels": 0, "addAction": 0, "addMenu": 0,
    "setLabel": 1, "showMessage": 0, "addRow": 0, "setTabToolTip": 1,
}  # fmt: skip
TEXT_WIDGETS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
                "QMenu", "QToolButton", "QMessageBox"}  # fmt: skip
DIALOG_TEXTS = {"about", "warning", "information", "critical", "question", "getOpenFileName",
                "getSaveFileName", "getExistingDirectory"}  # fmt: skip
# Literals that are not words to translate: the product's name, default file names.
NOT_WORDS = {"NetAtlas", "plots.png", "metrics.csv"}
WORD = re.compile(r"[A-Za-z]{2,}")


def _words(node: ast.AST) -> bool:
    """Whether ``node`` builds text with a word in it from a literal (not from tr())."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = re.sub(r"<[^>]*>|&\w+;", " ", node.value)  # markup is not words
        return any(w not in NOT_WORDS for w in WORD.findall(text)) and node.value not in NOT_WORDS
    if isinstance(node, ast.JoinedStr):  # the literal parts, joined round the {…}
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        return _words(ast.Constant("".join(parts)))
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_words(e) for e in node.elts)
    method = getattr(node.func, "attr", "") if isinstance(node, ast.Call) else ""
    if method in ("format", "replace", "join", "strip"):
        return _words(node.func.value)  # type: ignore[attr-defined]
    return False


def _shown_arguments(call: ast.Call) -> list[ast.AST]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in TEXT_SETTERS:
        at = TEXT_SETTERS[name]
        shown = call.args[at : at + 1]
    elif name in TEXT_WIDGETS:
        shown = call.args[:3]
    elif name in DIALOG_TEXTS:
        shown = call.args[1:3]
    else:
        shown = []
    if name in ("addPlot", "plot", "setTitle", "setLabel", "addItem", "addLegend"):
        shown += [k.value for k in call.keywords if k.arg in ("title", "name", "text")]
    return shown


def test_no_literal_text_reaches_the_screen_unmarked() -> None:
    offenders = []
    for path in sorted((ROOT / "gui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for argument in _shown_arguments(node):
                    if _words(argument):
                        where = f"{path.relative_to(ROOT)}:{node.lineno}"
                        offenders.append(f"{where}: {ast.unparse(argument)}")
    assert offenders == [], "wrap these in self.tr(...):\n" + "\n".join(offenders)


def _lupdate() -> str:
    return shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or ""


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.find("translation")))
    return found


def test_every_marked_string_has_a_finished_chinese_translation(tmp_path) -> None:
    """lupdate over all of gui/ into a copy of the .ts: nothing new, nothing unfinished."""
    assert _lupdate(), "pyside6-lupdate is part of PySide6; reinstall the venv"
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    subprocess.run([_lupdate(), "-no-obsolete", *sources, "-ts", str(copy)], check=True,
                   capture_output=True)  # fmt: skip
    missing = [
        f"{context}: {source!r}"
        for context, source, translation in _messages(copy)
        if translation is None
        or translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not "".join(translation.itertext()).strip()
    ]
    assert missing == [], "translate these in " + TS.name + ":\n" + "\n".join(missing)
    assert len(_messages(copy)) == len(_messages(TS))  # nothing left over either


def test_the_shipped_qm_is_built_from_the_ts(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = []
    for context, source, translation in _messages(TS):
        forms = [f.text or "" for f in translation.iter("numerusform")]
        expected = forms[0] if forms else translation.text or ""
        got = translator.translate(context, source, None, 1 if forms else -1)
        if got != expected.replace("%n", "%n"):
            stale.append(f"{context}: {source!r} -> {got!r}")
    assert stale == [], (
        "run pyside6-lrelease " + str(TS.relative_to(ROOT)) + "\n" + "\n".join(stale)
    )


# What may stay in Latin letters on a Chinese screen: names, file formats, units, keys.
LATIN_OK = {
    "NetAtlas", "torch", "torchvision", "fx", "leaf", "hooks", "TensorBoard", "BN", "grad",
    "PNG", "SVG", "PDF", "JSON", "CSV", "DPI", "Ctrl", "Shift", "Alt", "Esc", "Space", "Del",
    "PgUp", "PgDown", "Home", "End", "ReLU", "Inception", "VGG", "NiN", "LeNet", "AlexNet",
    "GoogLeNet", "ResNet", "DenseNet", "BatchNorm", "MiB", "KiB", "GiB", "cpu", "cuda", "mps",
    "bf", "fp", "py", "Python", "ETA", "MACs", "Fashion", "MNIST", "CIFAR", "synthetic",
    "fashion", "mnist", "cifar", "English", "timm", "sigmoid",
}  # fmt: skip


def _english(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"<[^>]*>|\S*/\S*", " ", text)  # markup, and paths (data)
    text = re.sub(r"[（(][\w.\-]*[）)]", " ", text)  # a code name beside its translation
    return [w for w in WORD.findall(text) if w not in LATIN_OK and w not in allowed]


def _screen_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(where, text) of the window's chrome: menus, actions, labels, buttons, tabs, docks,
    combo boxes (not the data ones), placeholders, tooltips, table headers, plot words."""
    found: list[tuple[str, str]] = []
    widgets = [window, *window.findChildren(QWidget)]
    for w in widgets:
        texts = [w.toolTip()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QGroupBox | QDockWidget):
            texts.append(w.title() if isinstance(w, QGroupBox) else w.windowTitle())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QComboBox) and not w.isEditable() and w.objectName() != "data":
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            header = [w.horizontalHeaderItem(i) for i in range(w.columnCount())]
            texts += [h.text() for h in header if h is not None]
        found += [(type(w).__name__, t) for t in texts if t]
    for action in window.findChildren(QAction):
        found += [("QAction", action.text()), ("QAction", action.toolTip())]
    for plot in window.findChildren(pg.GraphicsLayoutWidget):
        for item in plot.ci.items:
            if isinstance(item, pg.PlotItem):
                found.append(("plot", item.titleLabel.text))
                found += [("axis", item.getAxis(s).labelText) for s in ("left", "bottom")]
            legends = [item] if isinstance(item, pg.LegendItem) else [item.legend]
            for legend in legends:
                if isinstance(legend, pg.LegendItem):
                    found += [("legend", label.text) for _, label in legend.items]
    return found


@pytest.fixture(scope="module")
def chinese_window(tmp_path_factory, qapp):
    with shared_window(tmp_path_factory.mktemp("zh-settings")) as window:
        yield window


def test_a_chinese_window_shows_no_untranslated_english(qtbot, chinese_window) -> None:
    window = chinese_window
    with qtbot.waitSignal(window.diagram_shown, timeout=WAIT_MS):
        window.open_model("lenet-bn")
    window.set_language("zh")
    qtbot.waitUntil(lambda: window.diagram.lang == "zh", timeout=WAIT_MS)
    dock = window.training_dock
    dock.show_panel()
    window.show_shortcuts()
    window.open_export_dialog()
    bn = next(b.id for b in window.diagram.boxes if b.kind == "bn")
    window.interaction.select(bn)
    QCoreApplication.processEvents()
    names = set(WORD.findall(f"{window.spec.name} {window.spec.title}"))
    table = window.inspector.table
    keys = [("inspector", table.item(row, 0).text()) for row in range(table.rowCount())]
    assert any("均值" in text for _, text in keys + _screen_texts(window))
    offenders = [
        f"{where}: {text!r} ({', '.join(bad)})"
        for where, text in _screen_texts(window) + keys
        if (bad := _english(text, names))
    ]
    for dialog in (window.shortcuts_dialog, window.export_dialog):
        offenders += [
            f"{type(dialog).__name__}/{where}: {text!r}"
            for where, text in _screen_texts(dialog)  # type: ignore[arg-type]
            if _english(text, names)
        ]
    menu = window.interaction.context_menu(bn)
    offenders += [f"menu: {a.text()!r}" for a in menu.actions() if _english(a.text(), names)]
    window.shortcuts_dialog.close()
    window.export_dialog.close()
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize("style", ["book", "detailed"])
def test_chinese_diagrams_speak_chinese_labels_and_tooltips(style) -> None:
    from models.registry import get_spec
    from netgraph import build_graph

    graph = build_graph(get_spec("resnet18"))
    state = ExpansionState(graph)
    diagram = layout_diagram(graph, state, "bt", True, style, "zh")
    texts = [(b.id, t) for b in diagram.boxes for t in (b.label, b.sublabel, b.tooltip)]
    texts += [(f.id, f.title) for f in diagram.frames] + [(g.id, g.tooltip) for g in diagram.glyphs]
    code_names = {*graph.ops, *graph.modules, *(m.type_name for m in graph.modules.values())}
    allowed = {w for name in code_names for w in WORD.findall(name)}
    offenders = [(i, t, bad) for i, t in texts if (bad := _english(t, allowed))]
    assert offenders == []


def test_translations_follow_the_language_switch(qtbot, chinese_window) -> None:
    window = chinese_window
    window.set_language("zh")
    qtbot.waitUntil(lambda: window.actions["fit"].text() == "适应窗口")
    assert window.actions["fit"].toolTip() == "完整显示整个结构图 (F)"
    assert window.status.cancel_button.text() == "取消"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.actions["fit"].text() == "Fit")
    assert window.actions["fit"].toolTip() == "Fit the whole diagram (F)"
