"""Phase 5: order each rank to keep crossings few.

Pre: normalised ``layers``. Post: each layer sorted left to right. Start from execution order
(so Inception branches read in definition order), then barycenter sweeps down and up, keeping
the best ordering by crossing count. Skip edges (residual shortcuts, dense connections) and the
shortcut's own layers form a second class kept to the right of the body in every rank.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections import defaultdict
from itertools import pairwise

from netgraph.layout.layered import Layered

SWEEPS = 4


def skip_class(g: Layered) -> dict[str, int]:
    """1 for skip dummies and nodes fed only by skip edges, 0 otherwise."""
    incoming: dict[str, list[bool]] = defaultdict(list)
    for e in g.edges:
        incoming[e.path[1]].append(e.skip)
    cls = {}
    for layer in g.layers:
        for n in layer:
            if g.is_dummy(n):
                cls[n] = int(g.dummy_skip[n])
            else:
                flags = incoming.get(n, [])
                cls[n] = int(bool(flags) and all(flags))
    return cls


def order_layers(g: Layered) -> None:
    cls = skip_class(g)
    up: dict[str, list[str]] = defaultdict(list)
    down: dict[str, list[str]] = defaultdict(list)
    for a, b in {hop for e in g.edges for hop in pairwise(e.path)}:
        down[a].append(b)
        up[b].append(a)
    layers = [sorted(layer, key=lambda n: (cls[n], g.order_key[n])) for layer in g.layers]
    best, best_crossings = [list(layer) for layer in layers], count_crossings(layers, down)
    for _ in range(SWEEPS):
        if best_crossings == 0:
            break
        _sweep(layers, up, cls, range(1, len(layers)), -1)
        _sweep(layers, down, cls, range(len(layers) - 2, -1, -1), 1)
        crossings = count_crossings(layers, down)
        if crossings < best_crossings:
            best, best_crossings = [list(layer) for layer in layers], crossings
    g.layers = best


def _sweep(layers, neighbours, cls, ranks, step: int) -> None:
    """Sort each rank by the mean position of its neighbours in the rank just visited."""
    for r in ranks:
        fixed = {n: i for i, n in enumerate(layers[r + step])}
        layer = layers[r]

        def key(item: tuple[int, str], fixed=fixed) -> tuple[int, float, int]:
            i, n = item
            pos = [fixed[m] for m in neighbours[n] if m in fixed]
            return (cls[n], sum(pos) / len(pos) if pos else i, i)

        layers[r] = [n for _, n in sorted(enumerate(layer), key=key)]


def count_crossings(layers: list[list[str]], down: dict[str, list[str]]) -> int:
    """Crossings between adjacent ranks, by counting inversions of the lower endpoints."""
    total = 0
    for upper, lower in pairwise(layers):
        pos = {n: i for i, n in enumerate(lower)}
        seen: list[int] = []
        for n in upper:
            targets = sorted(pos[m] for m in down[n] if m in pos)
            for t in targets:
                total += len(seen) - bisect_right(seen, t)
            for t in targets:
                insort(seen, t)
    return total
