"""A real main window for the tests, with settings of its own (never the user's)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from gui.app import SETTINGS_ENV, create_application, make_settings
from gui.main_window import MainWindow

WAIT_MS = 60_000


@contextlib.contextmanager
def main_window(folder: Path) -> Iterator[MainWindow]:
    """A shown 1440×900 light window whose settings live in ``folder``; closed afterwards,
    its runs stopped and its jobs waited for."""
    old = os.environ.get(SETTINGS_ENV)
    os.environ[SETTINGS_ENV] = str(folder / "settings")
    create_application()
    win = MainWindow(make_settings())
    win.set_app_theme("light", save=False)
    win.resize(1440, 900)
    win.show()
    try:
        yield win
    finally:
        win.training_dock.shutdown()
        win.jobs.wait(WAIT_MS)
        win.hide()
        win.deleteLater()
        if old is None:
            os.environ.pop(SETTINGS_ENV, None)
        else:
            os.environ[SETTINGS_ENV] = old
