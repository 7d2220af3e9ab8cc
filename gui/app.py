"""``main.py gui``: create the application, show the window, optionally screenshot and exit.

Settings live in an INI file under the user's config folder (organisation and application
"NetAtlas"); ``NETATLAS_SETTINGS_DIR`` moves that folder, which is how tests keep away from the
user's real settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from errors import NetAtlasError
from gui.encoding import png_bytes
from gui.main_window import MainWindow
from models.files import check_folder, write_atomic

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "netatlas.svg"
SETTINGS_ENV = "NETATLAS_SETTINGS_DIR"


def make_settings() -> QSettings:
    """The app's settings store, redirected by NETATLAS_SETTINGS_DIR when set."""
    folder = os.environ.get(SETTINGS_ENV)
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "NetAtlas", "NetAtlas")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough  # crisp at 125 % / 150 % too
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("NetAtlas")
    app.setApplicationName("NetAtlas")
    app.setWindowIcon(QIcon(str(ICON)))
    return app


def take_screenshot(window: MainWindow, path: str) -> None:
    """Draw the window into ``path`` and quit (after the event loop painted everything); a
    file that cannot be written is an error (exit 2), never a "wrote" without a file."""
    try:
        write_atomic(path, png_bytes(window.grab()))
    except NetAtlasError as exc:
        _fail(str(exc))
        return
    print(f"wrote {path}")
    QApplication.instance().exit(0)


def run_app(args: argparse.Namespace) -> int:
    if args.screenshot:
        check_folder(args.screenshot)  # before the window: a wrong path fails in a moment
    app = create_application()
    window = MainWindow(make_settings())
    if getattr(args, "lang", None):
        window.set_language(args.lang, save=False)
    if getattr(args, "style", None):  # for this run only: the saved choice stays
        window.book_style_action.setChecked(args.style == "book")
    window.show()
    if args.train:  # train the opened model; with --screenshot, draw the window when done
        from gui.training.screenshot import train_then

        shoot = (lambda: take_screenshot(window, args.screenshot)) if args.screenshot else None
        train_then(window, args.dataset, args.epochs, shoot or (lambda: None))
    lesson = getattr(args, "lesson", None)
    if lesson:  # start a lesson; with --screenshot, draw the window half way through it
        from gui.lessons.screenshot import lesson_then

        shoot = (lambda: take_screenshot(window, args.screenshot)) if args.screenshot else None
        lesson_then(window, lesson, shoot or (lambda: None))
    side_by_side = _side_by_side(window, args)
    if args.screenshot:
        if not args.train and not lesson:
            _when_both(
                window.compare.figure_shown if side_by_side else window.diagram_shown,
                window.catalogue_ready,  # the browser filled, as a person would see it
                lambda: QTimer.singleShot(200, lambda: take_screenshot(window, args.screenshot)),
            )
        window.error_shown.connect(lambda message: _fail(message))
    model = args.model
    if getattr(args, "follow", None):
        model = model or _follow_once_shown(window, args.follow)
    if model is None and getattr(args, "compare", None):
        model = args.compare[0]
    elif model is None and getattr(args, "book_figure", None):
        from netgraph.compare.presets import book_figure

        model = book_figure(args.book_figure).columns[0].model
    window.start(model, args.input, args.expand or ())
    code = app.exec()
    window.close()
    return code


def _side_by_side(window: MainWindow, args: argparse.Namespace) -> bool:
    """With --compare or --book-figure: the comparison opens once the first model is drawn."""
    names, key = getattr(args, "compare", None), getattr(args, "book_figure", None)
    if not names and not key:
        return False
    if key:
        from netgraph.compare.presets import book_figure

        action = lambda: window.compare.open_book_figure(book_figure(key))  # noqa: E731
    else:
        action = lambda: window.compare.open(names)  # noqa: E731

    def once() -> None:
        window.model_ready.disconnect(once)
        action()

    window.model_ready.connect(once)
    return True


def _follow_once_shown(window: MainWindow, folder: str) -> str | None:
    """Follow ``folder`` once the first diagram is up; the model to open first: the run's own
    (None for a user's file, which runs only when the user opens it, or no run yet)."""
    from models.registry import is_user_reference
    from models.training.follow import run_model

    def once() -> None:
        window.diagram_shown.disconnect(once)
        window.training_dock.following.follow(folder)

    window.diagram_shown.connect(once)
    model = run_model(folder)
    return model if model is not None and not is_user_reference(model) else None


def _when_both(first: SignalInstance, second: SignalInstance, action: Callable[[], None]) -> None:
    """Run ``action`` once, after both signals have fired (in either order)."""
    pending = {id(first), id(second)}

    def fired(signal: SignalInstance) -> None:
        if pending:
            pending.discard(id(signal))
            if not pending:
                action()

    first.connect(lambda *_: fired(first))
    second.connect(lambda *_: fired(second))


def _fail(message: str) -> None:
    """In --screenshot mode nobody can read a dialog: print the problem and exit 2."""
    print(f"error: {message}", file=sys.stderr)
    QApplication.instance().exit(2)
