"""The diagram scene and its file renderers, on a hand-made Diagram (no tracing, no layout)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from gui.diagram import ID, KIND, ROLE, THEMES, DiagramScene
from gui.diagram.edges import rounded_polyline
from gui.diagram.legend import legend_entries
from gui.export import ExportError, render_to_file
from models.files import FileWriteError
from netgraph.layout.geometry import Box, Diagram, Edge, Frame, Glyph


def sample_diagram() -> Diagram:
    """A conv → relu → pool chain into a residual ⊕, a frame, a collapsed ×3 block, a concat."""
    w = 220
    boxes = [
        Box("x", "input", 40, 440, w, 36, "Input", "1×28×28"),
        Box(
            "conv1",
            "conv",
            40,
            360,
            w,
            44,
            "5×5 Conv (6), pad 2",
            "6×28×28 · 156 params",
            tooltip="conv1: Conv2d",
        ),
        Box("relu1", "relu", 40, 290, w, 36, "ReLU", "6×28×28"),
        Box("pool1", "pool", 40, 220, w, 44, "2×2 AvgPool, stride 2", "6×14×14"),
        Box(
            "b3",
            "block",
            40,
            140,
            w,
            44,
            "Residual (b3)",
            "6×14×14 · 1k params",
            block_kind="residual",
            repeat=3,
        ),
        Box("fc", "linear", 40, 20, w, 44, "FC (10)", "10 · 850 params"),
    ]
    glyphs = [Glyph("add", "add", 150, 105, 10), Glyph("cat", "concat", 330, 105, 10)]
    frames = [Frame("b2", "residual", 20, 210, 260, 200, "Residual b2", 1)]
    edges = [
        Edge("x", "conv1", [(150, 440), (150, 404)], "1×28×28", (154, 415, 54, 14)),
        Edge("conv1", "relu1", [(150, 360), (150, 326)], "6×28×28", (154, 336, 48, 14)),
        Edge("relu1", "pool1", [(150, 290), (150, 264)]),
        Edge("pool1", "b3", [(150, 220), (150, 184)]),
        Edge("b3", "add", [(150, 140), (150, 115)]),
        Edge("pool1", "add", [(260, 242), (300, 242), (300, 105), (160, 105)], skip=True),
        Edge("add", "fc", [(150, 95), (150, 64)], "6×14×14", (154, 73, 48, 14)),
    ]
    return Diagram(boxes, frames, glyphs, edges, 360, 480, "bt", "sample")


def _rgb_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return data[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., 2::-1]


def _count_colour(image: QImage, colour: str, tolerance: int = 2) -> int:
    c = QColor(colour)
    rgb = np.array([c.red(), c.green(), c.blue()])
    return int((np.abs(_rgb_array(image).astype(int) - rgb).max(axis=2) <= tolerance).sum())


def _luminance(colour: str) -> float:
    c = QColor(colour)
    channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture
def scene(qapp) -> DiagramScene:
    s = DiagramScene()
    s.set_diagram(sample_diagram(), "light")
    return s


def test_scene_has_one_item_per_diagram_element(scene: DiagramScene) -> None:
    d = sample_diagram()
    roles = [item.data(ROLE) for item in scene.items()]
    assert roles.count("box") == len(d.boxes)
    assert roles.count("frame") == len(d.frames)
    assert roles.count("glyph") == len(d.glyphs)
    assert roles.count("edge") == len(d.edges)
    assert roles.count("edge_label") == sum(1 for e in d.edges if e.label)
    assert roles.count("legend") == 1


def test_items_carry_id_kind_tooltip_and_are_selectable(scene: DiagramScene) -> None:
    ids = {item.data(ID) for item in scene.items() if item.data(ROLE) in ("box", "glyph")}
    assert ids == {"x", "conv1", "relu1", "pool1", "b3", "fc", "add", "cat"}
    conv = scene.item_for("conv1")
    assert conv.data(KIND) == "conv"
    assert conv.toolTip() == "conv1: Conv2d"
    assert scene.item_for("b2").data(KIND) == "residual"
    assert scene.item_for("pool1->add").data(KIND) == "skip"
    conv.setSelected(True)
    assert scene.selectedItems() == [conv]


def test_shape_labels_toggle(scene: DiagramScene) -> None:
    labels = scene.items_of_role("edge_label")
    assert labels and all(label.isVisible() for label in labels)
    scene.set_show_shapes(False)
    assert not any(label.isVisible() for label in labels)
    hidden = DiagramScene()
    hidden.set_diagram(sample_diagram(), "dark", show_shapes=False)
    assert not any(label.isVisible() for label in hidden.items_of_role("edge_label"))


def test_legend_sits_outside_the_drawing(scene: DiagramScene) -> None:
    (legend,) = scene.items_of_role("legend")
    drawing = QRectF(0, 0, 360, 480)
    assert not legend.sceneBoundingRect().intersects(drawing)
    assert scene.sceneRect().contains(legend.sceneBoundingRect())


def test_legend_merges_kinds_that_share_a_fill() -> None:
    kinds = ["conv", "bn", "linear", "relu", "pool"]
    assert [names for _, names in legend_entries(kinds, THEMES["light"])] == [
        "convolution",
        "pooling",
        "normalisation",
        "activation",
        "dense",
    ]
    print_entries = dict(legend_entries(kinds, THEMES["print"]))
    assert print_entries["#ffffff"] == "normalisation, dense"
    assert print_entries["#8fbce6"] == "pooling, activation"
    merges = [names for _, names in legend_entries(["add", "concat"], THEMES["light"])]
    assert merges == ["concat / add"]
    products = [names for _, names in legend_entries(["add", "mul"], THEMES["light"], lang="zh")]
    assert products == ["合并、相乘"]  # a product in the merges' fill is named with them
    assert legend_entries(["mul"], THEMES["light"])[0][1] == "concat / add / multiply"


@pytest.mark.parametrize("name", sorted(THEMES))
def test_theme_text_contrasts_with_every_fill(name: str) -> None:
    theme = THEMES[name]
    for group, fill in [*theme.fills.items(), *theme.book_fills.items()]:
        assert contrast(theme.text, fill) >= 7, (group, fill)
        assert contrast(theme.muted, fill) >= 4.5, (group, fill)
    for fill in theme.frame_fills:
        assert contrast(theme.frame_title, fill) >= 4.5
    assert contrast(theme.edge_label, theme.background) >= 4.5


@pytest.mark.parametrize("name", sorted(THEMES))
def test_each_theme_paints_background_and_fills(qapp, name: str) -> None:
    theme = THEMES[name]
    scene = DiagramScene()
    scene.set_diagram(sample_diagram(), theme)
    rect = scene.sceneRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    assert image.pixelColor(2, 2) == QColor(theme.background)
    assert _count_colour(image, theme.fills["conv"]) > 2000  # the 220×44 conv box
    assert _count_colour(image, theme.fills["pool"]) > 2000


def test_rounded_polyline_keeps_ends_and_rounds_corners(qapp) -> None:
    from PySide6.QtCore import QPointF

    points = [QPointF(0, 0), QPointF(0, 50), QPointF(40, 50)]
    path = rounded_polyline(points, radius=7)
    assert path.pointAtPercent(0) == points[0]
    assert path.pointAtPercent(1) == points[-1]
    assert not path.contains(QPointF(0, 50))  # the corner point itself is cut off
    assert path.elementCount() > len(points)  # a curve at the corner


def _scene_size(theme: str) -> tuple[float, float]:
    """Drawing plus legend (whose width depends on the theme's merged entries)."""
    scene = DiagramScene()
    scene.set_diagram(sample_diagram(), theme)
    return scene.sceneRect().width(), scene.sceneRect().height()


def test_png_has_the_scaled_size_dpi_and_the_conv_fill(qapp, tmp_path: Path) -> None:
    w, h = _scene_size("print")
    out = tmp_path / "d.png"
    render_to_file(sample_diagram(), out, "print", dpi=300)
    image = QImage(str(out))
    scale = 300 / 96
    assert (image.width(), image.height()) == (int(np.ceil(w * scale)), int(np.ceil(h * scale)))
    assert round(image.dotsPerMeterX() / 39.3701) == 300
    assert _count_colour(image, THEMES["print"].fills["conv"]) > 2000 * scale**2
    render_to_file(sample_diagram(), out, "dark", scale=1.5)
    assert QImage(str(out)).width() == int(np.ceil(_scene_size("dark")[0] * 1.5))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.png"]  # no temporary left over


def test_svg_is_xml_with_labels_as_text(qapp, tmp_path: Path) -> None:
    out = tmp_path / "d.svg"
    render_to_file(sample_diagram(), out, "light")
    root = ET.parse(out).getroot()
    texts = {(t.text or "").strip() for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"5×5 Conv (6), pad 2", "FC (10)", "6×14×14", "convolution"} <= texts


def test_pdf_is_vector_with_the_diagram_page_size(qapp, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    render_to_file(sample_diagram(), out, "print")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert box is not None
    w, h = _scene_size("print")
    assert float(box.group(1)) == pytest.approx(w * 0.75, abs=1)
    assert float(box.group(2)) == pytest.approx(h * 0.75, abs=1)


def test_failed_render_leaves_no_file(qapp, tmp_path: Path) -> None:
    out = tmp_path / "huge.png"
    with pytest.raises(ExportError, match="too big"):
        render_to_file(sample_diagram(), out, "light", scale=50)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match="end the file name"):
        render_to_file(sample_diagram(), tmp_path / "d.bmp", "light")
    with pytest.raises(FileWriteError, match="does not exist"):
        render_to_file(sample_diagram(), tmp_path / "missing" / "d.png", "light")
    assert list(tmp_path.iterdir()) == []


def test_shape_labels_are_drawn_where_the_layout_placed_them(qapp) -> None:
    scene = DiagramScene()
    scene.set_diagram(sample_diagram(), "light")
    labels = {item.text: item.sceneBoundingRect() for item in scene.items_of_role("edge_label")}
    assert labels.keys() == {"1×28×28", "6×28×28", "6×14×14"}
    assert labels["1×28×28"] == QRectF(154, 415, 54, 14)


def test_book_style_paints_the_books_three_fills_and_turned_text(qapp) -> None:
    d = sample_diagram()
    d.style = "book"
    scene = DiagramScene()
    scene.set_diagram(d, "light")
    image = QImage(
        int(scene.sceneRect().width()), int(scene.sceneRect().height()), QImage.Format.Format_RGB32
    )
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), scene.sceneRect())
    painter.end()
    book = THEMES["light"].book_fills
    assert _count_colour(image, book["conv"]) > 2000  # light blue convolution
    assert _count_colour(image, book["pool"]) > 2000  # medium blue pooling (and activation)
    assert _count_colour(image, THEMES["light"].fills["conv"]) < 50
    legend = dict(
        legend_entries(["conv", "relu", "pool", "linear", "bn"], THEMES["light"], book=True)
    )
    assert legend == {
        book["conv"]: "convolution",
        book["pool"]: "pooling, activation",
        book["linear"]: "normalisation, dense",
    }
    zh = dict(legend_entries(["conv", "pool"], THEMES["light"], book=True, lang="zh"))
    assert zh == {book["conv"]: "卷积层", book["pool"]: "汇聚层"}
