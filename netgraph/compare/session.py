"""A comparison: 2–4 models (or one block of each), each with its own expansion state.

Opening a block in one column changes only that column's state; the figure is laid out again
from every column's own diagram (whose sub-layouts are cached), so the others stay as they
were. What the CLI exports and what the app shows come from the same :meth:`figure`.
"""

from __future__ import annotations

from dataclasses import dataclass

from errors import NetAtlasError
from models.registry import ModelSpec
from netgraph.compare.figure import ColumnInput, CompareFigure, compare_figure
from netgraph.compare.summary import DifferenceSummary, Part, difference_summary, ratio_text
from netgraph.formatting import format_count, format_macs
from netgraph.layout import ExpansionState, layout_diagram
from netgraph.layout.crop import block_figure, open_block
from netgraph.layout.diagram import laid_out
from netgraph.layout.sizing import frame_title
from netgraph.model import NetGraph
from netgraph.words import word

MAX_COLUMNS = 4


@dataclass
class CompareColumn:
    name: str  # the model as the registry names it
    spec: ModelSpec
    graph: NetGraph
    state: ExpansionState
    only: str | None = None  # a block drawn alone, with what feeds it and what it feeds
    label: str = ""  # a title of its own (a book figure's), else the model's
    depth: int | None = None  # how deep its blocks were opened (None: the readable default)

    @classmethod
    def open(
        cls,
        name: str,
        spec: ModelSpec,
        graph: NetGraph,
        only: str | None = None,
        depth: int | None = None,
        label: str = "",
    ) -> CompareColumn:
        state = ExpansionState(graph, depth)
        if only:
            open_block(state, only)
        return cls(name, spec, graph, state, only, label, depth)

    def title(self, lang: str = "en") -> str:
        if self.label:
            return self.label
        title = self.spec.title or self.spec.name
        if self.only:
            block = frame_title(self.graph, self.state.index.names, self.only, lang)
            return f"{title}: {block}"
        return title

    def part(self, lang: str = "en") -> Part:
        return Part(self.title(lang), self.graph, self.only)

    def keeps_open(self, path: str) -> bool:
        """The block the column shows alone, and the blocks around it, stay open."""
        return bool(self.only) and path in self.state.index.block_chain.get(self.only, ())

    def set_depth(self, depth: int | None) -> None:
        """Open blocks to ``depth`` (None: the readable default), the shown block kept open."""
        self.depth = depth
        if depth is None:
            self.state.reset()
        else:
            self.state.set_depth(depth)
        if self.only:
            open_block(self.state, self.only)


class Comparison:
    """The columns, in order, and the point the figure makes (a book figure's note)."""

    def __init__(self, columns: list[CompareColumn], note: str = "") -> None:
        if not 1 <= len(columns) <= MAX_COLUMNS:
            raise NetAtlasError(
                f"a comparison shows 2 to {MAX_COLUMNS} models, not {len(columns)}: leave some out"
            )
        self.columns = list(columns)
        self.note = note

    def diagram(self, index: int, orientation: str, fold: bool, style: str, lang: str):
        """One column's diagram, laid out alone (its block figure when it shows one)."""
        column = self.columns[index]
        d = layout_diagram(column.graph, column.state, orientation, fold, style, lang)
        d.title = column.title(lang)
        if column.only and any(f.id == column.only for f in d.frames):
            d = block_figure(d, column.only)
        return d

    def laid_out(self, orientation: str, fold: bool, style: str, lang: str) -> bool:
        """Whether every column's diagram is at hand (the figure then costs no layout)."""
        return all(laid_out(c.state, orientation, fold, style, lang) for c in self.columns)

    def figure(
        self,
        orientation: str = "bt",
        fold: bool = False,
        style: str = "book",
        lang: str = "en",
        summary: DifferenceSummary | None = None,
    ) -> CompareFigure:
        """The columns laid out, lined up and placed (``summary``: this comparison's, if it
        was made already; the titles quote its totals)."""
        summary = summary or self.summary(lang)
        inputs = [
            ColumnInput(
                column.name,
                column.title(lang),
                subtitle(summary, i, lang),
                self.diagram(i, orientation, fold, style, lang),
                column.graph,
                column.only,
            )
            for i, column in enumerate(self.columns)
        ]
        return compare_figure(inputs, self.note)

    def summary(self, lang: str = "en") -> DifferenceSummary:
        return difference_summary([c.part(lang) for c in self.columns])


def subtitle(summary: DifferenceSummary, index: int, lang: str = "en") -> str:
    """ "129 M params (2.8×) · 7.61 G MACs (11×)": the ratios to the first column after it."""
    params, macs = summary.params[index], summary.macs[index]
    p_ratio = m_ratio = ""
    if index:
        p, m = summary.ratios[index]
        p_ratio, m_ratio = f" ({ratio_text(p)})", f" ({ratio_text(m)})"
    return (
        f"{format_count(params)} {word('params', lang)}{p_ratio} · "
        f"{format_macs(macs)} {word('MACs', lang)}{m_ratio}"
    )
