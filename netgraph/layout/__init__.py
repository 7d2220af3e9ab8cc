"""Layered diagram layout of a NetGraph: expansion state in, plain geometry out (no Qt)."""

from netgraph.layout.diagram import diagram_to_json, layout_diagram
from netgraph.layout.expansion import ExpansionChanged, ExpansionState, UnknownBlockError
from netgraph.layout.geometry import Box, Diagram, Edge, Frame, Glyph

__all__ = [
    "Box",
    "Diagram",
    "Edge",
    "ExpansionChanged",
    "ExpansionState",
    "Frame",
    "Glyph",
    "UnknownBlockError",
    "diagram_to_json",
    "layout_diagram",
]
