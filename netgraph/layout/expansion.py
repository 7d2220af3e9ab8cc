"""Which blocks are expanded: a small evented object the app's scene observes (napari style).

The flag lives here, not in the graph (TensorBoard keeps it in render state too), so one graph
can be shown at different depths, and every change is one event the view redraws from. A
layout reads an :class:`ExpansionSnapshot` (``state.snapshot()``): an immutable copy, so the
state can go on changing while a layout of an earlier moment runs on another thread.
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from errors import NetAtlasError
from netgraph.layout.blocks import BLOCK_STRUCTURES, BlockIndex, block_index
from netgraph.model import NetGraph

# Recognised blocks the default depth opens once, the first of each kind: the chapter's idea
# (parallel paths and their concatenation, a shortcut, feature reuse) visible without a click.
IDEA_STRUCTURES = ("inception", "residual", "dense")

# The default depth keeps about this many items on screen: a whole book figure, not a wall.
DEFAULT_VISIBLE_BUDGET = 40


class UnknownBlockError(NetAtlasError):
    """A block path that is not in the model (the message suggests the closest paths)."""


@dataclass(frozen=True)
class ExpansionChanged:
    """One change: the paths whose flag flipped (expanded, or a folded run unfolded), and the
    expanded set after it."""

    changed: frozenset[str]
    expanded: frozenset[str]


Callback = Callable[[ExpansionChanged], None]


@dataclass(frozen=True)
class ExpansionSnapshot:
    """What a layout reads: the open blocks and unfolded runs of one graph at one moment.

    Immutable, so a layout on a worker thread never sees a change half made; the state it came
    from goes on changing (and the window asks for a new layout) meanwhile.
    """

    graph: NetGraph
    index: BlockIndex
    expanded: frozenset[str]
    unfolded: frozenset[str] = frozenset()

    def is_expanded(self, path: str) -> bool:
        """True for open blocks, the root, and modules too small to be blocks (shown as ops)."""
        return path in self.expanded or not self.index.is_block(path)

    def subtree_key(self, path: str) -> frozenset[str]:
        """The expanded blocks and unfolded runs inside ``path``: what a cached sub-layout of it
        depends on."""
        marked = self.expanded | {"~" + p for p in self.unfolded}
        if not path:
            return frozenset(marked)
        prefix = path + "."
        return frozenset(p for p in marked if p.lstrip("~").startswith(prefix) or p == path)

    def snapshot(self) -> ExpansionSnapshot:
        return self


class ExpansionState:
    """The set of expanded blocks of one graph; the root is always open.

    ``depth=None`` picks a good depth for the model (see :meth:`default_expanded`); an int opens
    every block at that nesting depth or less (0 = every top-level block collapsed).
    """

    def __init__(self, graph: NetGraph, depth: int | None = None) -> None:
        self.graph = graph
        self.index = block_index(graph)
        self._subscribers: list[Callable[[], Callback | None]] = []
        self._expanded: set[str] = (
            self.default_expanded() if depth is None else self._up_to_depth(depth)
        )
        self._unfolded: set[str] = set()  # first members of folded runs shown in full

    # --- queries -------------------------------------------------------------------------------
    @property
    def expanded(self) -> frozenset[str]:
        return frozenset(self._expanded)

    def is_expanded(self, path: str) -> bool:
        """True for open blocks, the root, and modules too small to be blocks (shown as ops)."""
        self._check(path)
        return path in self._expanded or not self.index.is_block(path)

    @property
    def unfolded(self) -> frozenset[str]:
        """Runs of repeated blocks (by their first member) drawn in full although folding is on."""
        return frozenset(self._unfolded)

    def snapshot(self) -> ExpansionSnapshot:
        """This moment's open blocks and unfolded runs, for a layout to read on any thread."""
        return ExpansionSnapshot(self.graph, self.index, self.expanded, self.unfolded)

    def subtree_key(self, path: str) -> frozenset[str]:
        return self.snapshot().subtree_key(path)

    # --- changes (one event each) --------------------------------------------------------------
    def expand(self, path: str) -> None:
        self._set(self._blocks_of(path), set())

    def collapse(self, path: str) -> None:
        self._set(set(), self._blocks_of(path))

    def expand_many(self, paths: set[str] | frozenset[str]) -> None:
        """Open several blocks in one change (one redraw)."""
        opened: set[str] = set()
        for path in paths:
            opened |= self._blocks_of(path)
        self._set(opened, set())

    def set_unfolded(self, first_member: str, unfolded: bool) -> None:
        """Show a folded run in full (``unfolded``) or fold it again: one event."""
        self._check(first_member)
        if (first_member in self._unfolded) == unfolded:
            return
        if unfolded:
            self._unfolded.add(first_member)
        else:
            self._unfolded.discard(first_member)
        self._emit(frozenset({first_member}))

    def toggle(self, path: str) -> None:
        """Close an open block; open a closed one with any closed blocks around it (so that
        it is drawn open, not hidden in a closed ancestor)."""
        if self.is_expanded(path):
            self.collapse(path)
        else:
            self.expand_many({path, *self.index.block_chain.get(path, ())[:-1]})

    def reset(self) -> None:
        """Back to the default depth, every run folded again: one event."""
        target, unfolded = self.default_expanded(), self._unfolded
        changed = (target ^ self._expanded) | unfolded
        if not changed:
            return
        self._expanded, self._unfolded = target, set()
        self._emit(frozenset(changed))

    def expand_all_below(self, path: str) -> None:
        """Open ``path`` and every block inside it."""
        self._check(path)
        opened = set(self.index.descendants(path))
        if self.index.is_block(path):
            opened.add(path)
        self._set(opened, set())

    def set_depth(self, depth: int) -> None:
        target = self._up_to_depth(depth)
        self._set(target - self._expanded, self._expanded - target)

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call ``callback(event)`` after each change; returns the unsubscribe function.

        Bound methods are held weakly (a closed view must not be kept alive by its model);
        plain functions strongly, until unsubscribed.
        """
        if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
            ref: Callable[[], Callback | None] = weakref.WeakMethod(callback)
        else:

            def ref() -> Callback:
                return callback

        self._subscribers.append(ref)
        return lambda: self._subscribers.remove(ref) if ref in self._subscribers else None

    # --- rules ---------------------------------------------------------------------------------
    def default_expanded(self) -> set[str]:
        """Open blocks breadth first while about DEFAULT_VISIBLE_BUDGET items stay on screen.

        Recognised blocks (Inception, residual, dense, transition) stay closed: the book draws
        them as one glyph each. So GoogLeNet shows b1…b5 with closed Inception blocks, ResNet
        its stages with closed residual blocks, a torchvision model its top-level children.
        """
        modules, index = self.graph.modules, self.index
        expanded: set[str] = set()
        visible = len(index.block_children[""]) + _direct_ops(self.graph, index, "")
        frontier = list(index.block_children[""])
        while frontier:
            next_frontier: list[str] = []
            for path in frontier:
                if modules[path].structure in BLOCK_STRUCTURES:
                    continue
                inside = len(index.block_children[path]) + _direct_ops(self.graph, index, path)
                if visible + inside - 1 > DEFAULT_VISIBLE_BUDGET:
                    continue
                expanded.add(path)
                visible += inside - 1
                next_frontier.extend(index.block_children[path])
            frontier = next_frontier
        for kind in IDEA_STRUCTURES:
            first = next(
                (
                    p
                    for p in index.blocks
                    if modules[p].structure == kind
                    and all(a in expanded for a in index.block_chain[p][:-1])
                ),
                None,
            )
            if first is not None:
                expanded.add(first)
        return expanded

    def _up_to_depth(self, depth: int) -> set[str]:
        if not isinstance(depth, int) or depth < 0:
            raise NetAtlasError(f"expansion depth must be 0 or more, not {depth!r}: use e.g. 2")
        return {p for p in self.index.blocks if self.index.depth(p) <= depth}

    def _blocks_of(self, path: str) -> set[str]:
        self._check(path)
        return {path} if self.index.is_block(path) else set()

    def _check(self, path: str) -> None:
        if path in self.graph.modules:
            return
        close = difflib.get_close_matches(path, self.index.blocks, n=3, cutoff=0.5)
        if close:
            hint = f"did you mean {', '.join(close)}?"
        elif self.index.blocks:
            top = min(self.index.depth(p) for p in self.index.blocks)
            outer = [p for p in self.index.blocks if self.index.depth(p) == top]
            more = ", …" if len(outer) > 8 else ""
            hint = (
                f"its outermost blocks are {', '.join(outer[:8])}{more} "
                "(main.py info MODEL --depth N lists them all)"
            )
        else:
            hint = "it has no blocks to open."
        raise UnknownBlockError(f"no block {path!r} in {self.graph.model_name}: {hint}")

    def _set(self, opened: set[str], closed: set[str]) -> None:
        changed = (opened - self._expanded) | (closed & self._expanded)
        if not changed:
            return
        self._expanded = (self._expanded | opened) - closed
        self._emit(frozenset(changed))

    def _emit(self, changed: frozenset[str]) -> None:
        event = ExpansionChanged(changed, frozenset(self._expanded))
        for ref in list(self._subscribers):
            callback = ref()
            if callback is None:
                self._subscribers.remove(ref)
            else:
                callback(event)


def _direct_ops(graph: NetGraph, index: BlockIndex, path: str) -> int:
    """Ops whose innermost block is ``path`` (they show as items when it opens)."""
    ops = graph.modules[path].ops if path else list(graph.ops.nodes)
    chains = index.chain_of_op
    if not path:
        return sum(1 for op in ops if not chains[op])
    return sum(1 for op in ops if chains[op] and chains[op][-1] == path)
