"""Search over a comparison's columns: an element of one column is a "column:id" token (ids
repeat across columns), matches are tokens, and "open" opens the hiding blocks in the columns
that hide them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.search import SearchBox
from netgraph.layout.search import HiddenMatches, hidden_matches, matching_ids

if TYPE_CHECKING:
    from gui.compare.view import CompareView


def token(column: int, ident: str) -> str:
    """One string for an element of one column (ids repeat across columns)."""
    return f"{column}:{ident}"


def untoken(text: str) -> tuple[int, str]:
    column, _, ident = text.partition(":")
    return int(column), ident


class CompareSearch(SearchBox):
    """The Find box over every column: matches are "column:id" tokens; "open" opens the hiding
    blocks in the columns that hide them."""

    def __init__(self, view: CompareView) -> None:
        super().__init__(view.view)
        self._compare = view
        self._view = _TokenHighlights(view)  # type: ignore[assignment]

    def find(self, text: str) -> tuple[list[str], HiddenMatches]:
        figure, comparison = self._compare.figure, self._compare.comparison
        if figure is None or comparison is None:
            return [], HiddenMatches()
        matches = [
            token(i, ident)
            for i, column in enumerate(figure.columns)
            for ident in matching_ids(column.diagram, text)
        ]
        count, blocks = 0, set()
        for i, column in enumerate(comparison.columns):
            hidden = hidden_matches(column.state, text)
            count += hidden.count
            blocks |= {token(i, path) for path in hidden.to_open}
        return matches, HiddenMatches(count, frozenset(blocks))


class _TokenHighlights:
    """The view's highlights, for tokens (the SearchBox's view)."""

    def __init__(self, compare: CompareView) -> None:
        self._compare = compare

    def set_highlights(self, tokens: list[str], current: int) -> None:
        self._compare.view.set_highlights(tokens, current, self._compare.items_of)

    def clear_highlights(self) -> None:
        self._compare.view.clear_highlights()
