"""The graph NetAtlas draws and reports: ops, the module tree, recognised structures.

Produced by :func:`netgraph.build_graph`, read by the layout, the CLI and the app. Plain data:
no Qt, no torch tensors (shapes are tuples of ints), so it is cheap to keep and to test.

Op graph (``NetGraph.ops``, a ``networkx.DiGraph``), node id = the fx node name, attributes:
    kind         one of KINDS
    op           fx op: placeholder, call_module, call_function, call_method, output
    target       module path for call_module, function/method name otherwise
    module_path  the innermost module the op runs in ("" = the root), e.g. "b3.0.p2.1"; a block
                 called several times has one path per call: "blk", "blk@2", "blk@3" (the
                 calls after the first are modules of their own, ``ModuleInfo.call_of``)
    module_type  class name of the called module (call_module) or of the owning module
    label        human label, e.g. "3×3 Conv (64), pad 1"
    shape        output shape, tuple of ints including the batch dimension (None if unknown)
    dtype        output dtype as a string, e.g. "float32"
    params       parameters owned by this op (call_module only; 0 otherwise)
    macs         multiply-accumulates of this op for the traced input
    measured     True if ``macs`` was measured by running the op (no formula knows it)
    cost_unknown True if the op computes but no MAC of it could be counted
    hparams      dict of hyper-parameters (kernel_size, stride, padding, in/out channels, …)
    order        execution order (int)
    outputs      all of the op's outputs: a shape, or a list/dict of them when it returns
                 several (an LSTM's output and state); None for non-tensor values
Edge attributes: ``shape`` of the tensor flowing along it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

KINDS = (
    "input",
    "output",
    "conv",
    "linear",
    "bn",  # BatchNorm (and the book's from-scratch BatchNorm)
    "norm",  # LayerNorm, GroupNorm, LocalResponseNorm, …
    "relu",
    "activation",  # sigmoid, tanh, GELU, SiLU, hardswish, softmax, …
    "pool",
    "dropout",
    "flatten",
    "concat",
    "add",
    "mul",
    "reshape",  # view/reshape/permute/transpose/squeeze/…
    "attention",
    "other",
)

STRUCTURE_KINDS = ("inception", "residual", "dense", "transition", "repeat")

CALL_MARK = "@"  # "blk@2": the second call of the block "blk"

TRACE_METHODS = ("fx", "fx-leaf", "hooks")


@dataclass
class ModuleInfo:
    """A node of the module hierarchy, with totals over everything inside it."""

    path: str  # "" for the root, "b3.0" for a child of a child
    type_name: str  # class name, e.g. "Inception"
    depth: int  # 0 = root, 1 = top-level child
    children: list[str] = field(default_factory=list)  # child paths, in definition order
    ops: list[str] = field(default_factory=list)  # op ids directly or indirectly inside
    params: int = 0
    macs: int = 0
    output_shape: tuple[int, ...] | None = None  # the first tensor of the last call's output
    structure: str | None = None  # a STRUCTURE_KINDS entry if this module is one
    # what each call returned, in call order: a shape (tuple), a list of outputs, a dict of
    # them (HRNet's branch lists, a pooling that returns indices, a backbone's feature dict)
    outputs: list[Any] = field(default_factory=list)
    # a later call of a block (path "blk@2"): the module it calls again, whose row it shares
    call_of: str = ""

    @property
    def calls(self) -> int:
        """How many times the forward called it for this input (0 if unknown or never)."""
        return len(self.outputs)


def module_of_call(path: str) -> str:
    """The module a call path names: "blk@2.conv" -> "blk.conv"."""
    if CALL_MARK not in path:
        return path
    return ".".join(part.partition(CALL_MARK)[0] for part in path.split("."))


def first_shape(outputs: Any) -> tuple[int, ...] | None:
    """The first tensor's shape in an ``outputs`` structure."""
    if isinstance(outputs, tuple):
        return outputs
    items = outputs.values() if isinstance(outputs, dict) else outputs or []
    for item in items:
        found = first_shape(item)
        if found is not None:
            return found
    return None


def module_chain(
    modules: dict[str, ModuleInfo], path: str, type_name: Callable[[str, bool], str]
) -> list[ModuleInfo]:
    """The modules from the root down to dotted ``path``, adding any missing to ``modules``
    (named by ``type_name(prefix, is_leaf)``): the tree that hand-built graphs' paths imply."""
    parts = path.split(".") if path else []
    chain = [modules[""]]
    for depth in range(1, len(parts) + 1):
        prefix = ".".join(parts[:depth])
        if prefix not in modules:
            chain[-1].children.append(prefix)
            modules[prefix] = ModuleInfo(prefix, type_name(prefix, depth == len(parts)), depth)
        chain.append(modules[prefix])
    return chain


@dataclass
class Structure:
    """A recognised architectural pattern.

    inception:  module = the block's path; branches = op-id lists (one per parallel path);
                merge = the concat op.
    residual:   module; branches = [body ops, shortcut ops] (shortcut [] = identity);
                merge = the add op; projection = True if the shortcut has a conv.
    dense:      module = the dense block; merges = its concat ops (one per layer).
    transition: module = the transition block.
    repeat:     module = the parent; members = paths of identical consecutive siblings.
    """

    kind: str
    module: str
    branches: list[list[str]] = field(default_factory=list)
    merge: str | None = None
    merges: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    projection: bool = False


@dataclass
class NetGraph:
    """A traced model: ops, modules, structures, how it was traced and what that leaves out.

    Anything short of a complete fx trace is said in ``warnings`` (sentences for the CLI and
    the app's banner) and listed by module path: ``opaque_modules`` (drawn as one box, traced
    no further; their MACs measured by running them), ``unknown_cost_modules`` (they compute,
    but no formula or measurement counted a MAC), ``unused_modules`` (the top-most modules the
    forward never called for this input; their ``unused_params`` are not in ``total_params``);
    ``traced_modules`` are the modules a hook recording (``method == "hooks"``) could still
    trace with fx as they were called: drawn op by op.
    """

    model_name: str
    input_shape: tuple[int, ...]  # the first input's, with batch dimension (all: input_shapes)
    ops: nx.DiGraph
    modules: dict[str, ModuleInfo]  # path -> info, root under ""
    structures: list[Structure]
    method: str  # a TRACE_METHODS entry
    method_note: str = ""  # which module needed the leaf retry / hook fallback, and why
    trainable_params: int = 0  # parameters with requires_grad (frozen ones left out)
    weight_bytes: int = 0  # memory of the parameters and buffers at their dtypes
    block_names: dict[str, str] = field(default_factory=dict)  # module path -> the book's name
    warnings: list[str] = field(default_factory=list)
    opaque_modules: list[str] = field(default_factory=list)
    unknown_cost_modules: list[str] = field(default_factory=list)
    unused_modules: list[str] = field(default_factory=list)
    unused_params: int = 0
    unused_reason: str = ""  # why: "used only in training mode", "never called for this input"
    input_shapes: list[tuple[int, ...]] = field(default_factory=list)  # every input, batch incl.
    traced_modules: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.input_shapes = self.input_shapes or [self.input_shape]

    @property
    def total_params(self) -> int:
        """Parameters of the modules the graph calls (``unused_params`` live outside it)."""
        return self.modules[""].params - self.unused_params

    @property
    def module_params(self) -> int:
        """Every parameter the module holds, called or not."""
        return self.modules[""].params

    @property
    def total_macs(self) -> int:
        return self.modules[""].macs

    def structures_of(self, kind: str) -> list[Structure]:
        return [s for s in self.structures if s.kind == kind]
