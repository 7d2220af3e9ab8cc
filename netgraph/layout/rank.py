"""Phases 2–4: break cycles, assign ranks, split long edges.

Pre: a Layered with nodes and edges. Post: a DAG (reversed edges flagged), ``rank`` with in
ports on rank 0, out ports on the last rank and every edge going down at least one rank, and
``layers`` in which every edge joins adjacent ranks through dummies (``LEdge.path``).
"""

from __future__ import annotations

from collections import defaultdict, deque

from netgraph.layout.layered import Layered


def make_acyclic(g: Layered) -> None:
    """Reverse the back edges of a depth-first search in execution order (rarely any)."""
    succ: dict[str, list] = defaultdict(list)
    for e in g.edges:
        succ[e.src].append(e)
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in sorted(g.nodes, key=lambda n: g.order_key[n]):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ[root]))]
        while stack:
            node, it = stack[-1]
            e = next(it, None)
            if e is None:
                state[node] = 2
                stack.pop()
            elif state.get(e.dst) == 1:
                e.src, e.dst, e.src_off, e.dst_off = e.dst, e.src, e.dst_off, e.src_off
                e.reversed = True
            elif e.dst not in state:
                state[e.dst] = 1
                stack.append((e.dst, iter(succ[e.dst])))


def assign_ranks(g: Layered) -> None:
    """Longest path from the top, then sources pulled down next to their first consumer."""
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for e in g.edges:
        preds[e.dst].append(e.src)
        succs[e.src].append(e.dst)
    indeg = {n: len(preds[n]) for n in g.nodes}
    queue = deque(n for n in g.nodes if indeg[n] == 0)
    topo: list[str] = []
    while queue:
        n = queue.popleft()
        topo.append(n)
        for m in succs[n]:
            indeg[m] -= 1
            if indeg[m] == 0:
                queue.append(m)
    outs = set(g.out_ports)
    rank: dict[str, int] = {}
    for n in topo:
        if n in outs:
            continue
        rank[n] = 0 if n.startswith("in:") else max((rank[p] + 1 for p in preds[n]), default=1)
    last = max(rank.values(), default=0) + 1
    for n in reversed(topo):  # a source with no inputs sits just above its first consumer
        if not preds[n] and not n.startswith("in:") and succs[n]:
            rank[n] = max(1, min(rank.get(m, last) for m in succs[n]) - 1)
    for n in outs:
        rank[n] = last
    g.rank = rank
    g.layers = [[] for _ in range(last + 1)]
    for n in g.nodes:
        g.layers[rank[n]].append(n)


def split_long_edges(g: Layered) -> None:
    """Give every edge spanning k > 1 ranks k − 1 dummies, so edges join adjacent ranks.

    Long edges from one source share their dummies (a bus down to the farthest target), so a
    dense block, where every feature feeds every later layer, costs O(n) dummies per source and
    draws one line per feature instead of a fan of parallel ones.
    """
    count = 0
    bus: dict[str, list[str]] = defaultdict(list)  # source -> its dummies, rank by rank
    for e in sorted(g.edges, key=lambda e: g.rank[e.dst] - g.rank[e.src], reverse=True):
        chain = bus[e.src]
        for r in range(g.rank[e.src] + 1 + len(chain), g.rank[e.dst]):
            d = f"~{count}"
            count += 1
            g.rank[d] = r
            g.layers[r].append(d)
            g.size[d] = (0.0, 0.0)
            g.order_key[d] = g.order_key[e.src] + 0.5
            g.dummy_skip[d] = e.skip
            chain.append(d)
        span = g.rank[e.dst] - g.rank[e.src] - 1
        for d in chain[:span]:
            g.dummy_skip[d] = g.dummy_skip[d] or e.skip
        e.path = [e.src, *chain[:span], e.dst]
