"""torch.fx tracing into networkx graphs, block recognition and diagram layout: no Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netgraph.build import build_graph

__all__ = ["build_graph"]


def __getattr__(name: str) -> Any:
    """Import the tracer (and torch) on first use, so that reading plain geometry
    (``netgraph.layout.geometry``) does not cost the app's window a torch import."""
    if name == "build_graph":
        from netgraph.build import build_graph

        return build_graph
    raise AttributeError(f"module 'netgraph' has no attribute {name!r}")
