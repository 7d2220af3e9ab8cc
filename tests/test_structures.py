"""Block recognition: small hand-built op graphs for each rule, then the real networks."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from netgraph.model import ModuleInfo, Structure, module_chain
from netgraph.structures import recognise_structures

# --- hand-built graphs -------------------------------------------------------------------------

Op = tuple  # (id, kind, module_path, inputs, shape[, hparams])


def _graph(*ops: Op, types: dict[str, str] | None = None) -> tuple[nx.DiGraph, dict]:
    """An op graph in netgraph.model's schema and the module tree its module paths imply."""
    graph = nx.DiGraph()
    modules = {"": ModuleInfo(path="", type_name="Net", depth=0)}
    for order, (op_id, kind, path, inputs, shape, *hparams) in enumerate(ops):
        graph.add_node(
            op_id,
            kind=kind,
            module_path=path,
            shape=shape,
            hparams=hparams[0] if hparams else {},
            order=order,
        )
        for source in inputs:
            graph.add_edge(source, op_id, shape=graph.nodes[source]["shape"])
        for info in module_chain(modules, path, lambda p, _: (types or {}).get(p, "Sequential")):
            info.ops.append(op_id)
    for info in modules.values():
        if info.ops:
            info.output_shape = graph.nodes[info.ops[-1]]["shape"]
    return graph, modules


def _recognise(*ops: Op, types: dict[str, str] | None = None) -> list[Structure]:
    return recognise_structures(*_graph(*ops, types=types))


S = (1, 8, 16, 16)  # a feature map shape
C1 = {"kernel_size": (1, 1)}
C3 = {"kernel_size": (3, 3)}


def test_inception_branches_in_definition_order_and_module_is_the_block():
    found = _recognise(
        ("x", "input", "", [], S),
        ("stem", "conv", "stem", ["x"], S, C3),
        ("p1", "conv", "blk.p1", ["stem"], S, C1),
        ("p2a", "conv", "blk.p2a", ["stem"], S, C1),
        ("p2b", "conv", "blk.p2b", ["p2a"], S, C3),
        ("p3a", "pool", "blk.p3a", ["stem"], S),
        ("p3b", "conv", "blk.p3b", ["p3a"], S, C1),
        ("cat", "concat", "blk", ["p1", "p2b", "p3b"], (1, 24, 16, 16)),
        ("out", "output", "", ["cat"], None),
    )
    assert found == [
        Structure(
            kind="inception",
            module="blk",
            branches=[["p1"], ["p2a", "p2b"], ["p3a", "p3b"]],
            merge="cat",
        )
    ]


def test_concat_of_cross_connected_branches_is_not_inception():
    found = _recognise(
        ("x", "input", "", [], S),
        ("a", "conv", "a", ["x"], S),
        ("b", "conv", "b", ["x"], S),
        ("mix", "add", "", ["a", "b"], S),  # a leaks into the other branch
        ("cat", "concat", "", ["a", "mix"], S),
    )
    assert [s.kind for s in found] == []


def test_concat_of_the_block_input_itself_is_not_inception():
    found = _recognise(
        ("x", "input", "", [], S),
        ("f", "conv", "f", ["x"], S),
        ("cat", "concat", "", ["x", "f"], S),
    )
    assert found == []  # one such concat is neither an Inception block nor a dense block


def test_identity_and_projection_residuals():
    found = _recognise(
        ("x", "input", "", [], S),
        ("c1", "conv", "r1.conv1", ["x"], S, C3),
        ("r", "relu", "r1", ["c1"], S),
        ("c2", "conv", "r1.conv2", ["r"], S, C3),
        ("add1", "add", "r1", ["c2", "x"], S),
        ("out1", "relu", "r1", ["add1"], S),
        ("d1", "conv", "r2.conv1", ["out1"], S, C3),
        ("d2", "conv", "r2.conv2", ["d1"], S, C3),
        ("proj", "conv", "r2.conv3", ["out1"], S, C1),
        ("pbn", "bn", "r2.bn3", ["proj"], S),
        ("add2", "add", "r2", ["d2", "pbn"], S),
    )
    assert found == [
        Structure(kind="residual", module="r1", branches=[["c1", "r", "c2"], []], merge="add1"),
        Structure(
            kind="residual",
            module="r2",
            branches=[["d1", "d2"], ["proj", "pbn"]],
            merge="add2",
            projection=True,
        ),
    ]


def test_unused_tuple_item_in_the_body_keeps_the_residual():
    found = _recognise(
        ("x", "input", "", [], S),
        ("ln", "norm", "blk.ln", ["x"], S),
        ("attn", "attention", "blk.attn", ["ln"], S),
        ("out", "other", "blk", ["attn"], S),  # x, _ = attn(...)
        ("weights", "other", "blk", ["attn"], S),  # the unused attention weights
        ("add", "add", "blk", ["out", "x"], S),
        ("result", "output", "", ["add"], None),
    )
    assert [(s.kind, s.module, s.branches) for s in found] == [
        ("residual", "blk", [["ln", "attn", "out"], []])
    ]


