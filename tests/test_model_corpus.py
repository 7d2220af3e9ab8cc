"""Models NetAtlas did not write, as a user brings them: a ViT block with ``attn_mask=None,
is_causal=False``, several inputs, a video model, token ids, a dict output, a module called
three times, a project with its own ``models`` package — and every model torchvision offers
(all its modules) and a sample of timm's, each drawn with ``info`` and ``export``, with its
parameters equal to ``sum(numel)`` and, wherever the graph is a complete fx trace, its MACs
within 2 % of ``torch.utils.flop_counter`` (FLOPs / 2; that counter leaves BatchNorm,
activations, additions and pooling at 0, so the comparison takes the convolutions, matrix
products and attention, ``netgraph.costs.torch_counted_macs``).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch

import main
from errors import InputShapeError
from models.inputs import InputSpec, make_tensor
from models.registry import get_spec, timm_names, torchvision_names
from models.zoo import TIMM_SAMPLE, torchvision_groups
from netgraph import build_graph
from netgraph.costs import torch_counted_macs
from netgraph.coverage import TRAINING_ONLY
from netgraph.layout import ExpansionState, diagram_to_json, layout_diagram
from netgraph.measure import reference_macs
from netgraph.meta_build import build_on_meta
from netgraph.model import NetGraph
from netgraph.shapes import outputs_of
from netgraph.summary import summary_json, summary_table

ROOT = Path(__file__).resolve().parent.parent

CORPUS = """
import torch
import torch.nn.functional as F
from torch import nn


class Attention(nn.Module):
    \"\"\"timm's ViT attention: the mask and causality are optional arguments.\"\"\"

    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, attn_mask=None, is_causal=False):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.heads, C // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        if attn_mask is not None:
            attn_mask = attn_mask.unsqueeze(1).bool()
        x = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, is_causal=is_causal)
        return self.proj(x.transpose(1, 2).reshape(B, N, C))


class Block(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x, attn_mask=None, is_causal=False):
        x = x + self.attn(self.norm1(x), attn_mask=attn_mask, is_causal=is_causal)
        return x + self.mlp(self.norm2(x))


class TinyViT(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, 8, stride=8)
        self.blocks = nn.ModuleList([Block(dim), Block(dim)])
        self.head = nn.Linear(dim, 10)

    def forward(self, x, attn_mask=None):
        x = self.patch(x).flatten(2).transpose(1, 2)
        for block in self.blocks:
            x = block(x, attn_mask=attn_mask)
        return self.head(x.mean(1))


class Siamese(nn.Module):
    \"\"\"Two images in, one score out.\"\"\"

    def __init__(self):
        super().__init__()
        self.encode = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.score = nn.Linear(16, 1)

    def forward(self, left, right):
        a, b = self.encode(left).flatten(1), self.encode(right).flatten(1)
        return self.score(torch.cat([a, b], 1))


