"""Kill real training processes at random points (SIGKILL, SIGTERM, SIGINT) and resume them:
the records and weights must end as an uninterrupted run's. ``bench/fault_injection.py
--kills N`` runs the same with more kills."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KILLS = 4


@pytest.mark.slow
def test_killed_runs_resume_to_the_uninterrupted_records_and_weights() -> None:
    run = subprocess.run(
        [sys.executable, "bench/fault_injection.py", "--kills", str(KILLS), "--seed", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{KILLS} kills" in run.stdout
    assert "every resumed run matches the uninterrupted one" in run.stdout
