"""One real offscreen window shared by the tests of a module (a window per test costs seconds
and memory), its settings in a temporary folder, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from gui.app import SETTINGS_ENV, create_application, make_settings
from gui.i18n import install_language
from gui.main_window import MainWindow

WAIT_MS = 60_000


@contextmanager
def shared_window(settings_folder: os.PathLike) -> Iterator[MainWindow]:
    """A light-themed 1440×900 window, shown; closed down and the language reset to English
    afterwards (the language is the application's, not the window's)."""
    old = os.environ.get(SETTINGS_ENV)
    os.environ[SETTINGS_ENV] = str(settings_folder)
    create_application()
    window = MainWindow(make_settings())
    window.set_app_theme("light", save=False)
    window.resize(1440, 900)
    window.show()
    try:
        yield window
    finally:
        install_language("en")
        if window._training is not None:
            window.training_dock.shutdown()
        window.jobs.wait(WAIT_MS)
        window.hide()
        window.deleteLater()
        if old is None:
            os.environ.pop(SETTINGS_ENV, None)
        else:
            os.environ[SETTINGS_ENV] = old
