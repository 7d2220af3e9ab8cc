"""The export dialog (Ctrl+E): format, scale or dpi, theme, what to export, a live preview.

It writes through ``gui.export.render_to_file``, the very renderer of ``main.py export``, so a
file saved here is the file the command line would write. "Current view" and "selection" export
a cropped copy of the diagram (``netgraph.layout.crop``), not a screenshot, so they stay vector.
The part to export starts as the whole diagram, or as the part the user chose last time (a
search's selection never turns an export into a one-box picture by itself). A comparison
(``CompareFigure``) is exported whole.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from errors import NetAtlasError
from gui.export import FORMATS, render_to_file
from netgraph.compare.figure import CompareFigure
from netgraph.layout.crop import crop
from netgraph.layout.geometry import Diagram

SCOPES = ("model", "view", "selection")
PREVIEW_SIDE = 360
SCOPE_KEY = "export/part"


class ExportDialog(QDialog):
    """Non-blocking dialog; ``export_to(path)`` is what the Export button does."""

    def __init__(
        self,
        diagram: Diagram | CompareFigure,
        view_rect: QRectF,
        selection_rect: QRectF | None,
        theme: str,
        suggested_name: str,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._diagram = diagram
        self._rects = {"view": view_rect, "selection": selection_rect}
        self._tmp = tempfile.TemporaryDirectory(prefix="netatlas-export-")
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(fmt.upper(), fmt)
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.25, 20.0)
        self.scale.setSingleStep(0.5)
        self.scale.setValue(2.0)
        self.dpi = QDoubleSpinBox()
        self.dpi.setRange(24, 1200)
        self.dpi.setDecimals(0)
        self.dpi.setValue(192)
        self.scale.valueChanged.connect(lambda v: self._sync(self.dpi, v * 96))
        self.dpi.valueChanged.connect(lambda v: self._sync(self.scale, v / 96))
        self.theme = QComboBox()
        for name in ("light", "dark", "print"):
            self.theme.addItem(name, name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.scope_buttons = QButtonGroup(self)
        self.scope_radios = {scope: QRadioButton() for scope in SCOPES}
        scopes = QHBoxLayout()
        for i, scope in enumerate(SCOPES):
            self.scope_buttons.addButton(self.scope_radios[scope], i)
            scopes.addWidget(self.scope_radios[scope])
        whole = not isinstance(diagram, Diagram)  # a comparison exports whole
        self.scope_radios["view"].setEnabled(not whole)
        self.scope_radios["selection"].setEnabled(selection_rect is not None and not whole)
        last = str(settings.value(SCOPE_KEY, "model")) if settings is not None else "model"
        if last not in SCOPES or not self.scope_radios[last].isEnabled():
            last = "model"
        self.scope_radios[last].setChecked(True)
        self.path = QLineEdit(str(Path.home() / f"{suggested_name}.png"))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroller = QScrollArea()
        scroller.setWidget(self.preview)
        scroller.setWidgetResizable(True)
        scroller.setMinimumSize(PREVIEW_SIDE + 20, PREVIEW_SIDE + 20)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export_to(self.path.text()))
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.form = QFormLayout()
        self._form_labels = [QLabel() for _ in range(6)]
        for label, field in zip(
            self._form_labels,
            (self.format, self.scale, self.dpi, self.theme, scopes, path_row),
            strict=True,
        ):
            self.form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(scroller, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.theme.currentIndexChanged.connect(self.update_preview)
        self.scope_buttons.idClicked.connect(self._scope_chosen)
        self.retranslate()
        self.update_preview()

    # what to draw -----------------------------------------------------------------------
    def scope(self) -> str:
        return SCOPES[self.scope_buttons.checkedId()]

    def set_scope(self, scope: str) -> None:
        self.scope_radios[scope].setChecked(True)
        self.update_preview()

    def _scope_chosen(self) -> None:
        """The user's choice of part: kept for the next export."""
        if self._settings is not None:
            self._settings.setValue(SCOPE_KEY, self.scope())
        self.update_preview()

    def chosen_diagram(self) -> Diagram | CompareFigure:
        scope = self.scope()
        if scope == "model" or not isinstance(self._diagram, Diagram):
            return self._diagram
        rect = self._rects[scope]
        assert rect is not None
        return crop(self._diagram, (rect.x(), rect.y(), rect.width(), rect.height()))

    # actions ----------------------------------------------------------------------------
    def export_to(self, path: str) -> bool:
        """Write the chosen part to ``path`` (format from its extension); report in the dialog."""
        try:
            scale = self.scale.value()
            render_to_file(self.chosen_diagram(), path, self.theme.currentData(), scale=scale)
        except NetAtlasError as exc:
            self.status.setText(str(exc))
            return False
        self.status.setText(self.tr("Saved %s") % path)
        return True

    def render_image(self, scale: float) -> QImage:
        """The chosen part as an image, through the same renderer as the PNG export."""
        target = Path(self._tmp.name) / "image.png"
        render_to_file(self.chosen_diagram(), target, self.theme.currentData(), scale=scale)
        return QImage(str(target))

    def copy_to_clipboard(self) -> None:
        try:
            image = self.render_image(self.scale.value())
        except NetAtlasError as exc:
            self.status.setText(str(exc))
            return
        QGuiApplication.clipboard().setImage(image)
        self.status.setText(self.tr("Image copied to the clipboard"))

    def update_preview(self) -> None:
        try:
            diagram = self.chosen_diagram()
            scale = min(1.0, PREVIEW_SIDE / max(diagram.width, diagram.height, 1))
            image = self.render_image(scale * self.devicePixelRatioF())
        except NetAtlasError as exc:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(str(exc))
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.preview.setPixmap(pixmap)

    # helpers ----------------------------------------------------------------------------
    @staticmethod
    def _sync(box: QDoubleSpinBox, value: float) -> None:
        box.blockSignals(True)
        box.setValue(value)
        box.blockSignals(False)

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.path.setText(str(Path(self.path.text()).with_suffix(f".{fmt}")))
        raster = fmt == "png"
        self.scale.setEnabled(raster)
        self.dpi.setEnabled(raster)

    def _browse(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export diagram"), self.path.text(), f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.path.setText(path)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export diagram"))
        texts = (
            self.tr("Format"),
            self.tr("Scale"),
            self.tr("DPI"),
            self.tr("Theme"),
            self.tr("Part"),
            self.tr("File"),
        )
        for label, text in zip(self._form_labels, texts, strict=True):
            label.setText(text)
        themes = {"light": self.tr("Light"), "dark": self.tr("Dark"), "print": self.tr("Print")}
        for i in range(self.theme.count()):
            self.theme.setItemText(i, themes[self.theme.itemData(i)])
        self.scope_radios["model"].setText(self.tr("Whole model"))
        self.scope_radios["view"].setText(self.tr("Current view"))
        self.scope_radios["selection"].setText(self.tr("Selection"))
        self.browse.setText(self.tr("Browse…"))
        self.export_button.setText(self.tr("Export"))
        self.copy_button.setText(self.tr("Copy image"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        self._tmp.cleanup()
        super().done(result)
