"""A model's graph from its name, with a user's own code run where it can be abandoned.

The book's, torchvision's and timm's networks are library code: they are traced right here. A
user's ``file.py:Name`` runs in a child process (:mod:`models.isolated`) that a timeout, Ctrl-C
or the app's Cancel ends, imported there as in its own project (``models.user.ProjectImports``);
what comes back is plain data: the ``NetGraph``, or the file's ``Candidate`` models, and the
caller keeps an outline of the spec.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from errors import UserModelError
from models.inputs import Inputs, InputsLike, InputSpec, forward_inputs, suggested_inputs
from models.isolated import run_isolated
from models.registry import ModelSpec, get_spec, is_user_reference
from models.user import Candidate, file_specs, outline_spec
from netgraph.build import build_graph
from netgraph.meta_build import build_on_meta
from netgraph.model import NetGraph


def load_graph(
    name: str,
    input_size: InputsLike = None,
    *,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[ModelSpec, NetGraph]:
    """The spec and graph of ``name`` (see ``models.registry``) fed ``input_size`` (one shape,
    or one shape or ``InputSpec`` per input); ``timeout`` and ``cancelled`` bound the time a
    user's file may run."""
    if not is_user_reference(name):
        spec = get_spec(name, input_size)
        return spec, build_graph(spec)
    inputs, graph = run_isolated(
        trace_user_model,
        name,
        input_size,
        what=f"loading {name}",
        timeout=timeout,
        cancelled=cancelled,
    )
    return outline_spec(name, inputs), graph


def trace_user_model(name: str, input_size: InputsLike) -> tuple[Inputs, NetGraph]:
    """In the child: run the user's file, build the model and trace it, fed ``input_size`` or
    else what the model declares or its first layer suggests (as the app's Open dialog offers
    it); returns the inputs it was fed, and the graph."""
    spec = get_spec(name, input_size)
    if input_size is None:
        spec = spec.with_input_size(suggested_inputs(build_on_meta(spec)))
    return spec.inputs, build_graph(spec)


def load_candidates(
    path: str | Path,
    *,
    timeout: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Candidate]:
    """The models a user's file offers, each with the inputs to offer it first, found by
    running the file in a child process (what the app's Open dialog shows)."""
    return run_isolated(
        file_candidates, str(path), what=f"loading {path}", timeout=timeout, cancelled=cancelled
    )


def file_candidates(path: str) -> list[Candidate]:
    """In the child: the file's models with what each declares or its first layer expects
    (built on the meta device, no weights)."""
    found = []
    for name, spec in file_specs(Path(path)).items():
        try:
            if isinstance(spec, UserModelError):
                raise spec
            model = build_on_meta(spec)
            inputs, wanted = suggested_inputs(model), forward_inputs(model)
            names = wanted.required + wanted.optional
            found.append(Candidate(name, inputs, names, max(1, len(wanted.required))))
        except Exception:  # it cannot be built here: opening it will say why
            found.append(Candidate(name, (InputSpec((3, 224, 224)),)))
    if not found:
        raise UserModelError(f"{path} defines no nn.Module class or function: add one and retry.")
    return found
