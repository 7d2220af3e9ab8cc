"""The op graph and module tree of real networks: totals, MACs, labels, shapes, order."""

from __future__ import annotations

import functools

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from models.registry import book_models, get_spec
from netgraph import build_graph
from netgraph.hierarchy import execution_order
from netgraph.model import KINDS, NetGraph

BOOK = [spec.name for spec in book_models()]
TORCHVISION = ["torchvision.resnet50", "torchvision.densenet121", "torchvision.googlenet"]


@functools.cache
def graph_of(name: str) -> NetGraph:
    return build_graph(get_spec(name))


def labels(graph: NetGraph) -> list[str]:
    ops = sorted(graph.ops.nodes(data=True), key=lambda item: item[1]["order"])
    return [attrs["label"] for _, attrs in ops]


@pytest.mark.parametrize("name", BOOK + TORCHVISION)
def test_total_and_unused_params_add_up_to_the_models_parameter_count(name: str) -> None:
    with torch.device("meta"):
        model = get_spec(name).build()
    graph = graph_of(name)
    assert graph.total_params + graph.unused_params == sum(p.numel() for p in model.parameters())
    assert graph.module_params == sum(p.numel() for p in model.parameters())
    # only googlenet's auxiliary classifiers never run in an evaluation-mode forward
    assert graph.unused_params == (6_379_984 if name == "torchvision.googlenet" else 0)


def real_forward(name: str) -> tuple[dict[str, int], dict[str, list[tuple[int, ...]]]]:
    """FLOPs per aten op (torch's own counter) and output shapes of every leaf module call,
    from a real CPU forward of batch 1."""
    spec = get_spec(name)
    model = spec.build().eval()
    shapes: dict[str, list[tuple[int, ...]]] = {}
    for path, module in model.named_modules():
        if not list(module.children()):
            module.register_forward_hook(
                lambda m, i, out, path=path: shapes.setdefault(path, []).append(tuple(out.shape))
            )
    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        model(torch.zeros(1, *spec.input_size))
    flops = {str(op): n for op, n in counter.get_flop_counts()["Global"].items()}
    return flops, shapes


@pytest.mark.parametrize("name", BOOK + TORCHVISION)
def test_macs_and_shapes_agree_with_a_real_forward(name: str) -> None:
    flops, real_shapes = real_forward(name)
    conv_flops = sum(n for op, n in flops.items() if "convolution" in op)
    linear_flops = sum(n for op, n in flops.items() if op in ("aten.addmm", "aten.mm"))

    ops = graph_of(name).ops.nodes(data=True)
    conv_macs = sum(a["macs"] for _, a in ops if a["kind"] == "conv")
    linear_macs = sum(a["macs"] for _, a in ops if a["kind"] == "linear")
    assert conv_flops > 0
    assert 2 * conv_macs == pytest.approx(conv_flops, rel=0.01)
    assert 2 * linear_macs == pytest.approx(linear_flops, rel=0.01)

    traced: dict[str, list[tuple[int, ...]]] = {}
    for _, attrs in sorted(ops, key=lambda item: item[1]["order"]):
        if attrs["op"] == "call_module" and attrs["target"] in real_shapes:
            traced.setdefault(attrs["target"], []).append(attrs["shape"])
    assert traced == real_shapes


def test_every_op_has_the_schema_attributes() -> None:
    graph = graph_of("torchvision.googlenet")
    for _, attrs in graph.ops.nodes(data=True):
        assert attrs["kind"] in KINDS
        assert attrs["op"] in (
            "placeholder",
            "call_module",
            "call_function",
            "call_method",
            "get_attr",
            "output",
        )
        assert isinstance(attrs["label"], str) and attrs["label"]
        assert isinstance(attrs["hparams"], dict)
        assert attrs["macs"] >= 0 and attrs["params"] >= 0


def test_alexnet_labels_read_like_the_books_figure() -> None:
    graph = graph_of("alexnet")
    assert labels(graph)[:4] == [
        "Input 1×224×224",
        "11×11 Conv (96), stride 4, pad 1",
        "ReLU",
        "3×3 MaxPool, stride 2",
    ]
    assert "5×5 Conv (256), pad 2" in labels(graph)
    assert labels(graph)[-5:] == ["Linear (4096)", "ReLU", "Dropout 0.5", "Linear (10)", "Output"]
    assert "Flatten" in labels(graph)


def test_labels_of_pooling_activation_and_merges() -> None:
    assert {"Sigmoid", "2×2 AvgPool, stride 2", "5×5 Conv (6), pad 2"} <= set(
        labels(graph_of("lenet"))
    )
    resnet = labels(graph_of("resnet18"))
    assert {"Global AvgPool", "Add", "BatchNorm (64)", "7×7 Conv (64), stride 2, pad 3"} <= set(
        resnet
    )
    assert "Concat" in labels(graph_of("googlenet"))


def test_from_scratch_batchnorm_is_one_bn_op() -> None:
    graph = graph_of("lenet-bn-scratch")
    scratch = [a for _, a in graph.ops.nodes(data=True) if a["module_type"] == "BatchNorm"]
    assert [a["label"] for a in scratch][:2] == ["BatchNorm (6)", "BatchNorm (16)"]
    for attrs in scratch:
        assert attrs["kind"] == "bn" and attrs["op"] == "call_module"
        inside = graph.modules[attrs["module_path"]].ops
        assert len(inside) == 1  # nothing of its forward leaks into the graph
        assert attrs["params"] == 2 * attrs["hparams"]["num_features"]


