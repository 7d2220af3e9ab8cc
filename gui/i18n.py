"""UI languages (English, Simplified Chinese) through Qt's own translation system.

Widgets write their strings with ``self.tr(...)`` and rebuild them in ``retranslate()`` when Qt
sends ``QEvent.LanguageChange``, which happens as soon as a translator is installed or removed:
switching language is live. The .ts source is resources/translations/netatlas_zh_CN.ts; the .qm
next to it is what ships. After changing UI strings:
``pyside6-lupdate $(find gui -name '*.py') -ts resources/translations/netatlas_zh_CN.ts``,
translate the new entries (Qt Linguist: ``pyside6-linguist``), then
``pyside6-lrelease resources/translations/netatlas_zh_CN.ts``; tests/test_translations.py
checks that nothing is left out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"en": "English", "zh": "简体中文"}  # code -> name in its own language

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def current_language() -> str:
    """The code ("en" or "zh") also used for ModelSpec.note()."""
    return _current


def install_language(lang: str) -> str:
    """Make ``lang`` the UI language of the running application; returns the language now used.

    An unknown code or a missing .qm falls back to English rather than failing.
    """
    global _current
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs a running QApplication"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = "en"
    if lang != "zh":
        return _current
    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS_DIR / "netatlas_zh_CN.qm")):
        return _current
    qt_own = QTranslator(app)  # Qt's standard buttons (OK, Cancel, …)
    if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    _current = "zh"
    return _current