def test_add_of_two_long_paths_or_of_two_inputs_is_not_residual():
    found = _recognise(
        ("x", "input", "", [], S),
        ("y", "input", "", [], S),
        ("a1", "conv", "a", ["x"], S),
        ("a2", "conv", "a", ["a1"], S),
        ("a3", "conv", "a", ["a2"], S),
        ("a4", "conv", "a", ["a3"], S),
        ("b1", "conv", "b", ["x"], S),
        ("b2", "conv", "b", ["b1"], S),
        ("b3", "conv", "b", ["b2"], S),
        ("b4", "conv", "b", ["b3"], S),
        ("two_towers", "add", "", ["a4", "b4"], S),
        ("two_inputs", "add", "", ["x", "y"], S),
    )
    assert found == []


def _dense_layer(index: int, running: str, block: str) -> list[Op]:
    path = f"{block}.net.{index}"
    return [
        (f"bn{index}", "bn", f"{path}.0", [running], S),
        (f"conv{index}", "conv", f"{path}.2", [f"bn{index}"], S, C3),
    ]


def _book_dense_block(block: str, source: str, layers: int) -> list[Op]:
    """The book's DenseBlock: X = cat(X, conv_block(X)), ``layers`` times."""
    ops: list[Op] = []
    running = source
    for i in range(layers):
        ops += _dense_layer(i, running, block)
        ops.append((f"cat{i}", "concat", block, [running, f"conv{i}"], S))
        running = f"cat{i}"
    return ops


def test_book_dense_block_and_its_transition():
    found = _recognise(
        ("x", "input", "", [], S),
        *_book_dense_block("1", "x", 3),
        ("tbn", "bn", "2.0", ["cat2"], (1, 32, 16, 16)),
        ("tconv", "conv", "2.2", ["tbn"], (1, 16, 16, 16), C1),
        ("tpool", "pool", "2.3", ["tconv"], (1, 16, 8, 8)),
        ("head", "conv", "3", ["tpool"], (1, 16, 8, 8), C1),
    )
    assert found == [
        # the conv blocks repeat, each fed by the previous one through a concatenation
        Structure(kind="repeat", module="1.net", members=["1.net.0", "1.net.1", "1.net.2"]),
        Structure(kind="dense", module="1", merges=["cat0", "cat1", "cat2"]),
        Structure(kind="transition", module="2"),
    ]


def test_torchvision_dense_block_concatenates_growing_feature_lists():
    ops: list[Op] = [("x", "input", "", [], S)]
    features = ["x"]
    for i in range(3):
        layer = f"block.layer{i}"
        width = 8 * (i + 1)  # each layer sees more channels, and still repeats the first
        ops += [
            (f"cat{i}", "concat", layer, list(features), (1, width, 16, 16)),
            (f"conv{i}", "conv", f"{layer}.conv", [f"cat{i}"], S, {"in_channels": width}),
        ]
        features.append(f"conv{i}")
    ops.append(("final", "concat", "block", list(features), S))
    found = _recognise(*ops)
    assert found == [
        Structure(kind="dense", module="block", merges=["cat0", "cat1", "cat2", "final"]),
        Structure(kind="repeat", module="block", members=[f"block.layer{i}" for i in range(3)]),
    ]


def test_pooling_module_without_a_channel_cut_is_not_a_transition():
    found = _recognise(
        ("x", "input", "", [], S),
        *_book_dense_block("1", "x", 2),
        ("tconv", "conv", "2.0", ["cat1"], (1, 16, 16, 16), C3),  # 3×3, not 1×1
        ("tpool", "pool", "2.1", ["tconv"], (1, 16, 8, 8)),
    )
    assert [s.kind for s in found] == ["repeat", "dense"]


def _block(path: str, source: str, channels: int, kernel: int = 3) -> list[Op]:
    shape = (1, channels, 8, 8)
    hp = {"kernel_size": (kernel, kernel), "out_channels": channels}
    return [
        (f"{path}_a", "conv", f"{path}.a", [source], shape, hp),
        (f"{path}_r", "relu", path, [f"{path}_a"], shape),
    ]


def test_repeat_needs_chained_siblings_of_one_structure():
    """Channel counts may differ (GoogLeNet's Inception blocks all do); kernels may not."""
    types = {f"stage.{i}": "Block" for i in range(5)}
    found = _recognise(
        ("x", "input", "", [], S),
        *_block("stage.0", "x", 16, kernel=5),  # another kernel: not part of the run
        *_block("stage.1", "stage.0_r", 16),  # another width: part of it
        *_block("stage.2", "stage.1_r", 32),
        *_block("stage.3", "stage.2_r", 32),
        *_block("stage.4", "stage.2_r", 32),  # identical but parallel to stage.3
        types=types,
    )
    assert found == [
        Structure(kind="repeat", module="stage", members=["stage.1", "stage.2", "stage.3"])
    ]


