"""A model's graph from its name, with a user's own code run where it can be abandoned.

The book's and torchvision's networks are our code: they are traced right here. A user's
``file.py:Name`` runs in a child process (:mod:`models.isolated`) that a timeout, Ctrl-C or the
app's Cancel ends; what comes back is the plain-data ``NetGraph`` and an outline of the spec.
"""

from __future__ import annotations

from collections.abc import Callable

from models.isolated import run_isolated
from models.registry import InputSize, ModelSpec, get_spec, is_user_reference
from models.user import outline_spec
from netgraph.build import build_graph
from netgraph.model import NetGraph


def load_graph(
    name: str,
    input_size: InputSize | None = None,
    *,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[ModelSpec, NetGraph]:
    """The spec and graph of ``name`` (see ``models.registry``); ``timeout`` and ``cancelled``
    bound the time a user's file may run."""
    if not is_user_reference(name):
        spec = get_spec(name, input_size)
        return spec, build_graph(spec)
    graph = run_isolated(
        trace_user_model,
        name,
        input_size,
        what=f"loading {name}",
        timeout=timeout,
        cancelled=cancelled,
    )
    return outline_spec(name, input_size), graph


def trace_user_model(name: str, input_size: InputSize | None) -> NetGraph:
    """In the child: run the user's file, build the model and trace it."""
    return build_graph(get_spec(name, input_size))
