"""Phase 6: x coordinates (centres) within each rank.

Pre: ordered layers. Post: ``x`` for every node; in every rank nodes keep their order and sit at
least SEPARATION apart. Each sweep places a rank as close as possible (least squares, weighted)
to where its neighbours in the rank just placed pull it: an ordered isotonic regression, solved
exactly in linear time by pooling adjacent violators. The body is placed first and the skip
class after it, bounded to its right, so the main column stays straight and centred.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from netgraph.layout.layered import Layered

SEPARATION = 24.0
DUMMY_SEPARATION = 12.0
SWEEPS = 3
SKIP_PULL = 1e-4  # enough to place a node fed only by skips, too little to move one
SETTLED = 0.5  # px: a sweep moving nothing more than this ends the sweeps
STRAIGHTEN_PX = 8.0  # jogs up to this wide are straightened when there is room


def assign_x(g: Layered, skip_cls: dict[str, int]) -> None:
    up: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    down: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for e in g.edges:
        hops = list(pairwise(e.path))
        for i, (a, b) in enumerate(hops):
            a_off = e.src_off if i == 0 else 0.0
            b_off = e.dst_off if i == len(hops) - 1 else 0.0
            w = 8.0 if g.is_dummy(a) and g.is_dummy(b) else 1.0
            # a shortcut must not pull the body off its column: only the reverse pull counts
            down[a].append((b, b_off - a_off, SKIP_PULL if e.skip and not g.is_dummy(a) else w))
            up[b].append((a, a_off - b_off, SKIP_PULL if e.skip and not g.is_dummy(b) else w))
    x = g.x
    for layer in g.layers:
        _place(g, layer, [0.0] * len(layer), [1e-3] * len(layer), skip_cls, x)
    for _ in range(SWEEPS):
        moved = max((_pull(g, layer, up, skip_cls, x) for layer in g.layers[1:]), default=0.0)
        if moved < SETTLED:
            break
        for layer in reversed(g.layers[:-1]):
            _pull(g, layer, down, skip_cls, x)
    else:
        for layer in g.layers[1:]:
            _pull(g, layer, up, skip_cls, x)
    for n, v in x.items():  # whole pixels: routes joined across frames then meet exactly
        x[n] = float(round(v))
    _straighten(g, up, down)


def _straighten(g: Layered, up, down) -> None:
    """Line up a node and its only input (a chain's two links) when they are a few pixels apart
    and either one can move that far: a 2 px jog reads as a kink, and leaves no room for a
    label. Either end may move, so a jog forced by a wide neighbour moves up the chain."""
    x = g.x
    where = {n: (layer, i) for layer in g.layers for i, n in enumerate(layer)}

    def fits(n: str, target: float) -> bool:
        layer, i = where[n]
        left_ok = i == 0 or target - x[layer[i - 1]] >= _gap(g, layer[i - 1], n)
        right_ok = i + 1 == len(layer) or x[layer[i + 1]] - target >= _gap(g, n, layer[i + 1])
        return left_ok and right_ok

    for _ in range(3):
        moved = False
        for layer in g.layers[1:]:
            for n in layer:
                pulls = up.get(n, [])
                if len(pulls) != 1:
                    continue
                m, off, _ = pulls[0]
                jog = x[m] + off - x[n]
                if not 0 < abs(jog) <= STRAIGHTEN_PX:
                    continue
                if fits(n, x[n] + jog):
                    x[n] += jog
                elif len(down.get(m, [])) == 1 and fits(m, x[m] - jog):
                    x[m] -= jog
                else:
                    continue
                moved = True
        if not moved:
            break


def _pull(g: Layered, layer: list[str], neighbours, skip_cls, x: dict[str, float]) -> float:
    """Move one rank towards its neighbours; returns the largest move."""
    before = [x[n] for n in layer]
    desired, weights = [], []
    for n in layer:
        pulls = neighbours.get(n)
        if pulls:
            total = sum(w for _, _, w in pulls)
            desired.append(sum((x[m] + off) * w for m, off, w in pulls) / total)
            weights.append(total)
        else:
            desired.append(x[n])
            weights.append(1e-3)
    _place(g, layer, desired, weights, skip_cls, x)
    return max((abs(x[n] - b) for n, b in zip(layer, before, strict=True)), default=0.0)


def _place(g: Layered, layer, desired, weights, skip_cls, x: dict[str, float]) -> None:
    """Body nodes by least squares, then the skip class bounded to the body's right."""
    if len(layer) == 1:
        x[layer[0]] = desired[0]
        return
    split = sum(1 for n in layer if not skip_cls[n])
    gaps = [_gap(g, a, b) for a, b in pairwise(layer)]
    body = ordered_least_squares(desired[:split], weights[:split], gaps[: max(split - 1, 0)], None)
    bound = body[-1] + gaps[split - 1] if split and split < len(layer) else None
    rest = ordered_least_squares(desired[split:], weights[split:], gaps[split:], bound)
    for n, v in zip(layer, body + rest, strict=True):
        x[n] = v


def _gap(g: Layered, a: str, b: str) -> float:
    sep = DUMMY_SEPARATION if g.is_dummy(a) or g.is_dummy(b) else SEPARATION
    return (g.size[a][0] + g.size[b][0]) / 2 + sep


def ordered_least_squares(desired, weights, gaps, lower: float | None) -> list[float]:
    """Minimise Σ w (x − d)² subject to x[i+1] − x[i] ≥ gaps[i] and x[0] ≥ lower."""
    if not desired:
        return []
    offsets = [0.0]
    for gap in gaps:
        offsets.append(offsets[-1] + gap)
    pools: list[list[float]] = []  # [weighted sum, weight, count]
    for d, w, c in zip(desired, weights, offsets, strict=True):
        pools.append([(d - c) * w, w, 1])
        while len(pools) > 1 and pools[-2][0] / pools[-2][1] > pools[-1][0] / pools[-1][1]:
            s, w2, n2 = pools.pop()
            pools[-1][0] += s
            pools[-1][1] += w2
            pools[-1][2] += n2
    out: list[float] = []
    for s, w, count in pools:
        v = s / w if lower is None else max(s / w, lower)
        out.extend([v] * count)
    return [v + c for v, c in zip(out, offsets, strict=True)]
