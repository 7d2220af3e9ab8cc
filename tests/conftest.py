"""Shared test set-up: nothing a test runs may write into the user's own data or cache folders,
and the headless screen is a desktop's (1920×1200), not the offscreen plugin's 800×800."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from models.cache import CACHE_ENV
from models.data import DATA_ENV
from models.training.runs import RUNS_ENV

SCREEN = Path(__file__).resolve().parent / "screen.json"

if os.environ.get("QT_QPA_PLATFORM") == "offscreen":  # before any QApplication exists
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"


@pytest.fixture(autouse=True, scope="session")
def runs_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every run a test (or a process it starts) makes without ``--out`` lands here, and the
    app's disk cache of graphs and diagrams and the downloadable data sets' folder too."""
    os.environ[RUNS_ENV] = str(tmp_path_factory.mktemp("runs"))
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    os.environ[DATA_ENV] = str(tmp_path_factory.mktemp("data"))
