"""The layout's output: plain geometry, the one thing the renderer, the JSON export and the
geometry tests read. Coordinates are in scene units (1 unit = 1 px at scale 1), origin top-left,
y growing downwards, whatever the orientation of the flow.

Every piece of text outside a box has its rectangle here (a frame's ``title_rect``, an edge's
``label_rect``, a glyph's ``label_rect``), placed by the layout so that none crosses another,
a line, a box or a glyph: any tool can check that, and the renderer draws text exactly there.
In the "lr" orientation the drawing is the book's bottom-to-top figure turned a quarter turn
clockwise, text included (``Diagram.text_rotation`` = 90): rectangles are given as drawn.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, width, height


def altered(item, **changes):
    """A copy of a geometry item with ``changes``: ``dataclasses.replace`` without re-running
    ``__init__`` (these plain records have no checks), as moving a figure's thousands of items
    wants it cheap."""
    new = object.__new__(type(item))
    new.__dict__.update(item.__dict__, **changes)
    return new


def moved_rect(rect: Rect | None, dx: float, dy: float) -> Rect | None:
    return None if rect is None else (rect[0] + dx, rect[1] + dy, rect[2], rect[3])


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
    repeat: int = 1  # > 1: a folded run of repeated blocks
    tooltip: str = ""
    mark: str = ""  # "3 ×" for a folded run, drawn at the box's start (inside it)

    def moved(self, dx: float, dy: float) -> Box:
        return altered(self, x=self.x + dx, y=self.y + dy)


@dataclass
class Frame:
    """An expanded block: a titled container around its laid-out contents."""

    id: str  # module path
    kind: str  # structure kind (inception, residual, …) or "block"
    x: float
    y: float
    w: float
    h: float
    title: str  # e.g. "Inception 3", "b3", or "2 × Inception 1–2" for a folded run
    depth: int = 1  # nesting depth, for the renderer's shading
    title_rect: Rect | None = None
    tooltip: str = ""  # the block's class and module path
    repeat: int = 1  # > 1: this open block stands for a folded run of that many

    def moved(self, dx: float, dy: float) -> Frame:
        title_rect = moved_rect(self.title_rect, dx, dy)
        return altered(self, x=self.x + dx, y=self.y + dy, title_rect=title_rect)


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
    caption: str = ""  # drawn beside the glyph ("Concat"), in ``label_rect``
    label_rect: Rect | None = None

    def moved(self, dx: float, dy: float) -> Glyph:
        label_rect = moved_rect(self.label_rect, dx, dy)
        return altered(self, x=self.x + dx, y=self.y + dy, label_rect=label_rect)


@dataclass
class Edge:
    """An orthogonal polyline from one item's border to another's (corners rounded when drawn)."""

    source: str
    target: str
    points: list[Point]
    label: str = ""  # the shape drawn beside the edge, e.g. "64×56×56" ("" = none drawn)
    label_rect: Rect | None = None  # where ``label`` is drawn
    skip: bool = False  # a residual shortcut or a dense skip: drawn routed round blocks
    shape: str = ""  # the tensor's shape, drawn or not (shown once per tensor)

    def moved(self, dx: float, dy: float) -> Edge:
        points = [(x + dx, y + dy) for x, y in self.points]
        return altered(self, points=points, label_rect=moved_rect(self.label_rect, dx, dy))


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
    style: str = "detailed"  # or "book": the book's wording, fills and omissions
    lang: str = "en"  # language of the labels: "en" or "zh"

    @property
    def text_rotation(self) -> int:
        """Degrees clockwise every label is turned: 90 in "lr" (a quarter-turned figure)."""
        return 90 if self.orientation == "lr" else 0

    def element(self, ident: str) -> Box | Glyph | Frame | None:
        """The box, glyph or frame drawn for ``ident`` (an op id or a block path)."""
        return next((e for e in (*self.boxes, *self.glyphs, *self.frames) if e.id == ident), None)

    def label_of(self, ident: str) -> str:
        """What the diagram calls ``ident``: a box's or glyph's label, a frame's title (the id
        itself when it is not drawn or has no words)."""
        element = self.element(ident)
        text = element.title if isinstance(element, Frame) else getattr(element, "label", "")
        return text or ident

    def box_for_module(self, path: str) -> Box | None:
        """The box showing module ``path``: its own layer's box, else the closed block's box
        that holds it (the innermost)."""
        for box in self.boxes:
            if box.kind != "block" and box.module_path == path:
                return box
        holders = [b for b in self.boxes if b.kind == "block" and path.startswith(b.id + ".")]
        return max(holders, key=lambda b: len(b.id), default=None)

    def centre_of(self, ident: str) -> Point | None:
        """Where ``ident`` is drawn (its centre), or None."""
        element = self.element(ident)
        if element is None:
            return None
        if isinstance(element, Glyph):
            return (element.x, element.y)
        return (element.x + element.w / 2, element.y + element.h / 2)

    def to_json_dict(self) -> dict:
        return asdict(self)
