"""The layout's output: plain geometry, the one thing the renderer, the JSON export and the
geometry tests read. Coordinates are in scene units (1 unit = 1 px at scale 1), origin top-left,
y growing downwards, whatever the orientation of the flow.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Point = tuple[float, float]


@dataclass
class Box:
    """A layer (op) or a collapsed block, drawn as a labelled rectangle."""

    id: str  # op id, or the module path of a collapsed block
    kind: str  # op kind (netgraph.model.KINDS) or "block"
    x: float  # top-left corner
    y: float
    w: float
    h: float
    label: str  # first line, e.g. "3×3 Conv (64), pad 1"
    sublabel: str = ""  # second line, e.g. "64×48×48 · 1.8k params"
    module_path: str = ""
    block_kind: str | None = None  # for collapsed blocks: inception, residual, dense, …
    repeat: int = 1  # > 1: a folded stack of identical blocks, drawn with "×N"
    tooltip: str = ""


@dataclass
class Frame:
    """An expanded block: a titled container around its laid-out contents."""

    id: str  # module path
    kind: str  # structure kind (inception, residual, …) or "block"
    x: float
    y: float
    w: float
    h: float
    title: str  # e.g. "Inception b3.0"
    depth: int = 1  # nesting depth, for the renderer's shading


@dataclass
class Glyph:
    """A merge node drawn as a symbol: "add" is a ⊕ circle, "concat" a rounded [ , ] box."""

    id: str  # op id of the add/cat
    kind: str  # "add" or "concat"
    x: float  # centre
    y: float
    r: float  # radius (half-size for concat)
    label: str = ""
    tooltip: str = ""


@dataclass
class Edge:
    """An orthogonal polyline from one item's border to another's (corners rounded when drawn)."""

    source: str
    target: str
    points: list[Point]
    label: str = ""  # tensor shape, e.g. "64×56×56"
    label_pos: Point | None = None
    skip: bool = False  # a residual shortcut or a dense skip: drawn routed round blocks


@dataclass
class Diagram:
    """Everything one layout produced."""

    boxes: list[Box] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    glyphs: list[Glyph] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    orientation: str = "bt"  # bt (book), tb, lr
    title: str = ""

    def to_json_dict(self) -> dict:
        return asdict(self)
