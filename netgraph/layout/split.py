"""Closed blocks that still show their idea: a residual block's ⊕ and shortcut, a dense layer's
concatenation.

A closed block is normally one box. A block built round one merge is drawn split instead: its
main part is the box, the merge its glyph, and the few ops on the merge's other side (the ReLU
after a ⊕, a 1×1 projection on the shortcut) their own items. So ResNet at its default depth
shows every shortcut entering its ⊕, and an open dense block its running concatenations, with
no block opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netgraph.layout.drawn import DrawnOps
from netgraph.model import Structure

if TYPE_CHECKING:
    from netgraph.layout.blocks import BlockIndex

MAX_SIDE_OPS = 3  # ops drawn on their own beside the box: a ReLU, a projection (conv, BN, pool)


def split_plans(index: BlockIndex, drawn: DrawnOps) -> dict[str, dict[str, str]]:
    """block → {op inside it → the item drawing that op when the block is closed}."""
    graph = index.graph
    order = dict(graph.ops.nodes(data="order", default=0))
    residuals: dict[str, list] = {}
    for s in graph.structures_of("residual"):
        residuals.setdefault(s.module, []).append(s)
    dense_merges = {m: s.module for s in graph.structures_of("dense") for m in s.merges}
    plans = {}
    for block in index.blocks:
        ops = sorted(
            (op for op in graph.modules[block].ops if op not in drawn.hidden),
            key=order.__getitem__,
        )
        merges = [op for op in ops if dense_merges.get(op, block) != block]
        if len(residuals.get(block, [])) == 1 and not merges:
            plan = _residual_plan(residuals[block][0], block, ops, order, index)
        elif len(merges) == 1 and merges[0] == ops[0] and len(ops) > 1:
            plan = {op: block for op in ops} | {merges[0]: merges[0]}  # a dense layer
        else:
            plan = None
        if plan is not None:
            plans[block] = plan
    return plans


def _residual_plan(
    s: Structure, block: str, ops: list[str], order: dict[str, int], index: BlockIndex
) -> dict[str, str] | None:
    """Body → the block's box, ⊕ → its glyph, what follows the ⊕ and the shortcut → their own
    items (a shortcut inside a sub-block, like torchvision's ``downsample``, as that block)."""
    merge = s.merge
    if merge not in ops:
        return None
    body, shortcut = set(s.branches[0]), set(s.branches[1]) if len(s.branches) > 1 else set()
    before = [op for op in ops if order[op] < order[merge]]
    after = [op for op in ops if order[op] > order[merge]]
    if not body or not set(before) <= body | shortcut or len(after) > MAX_SIDE_OPS:
        return None
    plan = {op: block for op in body if op in before}
    plan[merge] = merge
    plan.update({op: op for op in after})
    depth = index.depth(block)
    for op in shortcut:
        inner = index.chain_of_op[op]
        plan[op] = inner[depth] if len(inner) > depth else op  # its sub-block, or itself
    return plan
