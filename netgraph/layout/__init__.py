"""Layered diagram layout of a NetGraph: expansion state in, plain geometry out (no Qt).

Names load on first use (PEP 562), so that reading plain geometry
(``netgraph.layout.geometry``, e.g. a cached diagram at the app's start) costs neither the
layout pipeline nor networkx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netgraph.layout.diagram import diagram_to_json, layout_diagram
    from netgraph.layout.expansion import (
        ExpansionChanged,
        ExpansionSnapshot,
        ExpansionState,
        UnknownBlockError,
    )
    from netgraph.layout.geometry import Box, Diagram, Edge, Frame, Glyph

_HOMES = {
    "diagram_to_json": "diagram",
    "layout_diagram": "diagram",
    "ExpansionChanged": "expansion",
    "ExpansionSnapshot": "expansion",
    "ExpansionState": "expansion",
    "UnknownBlockError": "expansion",
    "Box": "geometry",
    "Diagram": "geometry",
    "Edge": "geometry",
    "Frame": "geometry",
    "Glyph": "geometry",
}

__all__ = [
    "Box",
    "Diagram",
    "Edge",
    "ExpansionChanged",
    "ExpansionSnapshot",
    "ExpansionState",
    "Frame",
    "Glyph",
    "UnknownBlockError",
    "diagram_to_json",
    "layout_diagram",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'netgraph.layout' has no attribute {name!r}")
    return getattr(importlib.import_module(f"netgraph.layout.{home}"), name)
