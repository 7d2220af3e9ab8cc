"""A compare column's controls above the drawing: its name, its depth box, its remove button."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QToolButton, QWidget


class ElidedName(QLabel):
    """A bold name elided to the label's own width, whole in its tooltip: whatever width the
    row's layout ends up giving it, nothing is cut mid-letter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = ""
        self.setMinimumWidth(0)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_name(self, name: str) -> None:
        self.full = name
        self.setToolTip(name)
        self._elide()

    def metrics(self) -> QFontMetrics:
        """The name is drawn bold (rich text), so it is measured bold."""
        bold = QFont(self.font())
        bold.setBold(True)
        return QFontMetrics(bold)

    def shown(self) -> str:
        return self.text().removeprefix("<b>").removesuffix("</b>")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.metrics().elidedText(self.full, Qt.TextElideMode.ElideRight, self.width())
        self.setText(f"<b>{html.escape(shown)}</b>")


class ColumnBar(QWidget):
    """A column's controls above the drawing: its name, its depth, a button to remove it."""

    depth_changed = Signal(int, object)  # column, depth (None: the readable default)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = 0
        self.name = ElidedName()
        self.depth_label = QLabel()
        # the name takes every pixel left over
        self.depth_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.depth = QSpinBox()
        self.depth.setRange(-1, 12)
        self.depth.setValue(-1)
        self.depth.valueChanged.connect(
            lambda v: self.depth_changed.emit(self.index, None if v < 0 else v)
        )
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.index))
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        for widget in (self.name, self.depth_label, self.depth, self.remove):
            row.addWidget(widget)
        self.retranslate()

    def show_column(self, index: int, title: str, depth: int | None, removable: bool) -> None:
        """Speak for column ``index`` (a bar is kept from one comparison to the next: making
        four anew cost the view more than laying out a column)."""
        self.index = index
        self.name.set_name(title)
        self.depth.blockSignals(True)  # showing a depth is no request to change it
        self.depth.setValue(-1 if depth is None else depth)
        self.depth.blockSignals(False)
        self.remove.setEnabled(removable)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    @property
    def title(self) -> str:
        return self.name.full

    def _fit(self) -> None:
        """Four columns in a narrow window: the word "Depth" goes first, then the name is
        elided (by the label itself); the depth box and ✕ always keep their size."""
        row = self.layout()
        margins, gap = row.contentsMargins(), row.spacing()
        fixed = self.depth.width() + self.remove.sizeHint().width() + margins.left()
        fixed += margins.right() + 2 * gap
        label = self.depth_label.sizeHint().width() + gap
        whole = self.name.metrics().horizontalAdvance(self.title)
        self.depth_label.setVisible(self.width() >= fixed + label + min(whole, 80))

    def sizeHint(self) -> QSize:
        hint, whole = super().sizeHint(), self.name.metrics().horizontalAdvance(self.title)
        return QSize(hint.width() + whole, hint.height())

    def retranslate(self) -> None:
        self.depth_label.setText(self.tr("Depth"))
        self.depth.setSpecialValueText(self.tr("auto"))
        self.depth.setFixedWidth(self.depth.sizeHint().width())  # "auto" never clipped
        self._fit()
        self.depth.setToolTip(self.tr("How deep this column's blocks are opened"))
        self.remove.setToolTip(self.tr("Remove this column from the comparison"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
