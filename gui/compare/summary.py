"""The difference summary under a comparison's columns: a headline of ratios ("VGG-11 has 2.8×
the params …") and, per stage, the layers and output shapes side by side, with params and MACs."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import current_language
from netgraph.compare.summary import DifferenceSummary, ratio_text
from netgraph.formatting import format_count, format_macs


class SummaryPanel(QWidget):
    """Shows one :class:`DifferenceSummary` in the language on screen (again on a switch)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: DifferenceSummary | None = None
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.table = QTableWidget()
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(48)  # a small window keeps its room for the drawing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)

    def show_summary(self, summary: DifferenceSummary | None) -> None:
        self.summary = summary
        self._fill()

    def wanted_height(self) -> int:
        """Room for every row, the header and the headline."""
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        return rows + self.table.horizontalHeader().height() + 3 * self.headline.sizeHint().height()

    def _fill(self) -> None:
        s = self.summary
        if s is None:
            return
        self.headline.setText(self._headline(s))
        self.table.clear()
        self.table.setColumnCount(len(s.titles) + 1)
        self.table.setHorizontalHeaderLabels([self.tr("Stage"), *s.titles])
        self.table.setRowCount(len(s.stages) + 2)
        lang = current_language()
        for row, stage in enumerate(s.stages):
            cells = [stage.label_in(lang), *(c.text_in(lang) if c else "—" for c in stage.cells)]
            self._fill_row(row, cells)
        ratios = [("", "")] + [
            (f" ({ratio_text(p)})", f" ({ratio_text(m)})") for p, m in s.ratios[1:]
        ]
        self._fill_row(
            len(s.stages),
            [self.tr("Params")]
            + [format_count(p) + r[0] for p, r in zip(s.params, ratios, strict=True)],
        )
        self._fill_row(
            len(s.stages) + 1,
            [self.tr("MACs")]
            + [format_macs(m) + r[1] for m, r in zip(s.macs, ratios, strict=True)],
        )
        self.table.resizeRowsToContents()

    def _fill_row(self, row: int, cells: list[str]) -> None:
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, col, item)

    def _headline(self, s: DifferenceSummary) -> str:
        if len(s.titles) < 2:
            return ""
        parts = []
        for i, (title, (p, m)) in enumerate(zip(s.titles[1:], s.ratios[1:], strict=True)):
            text = (
                self.tr("%1 has %2 the params and %3 the MACs of %4")
                if i == 0
                else self.tr("%1: %2 and %3")
            )
            parts.append(
                text.replace("%1", title)
                .replace("%2", ratio_text(p))
                .replace("%3", ratio_text(m))
                .replace("%4", s.titles[0])
            )
        return "; ".join(parts)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()  # the columns' new widths wrap the cells anew

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
