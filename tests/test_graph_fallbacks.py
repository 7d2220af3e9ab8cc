"""Models fx cannot trace still get a graph (leaf retry, then hooks); bad inputs get one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch import nn

from models.errors import InputShapeError
from models.registry import get_spec
from netgraph import build_graph


class Gate(nn.Module):
    """Data-dependent control flow: fx cannot trace ``if tensor:``."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.sum() > 0:
            return x * 2
        return x


class GatedBlock(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.block = nn.Sequential(Gate(), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.pool(self.block(self.conv(x))), 1))


class GatedRoot(GatedBlock):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(x)
        if x.mean() > -1:  # always true on zeros; fx cannot decide it
            x = self.block(x)
        return self.fc(torch.flatten(self.pool(x), 1))


def test_data_dependent_submodule_becomes_a_leaf() -> None:
    model = GatedBlock()
    graph = build_graph(model, input_size=(3, 32, 32))
    assert graph.method == "fx-leaf"
    assert "'block.0'" in graph.method_note and "Gate" in graph.method_note
    gate = graph.ops.nodes["block_0"]
    assert gate["op"] == "call_module" and gate["shape"] == (1, 8, 30, 30)
    assert graph.ops.nodes["fc"]["shape"] == (1, 10)
    assert graph.total_params == sum(p.numel() for p in model.parameters())
    assert any(a["kind"] == "flatten" for _, a in graph.ops.nodes(data=True))


def test_data_dependent_root_falls_back_to_hooks() -> None:
    model = GatedRoot()
    graph = build_graph(model, input_size=(3, 32, 32))
    assert graph.method == "hooks"
    assert "GatedRoot" in graph.method_note and "root" in graph.method_note
    order = sorted(graph.ops.nodes(data=True), key=lambda item: item[1]["order"])
    assert [a["module_path"] for _, a in order] == [
        "",
        "conv",
        "block.0",
        "block.1",
        "pool",
        "fc",
        "",
    ]
    assert [a["kind"] for _, a in order] == [
        "input",
        "conv",
        "other",
        "relu",
        "pool",
        "linear",
        "output",
    ]
    assert graph.ops.nodes["conv"]["macs"] == 8 * 30 * 30 * 3 * 9
    assert list(graph.ops.successors("conv")) == ["block_0"]
    assert graph.total_params == sum(p.numel() for p in model.parameters())
    assert graph.modules["block"].output_shape == (1, 8, 30, 30)


def test_rejected_input_names_the_linear_layer_and_a_size_that_fits() -> None:
    with pytest.raises(InputShapeError) as caught:
        build_graph(get_spec("alexnet", (1, 112, 112)))
    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        "Input 1×1×112×112 rejected at '14' (Linear): expected 6400 features, got 1024. "
        "Try --input 1,224,224."
    )


def test_rejected_channels_and_too_small_images_name_the_layer() -> None:
    with pytest.raises(InputShapeError, match=r"at 'conv1' \(Conv2d\): expected 3 input channels"):
        build_graph(get_spec("torchvision.resnet18", (1, 64, 64)))
    with pytest.raises(InputShapeError, match=r"at '5' \(MaxPool2d\).*too small"):
        build_graph(get_spec("alexnet", (1, 32, 32)))
    with pytest.raises(InputShapeError, match=r"'conv' \(Conv2d\)"):
        build_graph(GatedRoot(), input_size=(4, 32, 32))  # rejected while recording hooks


GATED_FILE = """
import torch
from torch import nn


class Gate(nn.Module):
    def forward(self, x):
        return x * 2 if x.sum() > 0 else x


class Gated(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.gate = Gate()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.gate(self.conv(x)).mean((2, 3)))


class GatedRoot(Gated):
    def forward(self, x):
        x = self.conv(x)
        if x.sum() > 0:
            x = self.gate(x)
        return self.fc(x.mean((2, 3)))
"""


@pytest.mark.parametrize(("name", "method"), [("Gated", "fx-leaf"), ("GatedRoot", "hooks")])
def test_meta_tensors_give_way_to_real_zeros_where_values_decide(
    tmp_path: Path, name: str, method: str
) -> None:
    from models.registry import get_spec

    path = tmp_path / "gated.py"
    path.write_text(GATED_FILE, encoding="utf-8")
    graph = build_graph(get_spec(f"{path}:{name}", (3, 16, 16)))
    assert graph.method == method
    assert "zeros on the CPU" in graph.method_note
    assert graph.ops.nodes["output"]["shape"] == (1, 2)
    assert graph.total_params == 3 * 4 * 9 + 4 + 4 * 2 + 2
