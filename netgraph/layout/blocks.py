"""Which modules of a graph can be drawn as blocks, and which blocks hold each op.

A module is *transparent* when it runs at most one op (a layer): drawing it as a block would
only repeat its op (and a leaf called twice, like torchvision's shared ``relu``, would fold two
ops into one node and make a cycle). So is a container whose ops do not run as one unbroken
stretch (the book's DenseBlock keeps its conv blocks in a Sequential it never calls, and
concatenates between them): a frame round it would tell a story the data flow does not.

Every other non-root module is a *block* that can be
expanded (a frame) or collapsed (one box). Built once per graph, read by every layout.
"""

from __future__ import annotations

from functools import cached_property

from netgraph.layout.drawn import DrawnOps, drawn_ops
from netgraph.layout.names import derive_block_names
from netgraph.layout.split import split_plans
from netgraph.memo import PerGraph
from netgraph.model import NetGraph

# Structures that stop the default expansion: the book draws them as one glyph per block.
BLOCK_STRUCTURES = ("inception", "residual", "dense", "transition")


KEPT_INDEXES = 16  # graphs whose index is kept: a session's recent models, a comparison's columns


class BlockIndex:
    """The block tree of one graph and, for every op, the blocks around it (outermost first)."""

    def __init__(self, graph: NetGraph) -> None:
        self.graph = graph
        modules = graph.modules
        self.parent: dict[str, str] = {}
        for path, info in modules.items():
            for child in info.children:
                self.parent[child] = path
        order = dict(graph.ops.nodes(data="order", default=0))
        self.blocks: list[str] = [
            p for p, m in modules.items() if p and len(m.ops) > 1 and _runs_as_unit(m.ops, order)
        ]
        block_set = set(self.blocks)
        self.block_children: dict[str, list[str]] = {"": []}
        for path in self.blocks:
            self.block_children.setdefault(path, [])
        for path in self.blocks:  # definition order: modules dict follows it
            self.block_children[self.block_parent(path, block_set)].append(path)
        chains: dict[str, tuple[str, ...]] = {"": ()}
        self.chain_of_op: dict[str, tuple[str, ...]] = {}
        for op, data in graph.ops.nodes(data=True):
            self.chain_of_op[op] = self._chain(data.get("module_path", ""), block_set, chains)
        # block -> the blocks from the outermost down to itself
        self.block_chain = {p: self._chain(p, block_set, chains) for p in self.blocks}

    def block_parent(self, path: str, block_set: set[str]) -> str:
        """The nearest enclosing block ("" = the root)."""
        p = self.parent.get(path, "")
        while p and p not in block_set:
            p = self.parent.get(p, "")
        return p

    def _chain(
        self, path: str, block_set: set[str], memo: dict[str, tuple[str, ...]]
    ) -> tuple[str, ...]:
        if path in memo:
            return memo[path]
        parent_chain = self._chain(self.parent.get(path, ""), block_set, memo) if path else ()
        chain = (*parent_chain, path) if path in block_set else parent_chain
        memo[path] = chain
        return chain

    # what every layout of this graph reads, worked out on first use ---------------------------
    @cached_property
    def drawn(self) -> DrawnOps:
        return drawn_ops(self.graph)

    @cached_property
    def splits(self) -> dict[str, dict[str, str]]:
        """Closed blocks drawn round their merge (netgraph.layout.split)."""
        return split_plans(self, self.drawn)

    @cached_property
    def names(self) -> dict[str, str]:
        """Every block's English name (netgraph.layout.names)."""
        return derive_block_names(self.graph, self.blocks)

    def is_block(self, path: str) -> bool:
        return path in self.block_chain

    def enclosing_block(self, ident: str) -> str | None:
        """The innermost block around op ``ident``, or around block ``ident`` (its parent
        block); None at the top level or for an unknown id."""
        if ident in self.block_chain:
            chain = self.block_chain[ident][:-1]
        else:
            chain = self.chain_of_op.get(ident, ())
        return chain[-1] if chain else None

    def block_of(self, ident: str) -> str | None:
        """``ident`` itself if it is a block, else the innermost block around it."""
        return ident if self.is_block(ident) else self.enclosing_block(ident)

    def repeat_run(self, ident: str) -> list[str] | None:
        """The run of repeated sibling blocks ``ident`` is a member of (what folding draws
        once), or None."""
        for s in self.graph.structures_of("repeat"):
            if ident in s.members and len(s.members) > 1:
                return list(s.members)
        return None

    def depth(self, path: str) -> int:
        """Nesting depth among blocks: a top-level block is 1."""
        return len(self.block_chain[path])

    def descendants(self, path: str) -> list[str]:
        """Blocks strictly inside ``path`` (all blocks for the root)."""
        out: list[str] = []
        stack = list(reversed(self.block_children.get(path, [])))
        while stack:
            p = stack.pop()
            out.append(p)
            stack.extend(reversed(self.block_children[p]))
        return out


def _runs_as_unit(ops: list[str], order: dict[str, int]) -> bool:
    """True when no op from outside runs between the module's first and last op."""
    orders = [order[op] for op in ops]
    return max(orders) - min(orders) + 1 == len(set(orders))


block_index = PerGraph(BlockIndex, KEPT_INDEXES)
"""The graph's index, built once: every expansion state of one graph shares it, and with it
the sub-layouts cached on it, so a comparison reuses what the model's own view laid out."""
