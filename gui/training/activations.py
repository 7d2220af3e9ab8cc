"""The *Activations* tab: what a layer computes.

For the layer selected in the diagram it shows the layer's feature maps for one image of the
run's data set (a grid of its channels, each scaled to its own range; the image chosen from a
strip of thumbnails), either before training (the model exactly as the run starts it) or at the
run's last checkpoint; and, for the layers a run follows (activations and blocks), how the
distribution of the layer's output values moved over the run (the BN lesson's point: with BN it
stays put). The maps are computed here, in evaluation mode, on the CPU
(:mod:`models.training.activations`); a model from a user's file is not built in the app's
process, so its maps are not shown (its code runs only in its own process).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from errors import NetAtlasError
from gui.training.style import fit_width, style_layout, without_menus
from models.training.acthistory import ActHistory

if TYPE_CHECKING:
    from models.registry import ModelSpec
    from models.training.config import TrainConfig

SAMPLES = 8  # thumbnails in the strip
MAX_CHANNELS = 256  # a grid beyond this is unreadable in a dock: the first ones, said so
TILE = 48  # pixels a channel's map is scaled up to (nearest neighbour), at most
THUMB = 40
GRID_HEIGHT = 280  # the grid's height at most: the histograms stay in view below it
BACKGROUND = (40, 40, 40)  # the gaps between channels
GAP = 2


def channel_grid(maps: np.ndarray, tile: int = TILE) -> tuple[np.ndarray, tuple[int, int]]:
    """Channels (C×H×W) as one RGB image of tiles in a near-square grid, each channel scaled
    to its own range through viridis (a constant channel is drawn at the low end); returns
    the image and (rows, columns)."""
    channels, height, width = maps.shape
    cols = math.ceil(math.sqrt(channels))
    rows = math.ceil(channels / cols)
    scale = max(1, tile // max(height, width))
    h, w = height * scale, width * scale
    low = maps.min(axis=(1, 2), keepdims=True)
    span = maps.max(axis=(1, 2), keepdims=True) - low
    levels = (maps - low) / np.where(span > 0, span, 1.0)
    levels = np.nan_to_num(levels).repeat(scale, axis=1).repeat(scale, axis=2)
    lut = pg.colormap.get("viridis").getLookupTable(nPts=256, mode="byte")[:, :3]
    grid = np.empty((rows * (h + GAP) + GAP, cols * (w + GAP) + GAP, 3), dtype=np.uint8)
    grid[:] = BACKGROUND
    for c in range(channels):
        r, k = divmod(c, cols)
        y, x = GAP + r * (h + GAP), GAP + k * (w + GAP)
        grid[y : y + h, x : x + w] = lut[(levels[c] * 255).astype(np.uint8)]
    return grid, (rows, cols)


def _pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb)
    image = QImage(
        rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888
    )
    return QPixmap.fromImage(image.copy())


class ActivationsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: ModelSpec | None = None
        self.config: TrainConfig | None = None
        self.folder: Path | None = None  # the run's, for its checkpoint
        self.layer, self.kind = "", ""
        self.history = ActHistory()
        self.channels = 0  # the layer's channels; the grid shows min(channels, MAX_CHANNELS)
        self.grid_shape = (0, 0)
        self.epoch = 0  # the checkpoint's epochs when "now" is shown
        self._images = None  # the data set's first images (uint8 N×C×H×W)
        self._models: dict[tuple, object] = {}  # (state, folder, epoch) -> model
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.state = QComboBox()
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        strip = QWidget()
        self.samples = QHBoxLayout(strip)
        self.samples.setContentsMargins(0, 0, 0, 0)
        self.samples.setSpacing(2)
        self.samples.addStretch(1)
        self.strip = QScrollArea()  # scrolls sideways in a narrow dock, never widens it
        self.strip.setWidget(strip)
        self.strip.setWidgetResizable(True)
        self.strip.setFrameShape(QFrame.Shape.NoFrame)
        self.strip.setFixedHeight(THUMB + 22)
        self.strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sample_group = QButtonGroup(self)
        self.sample_group.idClicked.connect(lambda _i: self.refresh())
        self.grid = QLabel()
        self.grid.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.grid.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("emptyState")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumHeight(200)
        fit_width(self.graphics)
        self.hist_plot = self.graphics.addPlot(row=0, col=0)
        self.hist_image = pg.ImageItem()
        self.hist_plot.addItem(self.hist_image)
        self.hist_bar = self.hist_plot.addColorBar(
            self.hist_image, colorMap=pg.colormap.get("viridis"), interactive=False
        )
        self.hist_plot.getAxis("left").enableAutoSIPrefix(False)
        self.hist_bar.axis.enableAutoSIPrefix(False)
        without_menus(self.graphics)
        self.hist_message = QLabel()
        self.hist_message.setWordWrap(True)
        self.hist_message.setObjectName("emptyState")
        row = QHBoxLayout()
        self.state_label = QLabel()
        row.addWidget(self.state_label)
        row.addWidget(self.state, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.title)
        box.addLayout(row)
        box.addWidget(self.strip)
        box.addWidget(self.message)
        box.addWidget(self.grid, 1)
        box.addWidget(self.note)
        box.addWidget(self.hist_message)
        box.addWidget(self.graphics, 1)
        self.retranslate()
        self.show_layer(None, None, None, "", ActHistory())

    # what to show -------------------------------------------------------------------------
    def show_layer(
        self,
        spec: ModelSpec | None,
        config: TrainConfig | None,
        folder: Path | None,
        layer: str,
        history: ActHistory,
        kind: str = "",
    ) -> None:
        """Show ``layer`` (a module of type ``kind``) of ``spec`` for a run with ``config``
        (written to ``folder``, None before any run), its histograms from ``history``."""
        if config != self.config:
            self._images = None
        if (spec, folder) != (self.spec, self.folder):
            self._models.clear()
        self.spec, self.config, self.folder, self.layer = spec, config, folder, layer
        self.history, self.kind = history, kind
        self._set_title()
        self._list_states()
        self.refresh()

    def _list_states(self) -> None:
        from models.training.runs import CHECKPOINT

        self.state.blockSignals(True)
        chosen = self.state.currentIndex()
        self.state.clear()
        self.state.addItem(self.tr("Before training"))
        if self.folder is not None and (self.folder / CHECKPOINT).exists():
            self.state.addItem(self.tr("Now (the last finished epoch)"))
        self.state.setCurrentIndex(max(0, min(chosen, self.state.count() - 1)))
        self.state.blockSignals(False)

    def refresh_histograms(self) -> None:
        """New captures of the run on show: redraw the histograms (the maps stay)."""
        self._draw_histograms()

    def refresh(self) -> None:
        """Compute and draw the maps and the histograms of the chosen layer."""
        self.channels, self.grid_shape = 0, (0, 0)
        self.grid.clear()
        self.note.clear()
        self._draw_histograms()
        why = self._why_nothing()
        self.message.setText(why)
        self.message.setVisible(bool(why))
        if why:
            return
        try:
            images = self._sample_images()
            model = self._model()
            from models.training.activations import feature_maps

            index = max(0, self.sample_group.checkedId())
            maps = feature_maps(model, self.layer, images[index : index + 1], self._size())[0]
        except NetAtlasError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.channels = len(maps)
        shown = maps[:MAX_CHANNELS]
        rgb, self.grid_shape = channel_grid(shown)
        pixmap = _pixmap(rgb)
        tallest = GRID_HEIGHT * pixmap.width() // max(1, pixmap.height())  # room for the rest
        width = min(max(160, self.grid.width() - 8), 2 * pixmap.width(), tallest)
        smooth = pixmap.width() > width  # shrinking smooths; growing keeps the pixels
        pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation if smooth
                                      else Qt.TransformationMode.FastTransformation)  # fmt: skip
        self.grid.setPixmap(pixmap)
        where = (
            self.tr("after epoch %1").replace("%1", str(self.epoch))
            if self.state.currentIndex() == 1
            else self.tr("before training")
        )
        size = f"{maps.shape[1]}×{maps.shape[2]}"
        text = self.tr("%1 channels of %2, %3; each channel scaled to its own range").replace(
            "%1", str(self.channels)).replace("%2", size).replace("%3", where)  # fmt: skip
        if self.channels > MAX_CHANNELS:
            text += " " + self.tr("(the first %1 shown)").replace("%1", str(MAX_CHANNELS))
        self.note.setText(text)

    def _why_nothing(self) -> str:
        if self.spec is None:
            return self.tr("Open a model to see what its layers compute.")
        if self.spec.family == "user":
            return self.tr(
                "A model from a file runs only in its own process: its feature maps are not "
                "computed in the app."
            )
        if not self.layer:
            return self.tr("Select a layer in the diagram to see its feature maps.")
        return ""

    def _size(self) -> int | None:
        return (self.config.resize or None) if self.config is not None else None

    def _sample_images(self):
        """The first test images of the run's data set, as the model takes them."""
        if self._images is None:
            from models.data import load_dataset

            config = self.config
            data = load_dataset(config.dataset, config.data_dir,
                                image_size=self.spec.input_size[-1])  # fmt: skip
            data, _ = data.with_channels(self.spec.input_size[0])
            self._images = data.test_x[:SAMPLES]
            self._thumbnails(self._images)
        return self._images

    def _thumbnails(self, images) -> None:
        for button in self.sample_group.buttons():
            self.sample_group.removeButton(button)
            button.deleteLater()
        for i, image in enumerate(images):
            array = image.numpy()
            gray = array[0] if array.shape[0] == 1 else array.mean(0).astype(np.uint8)
            rgb = np.repeat(gray[:, :, None], 3, axis=2)
            button = QToolButton()
            button.setCheckable(True)
            button.setIcon(QIcon(_pixmap(rgb)))
            button.setIconSize(QSize(THUMB, THUMB))
            button.setToolTip(self.tr("Test image %1").replace("%1", str(i + 1)))
            self.sample_group.addButton(button, i)
            self.samples.insertWidget(i, button)
        if images is not None and len(images):
            self.sample_group.button(0).setChecked(True)

    def _model(self):
        from models.training.activations import initial_model, trained_model

        now = self.state.currentIndex() == 1 and self.folder is not None
        key = (now, self.folder)
        if key not in self._models:
            if now:
                model, self.epoch = trained_model(self.config, self.folder)
            else:
                model = initial_model(self.config)
            self._models[key] = model
        return self._models[key]

    def _draw_histograms(self) -> None:
        layer = self.history.layers.get(self.layer)
        if layer is None or not layer.steps:
            self.graphics.hide()
            self.hist_message.setText(
                self.tr(
                    "A run keeps histograms of activation layers and blocks: select a "
                    "ReLU, a sigmoid or a block and train to see its values move."
                )  # fmt: skip
                if self.layer
                else ""
            )
            self.hist_message.setVisible(bool(self.layer))
            return
        self.hist_message.hide()
        self.graphics.show()
        table = layer.table()
        self.hist_image.setImage(table, autoLevels=False)
        steps = layer.steps
        pitch = (steps[-1] - steps[0]) / (len(steps) - 1) if len(steps) > 1 else 1.0
        self.hist_image.setRect(QRectF(steps[0] - pitch / 2, layer.low, steps[-1] - steps[0] +
                                       pitch, layer.high - layer.low))  # fmt: skip
        self.hist_bar.setLevels((0.0, max(float(table.max()), 1e-6)))
        self.hist_plot.setTitle(self.tr("Output values of %1 over the run").replace(
            "%1", self.layer))  # fmt: skip

    def retranslate(self) -> None:
        self.state_label.setText(self.tr("State"))
        self.hist_plot.setLabel("bottom", self.tr("step"))
        self.hist_plot.setLabel("left", self.tr("value"))
        self.hist_bar.axis.setLabel(self.tr("share of values"))
        self._set_title()
        style_layout(self.graphics, self.palette())

    def _set_title(self) -> None:
        self.title.setText(
            self.tr("Layer %1").replace("%1", f"{self.layer} · {self.kind}".strip(" ·"))
            if self.layer else self.tr("What a layer sees")
        )  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._list_states()
            self.refresh()
        super().changeEvent(event)
