"""The graphs and first diagrams of the models opened before, in the disk cache
(:mod:`models.cache`), so that the app draws a model at its next start before torch loads.

A graph entry holds the model's spec (an outline, :mod:`models.catalogue`) and its NetGraph; a
diagram entry the first diagram the app showed for the model in given options (flow, style,
folding, language, blocks opened on the command line) and the expansion it shows. A user's
file is never cached: its graph depends on code NetAtlas cannot version (the file and what it
imports), and it runs only when the user opens it anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.cache import entry_name, read_entry, write_entry
from models.catalogue import outline_spec, spec_data
from models.inputs import InputsLike, as_inputs
from models.registry import ModelSpec, is_user_reference
from netgraph.layout.geometry import Diagram
from netgraph.serialize import diagram_from_data, diagram_to_data, graph_from_data, graph_to_data

if TYPE_CHECKING:
    from netgraph.layout.expansion import ExpansionState
    from netgraph.model import NetGraph

GRAPHS, DIAGRAMS = "graphs", "diagrams"


@dataclass(frozen=True)
class DiagramOptions:
    """What a first diagram depends on besides the graph."""

    orientation: str = "bt"
    style: str = "book"
    fold: bool = False
    lang: str = "en"
    expand: tuple[str, ...] = ()  # blocks opened on top of the default depth


@dataclass(frozen=True)
class CachedDiagram:
    diagram: Diagram
    expanded: frozenset[str]  # the expansion it shows (the graph's default + ``expand``)
    unfolded: frozenset[str]


def cacheable(name: str) -> bool:
    return not is_user_reference(name)


def _key(name: str, input_size: InputsLike) -> list[Any]:
    """The model and its inputs as ``--input`` writes them (None: the model's default)."""
    inputs = as_inputs(input_size)
    return [name, [i.text() for i in inputs] if inputs else None]


def load_graph(name: str, input_size: InputsLike) -> tuple[ModelSpec, NetGraph] | None:
    """The spec and graph stored for ``name`` at ``input_size`` (None: its default), if any."""
    if not cacheable(name):
        return None
    data = read_entry(GRAPHS, entry_name(GRAPHS, *_key(name, input_size)))
    if data is None or data.get("model") != _key(name, input_size):
        return None
    try:
        return outline_spec(data["spec"]), graph_from_data(data["graph"])
    except (TypeError, KeyError, ValueError, AttributeError):
        return None  # damaged: traced again and stored anew


def store_graph(name: str, input_size: InputsLike, spec: ModelSpec, graph: NetGraph) -> bool:
    if not cacheable(name):
        return False
    try:
        data = {"model": _key(name, input_size), "spec": spec_data(spec)}
        data["graph"] = graph_to_data(graph)
    except TypeError:  # a value JSON cannot hold: this graph is not cached
        return False
    return write_entry(GRAPHS, entry_name(GRAPHS, *_key(name, input_size)), data)


def _diagram_key(name: str, input_size: InputsLike, options: DiagramOptions) -> list[Any]:
    o = options
    return [*_key(name, input_size), o.orientation, o.style, o.fold, o.lang, list(o.expand)]


def load_diagram(
    name: str, input_size: InputsLike, options: DiagramOptions
) -> CachedDiagram | None:
    """The first diagram stored for ``name`` in ``options``: plain geometry (no networkx, no
    torch to read it)."""
    if not cacheable(name):
        return None
    key = _diagram_key(name, input_size, options)
    data = read_entry(DIAGRAMS, entry_name(DIAGRAMS, *key))
    if data is None or data.get("model") != key:
        return None
    try:
        diagram = diagram_from_data(data["diagram"])
        return CachedDiagram(diagram, frozenset(data["expanded"]), frozenset(data["unfolded"]))
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def reuse_first_diagram(
    name: str, input_size: InputsLike, state: ExpansionState, options: DiagramOptions
) -> bool:
    """Let the layout take the first diagram stored for ``name`` in ``options`` when ``state``
    shows what it shows (a comparison of models opened in an earlier session lays none of
    them out again); False when there is none to take."""
    from netgraph.layout.diagram import keep_diagram, laid_out  # the layout's, not at start

    o = options
    if o.expand or laid_out(state, o.orientation, o.fold, o.style, o.lang):
        return False
    cached = load_diagram(name, input_size, options)
    if cached is None or (cached.expanded, cached.unfolded) != (state.expanded, state.unfolded):
        return False
    keep_diagram(state, o.orientation, o.fold, o.style, o.lang, cached.diagram)
    return True


def store_diagram(
    name: str,
    input_size: InputsLike,
    options: DiagramOptions,
    diagram: Diagram,
    expanded: Sequence[str],
    unfolded: Sequence[str],
) -> bool:
    if not cacheable(name):
        return False
    key = _diagram_key(name, input_size, options)
    try:
        data = {"model": key, "diagram": diagram_to_data(diagram)}
    except TypeError:
        return False
    data.update(expanded=sorted(expanded), unfolded=sorted(unfolded))
    return write_entry(DIAGRAMS, entry_name(DIAGRAMS, *key), data)
