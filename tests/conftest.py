"""Shared test set-up: nothing a test runs may write into the user's own data folder."""

from __future__ import annotations

import os

import pytest

from models.data import CACHE_ENV
from models.training.runs import RUNS_ENV


@pytest.fixture(autouse=True, scope="session")
def runs_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every run a test (or a process it starts) makes without ``--out`` lands here."""
    os.environ[RUNS_ENV] = str(tmp_path_factory.mktemp("runs"))
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
