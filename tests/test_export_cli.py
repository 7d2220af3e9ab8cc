"""``main.py export`` end to end: real models traced, laid out and written; bad input exits 2."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import main

ROOT = Path(__file__).resolve().parent.parent


def export(*argv: str) -> int:
    return main.main(["export", *argv])


def test_png_of_lenet_at_a_dpi(qapp, tmp_path: Path) -> None:
    out = tmp_path / "lenet.png"
    assert export("lenet", "-o", str(out), "--dpi", "300", "--theme", "print") == 0
    image = QImage(str(out))
    assert round(image.dotsPerMeterX() / 39.3701) == 300
    assert image.height() > image.width() > 300  # a tall bottom-to-top column, legend beside


def test_svg_of_resnet18_names_its_blocks_as_text(qapp, tmp_path: Path) -> None:
    out = tmp_path / "r.svg"
    assert export("resnet18", "-o", str(out), "--expand", "2.0") == 0
    root = ET.parse(out).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    texts = {(t.text or "").strip() for t in root.iter(f"{svg}text")}
    assert "Residual 2" in texts and "Residual 3" in texts  # closed blocks, by book name
    assert any(t.startswith("7×7 Conv (64)") for t in texts)
    assert "BatchNorm (64) · ReLU" in texts  # book style: the activation folded in
    fonts = {e.get("font-family") for e in root.iter() if e.get("font-family")}
    assert len(fonts) == 1 and fonts.pop().startswith("'DejaVu Sans', 'WenQuanYi Micro Hei'")


def test_chinese_labels_and_the_detailed_style(qapp, tmp_path: Path) -> None:
    out = tmp_path / "a.svg"
    assert export("alexnet", "-o", str(out), "--lang", "zh") == 0
    # Qt writes one <text> per run of one font (Latin, CJK), each at its own x
    text = "".join(t.text or "" for t in ET.parse(out).getroot().iter() if t.tag.endswith("text"))
    assert "输入" in text and "3×3最大汇聚层, 步幅2" in text and "卷积层" in text
    out = tmp_path / "a.json"
    assert export("alexnet", "-o", str(out), "--style", "detailed") == 0
    labels = [b["label"] for b in json.loads(out.read_text(encoding="utf-8"))["boxes"]]
    assert "Dropout 0.5" in labels and "ReLU" in labels and "Linear (4096)" in labels


def test_json_has_boxes_edges_and_follows_options(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert export("googlenet", "-o", str(out), "--expand", "3.0", "--orientation", "lr") == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["orientation"] == "lr" and data["text_rotation"] == 90
    ids = {b["id"] for b in data["boxes"]}
    assert "3.1" in ids and "3.0" not in ids  # 3.0 is a frame now
    assert "3.0" in {f["id"] for f in data["frames"]}
    assert data["edges"] and all(len(e["polyline"]) >= 2 for e in data["edges"])
    assert all(len(f["title_rect"]) == 4 for f in data["frames"])
    assert all(len(e["label_rect"]) == 4 for e in data["edges"] if e["label"])


def test_only_exports_one_block_between_its_input_and_what_follows(tmp_path: Path) -> None:
    out = tmp_path / "inception.json"
    assert export("googlenet", "--only", "3.1", "-o", str(out)) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["id"] for f in data["frames"]] == ["3.1"]  # the block, not its stage b4
    frame = data["frames"][0]
    inside = [b for b in data["boxes"] if frame["y"] <= b["y"] <= frame["y"] + frame["h"]]
    outside = {b["id"] for b in data["boxes"]} - {b["id"] for b in inside}
    assert outside == {"3.0", "3.2"}  # what feeds it and what it feeds
    assert min(b["x"] for b in data["boxes"]) >= 16 and data["width"] >= frame["w"]
    assert export("googlenet", "--only", "no.such", "-o", str(out)) == 2
    assert export("lenet", "--only", "0", "-o", str(out)) == 2  # a layer, not a block


def test_a_chinese_pdf_embeds_its_latin_and_cjk_fonts(qapp, tmp_path: Path) -> None:
    out = tmp_path / "g.pdf"
    assert export("googlenet", "-o", str(out), "--lang", "zh") == 0
    data = out.read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/]+)", data))
    assert {b"DejaVuSans", b"WenQuanYiMicroHei"} <= fonts  # the set-up installs both
    assert data.count(b"/FontFile2") >= 2  # embedded, not just named


def test_pdf_is_written_headless_in_a_fresh_process(tmp_path: Path) -> None:
    out = tmp_path / "lenet.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run(
        [sys.executable, "main.py", "export", "lenet", "-o", str(out), "--theme", "dark"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lenet", "-o", "{dir}/d.bmp"], "end the file name in .png"),
        (["lenet", "-o", "{dir}/missing/d.png"], "does not exist"),
        (["lenet", "-o", "{dir}/file.txt/d.svg"], "file.txt is a file, not a folder"),
        (["lenet", "-o", "{dir}/d.png", "--scale", "-1"], "invalid scale"),
        (["lenet", "-o", "{dir}/d.png", "--expand", "no.such.block"], "no.such.block"),
        (["lenet-9", "-o", "{dir}/d.png"], "lenet"),
        (["lenet", "-o", "{dir}/d.png", "--scale", "50"], "too big"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_file(
    qapp, tmp_path: Path, capsys, argv: list[str], message: str
) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    assert export(*(a.format(dir=tmp_path) for a in argv)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_negative_depth_is_rejected_by_argparse(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        export("lenet", "-o", str(tmp_path / "d.png"), "--depth", "-1")
    assert exit_info.value.code == 2
    assert "invalid depth" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_partial_graph_is_said_by_export_as_info_says_it(tmp_path: Path, capsys) -> None:
    """A figure of a graph recorded with hooks, with a module never called, is exported with
    the same ``warning:`` lines ``info`` prints, and keeps them in its JSON (per model when
    compared); a complete trace has none."""
    model = f"{ROOT / 'tests' / 'fallback_models.py'}:HookNet"
    assert main.main(["info", model]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert any("hooks" in line for line in said) and any("spare" in line for line in said)
    out = tmp_path / "h.json"
    assert export(model, "-o", str(out)) == 0
    assert [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning:")] == said
    assert ["warning: " + w for w in json.loads(out.read_text())["warnings"]] == said
    pair = tmp_path / "pair.json"
    assert export("lenet", model, "-o", str(pair)) == 0
    err = capsys.readouterr().err
    assert all(f"warning: {model}: {line.removeprefix('warning: ')}" in err for line in said)
    kept = json.loads(pair.read_text())["warnings"]
    assert list(kept) == [model] and len(kept[model]) == len(said)
    assert export("lenet", "-o", str(out)) == 0
    assert "warning" not in capsys.readouterr().err
    assert "warnings" not in json.loads(out.read_text())


def test_expand_names_a_block_or_says_which_there_are(tmp_path: Path, capsys) -> None:
    out = tmp_path / "e.json"
    assert export("googlenet", "resnet18", "--expand", "resnet18:", "-o", str(out)) == 2
    assert "name a block after the colon" in capsys.readouterr().err and not out.exists()
    assert export("googlenet", "resnet18", "--expand", "resnet18:9.9", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert "no block '9.9' in resnet18" in err and "outermost blocks are 0, 1, 2" in err
