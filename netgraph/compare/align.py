"""Which parts of several networks face each other: rows of units, one unit per column at most.

Units match by kind and order where the networks share them (a VGG block and a NiN block, a
convolution and a convolution), and otherwise by the spatial size of the maps entering them
(AlexNet's layers beside VGG's blocks at 56×56, 28×28, …). Each column's units stay in their
order: the rows are a weighted longest common subsequence, grown one column at a time
(progressive alignment); inside two matched open blocks of one kind, their units are aligned
too. A
unit alone in its row exists in only one column: the view marks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netgraph.compare.units import Unit

# Kinds decide first, sizes break ties; a run of units facing nothing costs GAP, so the
# networks stay lined up from the input (the book sets LeNet's layers against AlexNet's first
# ones, its extra convolutions facing nothing).
SAME_KIND, SAME_FAMILY, LAYERS_BESIDE_BLOCK, SAME_LEVEL, SAME_HEAD, GAP = 10, 6, 3, 1, 1, 5
_LAYERS_BESIDE_BLOCKS = ("conv", "pool", "block")


@dataclass
class Row:
    """Units of different columns that face each other (column index → unit)."""

    members: dict[int, Unit]
    children: list[Row] = field(default_factory=list)  # rows inside matched open blocks
    loose: bool = False  # layers set beside blocks: a unit alone here is no difference

    def walk(self):
        """This row, then the rows inside it, in flow order."""
        yield self
        for child in self.children:
            yield from child.walk()


def match_score(a: Unit, b: Unit, beside_blocks: bool = True) -> int:
    """How well two units of different columns face each other; 0: they do not.
    ``beside_blocks``: a layer may face a block (its own network has none to offer)."""
    same_level = a.level is not None and a.level == b.level
    if a.category == b.category:
        kind = SAME_KIND
    elif a.family == b.family and a.family in ("block", "merge"):
        kind = SAME_FAMILY
    elif (
        beside_blocks
        and same_level
        and a.is_block != b.is_block
        and a.family in _LAYERS_BESIDE_BLOCKS
        and b.family in _LAYERS_BESIDE_BLOCKS
    ):
        kind = LAYERS_BESIDE_BLOCK  # layers beside a block: only where the maps are alike
    else:
        return 0
    same_head = bool(a.head) and a.head == b.head  # "5×5 Conv" beside "5×5 Conv"
    return kind + (SAME_LEVEL if same_level else 0) + (SAME_HEAD if same_head else 0)


def _row_score(row: Row, unit: Unit, column: int, blocky: set[int]) -> int:
    """How well ``unit`` faces a row: its best match with any unit there. A layer faces a
    block only when its network has no blocks at this level (AlexNet's layers beside VGG's
    blocks, never NiN's max-pool beside a VGG block)."""
    return max(
        match_score(m, unit, (column if m.is_block else c) not in blocky)
        for c, m in row.members.items()
    )


def _add_column(rows: list[Row], column: int, units: list[Unit], blocky: set[int]) -> list[Row]:
    """``rows`` with ``units`` (one column, in order) matched into them or added alone: the
    best total score, each run of skipped rows or units costing GAP (Gotoh's affine gaps)."""
    n, m = len(rows), len(units)
    score = [[_row_score(r, u, column, blocky) for u in units] for r in rows]
    # best[i][j][s]: the most rows[i:] and units[j:] can score after a step of kind s
    # (0 a match, 1 a skipped row, 2 a skipped unit)
    best = [[[0, 0, 0] for _ in range(m + 1)] for _ in range(n + 1)]
    low = -(n + m + 1) * GAP * 2  # below any real total: "no such step"
    for i in range(n, -1, -1):
        here, below = best[i], best[i + 1] if i < n else None
        for j in range(m, -1, -1):
            if i == n and j == m:
                continue
            match = score[i][j] + below[j + 1][0] if below and j < m and score[i][j] else low
            skip_row = below[j][1] if below else low  # the gap's opening cost added below
            skip_unit = here[j + 1][2] if j < m else low
            cell = here[j]
            cell[0] = max(match, skip_row - GAP, skip_unit - GAP)
            cell[1] = max(match, skip_row, skip_unit - GAP)
            cell[2] = max(match, skip_row - GAP, skip_unit)
    merged: list[Row] = []
    i = j = s = 0
    while i < n or j < m:
        if i < n and j < m and score[i][j] and best[i][j][s] == score[i][j] + best[i + 1][j + 1][0]:
            rows[i].members[column] = units[j]
            merged.append(rows[i])
            i, j, s = i + 1, j + 1, 0
        elif i < n and best[i][j][s] == best[i + 1][j][1] - (GAP if s != 1 else 0):
            merged.append(rows[i])
            i, s = i + 1, 1
        else:
            merged.append(Row({column: units[j]}))
            j, s = j + 1, 2
    return merged


def align_units(columns: dict[int, list[Unit]]) -> list[Row]:
    """The rows of several columns' units (column index → units in flow order)."""
    blocky = {c for c, units in columns.items() if any(u.is_block for u in units)}
    mixed = bool(blocky) and len(blocky) < len(columns)
    rows: list[Row] = []
    for column, units in columns.items():
        if rows:
            rows = _add_column(rows, column, units, blocky)
        else:
            rows = [Row({column: u}) for u in units]
    for row in rows:
        row.loose = mixed and all(u.family in _LAYERS_BESIDE_BLOCKS for u in row.members.values())
        frames = {c: u for c, u in row.members.items() if u.role == "frame"}
        if len(frames) >= 2 and len({u.category for u in frames.values()}) == 1:
            row.children = align_units({c: u.children for c, u in frames.items()})
    return rows


def only_here(rows: list[Row], sorts: dict[int, set[str]] | None = None) -> dict[int, list[str]]:
    """Per column, the units that exist in this network only: alone in their row, and of a kind
    of layer or block (``Unit.sort``) that no other column has anywhere (``sorts``: per column,
    every kind it has, folded or closed ones too; without it, the rows alone decide). A unit
    alone in its row still has a counterpart when another column has an unmatched unit of its
    kind between the same two lined-up rows (VGG's max-pool inside its block, NiN's between
    its blocks); a block alone stands for everything inside it."""
    lone: list[tuple[int, Unit, int]] = []
    window = 0
    for top in rows:
        window += len(top.members) > 1
        for row in top.walk():
            if len(row.members) == 1 and not row.loose:
                ((column, unit),) = row.members.items()
                lone.append((column, unit, window))
    present = {(column, unit.category, w) for column, unit, w in lone}
    columns = {c for top in rows for c in top.members}
    alone: dict[int, list[str]] = {}
    for column, unit, w in lone:
        others = columns - {column}
        if any((c, unit.category, w) in present for c in others):
            continue
        if sorts is not None and (
            unit.sort == "identity" or any(unit.sort in sorts.get(c, ()) for c in others)
        ):
            continue
        alone.setdefault(column, []).append(unit.id)
    return alone
