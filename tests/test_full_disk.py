"""Nothing lost: every file NetAtlas writes goes through one atomic writer. Real processes on a
"full disk" (``RLIMIT_FSIZE``: writes fail with a real EFBIG) must exit non-zero with one line
naming the file and the cause, keep the old file byte for byte and leave no temporary."""

from __future__ import annotations

import os
import stat

import pytest

from models.files import AppendLog, FileWriteError, write_atomic
from models.training.library import summarise
from models.training.runlog import read_metrics
from tests.procs import image_folder, run_main, run_with_file_limit, temporaries

OLD = b"the good file that was here before"


def one_error_line(stderr: str) -> str:
    line = stderr.strip()
    assert line.startswith("error: ") and "\n" not in line, stderr
    return line


# The writer itself -----------------------------------------------------------------------------
def test_write_atomic_replaces_the_file_with_a_normal_mode_and_no_temporary(tmp_path):
    target = tmp_path / "m.csv"
    target.write_bytes(OLD)
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["m.csv"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_write_atomic_names_the_path_and_the_cause(tmp_path):
    with pytest.raises(FileWriteError, match=r"cannot write .*nowhere/x\.png: the folder does not"):
        write_atomic(tmp_path / "nowhere" / "x.png", b"data")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "inside").write_bytes(OLD)
    with pytest.raises(FileWriteError, match="taken: it is a folder"):
        write_atomic(tmp_path / "taken", b"data")
    assert (tmp_path / "taken" / "inside").read_bytes() == OLD
    assert temporaries(tmp_path) == []


def test_append_log_cuts_a_line_it_could_not_finish(tmp_path):
    """A log on a full disk ends after its last complete line, and says why it stopped."""
    path = tmp_path / "log.jsonl"
    script = (
        "import sys\n"
        "from models.files import AppendLog, FileWriteError\n"
        "log = AppendLog(sys.argv[1])\n"
        "try:\n"
        "    for i in range(1000):\n"
        "        log.append('x' * 48)\n"
        "except FileWriteError as exc:\n"
        "    print(exc)\n"
    )
    process = run_with_file_limit(1000, "-c", script, str(path))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert f"cannot write {path}: the file is larger than" in out
    data = path.read_bytes()
    assert len(data) == 980 and data.endswith(b"\n")  # 20 whole lines of 49 bytes, not 1000
    log = AppendLog(path)
    log.append("more")
    log.close()
    assert path.read_bytes().endswith(b"x\nmore\n")


# Exports: every format -------------------------------------------------------------------------
def test_every_export_format_on_a_full_disk_fails_and_keeps_the_old_file(tmp_path):
    targets = {fmt: tmp_path / f"lenet.{fmt}" for fmt in ("png", "svg", "pdf", "json")}
    started = {}
    for fmt, target in targets.items():
        target.write_bytes(OLD)
        started[fmt] = run_with_file_limit(
            4096, "main.py", "export", "lenet", "-o", str(target), "--timeout", "120"
        )
    for fmt, process in started.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 2, (fmt, out, err)
        line = one_error_line(err)
        assert f"cannot write {targets[fmt]}: the file is larger than" in line
        assert "wrote" not in out
        assert targets[fmt].read_bytes() == OLD, fmt
    assert temporaries(tmp_path) == []


def test_screenshot_into_a_missing_folder_or_on_a_full_disk_fails(tmp_path):
    settings = str(tmp_path / "settings")
    missing = tmp_path / "missing" / "F.png"
    run = run_main("gui", "--model", "lenet", "--screenshot", str(missing), **{
        "NETATLAS_SETTINGS_DIR": settings})  # fmt: skip
    assert run.returncode == 2 and "wrote" not in run.stdout
    assert "folder" in one_error_line(run.stderr) and "does not exist" in run.stderr
    assert not missing.parent.exists()

    shot = tmp_path / "shot.png"
    shot.write_bytes(OLD)
    process = run_with_file_limit(
        20_000, "main.py", "gui", "--model", "lenet", "--screenshot", str(shot),
        NETATLAS_SETTINGS_DIR=settings,
    )  # fmt: skip
    out, err = process.communicate(timeout=180)
    assert process.returncode == 2 and "wrote" not in out
    assert f"cannot write {shot}" in err
    assert shot.read_bytes() == OLD and temporaries(tmp_path) == []


