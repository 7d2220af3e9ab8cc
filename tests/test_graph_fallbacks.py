"""Models fx cannot trace still get a graph (leaf retry, then hooks); bad inputs get one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch import nn

from errors import InputShapeError
from models.registry import get_spec
from netgraph import build_graph
from netgraph.meta_build import build_on_meta


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


FALLBACKS = Path(__file__).with_name("fallback_models.py")


def direct_macs(module: nn.Module, x: torch.Tensor) -> int:
    """Half of torch's own FLOP count of one run of ``module`` (a MAC is two FLOPs)."""
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with torch.no_grad(), counter:
        module(x)
    return counter.get_total_flops() // 2


def info_json(capsys: pytest.CaptureFixture[str], name: str) -> tuple[dict, str]:
    import json

    import main

    code = main.main(["info", f"{FALLBACKS}:{name}", "--input", "3,16,16", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


@pytest.mark.parametrize(("name", "method"), [("LeafNet", "fx-leaf"), ("HookNet", "hooks")])
def test_fallbacks_say_so_in_the_json_and_on_stderr(
    capsys: pytest.CaptureFixture[str], name: str, method: str
) -> None:
    data, err = info_json(capsys, name)
    assert data["method"] == method
    assert data["opaque_modules"] == ["mix"]
    assert data["warnings"]
    assert err.splitlines() == [f"warning: {w}" for w in data["warnings"]]
    assert any("'mix'" in w and "drawn as one box" in w for w in data["warnings"])
    # the opaque box's MACs are measured: what torch's FLOP counter finds in one run of it
    from models.user import load_module

    mixer = load_module(FALLBACKS).Mixer(8)
    mix = next(row for row in data["layers"] if row["path"] == "mix")
    assert mix["macs"] == direct_macs(mixer, torch.zeros(1, 8, 16, 16)) == 8 * 8 * 16 * 16
    assert mix["output_shape"] == [1, 8, 16, 16]


def test_hooks_record_what_each_forward_returned_and_what_never_ran(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, _ = info_json(capsys, "HookNet")
    rows = {row["path"]: row for row in data["layers"]}
    # the block's own product, not its gate's 1×1 (the last op the hooks saw inside it)
    assert rows["se"]["output_shape"] == [1, 8, 16, 16]
    assert rows["se.expand"]["output_shape"] == [1, 8, 1, 1]
    assert data["unused_modules"] == ["spare"] and data["unused_params"] == 8 * 8 + 8
    assert data["unused_reason"] == "never called for this input"
    assert rows["spare"]["output_shape"] is None
    assert data["unknown_cost_modules"] == ["se"]  # x * gate: computed, no MAC counted
    graph = build_graph(get_spec(f"{FALLBACKS}:HookNet", (3, 16, 16)))
    # the edge into the mixer carries what flowed in (x * gate), not the gate's 1×1 output
    assert graph.ops.edges["se_expand", "mix"]["shape"] == (1, 8, 16, 16)
    # the root's own matrix product (x @ project) no hook sees is measured into its total
    drawn = sum(row["macs"] for row in data["layers"] if row["depth"] == 1)
    assert data["total_macs"] == drawn + 8 * 8
    assert any("the root module" in w and "own forward" in w for w in data["warnings"])
    params = sum(p.numel() for p in load_hooknet().parameters())
    assert data["total_params"] == params - data["unused_params"]


def load_hooknet() -> nn.Module:
    from models.user import load_module

    return load_module(FALLBACKS).HookNet()


def test_a_complete_fx_trace_has_no_warnings() -> None:
    graph = build_graph(get_spec("resnet18"))
    assert graph.method == "fx" and graph.warnings == []
    assert graph.opaque_modules == graph.unknown_cost_modules == graph.unused_modules == []


def test_exported_graph_files_carry_the_warnings() -> None:
    from netgraph.export import node_link

    graph = build_graph(get_spec(f"{FALLBACKS}:LeafNet", (3, 16, 16)))
    attrs = node_link(graph)["graph"]
    assert attrs["method"] == "fx-leaf" and attrs["warnings"] == graph.warnings
    assert attrs["opaque_modules"] == ["mix"] and attrs["unused_modules"] == []
    mix = next(n for n in node_link(graph)["nodes"] if n["id"] == "mix")
    assert mix["measured"] is True and mix["macs"] == 8 * 8 * 16 * 16


def test_hooks_draw_op_by_op_what_fx_can_trace_as_it_was_called() -> None:
    graph = build_graph(get_spec(f"{FALLBACKS}:SplitNet", (3, 16, 16)))
    assert graph.method == "hooks" and graph.traced_modules == ["se", "pair"]
    assert any(
        "torch.fx traced 'se', 'pair' as called: drawn op by op" in w for w in graph.warnings
    )
    ops = graph.ops.nodes
    # the squeeze-excitation's own product, x * gate, is drawn: fed by the conv and the gate
    mul = next(
        op
        for op, a in graph.ops.nodes(data=True)
        if a["module_path"] == "se" and a["kind"] == "mul"
    )
    assert set(graph.ops.predecessors(mul)) == {"conv", "sigmoid"}
    assert ops[mul]["shape"] == (1, 8, 16, 16) and ops[mul]["macs"] == 8 * 16 * 16
    # the pair block was called with a list of two tensors and returned both
    assert graph.modules["pair"].outputs == [[(1, 8, 16, 16), (1, 8, 16, 16)]]
    assert {a["kind"] for a in ops.values() if a["module_path"] == "pair"} == {"add"}
    params = sum(p.numel() for p in build_on_meta(get_spec(f"{FALLBACKS}:SplitNet")).parameters())
    assert graph.total_params == params and graph.unknown_cost_modules == [""]