class Clip(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(3, 8, (3, 3, 3), padding=1)
        self.pool = nn.AdaptiveAvgPool3d(1)
        self.fc = nn.Linear(8, 5)

    def forward(self, clip):
        return self.fc(self.pool(torch.relu(self.conv(clip))).flatten(1))


class Heads(nn.Module):
    def __init__(self):
        super().__init__()
        self.cls = nn.Linear(16, 10)
        self.box = nn.Linear(16, 4)

    def forward(self, x):
        return {"logits": self.cls(x), "boxes": self.box(x)}


class DictNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(8, 16)
        self.pool = nn.MaxPool1d(2, return_indices=True)
        self.heads = Heads()

    def forward(self, x):
        values, where = self.pool(self.body(x).unsqueeze(1))
        return self.heads(values.squeeze(1).repeat(1, 2))


class Step(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return x + self.conv(x)


class Shared(nn.Module):
    \"\"\"One ReLU and one block, each called three times.\"\"\"

    def __init__(self):
        super().__init__()
        self.act = nn.ReLU()
        self.step = Step()

    def forward(self, x):
        for _ in range(3):
            x = self.act(self.step(x))
        return x


class Careless(nn.Module):
    \"\"\"Passes None where attention needs a flag: a bug in the code, not in the input size.\"\"\"

    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(8, 24)

    def forward(self, x, flag=None):
        q, k, v = self.qkv(x).chunk(3, -1)
        return F.scaled_dot_product_attention(q, k, v, is_causal=flag)


class Tokens(nn.Module):
    def __init__(self, vocab=100):
        super().__init__()
        self.embed = nn.Embedding(vocab, 16)
        self.rnn = nn.LSTM(16, 16, batch_first=True)
        self.out = nn.Linear(16, vocab)

    def forward(self, ids):
        states, _ = self.rnn(self.embed(ids))
        return self.out(states)
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.py"
    path.write_text(textwrap.dedent(CORPUS), encoding="utf-8")
    return path


def info(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict, str]:
    code = main.main(["info", *argv, "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else {}), err


def ops_of(graph: NetGraph, key: str = "target") -> list[str]:
    return [a[key] for _, a in sorted(graph.ops.nodes(data=True), key=lambda n: n[1]["order"])]


def macs_agree(graph: NetGraph, spec_or_model: object, inputs: list[InputSpec]) -> None:
    """Our convolutions, matrix products and attention against torch's FLOP counter / 2."""
    model = build_on_meta(spec_or_model) if not isinstance(spec_or_model, torch.nn.Module) else (
        spec_or_model
    )  # fmt: skip
    device = next(model.parameters()).device
    reference = reference_macs(model.eval(), [make_tensor(i, device) for i in inputs])
    assert torch_counted_macs(graph.ops) == pytest.approx(reference, rel=0.02)


def test_vit_block_defaults_are_honoured_and_a_given_mask_is_used(capsys, corpus) -> None:
    graph = build_graph(get_spec(f"{corpus}:TinyViT", (3, 32, 32)))
    assert graph.method == "fx" and graph.warnings == []
    assert len(graph.input_shapes) == 1  # attn_mask=None stays bound, not an input
    calls = ops_of(graph)
    assert calls.count("scaled_dot_product_attention") == 2
    assert "bool" not in calls  # the eager branch: no mask to convert
    assert graph.ops.nodes["output"]["shape"] == (1, 10)
    macs_agree(graph, get_spec(f"{corpus}:TinyViT"), [InputSpec((3, 32, 32))])
    # the mask given as a second input takes the other branch, as eager code would
    masked = build_graph(get_spec(f"{corpus}:TinyViT", [(3, 32, 32), (16, 16)]))
    assert masked.input_shapes == [(1, 3, 32, 32), (1, 16, 16)]
    assert ops_of(masked).count("bool") == 2
    # a block alone, the way timm's blocks are called: x, attn_mask=None, is_causal=False
    code, data, err = info(capsys, f"{corpus}:Block", "--input", "16,32")
    assert code == 0, err
    assert data["method"] == "fx" and data["warnings"] == [] and err == ""
    assert data["input_shapes"] == [[1, 16, 32]]


def test_tracing_leaves_nothing_behind_in_the_model() -> None:
    """A forward that caches on its first call (torchvision's MultiScaleRoIAlign does) must not
    keep what tracing gave it: the real run after it would see fx's stand-ins."""

    class Caching(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = torch.nn.Linear(4, 4)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            if not hasattr(self, "width"):
                self.width = x.shape[-1]
            return self.fc(x) * self.width

    model = Caching()
    graph = build_graph(model, (4,))
    assert graph.method == "fx" and not hasattr(model, "width")
    assert list(model._parameters) == [] and list(model.fc._parameters) == ["weight", "bias"]
    assert model(torch.ones(1, 4)).shape == (1, 4)


def test_only_a_failure_about_sizes_blames_the_input_size(capsys, corpus) -> None:
    code, _, err = info(capsys, f"{corpus}:Careless", "--input", "4,8")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(
        "error: The model's code failed at the model's own forward (Careless) for input 1×4×8: "
        "scaled_dot_product_attention(): argument 'is_causal'"
    )
    assert "--input" not in err and "rejected" not in err
    code, _, err = info(capsys, f"{corpus}:Careless", "--input", "4,6")
    assert code == 2 and "rejected at 'qkv' (Linear): expected 8 features, got 6" in err
    assert "--input" in err  # about sizes: the input size is the fix


def test_a_model_with_two_inputs_gets_one_box_each(capsys, corpus, tmp_path) -> None:
    code, _, err = info(capsys, f"{corpus}:Siamese", "--input", "3,16,16")
    assert code == 2
    assert err == (
        "error: Siamese.forward also needs right: it takes 2 inputs, 1 given. "
        "Try --input 3,16,16 --input 3,16,16.\n"
    )
    code, data, err = info(capsys, f"{corpus}:Siamese", "--input", "3,16,16", "--input", "3,8,8")
    assert code == 0, err
    assert data["input_shapes"] == [[1, 3, 16, 16], [1, 3, 8, 8]]
    rows = {row["path"]: row for row in data["layers"]}
    assert rows["encode"]["calls"] == 2  # the shared encoder ran on each image
    assert rows["encode"]["outputs"] == [[1, 8, 1, 1], [1, 8, 1, 1]]
    out = tmp_path / "siamese.json"
    argv = ["export", f"{corpus}:Siamese", "--input", "3,16,16", "--input", "3,8,8", "-o", str(out)]
    assert main.main(argv) == 0
    boxes = json.loads(out.read_text())["boxes"]
    inputs = sorted(b["label"] for b in boxes if b["kind"] == "input")
    assert inputs == ["Input left 3×16×16", "Input right 3×8×8"]


def test_a_video_model_takes_a_clip_of_any_rank(capsys, corpus) -> None:
    code, data, err = info(capsys, f"{corpus}:Clip", "--input", "3,4,16,16")
    assert code == 0, err
    assert data["input_shape"] == [1, 3, 4, 16, 16] and data["method"] == "fx"
    rows = {row["path"]: row for row in data["layers"]}
    assert rows["conv"]["output_shape"] == [1, 8, 4, 16, 16]
    assert rows["fc"]["output_shape"] == [1, 5]
    spec = get_spec(f"{corpus}:Clip", (3, 4, 16, 16))
    macs_agree(build_graph(spec), spec, [InputSpec((3, 4, 16, 16))])


def test_token_ids_stay_below_the_vocabulary(capsys, corpus) -> None:
    code, data, err = info(capsys, f"{corpus}:Tokens", "--input", "int:12")
    assert code == 0, err
    rows = {row["path"]: row for row in data["layers"]}
    assert rows["embed"]["output_shape"] == [1, 12, 16]
    # the LSTM returns its output and its state: all of it is shown
    assert rows["rnn"]["outputs"] == [[[1, 12, 16], [[1, 1, 16], [1, 1, 16]]]]
    assert rows["out"]["output_shape"] == [1, 12, 100]
    # --dtype says the same for inputs that name no type; ids fit any table they index
    assert main.main(["info", f"{corpus}:Tokens", "--input", "12", "--dtype", "int"]) == 0
    ids = make_tensor(InputSpec((300,), "int64"), "cpu", vocab=100)
    assert ids.dtype == torch.int64 and int(ids.max()) == 99 and int(ids.min()) == 0
    assert int(make_tensor(InputSpec((40,), "int64", high=7), "cpu").max()) == 6


def test_several_outputs_are_all_shown(capsys, corpus) -> None:
    code, data, err = info(capsys, f"{corpus}:DictNet", "--input", "8")
    assert code == 0, err
    rows = {row["path"]: row for row in data["layers"]}
    assert rows["heads"]["outputs"] == [{"logits": [1, 10], "boxes": [1, 4]}]
    assert rows["pool"]["outputs"] == [[[1, 1, 8], [1, 1, 8]]]  # values and indices
    graph = build_graph(get_spec(f"{corpus}:DictNet", (8,)))
    table = summary_table(graph)
    assert "{logits: 1×10, boxes: 1×4}" in table and "(1×1×8, 1×1×8)" in table
    assert graph.modules[""].outputs == [{"logits": (1, 10), "boxes": (1, 4)}]


def test_a_module_called_three_times_is_three_nodes(corpus) -> None:
    spec = get_spec(f"{corpus}:Shared", (4, 8, 8))
    graph = build_graph(spec)
    act = [op for op, a in graph.ops.nodes(data=True) if a["target"] == "act"]
    assert len(act) == 3
    assert graph.modules["act"].calls == graph.modules["step"].calls == 3
    table = summary_table(graph)
    assert "1×4×8×8 (called 3×)" in table
    assert "step@2" not in table  # one row per module, its calls counted
    # the block called three times: three blocks, each with its own conv, the same weights
    assert [graph.modules[p].call_of for p in ("step", "step@2", "step@3")] == ["", "step", "step"]
    assert graph.modules["step@3"].params == graph.modules["step"].params == 4 * 4 * 9 + 4
    assert graph.total_params == 4 * 4 * 9 + 4
    assert graph.modules["step"].macs == 3 * graph.modules["step@2"].macs  # all its calls' work
    diagram = layout_diagram(graph, ExpansionState(graph, depth=0))
    blocks = sorted(b.id for b in diagram.boxes if b.kind == "block")
    assert blocks == ["step", "step@2", "step@3"]
    assert summary_json(graph)["warnings"] == []


PROJECT = {
    "models.py": "from torch import nn\n\nclass Tiny(nn.Sequential):\n"
    "    def __init__(self):\n        super().__init__(nn.Linear(4, 3), nn.ReLU())\n",
    "net.py": "from models import Tiny\nimport gui, netgraph, main\n\n"
    "assert gui.OWN and netgraph.OWN and main.OWN\n\n"
    "def make():\n    import models  # imported again as it builds: still the project's\n"
    "    return models.Tiny()\n",
    "gui.py": "OWN = True\n",
    "netgraph.py": "OWN = True\n",
    "main.py": "OWN = True\n",
    "pkg/__init__.py": "",
    "pkg/layers.py": "from torch import nn\n\nWIDTH = 6\n",
    "pkg/net.py": "from torch import nn\nfrom .layers import WIDTH\n\n"
    "def make():\n    return nn.Linear(4, WIDTH)\n",
}


def test_a_project_with_its_own_models_package_loads_as_in_its_folder(capsys, tmp_path) -> None:
    for name, source in PROJECT.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(source, encoding="utf-8")
    code, data, err = info(capsys, f"{tmp_path / 'net.py'}:make", "--input", "4")
    assert code == 0, err
    assert data["layers"][0]["type"] == "Linear" and data["total_params"] == 15
    code, data, err = info(capsys, f"{tmp_path / 'pkg' / 'net.py'}:make", "--input", "4")
    assert code == 0, err
    assert data["total_params"] == 4 * 6 + 6  # a relative import inside the package
    # NetAtlas's own packages are still NetAtlas's
    import gui.browser
    import models.registry
    import netgraph.layout

    assert Path(models.registry.__file__).is_relative_to(ROOT)
    assert Path(gui.browser.__file__).is_relative_to(ROOT) and netgraph.layout.layout_diagram
    assert sys.modules["models"].__file__.startswith(str(ROOT))
    assert not list(tmp_path.rglob("__pycache__"))  # nothing written into the user's project
    # and in a fresh process, as a user runs it
    result = subprocess.run(
        [sys.executable, "main.py", "info", f"{tmp_path / 'net.py'}:make", "--input", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Total params:     15" in result.stdout


# --- the zoos --------------------------------------------------------------------------------


def draw(graph: NetGraph, tmp_path: Path) -> dict:
    """What ``info`` and ``export`` make of a graph: the table, the JSON, the diagram's file."""
    assert summary_table(graph).count("\n") > 5
    summary = summary_json(graph)
    json.dumps(summary)
    diagram = layout_diagram(graph, ExpansionState(graph))
    assert diagram.boxes and diagram.width > 0
    assert sum(b.kind == "input" for b in diagram.boxes) == len(graph.input_shapes)
    out = tmp_path / "diagram.json"
    out.write_text(json.dumps(diagram_to_json(diagram)), encoding="utf-8")
    return summary


@functools.cache
def zoo_graph(name: str) -> NetGraph:
    """A zoo model's graph, built once for the tests that read it (a detection model runs on
    the CPU for seconds)."""
    return build_graph(get_spec(name))


def check_zoo_model(name: str, tmp_path: Path) -> NetGraph:
    spec = get_spec(name)
    graph = zoo_graph(name)
    summary = draw(graph, tmp_path)
    model = build_on_meta(spec)
    params = sum(p.numel() for p in model.parameters())
    assert graph.module_params == params
    assert summary["total_params"] + summary["unused_params"] == params
    assert graph.total_macs > 0
    if graph.method == "fx" and not graph.opaque_modules:  # a complete trace: MACs must agree
        macs_agree(graph, spec, list(spec.inputs))
        with torch.no_grad():
            out = model.eval()(*[make_tensor(i, "meta") for i in spec.inputs])
        assert graph.modules[""].outputs == [outputs_of(out)]
        # all it may say: work no formula counts (an interpolation), heads used in training
        for warning in graph.warnings:
            assert warning.startswith("MACs unknown for") or warning.endswith(TRAINING_ONLY + ".")
    else:
        assert graph.warnings  # whatever is partial says so
    return graph


# Models whose coverage is known: every other torchvision model is a complete fx trace.
HOOKED = {"detection", "optical flow"}


@pytest.mark.slow
@pytest.mark.parametrize("name", torchvision_names())
def test_every_torchvision_model_draws(name: str, tmp_path: Path) -> None:
    graph = check_zoo_model(name, tmp_path)
    group = torchvision_groups()[name]
    if group in HOOKED:
        assert graph.method == "hooks" and graph.traced_modules
    else:
        assert graph.method == "fx" and not graph.opaque_modules
    if group in ("classification", "quantized"):
        assert graph.ops.nodes["output"]["shape"] == (1, 1000)
    if group == "detection":  # the FPN (or SSD's extra layers) drawn op by op, by fx
        assert "model.backbone" in graph.traced_modules
        boxes = graph.modules[""].outputs[0][0]
        assert set(boxes) >= {"boxes", "labels", "scores"}
    if group == "segmentation":
        assert set(graph.modules[""].outputs[0]) == {"out"}
    if group == "optical flow":  # one flow per refinement: the update block, called 12 times
        assert graph.modules["update_block"].calls == 12


@pytest.mark.slow
@pytest.mark.parametrize("name", [f"timm.{n}" for n in TIMM_SAMPLE])
def test_timm_models_draw(name: str, tmp_path: Path) -> None:
    if not timm_names():
        pytest.skip("timm is not installed (pip install -r requirements-extra.txt)")
    graph = check_zoo_model(name, tmp_path)
    assert graph.input_shape == (1, *get_spec(name).input_size)  # timm's pretrained_cfg


def test_detection_output_and_adapter_are_drawn(tmp_path: Path) -> None:
    """A detection model takes a list of images: the adapter that makes one is in the picture,
    and so is the FPN's top-down path (its upsampling and additions)."""
    graph = zoo_graph("torchvision.fasterrcnn_mobilenet_v3_large_320_fpn")
    kinds = {a["module_path"]: a["kind"] for _, a in graph.ops.nodes(data=True)}
    assert kinds["split"] == "other" and "model.transform" in kinds
    fpn = [a for _, a in graph.ops.nodes(data=True) if a["module_path"] == "model.backbone.fpn"]
    assert {a["target"] for a in fpn} >= {"interpolate", "add"}
    assert any("drawn op by op" in w for w in graph.warnings)
    assert any("zeros on the CPU" in w for w in graph.warnings)


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        ("nn.Conv2d(1, 8, 3), nn.ReLU()", [(1, 224, 224)]),
        ("nn.Conv1d(2, 8, 3)", [(2, 128)]),
        ("nn.Conv3d(3, 8, 3)", [(3, 16, 112, 112)]),
        (
            "nn.Linear(100, 256), nn.Unflatten(1, (16, 4, 4)), nn.ConvTranspose2d(16, 3, 4)",
            [(100,)],
        ),
        ("nn.Embedding(50, 8)", [(16,)]),
    ],
)
def test_an_undescribed_model_is_offered_the_input_its_first_layer_takes(layers, expected):
    from torch import nn  # noqa: F401 (the layers' text names it)

    from models.inputs import suggested_inputs

    model = eval(f"nn.Sequential({layers})")
    assert [spec.shape for spec in suggested_inputs(model)] == expected
    if "Embedding" in layers:
        assert suggested_inputs(model)[0].dtype == "int64"


def test_a_model_that_declares_its_input_is_taken_at_its_word():
    from torch import nn

    from models.inputs import suggested_inputs

    model = nn.Linear(8, 2)
    model.example_input_array = (torch.zeros(4, 3, 32, 32), torch.zeros(4, 7, dtype=torch.long))
    assert suggested_inputs(model) == (InputSpec((3, 32, 32)), InputSpec((7,), "int64"))
    model = nn.Linear(8, 2)
    model.pretrained_cfg = {"input_size": (3, 288, 288)}
    assert suggested_inputs(model) == (InputSpec((3, 288, 288)),)


class KeywordMask(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = torch.nn.Linear(4, 4)

    def forward(self, x: torch.Tensor, *, mask: torch.Tensor) -> torch.Tensor:
        return self.fc(x) * mask


class Stacked(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc = torch.nn.Linear(4, 4)

    def forward(self, *parts: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.stack(parts).sum(0))


def test_inputs_go_where_forward_takes_them_and_no_more_than_it_takes() -> None:
    graph = build_graph(KeywordMask(), [(4,), (4,)])  # the second to the keyword-only mask
    assert graph.method == "fx"
    assert sorted(a["label"] for _, a in graph.ops.nodes(data=True) if a["kind"] == "input") == [
        "Input mask 4",
        "Input x 4",
    ]
    graph = build_graph(Stacked(), [(4,), (4,), (4,)])  # forward(*parts): all of them
    assert graph.method == "fx" and len(graph.input_shapes) == 3
    with pytest.raises(InputShapeError) as caught:
        build_graph(get_spec("lenet", [(1, 28, 28), (1, 28, 28)]))
    assert str(caught.value) == (
        "Sequential.forward takes 1 input (input), 2 given. Try --input 1,28,28."
    )
