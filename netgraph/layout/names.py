"""What a block is called in a diagram: the book's name, or one derived from the model.

The book's networks name their blocks through their spec (``NetGraph.block_names``: "b3",
"VGG block 2", "Dense layer 1"). Any other block is named, in this order of preference, by its
attribute name (``layer1``, ``features``, ``inception3a``), its class (``Bottleneck 3``), its
recognised kind (``Residual 2``) or, for a bare numbered container, ``Block 4``; numbers follow
the reading order, never the module index. The module path stays in tooltips and the inspector.
"""

from __future__ import annotations

import re

from netgraph.model import NetGraph
from netgraph.words import word

GENERIC_CONTAINERS = {"Sequential", "ModuleList", "ModuleDict"}
STRUCTURE_TERMS = {
    "inception": "Inception",
    "residual": "Residual",
    "dense": "Dense block",
    "transition": "Transition",
}
_NUMBERED = re.compile(r"(.+?)((?: \d+)(?:–\d+)?)?")


def derive_block_names(graph: NetGraph, blocks: list[str]) -> dict[str, str]:
    """English names of ``blocks`` (translate with :func:`localise`)."""
    order = dict(graph.ops.nodes(data="order", default=0))

    def first_op(path: str) -> int:
        return min((order[op] for op in graph.modules[path].ops), default=0)

    terms: dict[str, str] = {}
    names: dict[str, str] = {}
    for path in blocks:
        info = graph.modules[path]
        attribute = path.rpartition(".")[2]
        if path in graph.block_names:
            names[path] = graph.block_names[path]
        elif not attribute.isdigit():
            names[path] = attribute
        elif info.type_name not in GENERIC_CONTAINERS:
            terms[path] = info.type_name
        else:
            terms[path] = STRUCTURE_TERMS.get(info.structure or "", "Block")
    count: dict[str, int] = {}
    for term in terms.values():
        count[term] = count.get(term, 0) + 1
    seen: dict[str, int] = {}
    for path in sorted(terms, key=first_op):
        term = terms[path]
        seen[term] = seen.get(term, 0) + 1
        names[path] = f"{term} {seen[term]}" if count[term] > 1 else term
    return names


def localise(name: str, lang: str) -> str:
    """ "VGG block 3" → "VGG块 3" in Chinese; names from the model's code stay as they are."""
    if lang == "en":
        return name
    match = _NUMBERED.fullmatch(name)
    if match is None:
        return name
    term, number = match.group(1), match.group(2) or ""
    return f"{word(term, lang)}{number}"


def run_name(names: list[str]) -> str:
    """One name for a folded run: "Inception 1–2" when the members are numbered in a row."""
    parsed = [_NUMBERED.fullmatch(n) for n in names]
    if all(m and m.group(2) and "–" not in m.group(2) for m in parsed):
        terms = {m.group(1) for m in parsed if m}
        numbers = [int(m.group(2)) for m in parsed if m]
        if len(terms) == 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return f"{terms.pop()} {numbers[0]}–{numbers[-1]}"
    return f"{names[0]} … {names[-1]}"


def layer_title(graph: NetGraph, path: str, lang: str = "en") -> str:
    """A layer as a person names it: "BatchNorm (16) · b2" (its kind, its channels, the block
    it is in), for lists that would otherwise show module paths ("1", "5")."""
    info = graph.modules.get(path)
    if info is None:
        return path
    kind = re.sub(r"\d[dD]$", "", info.type_name)  # BatchNorm2d -> BatchNorm
    shape = info.output_shape  # with the batch: (1, C, …)
    text = f"{kind} ({shape[1]})" if shape and len(shape) > 1 else kind
    parents = [p for p in graph.modules if p and path.startswith(p + ".")]
    named = [p for p in parents if p in graph.block_names]  # the book's b2, VGG block 1
    if named:
        block = max(named, key=len)
        return f"{text} · {localise(graph.block_names[block], lang)}"
    blocks = [p for p, m in graph.modules.items()
              if p and m.children and m.type_name not in GENERIC_CONTAINERS]  # fmt: skip
    inside = [p for p in blocks if p in parents]
    if not inside:
        return text
    block = max(inside, key=len)
    return f"{text} · {localise(derive_block_names(graph, blocks)[block], lang)}"