def test_sibling_layers_of_one_kind_are_not_a_repeat():
    found = _recognise(
        ("x", "input", "", [], S),
        ("a", "relu", "seq.0", ["x"], S),
        ("b", "relu", "seq.1", ["a"], S),
    )
    assert found == []


# --- the real networks -------------------------------------------------------------------------


def _real(name: str) -> tuple[list[Structure], dict[str, ModuleInfo]]:
    """Structures recognised on the traced graph of a registered model, and its module tree."""
    from models.registry import get_spec
    from netgraph import build_graph

    graph = build_graph(get_spec(name))
    return recognise_structures(graph.ops, graph.modules), graph.modules


def _of(found: list[Structure], kind: str) -> list[Structure]:
    return [s for s in found if s.kind == kind]


def test_book_googlenet_has_nine_four_branch_inception_blocks():
    found, modules = _real("googlenet")
    blocks = _of(found, "inception")
    assert [s.module for s in blocks] == ["2.0", "2.1", "3.0", "3.1", "3.2", "3.3", "3.4"] + [
        "4.0",
        "4.1",
    ]
    assert all(modules[s.module].type_name == "Inception" for s in blocks)
    assert all(len(s.branches) == 4 for s in blocks)
    assert [s.members for s in _of(found, "repeat")] == [
        ["2.0", "2.1"],
        ["3.0", "3.1", "3.2", "3.3", "3.4"],
        ["4.0", "4.1"],
    ]  # the book's 2 ×, 5 ×, 2 ×
    assert Counter(s.kind for s in found) == {"inception": 9, "repeat": 3}


def test_book_resnet18_has_eight_residual_blocks_three_with_projection():
    found, modules = _real("resnet18")
    blocks = _of(found, "residual")
    assert len(blocks) == 8
    assert [s.module for s in blocks if s.projection] == ["2.0", "3.0", "4.0"]
    assert all(modules[s.module].type_name == "Residual" for s in blocks)
    assert all(len(s.branches[1]) == (1 if s.projection else 0) for s in blocks)


def test_book_densenet_has_four_dense_blocks_and_three_transitions():
    found, modules = _real("densenet")
    dense = _of(found, "dense")
    assert [modules[s.module].type_name for s in dense] == ["DenseBlock"] * 4
    assert [len(s.merges) for s in dense] == [4, 4, 4, 4]
    assert [s.module for s in _of(found, "transition")] == ["2", "4", "6"]


@pytest.mark.parametrize("name", ["lenet", "alexnet", "nin", "lenet-bn"])
def test_plain_chains_have_no_structures(name):
    found, _ = _real(name)
    assert found == []


def test_vgg_blocks_of_one_layer_sequence_repeat():
    found, _ = _real("vgg11")
    assert [s.members for s in found] == [["0", "1"], ["2", "3", "4"]]  # 1 conv, then 2 convs


def test_torchvision_googlenet_and_inception_v3():
    found, modules = _real("torchvision.googlenet")
    blocks = _of(found, "inception")
    assert len(blocks) == 9
    assert blocks[0].module == "inception3a"
    assert all(modules[s.module].type_name == "Inception" for s in blocks)
    assert all(len(s.branches) == 4 for s in blocks)

    found, _ = _real("torchvision.inception_v3")
    assert len(_of(found, "inception")) >= 10


def test_torchvision_resnet50_residuals_and_repeated_stage():
    found, modules = _real("torchvision.resnet50")
    blocks = _of(found, "residual")
    assert len(blocks) == 16
    assert [s.module for s in blocks if s.projection] == [f"layer{i}.0" for i in range(1, 5)]
    assert all(modules[s.module].type_name == "Bottleneck" for s in blocks)
    # the first block of each stage projects its shortcut, and still belongs to the run
    assert [len(s.members) for s in _of(found, "repeat")] == [3, 4, 6, 3]
    assert Structure(
        kind="repeat", module="layer3", members=[f"layer3.{i}" for i in range(6)]
    ) in _of(found, "repeat")


def test_torchvision_densenet121_dense_blocks_and_transitions():
    found, _ = _real("torchvision.densenet121")
    dense = _of(found, "dense")
    assert [s.module for s in dense] == [f"features.denseblock{i}" for i in range(1, 5)]
    # one concat per dense layer (6, 12, 24, 16) plus the block's closing concat
    assert [len(s.merges) for s in dense] == [7, 13, 25, 17]
    transitions = [s.module for s in _of(found, "transition")]
    assert transitions == [f"features.transition{i}" for i in range(1, 4)]