def test_plot_export_on_a_full_disk_fails_and_keeps_the_old_file(tmp_path):
    script = (
        "import os, sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from gui.training.export import export_plots\n"
        "from gui.training.plots import CurvePlots\n"
        "from errors import NetAtlasError\n"
        "app = QApplication([])\n"
        "plots = CurvePlots()\n"
        "plots.resize(600, 400)\n"
        "plots.show()\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        export_plots([(plots.graphics, 560)], path)\n"
        "    except NetAtlasError as exc:\n"
        "        print(exc, flush=True)\n"
        "os._exit(0)  # as main.py's one-shot commands: no teardown of Qt and pyqtgraph\n"
    )
    paths = [tmp_path / "plots.png", tmp_path / "plots.svg"]
    for path in paths:
        path.write_bytes(OLD)
    process = run_with_file_limit(2000, "-c", script, *map(str, paths))
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    for path in paths:
        assert f"cannot write {path}: the file is larger than" in out
        assert path.read_bytes() == OLD
    assert temporaries(tmp_path) == []


# The run folder: checkpoint and statistics -------------------------------------------------------
def test_checkpoint_on_a_full_disk_keeps_the_previous_one_and_says_so(tmp_path):
    data, run = image_folder(tmp_path / "images"), tmp_path / "run"
    first = run_main("train", "lenet", "--dataset", str(data), "--epochs", "1",
                     "--batch-size", "4", "--out", str(run))  # fmt: skip
    assert first.returncode == 0, first.stderr
    before = (run / "checkpoint.pt").read_bytes()
    assert len(before) > 100_000  # LeNet's 62k weights: the limit below stops it

    process = run_with_file_limit(
        100_000, "main.py", "train", "lenet", "--resume", str(run), "--epochs", "2"
    )
    _out, err = process.communicate(timeout=180)
    assert process.returncode == 2
    line = one_error_line(err)
    assert f"cannot write {run / 'checkpoint.pt'}: the file is larger than" in line
    assert f"the last checkpoint is kept: make room, then continue with --resume {run}" in line
    assert (run / "checkpoint.pt").read_bytes() == before
    assert temporaries(run) == []
    records = read_metrics(run)
    assert records[-2]["kind"] == "error" and "checkpoint.pt" in records[-2]["message"]
    assert records[-1]["kind"] == "done" and records[-1]["reason"] == "error"
    assert records[-1]["epoch"] == 1  # where the kept checkpoint is, not the unsaved epoch 2
    assert [r["epoch"] for r in records if r["kind"] == "epoch"] == [1]
    assert summarise(run).epochs_done == 1

    again = run_main("train", "lenet", "--resume", str(run), "--epochs", "2")
    assert again.returncode == 0, again.stderr
    epochs = [r["epoch"] for r in read_metrics(run) if r["kind"] == "epoch"]
    assert epochs == [1, 2]


def test_statistics_on_a_full_disk_stop_the_run_with_an_error_record(tmp_path):
    data, run = image_folder(tmp_path / "images"), tmp_path / "run"
    process = run_with_file_limit(
        3000, "main.py", "train", "lenet-bn", "--dataset", str(data), "--epochs", "1",
        "--batch-size", "4", "--out", str(run),
    )  # fmt: skip
    _out, err = process.communicate(timeout=180)
    assert process.returncode == 2
    line = one_error_line(err)
    assert f"cannot write {run / 'stats'}" in line and "the file is larger than" in line
    assert list((run / "stats").iterdir()) == []  # no half-written statistics
    assert temporaries(run) == []
    # statistics are written in the background: step 1's record does not wait for step 1's
    # files, step 2's record waits for them and the run stops there
    records = read_metrics(run)
    assert [r["kind"] for r in records] == ["step", "error", "done"] and records[0]["step"] == 1
