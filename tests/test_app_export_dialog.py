"""The export dialog and its cropping, on a real lenet diagram and real files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtGui import QGuiApplication, QImage

from errors import NetAtlasError
from gui.export_dialog import ExportDialog
from models.registry import get_spec
from netgraph import build_graph
from netgraph.layout import ExpansionState, layout_diagram
from netgraph.layout.crop import crop


@pytest.fixture(scope="module")
def diagram():
    graph = build_graph(get_spec("lenet"))
    result = layout_diagram(graph, ExpansionState(graph, depth=9))
    result.title = "lenet"
    return result


def make_dialog(qtbot, diagram, selection: QRectF | None = None, settings=None) -> ExportDialog:
    view = QRectF(0, 0, diagram.width, diagram.height / 2)
    dialog = ExportDialog(diagram, view, selection, "light", "lenet", settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "json"])
def test_export_writes_each_format(qtbot, diagram, tmp_path, fmt) -> None:
    dialog = make_dialog(qtbot, diagram)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    assert dialog.path.text().endswith(f".{fmt}")
    target = tmp_path / f"lenet.{fmt}"
    dialog.path.setText(str(target))
    dialog.export_button.click()
    assert dialog.status.text() == f"Saved {target}"
    data = target.read_bytes()
    if fmt == "png":
        image = QImage(str(target))
        assert image.width() >= 2 * diagram.width  # scale 2, plus margin and legend
    elif fmt == "svg":
        assert ET.fromstring(data).tag.endswith("svg")
        assert diagram.boxes[0].label.split()[0].encode() in data
    elif fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert b'"boxes"' in data


def test_png_scale_and_dpi_are_linked_and_change_pixel_size(qtbot, diagram, tmp_path) -> None:
    dialog = make_dialog(qtbot, diagram)
    dialog.dpi.setValue(288)
    assert dialog.scale.value() == pytest.approx(3.0)
    dialog.export_to(str(tmp_path / "big.png"))
    dialog.scale.setValue(1.0)
    dialog.export_to(str(tmp_path / "small.png"))
    big, small = QImage(str(tmp_path / "big.png")), QImage(str(tmp_path / "small.png"))
    assert big.width() == pytest.approx(3 * small.width(), rel=0.05)


def test_bad_path_is_reported_in_the_dialog_and_nothing_written(qtbot, diagram, tmp_path) -> None:
    dialog = make_dialog(qtbot, diagram)
    assert not dialog.export_to(str(tmp_path / "missing" / "x.png"))
    assert "does not exist" in dialog.status.text()
    assert not dialog.export_to(str(tmp_path / "x.bmp"))
    assert ".png" in dialog.status.text()
    assert list(tmp_path.iterdir()) == []


def test_view_and_selection_export_a_cropped_diagram(qtbot, diagram, tmp_path) -> None:
    first = diagram.boxes[0]
    selection = QRectF(first.x, first.y, first.w, first.h)
    dialog = make_dialog(qtbot, diagram, selection)
    assert dialog.scope() == "model"  # a selection alone never narrows the export
    dialog.set_scope("selection")
    only = dialog.chosen_diagram()
    assert [b.id for b in only.boxes] == [first.id]
    assert only.height < diagram.height / 4
    dialog.set_scope("view")
    half = dialog.chosen_diagram()
    assert 0 < len(half.boxes) < len(diagram.boxes)
    assert min(b.y for b in half.boxes) >= 0
    assert not dialog.preview.pixmap().isNull()
    dialog.copy_to_clipboard()
    assert QGuiApplication.clipboard().image().width() > 0


def test_crop_of_an_empty_area_names_the_problem(diagram) -> None:
    with pytest.raises(NetAtlasError, match="nothing to export"):
        crop(diagram, (-500, -500, 10, 10))


def test_the_part_defaults_to_the_whole_diagram_and_remembers_the_users_choice(
    qtbot, diagram, tmp_path
) -> None:
    settings = QSettings(str(tmp_path / "export.ini"), QSettings.Format.IniFormat)
    first = diagram.boxes[0]
    selection = QRectF(first.x, first.y, first.w, first.h)
    dialog = make_dialog(qtbot, diagram, selection, settings)
    assert dialog.scope() == "model"
    dialog.scope_radios["view"].click()  # the user's own choice
    assert dialog.scope() == "view"
    dialog.close()
    again = make_dialog(qtbot, diagram, selection, settings)
    assert again.scope() == "view"
    again.scope_radios["selection"].click()
    again.close()
    nothing_selected = make_dialog(qtbot, diagram, None, settings)
    assert nothing_selected.scope() == "model"  # no selection now: the whole diagram
