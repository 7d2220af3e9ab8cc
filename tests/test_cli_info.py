"""``main.py info``: the summary table, its JSON, ``--depth``, and one-line errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_prints_the_table_and_totals_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "info", "resnet18"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Total params:     11,178,378" in out
    assert "Trainable params: 11,178,378" in out
    assert "Total MACs:       1.74 G" in out
    # binary units, named as such: fp32 weights plus the BatchNorm buffers
    assert "Weight memory:    42.67 MiB" in out and " MB" not in out
    assert result.stderr == ""  # a complete fx trace: nothing to warn about
    assert "Traced with:      fx" in out
    assert "Residual" in out and "1×512×7×7" in out


def test_rejected_input_exits_2_with_one_line_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "info", "lenet", "--input", "1,32,32"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "error: Input 1×1×32×32 rejected at '7' (Linear): expected 400 features, got 576. "
        "Try --input 1,28,28.\n"
    )


def test_unknown_model_exits_2_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "info", "resnet19")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Unknown model 'resnet19'" in err and "resnet18" in err


def test_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "info", "googlenet", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"model", "input_shape", "layers", "total_params", "total_macs"} <= set(data)
    assert data["model"] == "googlenet" and data["input_shape"] == [1, 1, 96, 96]
    layer = data["layers"][0]
    assert set(layer) == {
        "path",
        "type",
        "depth",
        "output_shape",
        "outputs",
        "calls",
        "params",
        "macs",
    }
    assert layer["path"] == "0" and layer["depth"] == 1
    # every call's outputs: one call, one tensor
    assert layer["calls"] == 1 and layer["outputs"] == [layer["output_shape"]]
    inception = next(row for row in data["layers"] if row["type"] == "Inception")
    assert inception["output_shape"] == [1, 256, 12, 12]
    assert sum(row["params"] for row in data["layers"] if row["depth"] == 1) == data["total_params"]
    assert sum(row["macs"] for row in data["layers"] if row["depth"] == 1) <= data["total_macs"]
    assert max(row["depth"] for row in data["layers"]) >= 3


def test_depth_limits_the_rows(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "info", "resnet18", "--depth", "1", "--json")
    assert code == 0
    layers = json.loads(out)["layers"]
    assert [row["path"] for row in layers] == [str(i) for i in range(8)]
    code, table, _ = run_main(capsys, "info", "resnet18", "--depth", "1")
    assert code == 0
    assert "1.0" not in table.split("Model:")[0]
    assert "Sequential" in table


def test_input_size_option_and_rejected_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "info", "resnet18", "--input", "1,96,96", "--json")
    assert code == 0 and json.loads(out)["input_shape"] == [1, 1, 96, 96]
    code, out, err = run_main(capsys, "info", "alexnet", "--input", "1,112,112")
    assert code == 2 and out == ""
    assert err.strip() == (
        "error: Input 1×1×112×112 rejected at '14' (Linear): expected 6400 features, got 1024. "
        "Try --input 1,224,224."
    )


USER_FILE = """
import torch
from torch import nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(12, 2)

    def forward(self, x):
        return self.fc(x.flatten(1))

class NeedsWidth(nn.Module):
    def __init__(self, width):
        super().__init__()

def not_a_model():
    return 42
"""


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.py:Net", "Model file not found"),
        ("broken.py:Net", "Syntax error in"),
        ("net.py:Nope", "'Nope' not found in"),
        ("net.py:not_a_model", "returned int, not an nn.Module"),
        ("net.py:NeedsWidth", "needs arguments (width)"),
    ],
)
def test_bad_user_models_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "net.py").write_text(USER_FILE, encoding="utf-8")
    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    code, out, err = run_main(capsys, "info", str(tmp_path / name))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    assert message in err


def test_user_model_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "net.py").write_text(USER_FILE, encoding="utf-8")
    code, out, _ = run_main(capsys, "info", f"{tmp_path / 'net.py'}:Net", "--input", "3,2,2")
    assert code == 0
    assert "Total params:     26" in out and "Linear" in out
    # without --input: what its first layer takes, as the app's Open dialog offers it
    code, out, _ = run_main(capsys, "info", f"{tmp_path / 'net.py'}:Net")
    assert code == 0 and "Input shape:      1×12\n" in out
    code, _, err = run_main(capsys, "info", f"{tmp_path / 'net.py'}:Net", "--input", "3,224,224")
    assert code == 2
    assert "rejected at 'fc' (Linear): expected 12 features, got 150528" in err


def test_googlenet_counts_its_auxiliary_heads_apart_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "info", "torchvision.googlenet", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total_params"] == 6_624_904 and data["unused_params"] == 6_379_984
    assert data["unused_modules"] == ["aux1", "aux2"]
    assert data["unused_reason"] == "used only in training mode"
    assert data["method"] == "fx" and data["opaque_modules"] == []
    assert data["warnings"] == [
        "6,379,984 parameters in aux1, aux2 are not in the graph: used only in training mode."
    ]
    assert result.stderr == f"warning: {data['warnings'][0]}\n"


PRINTING_FILE = """
import os
import sys

from torch import nn

print("loading my model")
os.write(1, b"a raw write to descriptor 1\\n")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        print("building", file=sys.stdout)
        self.fc = nn.Linear(12, 2)

    def forward(self, x):
        print("forward on", tuple(x.shape))
        return self.fc(x.flatten(1))
"""


def test_a_model_that_prints_leaves_the_json_parseable(tmp_path: Path) -> None:
    (tmp_path / "chatty.py").write_text(PRINTING_FILE, encoding="utf-8")
    command = (
        f"set -o pipefail; {sys.executable} main.py info {tmp_path / 'chatty.py'}:Net "
        f"--input 3,2,2 --json | {sys.executable} -m json.tool"
    )
    result = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_params"] == 26
    for printed in ("loading my model", "a raw write", "building", "forward on (1, 3, 2, 2)"):
        assert printed in result.stderr  # the user's prints are still shown


TWO_INPUT_FILE = """
from torch import nn

class Mixed(nn.Module):
    def __init__(self, width=2):
        super().__init__()
        self.fc = nn.Linear(4, width)
        self.embed = nn.Embedding(5, width)

    def forward(self, x, ids):
        return self.fc(x) + self.embed(ids).sum(1)

def wider():
    return Mixed(3)
"""


def test_several_inputs_reach_every_compared_model_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """#14's inputs (repeated, typed) go to each column of #15's comparison, through #11's
    child process."""
    path = tmp_path / "mixed.py"
    path.write_text(TWO_INPUT_FILE, encoding="utf-8")
    names = [f"{path}:Mixed", f"{path}:wider"]
    inputs = ["--input", "4", "--input", "int:3"]
    code, out, err = run_main(capsys, "info", *names, *inputs, "--json")
    assert code == 0, err
    models = json.loads(out)["models"]
    assert [m["input_shapes"] for m in models] == [[[1, 4], [1, 3]]] * 2
    assert [m["total_params"] for m in models] == [4 * 2 + 2 + 5 * 2, 4 * 3 + 3 + 5 * 3]
    target = tmp_path / "mixed.json"
    code, _, err = run_main(capsys, "export", *names, *inputs, "-o", str(target))
    assert code == 0, err
    columns = json.loads(target.read_text())["columns"]
    for column in columns:
        boxes = column["layout"]["boxes"]
        labels = sorted(b["label"] for b in boxes if b["kind"] == "input")
        assert labels == ["Input ids 3", "Input x 4"]
