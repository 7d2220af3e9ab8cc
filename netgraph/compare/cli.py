"""``main.py export A B [C D] -o FILE`` and ``--preset``: a comparison from the command line.

Options work as for one model; ``--input`` (repeated for several inputs) feeds every column
alike; ``--expand`` and ``--only`` take ``MODEL:PATH`` (or ``N:PATH``, columns counted from 1) to
address one column, a bare ``PATH`` every column. No Qt here: a
``.json`` comparison is written without it.
"""

from __future__ import annotations

import argparse

from errors import NetAtlasError
from netgraph.compare.presets import book_figure
from netgraph.compare.session import MAX_COLUMNS, CompareColumn, Comparison
from netgraph.load import load_graph


def addressed(values: list[str], names: list[str], option: str) -> dict[int, list[str]]:
    """Paths per column: ``MODEL:PATH`` to the columns showing MODEL, ``N:PATH`` to column N,
    a bare ``PATH`` to every column."""
    out: dict[int, list[str]] = {}
    for value in values:
        head, sep, rest = value.rpartition(":")
        if not rest:
            raise NetAtlasError(
                f"{option} {value!r}: name a block after the colon, as in {value or 'MODEL:'}2.0"
            )
        columns = [i for i, name in enumerate(names) if sep and head == name]
        if not columns and sep and head.isdigit():
            if not 1 <= int(head) <= len(names):
                raise NetAtlasError(
                    f"{option} {value!r}: there is no column {head}; "
                    f"the columns are 1 to {len(names)}"
                )
            columns = [int(head) - 1]
        elif not columns and sep:
            raise NetAtlasError(
                f"{option} {value!r}: {head!r} is none of the models compared "
                f"({', '.join(names)}); write MODEL:PATH or N:PATH"
            )
        elif not columns:
            columns, rest = list(range(len(names))), value
        for column in columns:
            out.setdefault(column, []).append(rest)
    return out


def comparison_from_args(args: argparse.Namespace) -> tuple[Comparison, str]:
    """The comparison the options ask for, and its style (book when every model is one of
    the book's networks, unless ``--style`` says otherwise)."""
    preset = book_figure(args.preset) if getattr(args, "preset", None) else None
    if preset and args.models:
        raise NetAtlasError("give either --preset or the models to compare, not both")
    if preset:
        wanted = [(c.model, c.only, c.title(args.lang)) for c in preset.columns]
    else:
        wanted = [(name, None, "") for name in args.models]
    if not 2 <= len(wanted) <= MAX_COLUMNS:
        raise NetAtlasError(f"compare 2 to {MAX_COLUMNS} models, not {len(wanted)}")
    names = [name for name, _, _ in wanted]
    onlys = addressed(args.only or [], names, "--only")
    expands = addressed(args.expand or [], names, "--expand")
    loaded: dict[str, tuple] = {}
    columns = []
    for i, (name, only, label) in enumerate(wanted):
        if name not in loaded:  # one model in two columns is traced once
            loaded[name] = load_graph(name, args.input, timeout=args.timeout)
        spec, graph = loaded[name]
        asked = onlys.get(i, [])
        if len(asked) > 1:
            raise NetAtlasError(f"--only: column {i + 1} ({name}) can show one block, not {asked}")
        only = only or (asked[0] if asked else None)
        columns.append(CompareColumn.open(name, spec, graph, only, args.depth, label))
    for path in {p for paths in expands.values() for p in paths}:
        targets = [i for i, paths in expands.items() if path in paths]
        known = [i for i in targets if path in columns[i].graph.modules]
        if not known:
            columns[targets[0]].state.expand(path)  # an error naming the closest blocks
        for i in known:
            columns[i].state.expand(path)
    style = args.style
    if style == "auto":
        style = "book" if all(c.spec.family == "book" for c in columns) else "detailed"
    return Comparison(columns, preset.point(args.lang) if preset else ""), style
