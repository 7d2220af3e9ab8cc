"""The strip over the diagram that says when a graph is not a complete fx trace.

A student believes the picture, so a partial one says so where the eye is (not only in the status
bar): which method recorded it, what that means, and which modules are affected; clicking
"Which modules?" lists every warning and module. The numbers and sentences come from the
NetGraph (``netgraph.coverage``), the same ones ``main.py info`` prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QWidget

from gui.inspector import unused_summary
from netgraph.formatting import format_paths

if TYPE_CHECKING:
    from netgraph.model import NetGraph

# Amber, as warnings are drawn everywhere: (background, border, text) on light and dark.
COLOURS = {False: ("#fff3cd", "#e0b84c", "#5c4400"), True: ("#3a2f0b", "#8a6d1a", "#ffdf8a")}


def is_partial(graph: NetGraph) -> bool:
    """Whether the diagram leaves something out that the banner must say (modules never called
    in a full trace are said by the status bar and the root's inspector instead)."""
    return graph.method != "fx" or bool(graph.opaque_modules or graph.unknown_cost_modules)


class TraceBanner(QFrame):
    """Shown over the diagram for a partial graph, hidden for a complete one; over a
    comparison, one line per partial column (and its unused parameters, which the status bar
    says of a single model only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("traceBanner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.more = QLabel()
        self.more.setTextFormat(Qt.TextFormat.RichText)
        self.more.linkActivated.connect(lambda _link: self.show_details())
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        self.details: QMessageBox | None = None
        self._graphs: list[tuple[str, NetGraph]] = []  # (column title or "", graph) said
        self._columns = False
        self._dark: bool | None = None
        self.hide()
        self._restyle()

    def show_graph(self, graph: NetGraph | None) -> None:
        """The single model's graph (None: nothing shown)."""
        self._columns = False
        self._graphs = [("", graph)] if graph is not None and is_partial(graph) else []
        self._refresh()

    def show_columns(self, columns: list[tuple[str, NetGraph]]) -> None:
        """A comparison's columns (title, graph): each partial one, or holding parameters its
        graph never calls, on a line of its own."""
        self._columns = True
        self._graphs = [(t, g) for t, g in columns if is_partial(g) or g.unused_params]
        self._refresh()

    def _refresh(self) -> None:
        self.retranslate()
        self.setVisible(bool(self._graphs))

    def headline(self, graph: NetGraph) -> str:
        """One or two sentences: the method, what it means, the modules it concerns."""
        parts = []
        if graph.method == "hooks" and graph.traced_modules:
            parts.append(
                self.tr(
                    "Recorded with forward hooks; torch.fx traced %1 as called, drawn op by op. "
                    "Elsewhere the diagram shows the branch taken for this input only, and torch "
                    "functions called in a forward are not drawn."
                ).replace("%1", format_paths(graph.traced_modules))
            )
        elif graph.method == "hooks":
            parts.append(
                self.tr(
                    "Recorded with forward hooks, not traced: the diagram shows the branch taken "
                    "for this input only, and torch functions called in a forward are not drawn."
                )
            )
        elif graph.method == "fx-leaf":
            parts.append(self.tr("torch.fx could not trace every module."))
        opaque = graph.opaque_modules
        if opaque:
            text = (
                self.tr("1 module drawn as one box: %2.")
                if len(opaque) == 1
                else self.tr("%1 modules drawn as one box: %2.")
            )
            parts.append(text.replace("%1", str(len(opaque))).replace("%2", format_paths(opaque)))
        if graph.unknown_cost_modules:
            names = [p or self.tr("the root module") for p in graph.unknown_cost_modules]
            parts.append(self.tr("MACs unknown for %1.").replace("%1", format_paths(names)))
        if self._columns and (unused := unused_summary(graph)):
            parts.append(self.tr("Not drawn: %1.").replace("%1", unused))
        return " ".join(parts)

    def show_details(self) -> None:
        """Every warning and every module concerned, in a box the user can read and copy."""
        if not self._graphs:
            return
        sections, said = [], []
        for title, graph in self._graphs:
            lists = [
                (self.tr("Traced by torch.fx inside the hook recording"), graph.traced_modules),
                (self.tr("Drawn as one box"), graph.opaque_modules),
                (self.tr("MACs unknown"), graph.unknown_cost_modules),
                (self.tr("Never called"), graph.unused_modules),
            ]
            sections += [
                f"{title + ' — ' if title else ''}{heading}:\n"
                + "\n".join(f"  {path or self.tr('(root)')}" for path in paths)
                for heading, paths in lists
                if paths
            ]
            said += [f"{title}: {w}" if title else w for w in graph.warnings]
        names = " | ".join(t for t, _ in self._graphs) or self._graphs[0][1].model_name
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("What the diagram of %1 leaves out").replace("%1", names),
            "\n\n".join(said),
            QMessageBox.StandardButton.Ok,
            self.window(),
        )
        box.setInformativeText("\n\n".join(sections))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = box
        box.open()

    def retranslate(self) -> None:
        lines = [f"{t}: {self.headline(g)}" if t else self.headline(g) for t, g in self._graphs]
        self.text.setText("\n".join(lines))
        colour = COLOURS[bool(self._dark)][2]
        link = self.tr("Which modules?")
        self.more.setText(f'<a href="#details" style="color:{colour}">{link}</a>')
        self.more.setToolTip(self.tr("List every module the diagram leaves out or draws whole"))

    def _restyle(self) -> None:
        """Amber on the app's light or dark scheme (the app's palette: the banner's own is
        its style sheet's)."""
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if dark == self._dark:
            return
        self._dark = dark
        background, border, text = COLOURS[dark]
        self.setStyleSheet(
            f"#traceBanner {{ background: {background}; border-bottom: 1px solid {border}; }}"
            f"#traceBanner QLabel {{ color: {text}; }}"
        )
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)
