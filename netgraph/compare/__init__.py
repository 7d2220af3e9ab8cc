"""Several models side by side, the way the chapter teaches by comparison (no Qt).

- :mod:`~netgraph.compare.session`: ``Comparison``, the columns (a model, or one block of it,
  each with its own expansion state); ``figure()`` and ``summary()``.
- :mod:`~netgraph.compare.units` and :mod:`~netgraph.compare.align`: what faces what.
- :mod:`~netgraph.compare.figure`: the columns stretched, lined up and placed (geometry, JSON).
- :mod:`~netgraph.compare.summary`: stages, parameters and MACs side by side.
- :mod:`~netgraph.compare.presets`: the chapter's own side-by-side figures.

Nothing is imported here, so the CLI can read the presets without loading the layout.
"""
