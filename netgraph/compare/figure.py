"""The compare figure as plain geometry: columns side by side, their facing stages on one row.

Each column is a single model's diagram, laid out as always and then stretched along its flow
(:mod:`netgraph.layout.stretch`) so that the units the alignment matched start at the same
distance from the input end. Columns sit side by side across the flow (stacked, in "lr"),
aligned at the input end, one scale for all, each titled with its model's name, parameters and
MACs. Faint guide lines cross the figure where a stage starts (blocks facing blocks, or the
maps of every column reaching a new size); they break round every box, glyph and text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from netgraph.compare.align import Row, align_units, only_here
from netgraph.compare.units import Unit, network_sorts, unit_tree
from netgraph.layout.geometry import Diagram, Rect
from netgraph.layout.sizing import text_extent
from netgraph.layout.stretch import (
    CUT_MARGIN,
    clear_cut,
    flow_axis,
    stretch,
    upstream_border,
    upstream_sign,
)
from netgraph.model import NetGraph

COLUMN_GAP = 56.0  # between columns
TITLE_PX, SUBTITLE_PX, NOTE_PX, GUIDE_PX = 15, 11, 12, 10
TITLE_H, SUBTITLE_H, NOTE_H, GUIDE_H = 20.0, 15.0, 17.0, 13.0
TITLE_GAP = 14.0  # between a column's title and its drawing
GUIDE_OFFSETS = (8.0, 14.0, 20.0, 5.0, 26.0)  # how far upstream of its stage a guide may run
PARALLEL_CLEAR = 5.0  # no guide runs closer than this along a line
GUIDE_CLEAR = 3.0  # room a guide leaves round what it breaks for
MIN_GUIDE_SPACING = 2 * GUIDE_H
GUIDE_TAIL = 12.0  # a guide runs on past the last column, so it never ends on a line


@dataclass
class ColumnInput:
    """One column to place: its diagram (laid out alone), graph and title lines."""

    name: str  # the model as named, e.g. "vgg11"
    title: str  # "VGG-11"
    subtitle: str  # "129 M params · 7.61 G MACs"
    diagram: Diagram
    graph: NetGraph
    only: str | None = None  # the block the column shows alone, if any


@dataclass
class Column:
    """A placed column: its (stretched) diagram in its own coordinates, and where it sits."""

    name: str
    title: str
    subtitle: str
    diagram: Diagram
    offset: tuple[float, float]
    title_rect: Rect
    subtitle_rect: Rect
    only: str | None = None
    only_here: list[str] = field(default_factory=list)  # ids without a counterpart elsewhere

    @property
    def rect(self) -> Rect:
        return (*self.offset, self.diagram.width, self.diagram.height)


@dataclass
class AlignedRow:
    """Units of several columns starting at one flow coordinate ``at`` (the figure's)."""

    members: dict[int, str]  # column → item id
    at: float
    stage: bool = False  # a guide marks it


@dataclass
class Guide:
    """A faint line across the figure at a stage, broken round everything it would cross."""

    at: float
    caption: str  # the maps' size in each column, e.g. "56×56 · 54×54"
    caption_rect: Rect
    segments: list[tuple[float, float, float, float]]  # x0, y0, x1, y1


@dataclass
class CompareFigure:
    columns: list[Column]
    rows: list[AlignedRow]
    guides: list[Guide]
    width: float
    height: float
    orientation: str
    style: str
    lang: str
    title: str
    note_lines: list[str] = field(default_factory=list)  # the point the figure makes
    note_rects: list[Rect] = field(default_factory=list)


def compare_figure(inputs: list[ColumnInput], note: str = "") -> CompareFigure:
    """Align, stretch and place the columns' diagrams (all in one orientation)."""
    orientation = inputs[0].diagram.orientation
    trees = {i: _shown(unit_tree(c.diagram, c.graph), c.only) for i, c in enumerate(inputs)}
    rows = align_units(trees)
    sorts = {i: network_sorts(c.graph, trees[i], c.only) for i, c in enumerate(inputs)}
    alone = only_here(rows, sorts) if len(inputs) > 1 else {}
    for i, c in enumerate(inputs):
        if c.only and i in alone:  # what feeds a block's figure is context, not a difference
            inside = {u.id for top in trees[i] if top.id == c.only for u in _descendants(top)}
            alone[i] = [x for x in alone[i] if x in inside]
    diagrams, aligned = _line_up([c.diagram for c in inputs], rows, orientation)
    figure = _place(inputs, diagrams, aligned, orientation, note)
    for i, column in enumerate(figure.columns):
        column.only_here = alone.get(i, [])
    return figure


def _shown(tree: list[Unit], only: str | None) -> list[Unit]:
    """A block's figure lines up as far as the block: what it feeds is only context."""
    if only:
        for k, unit in enumerate(tree):
            if unit.id == only:
                return tree[: k + 1]
    return tree


def _descendants(unit: Unit):
    for child in unit.children:
        yield child
        yield from _descendants(child)


# lining up ---------------------------------------------------------------------------------
@dataclass
class _Track:
    """A column while cuts are chosen: the gaps so far, in its own first coordinates."""

    diagram: Diagram
    cuts: list[tuple[float, float]] = field(default_factory=list)

    def shifted(self, v: float) -> float:
        return v + sum(gap for cut, gap in self.cuts if cut < v)

    def from_input(self, border: float, orientation: str) -> float:
        """Distance of a border from the input end, with the gaps so far."""
        axis = flow_axis(orientation)
        if upstream_sign(orientation) > 0:
            extent = (self.diagram.width, self.diagram.height)[axis]
            return extent + sum(g for _, g in self.cuts) - self.shifted(border)
        return self.shifted(border)


def _line_up(
    diagrams: list[Diagram], rows: list[Row], orientation: str
) -> tuple[list[Diagram], list[tuple[Row, dict[int, str], float, bool]]]:
    """Stretch each diagram so that every row's members start equally far from the input end;
    returns the stretched diagrams and (row, aligned members, distance, stage?) per row.

    A cut moves what lies beyond it, so a column is only cut downstream of everything already
    lined up in it (a unit beside an earlier one keeps its place rather than undo a row)."""
    axis, sign = flow_axis(orientation), upstream_sign(orientation)
    tracks = [_Track(d) for d in diagrams]
    lined: dict[int, float] = {}  # per column, the most downstream border lined up so far
    done: list[tuple[Row, dict[int, str], float, bool]] = []
    previous: dict[int, int | None] = {}
    for top in rows:
        for row in top.walk():
            stage = row is top and _is_stage(row, previous)
            if row is top:
                previous.update({c: u.level for c, u in row.members.items()})
            if len(row.members) < 2:
                continue
            borders = {
                c: upstream_border(u.rect, orientation)
                for c, u in row.members.items()
                if c not in lined or sign * (upstream_border(u.rect, orientation) - lined[c]) <= 0
            }  # a unit upstream of a row already lined up in its column keeps its place
            if len(borders) < 2:
                continue
            reach = {c: tracks[c].from_input(b, orientation) for c, b in borders.items()}
            target = max(reach.values())
            members = {}
            for column, border in borders.items():
                if target - reach[column] > 0.01:
                    at = border + sign * CUT_MARGIN
                    cut = clear_cut(tracks[column].diagram, axis, at, sign)
                    if cut is None or (column in lined and sign * (cut - lined[column]) > 0):
                        continue  # no clear line before it: this column keeps its place
                    tracks[column].cuts.append((cut, target - reach[column]))
                members[column] = row.members[column].id
            if len(members) >= 2:
                lined.update({c: borders[c] for c in members})
                done.append((row, members, target, stage))
    return [stretch(t.diagram, axis, t.cuts) for t in tracks], done


def _is_stage(row: Row, previous: dict[int, int | None]) -> bool:
    """Blocks facing blocks, or every column's maps just reached a new size (not the input)."""
    units = list(row.members.values())
    if len(units) < 2:
        return False
    if all(u.is_block for u in units):
        return True
    levels = [u.level for u in units]
    if any(level is None for level in levels) or any(u.category == "input" for u in units):
        return False
    return all(previous.get(c) not in (None, u.level) for c, u in row.members.items())


# placing -----------------------------------------------------------------------------------
def _wrap(text: str, px: int, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_extent(f"{lines[-1]} {word}", px) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _caption(row: Row, members: dict[int, str]) -> str:
    sides = []
    for column in sorted(members):
        side = row.members[column].side
        text = f"{side[0]}×{side[1]}" if side else ""
        if text and text not in sides:
            sides.append(text)
    return " · ".join(sides)


def _place(
    inputs: list[ColumnInput],
    diagrams: list[Diagram],
    aligned: list[tuple[Row, dict[int, str], float, bool]],
    orientation: str,
    note: str,
) -> CompareFigure:
    axis, sign = flow_axis(orientation), upstream_sign(orientation)
    across = 1 - axis
    captions = [(_caption(row, members), dist) for row, members, dist, stage in aligned if stage]
    caption_w = max((text_extent(c, GUIDE_PX) + 6 for c, _ in captions if c), default=0.0)
    slots = []
    for c, d in zip(inputs, diagrams, strict=True):
        title_w = max(
            text_extent(c.title, TITLE_PX, bold=True), text_extent(c.subtitle, SUBTITLE_PX)
        )
        breadth = (d.width, d.height)[across]
        slots.append((math.ceil(max(breadth, title_w if axis == 1 else 0.0)), breadth, title_w))
    length = max((d.width, d.height)[axis] for d in diagrams)
    heading = TITLE_H + SUBTITLE_H + TITLE_GAP
    if axis == 1:  # columns side by side, titles above them, guide captions on the left
        left = caption_w + 8.0 if captions else 0.0
        span = left + sum(s[0] for s in slots) + COLUMN_GAP * (len(slots) - 1)
    else:  # "lr": rows stacked, each titled above, guide captions along the top
        left = 0.0
        span = length
    note_lines = _wrap(note, NOTE_PX, max(span, 480.0)) if note else []
    top = len(note_lines) * NOTE_H + (10.0 if note_lines else 0.0)
    note_rects = [
        (0.0, i * NOTE_H, math.ceil(text_extent(line, NOTE_PX)) + 2, NOTE_H)
        for i, line in enumerate(note_lines)
    ]
    columns: list[Column] = []
    if axis == 1:
        top += heading
        x = left
        for c, d, (slot, breadth, title_w) in zip(inputs, diagrams, slots, strict=True):
            dx = x + (slot - breadth) / 2
            dy = top + (length - d.height if sign > 0 else 0.0)
            tx = x + slot / 2
            columns.append(_column(c, d, (dx, dy), tx - title_w / 2, top - heading))
            x += slot + COLUMN_GAP
        width, height = x - COLUMN_GAP + (GUIDE_TAIL if captions else 0.0), top + length
        flow_start = top
    else:
        top += GUIDE_H + 6.0 if captions else 0.0
        y = top
        for c, d, (slot, _, _) in zip(inputs, diagrams, slots, strict=True):
            columns.append(_column(c, d, (0.0, y + heading), 0.0, y))
            y += heading + slot + COLUMN_GAP
        width = max(length, *(s[2] for s in slots))
        height = y - COLUMN_GAP + (GUIDE_TAIL if captions else 0.0)
        flow_start = 0.0
    width = max([width] + [r[2] for r in note_rects])

    def absolute(dist: float) -> float:
        return flow_start + (length - dist if sign > 0 else dist)

    rows = [AlignedRow(m, absolute(dist), stage) for _, m, dist, stage in aligned]
    guides = _guides(columns, rows, aligned, orientation, (left, top, width, height), caption_w)
    figure = CompareFigure(
        columns,
        rows,
        guides,
        width,
        height,
        orientation,
        inputs[0].diagram.style,
        inputs[0].diagram.lang,
        " | ".join(c.title for c in inputs),
        note_lines,
        note_rects,
    )
    return figure


def _column(c: ColumnInput, d: Diagram, offset: tuple[float, float], tx: float, ty: float):
    tw = math.ceil(text_extent(c.title, TITLE_PX, bold=True)) + 2
    sw = math.ceil(text_extent(c.subtitle, SUBTITLE_PX)) + 2
    title_w = max(tw, sw)
    return Column(
        c.name,
        c.title,
        c.subtitle,
        d,
        offset,
        (tx + (title_w - tw) / 2, ty, tw, TITLE_H),
        (tx + (title_w - sw) / 2, ty + TITLE_H, sw, SUBTITLE_H),
        c.only,
    )


def _runs_across(columns: list[Column], axis: int) -> list[tuple[float, float, float]]:
    """Every line segment running across the flow: (flow coordinate, from, to)."""
    across = 1 - axis
    out = []
    for col in columns:
        for e in col.diagram.edges:
            for a, b in zip(e.points, e.points[1:], strict=False):
                if abs(a[axis] - b[axis]) < 0.01 and abs(a[across] - b[across]) > 0.01:
                    shift = col.offset[axis]
                    lo, hi = sorted((a[across], b[across]))
                    out.append((a[axis] + shift, lo + col.offset[across], hi + col.offset[across]))
    return out


def _guide_at(border: float, sign: int, axis: int, obstacles: list[Rect], runs) -> float:
    """Where a guide for a stage starting at ``border`` runs: just upstream of it, where it
    crosses no box or text and runs along no line; the first offset if none is clear."""
    for offset in GUIDE_OFFSETS:
        at = border + sign * offset
        crossing = any(
            r[axis] - GUIDE_CLEAR < at < r[axis] + r[axis + 2] + GUIDE_CLEAR for r in obstacles
        )
        along = any(abs(v - at) < PARALLEL_CLEAR for v, _, _ in runs)
        if not crossing and not along:
            return at
    return border + sign * GUIDE_OFFSETS[0]


def _obstacles(columns: list[Column]) -> list[Rect]:
    """Everything a guide must not cross, in figure coordinates."""
    out: list[Rect] = []
    for col in columns:
        d, (ox, oy) = col.diagram, col.offset
        rects = [(b.x, b.y, b.w, b.h) for b in d.boxes]
        rects += [(g.x - g.r, g.y - g.r, 2 * g.r, 2 * g.r) for g in d.glyphs]
        rects += [f.title_rect for f in d.frames if f.title_rect]
        rects += [e.label_rect for e in d.edges if e.label and e.label_rect]
        rects += [g.label_rect for g in d.glyphs if g.caption and g.label_rect]
        out += [(r[0] + ox, r[1] + oy, r[2], r[3]) for r in rects]
        out += [col.title_rect, col.subtitle_rect]
    return out


def _guides(
    columns: list[Column],
    rows: list[AlignedRow],
    aligned: list[tuple[Row, dict[int, str], float, bool]],
    orientation: str,
    bounds: tuple[float, float, float, float],
    caption_w: float,
) -> list[Guide]:
    axis, sign = flow_axis(orientation), upstream_sign(orientation)
    across = 1 - axis
    left, top, width, height = bounds
    obstacles, runs = _obstacles(columns), _runs_across(columns, axis)
    guides: list[Guide] = []
    for row, (unit_row, members, _, _) in zip(rows, aligned, strict=True):
        if not row.stage:
            continue
        at = _guide_at(row.at, sign, axis, obstacles, runs)
        if guides and abs(at - guides[-1].at) < MIN_GUIDE_SPACING:
            continue
        caption = _caption(unit_row, members)
        cw = math.ceil(text_extent(caption, GUIDE_PX)) + 4
        if axis == 1:
            caption_rect = (left - 8.0 - cw, at - GUIDE_H / 2, cw, GUIDE_H)
            start, end = left, width
        else:
            caption_rect = (at - cw / 2, top - GUIDE_H - 6.0, cw, GUIDE_H)
            start, end = top, height
        blocked = sorted(
            (r[across] - GUIDE_CLEAR, r[across] + r[across + 2] + GUIDE_CLEAR)
            for r in obstacles
            if r[axis] - GUIDE_CLEAR < at < r[axis] + r[axis + 2] + GUIDE_CLEAR
        )
        segments = []
        for lo, hi in _free(start, end, blocked):
            if hi - lo >= 6.0:
                segments.append((lo, at, hi, at) if axis == 1 else (at, lo, at, hi))
        guides.append(Guide(at, caption, caption_rect, segments))
    return guides


def _free(start: float, end: float, blocked: list[tuple[float, float]]):
    """The parts of [start, end] outside every blocked interval (sorted by start)."""
    pos = start
    for lo, hi in blocked:
        if lo > pos:
            yield (pos, min(lo, end))
        pos = max(pos, hi)
        if pos >= end:
            return
    if pos < end:
        yield (pos, end)


def figure_json(figure: CompareFigure) -> dict:
    """Plain JSON: each column's single-model layout (``diagram_to_json``) with its offset."""
    from netgraph.layout.diagram import diagram_to_json

    return {
        "kind": "compare",
        "title": figure.title,
        "orientation": figure.orientation,
        "style": figure.style,
        "lang": figure.lang,
        "width": figure.width,
        "height": figure.height,
        "note": figure.note_lines,
        "note_rects": [list(r) for r in figure.note_rects],
        "columns": [
            {
                "model": c.name,
                "title": c.title,
                "subtitle": c.subtitle,
                "only": c.only,
                "offset": list(c.offset),
                "title_rect": list(c.title_rect),
                "subtitle_rect": list(c.subtitle_rect),
                "only_here": c.only_here,
                "layout": diagram_to_json(c.diagram),
            }
            for c in figure.columns
        ],
        "rows": [
            {"members": {str(k): v for k, v in r.members.items()}, "at": r.at, "stage": r.stage}
            for r in figure.rows
        ],
        "guides": [
            {
                "at": g.at,
                "caption": g.caption,
                "caption_rect": list(g.caption_rect),
                "segments": [list(s) for s in g.segments],
            }
            for g in figure.guides
        ],
    }
