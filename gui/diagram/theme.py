"""Colour themes of the diagram: one palette per theme, looked up by layer kind.

Op kinds (``netgraph.model.KINDS`` plus "block") are folded into a few *groups* so a diagram
uses a handful of fills that read apart. In the book's style every theme paints the book's
three fills instead: light blue convolutions, medium blue pooling and activations, white dense
and normalisation layers (dark blues and a dark grey in the dark theme).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from errors import NetAtlasError

GROUPS = ("conv", "pool", "norm", "activation", "linear", "dropout", "merge", "block", "other")

GROUP_NAMES = {
    "conv": "convolution",
    "pool": "pooling",
    "norm": "normalisation",
    "activation": "activation",
    "linear": "dense",
    "dropout": "dropout",
    "merge": "concat / add",
    "block": "block",
    "other": "other",
}

_GROUP_OF_KIND = {
    "conv": "conv",
    "pool": "pool",
    "bn": "norm",
    "norm": "norm",
    "relu": "activation",
    "activation": "activation",
    "linear": "linear",
    "dropout": "dropout",
    "concat": "merge",
    "add": "merge",
    "mul": "merge",
    "block": "block",
}


def group_of(kind: str) -> str:
    """The palette group of an op kind; unknown kinds (input, flatten, reshape, …) are "other"."""
    return _GROUP_OF_KIND.get(kind, "other")


class UnknownThemeError(NetAtlasError):
    """A theme name that is not one of THEMES."""


@dataclass(frozen=True)
class Theme:
    """Every colour the scene paints with, as "#rrggbb" strings (Qt-free, easy to test)."""

    name: str
    background: str
    text: str  # labels on boxes (contrasts with every fill)
    muted: str  # sublabels on boxes
    outline: str  # box outlines
    edge: str  # connections and arrowheads
    edge_label: str  # tensor shapes on edges
    frame_outline: str
    frame_fills: tuple[str, ...]  # by nesting depth 1, 2, 3, … (the last one repeats)
    frame_title: str
    fills: dict[str, str] = field(default_factory=dict)  # group -> fill
    outline_width: float = 1.2
    selection: str = "#1f6feb"  # outline of selected items
    mark: str = "#d9480f"  # a compare view's outline of what only one network has
    book_fills: dict[str, str] = field(default_factory=dict)  # group -> the book's fill

    def palette(self, book: bool = False) -> dict[str, str]:
        return self.book_fills if book else self.fills

    def fill(self, kind: str, book: bool = False) -> str:
        return self.palette(book)[group_of(kind)]

    def frame_fill(self, depth: int) -> str:
        return self.frame_fills[min(max(depth, 1), len(self.frame_fills)) - 1]


LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1b1f24",
    muted="#4a5360",
    outline="#5b6673",
    edge="#4a5563",
    edge_label="#5a6472",
    frame_outline="#8a94a3",
    frame_fills=("#f5f7fa", "#eceff4", "#e3e8ef"),
    frame_title="#3c4653",
    fills={
        "conv": "#cfe3fb",
        "pool": "#fde2c4",
        "norm": "#e4dcf7",
        "activation": "#d5f0d8",
        "linear": "#f9d3d6",
        "dropout": "#eceff3",
        "merge": "#fff3b8",
        "block": "#d3eeee",
        "other": "#f2f2f2",
    },
)

DARK = Theme(
    name="dark",
    background="#1e2228",
    text="#eef1f5",
    muted="#c8cfd8",
    outline="#8791a0",
    edge="#a7b0bd",
    edge_label="#9aa4b2",
    frame_outline="#69737f",
    frame_fills=("#252a31", "#2b313a", "#323943"),
    frame_title="#c9d1dc",
    selection="#58a6ff",
    mark="#ff922b",
    fills={
        "conv": "#2b4a70",
        "pool": "#5e4122",
        "norm": "#463b6a",
        "activation": "#2a5434",
        "linear": "#66343b",
        "dropout": "#3d434c",
        "merge": "#574c1a",
        "block": "#1f5052",
        "other": "#3a3f47",
    },
)

PRINT = Theme(
    name="print",
    background="#ffffff",
    text="#000000",
    muted="#2b2b2b",
    outline="#1a1a1a",
    edge="#1a1a1a",
    edge_label="#333333",
    frame_outline="#4d4d4d",
    frame_fills=("#ffffff", "#f7f9fc", "#eff3f8"),
    frame_title="#1a1a1a",
    fills={
        "conv": "#c6def4",  # the book's light blue
        "pool": "#8fbce6",  # medium blue: pooling and activations
        "activation": "#8fbce6",
        "norm": "#ffffff",  # white: dense and normalisation
        "linear": "#ffffff",
        "dropout": "#ffffff",
        "merge": "#ffffff",
        "block": "#dcebf8",
        "other": "#ffffff",
    },
    outline_width=1.0,
    selection="#c2410c",
    mark="#b8002e",
)


def _book(conv: str, pool: str, plain: str, block: str) -> dict[str, str]:
    """The book's three fills (and one for closed blocks) over the palette groups."""
    return {
        "conv": conv,
        "pool": pool,
        "activation": pool,
        "norm": plain,
        "linear": plain,
        "dropout": plain,
        "merge": plain,
        "block": block,
        "other": plain,
    }


_BOOK_LIGHT = _book("#cfe3f7", "#a9cbee", "#ffffff", "#e8f1fa")
LIGHT = replace(LIGHT, book_fills=_BOOK_LIGHT)
PRINT = replace(PRINT, book_fills=_BOOK_LIGHT)
DARK = replace(DARK, book_fills=_book("#27466b", "#1d3452", "#2a2f36", "#22384f"))

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, PRINT)}


def get_theme(theme: Theme | str) -> Theme:
    """A Theme from itself or its name (the CLI and the app pass names)."""
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except KeyError:
        raise UnknownThemeError(
            f"unknown theme {theme!r}: choose one of {', '.join(THEMES)}"
        ) from None