def test_shapes_on_nodes_and_edges() -> None:
    graph = graph_of("torchvision.resnet50")
    assert graph.ops.nodes["x"]["shape"] == (1, 3, 224, 224)
    assert graph.ops.nodes["conv1"]["shape"] == (1, 64, 112, 112)
    assert graph.ops.nodes["conv1"]["dtype"] == "float32"
    assert graph.ops.nodes["output"]["shape"] == (1, 1000)
    for source, _, attrs in graph.ops.edges(data=True):
        assert attrs["shape"] == graph.ops.nodes[source]["shape"]


def test_merges_exist_and_concat_belongs_to_its_inception_block() -> None:
    googlenet = graph_of("torchvision.googlenet")
    concats = [a for _, a in googlenet.ops.nodes(data=True) if a["kind"] == "concat"]
    assert [a["module_path"] for a in concats][:2] == ["inception3a", "inception3b"]
    assert all(a["module_type"] == "Inception" for a in concats)
    concat = next(n for n, a in googlenet.ops.nodes(data=True) if a["kind"] == "concat")
    assert googlenet.ops.in_degree(concat) == 4  # the four branches meet here
    assert googlenet.ops.nodes[concat]["shape"] == (1, 256, 28, 28)

    book = graph_of("googlenet")
    for _, attrs in book.ops.nodes(data=True):
        if attrs["kind"] == "concat":
            assert book.modules[attrs["module_path"]].type_name == "Inception"

    adds = [
        a for _, a in graph_of("torchvision.resnet18").ops.nodes(data=True) if a["kind"] == "add"
    ]
    assert len(adds) == 8 and adds[0]["module_path"] == "layer1.0"


def test_module_tree_totals_and_output_shapes() -> None:
    graph = graph_of("resnet18")
    model = get_spec("resnet18").build()
    modules = dict(model.named_modules())
    for path, info in graph.modules.items():
        assert info.params == sum(p.numel() for p in modules[path].parameters())
        assert info.macs == sum(graph.ops.nodes[op]["macs"] for op in info.ops)
        inside = [
            a
            for _, a in graph.ops.nodes(data=True)
            if not path or a["module_path"] == path or a["module_path"].startswith(path + ".")
        ]
        assert {a["order"] for a in inside} == {graph.ops.nodes[op]["order"] for op in info.ops}
        last = max(inside, key=lambda a: a["order"])
        assert info.output_shape == last["shape"]
        assert info.depth == (path.count(".") + 1 if path else 0)
    assert graph.modules[""].children == [str(i) for i in range(8)]
    assert graph.modules["1"].output_shape == (1, 64, 56, 56)
    assert graph.total_macs == sum(a["macs"] for _, a in graph.ops.nodes(data=True))


class SharedAndUnused(nn.Module):
    """One Linear applied twice, a parameter shared by two modules, a module that never runs."""

    def __init__(self) -> None:
        super().__init__()
        self.shared = nn.Linear(8, 8)
        self.twin = nn.Linear(8, 8)
        self.twin.weight = self.shared.weight
        self.unused = nn.Conv2d(3, 4, 3)
        self.scale = nn.Parameter(torch.ones(8))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.twin(self.shared(self.shared(x))) * self.scale


def test_shared_and_unused_parameters_are_counted_once() -> None:
    model = SharedAndUnused()
    graph = build_graph(model, input_size=(8,))
    assert graph.module_params == sum(p.numel() for p in model.parameters()) == 8 * 8 + 8 * 3 + 112
    assert graph.total_params == 8 * 8 + 8 * 3  # what the graph calls; the rest is reported
    assert graph.unused_modules == ["unused"] and graph.unused_params == 112
    assert graph.unused_reason == "never called for this input"
    assert graph.warnings == [
        "112 parameters in unused are not in the graph: never called for this input."
    ]
    assert graph.modules["unused"].ops == [] and graph.modules["unused"].output_shape is None
    assert graph.modules["unused"].params == 4 * 3 * 9 + 4
    calls = [a for _, a in graph.ops.nodes(data=True) if a["module_path"] == "shared"]
    assert len(calls) == 2 and graph.modules["shared"].macs == 2 * 8 * 8
    assert graph.modules["twin"].params == 8  # its weight is the shared one, counted at "shared"
    assert graph.input_shape == (1, 8) and graph.ops.nodes["output"]["shape"] == (1, 8)


def test_execution_order() -> None:
    graph = graph_of("torchvision.densenet121")
    orders = sorted(a["order"] for _, a in graph.ops.nodes(data=True))
    assert orders == list(range(len(graph.ops)))
    for source, target in graph.ops.edges:
        assert graph.ops.nodes[source]["order"] < graph.ops.nodes[target]["order"]
    paths = execution_order(graph.modules, graph.ops)
    assert paths[0] == "" and set(paths) == set(graph.modules)
    position = {p: i for i, p in enumerate(paths)}
    for path in paths[1:]:
        assert position[path.rpartition(".")[0]] < position[path]  # parents first
    top = [p for p in paths if graph.modules[p].depth == 1]
    assert top == ["features", "classifier"]
    blocks = [p for p in paths if p.startswith("features.denseblock") and p.count(".") == 1]
    assert blocks == [f"features.denseblock{i}" for i in range(1, 5)]


def test_graph_build_restores_training_mode() -> None:
    model = get_spec("lenet").build().train()
    build_graph(model, input_size=(1, 28, 28))
    assert model.training


def test_an_input_is_named_as_forward_names_it() -> None:
    """nn.Sequential's forward takes ``input``; fx calls its node ``input_1`` (it never shadows
    a builtin), but the Input… dialog and the JSON speak of forward's own parameter."""
    graph = build_graph(get_spec("lenet"))
    inputs = [a for _, a in graph.ops.nodes(data=True) if a["op"] == "placeholder"]
    assert [a["target"] for a in inputs] == ["input"]
