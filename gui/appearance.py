"""The window's light/dark look: "system" follows the desktop's colour scheme.

One Fusion palette per scheme (Fusion draws the same on every platform, so screenshots and tests
see what users see) plus a small style sheet from resources/styles/ for spacing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

STYLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"
ICONS_DIR = STYLES_DIR.parent / "icons"  # style sheets name it @ICONS@
APP_THEMES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#24272b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1c1e21",
    QPalette.ColorRole.AlternateBase: "#2a2d31",
    QPalette.ColorRole.ToolTipBase: "#2f3338",
    QPalette.ColorRole.ToolTipText: "#f0f0f0",
    QPalette.ColorRole.PlaceholderText: "#8b9096",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2f3338",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#2f6fca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6aa7ff",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f8fa",
    QPalette.ColorRole.ToolTipBase: "#ffffe8",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#8c959f",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#eceef1",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.BrightText: "#cf222e",
    QPalette.ColorRole.Highlight: "#2f6fca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#0969da",
}


def resolve_scheme(app_theme: str) -> str:
    """ "light" or "dark" for a setting of "system", "light" or "dark"."""
    if app_theme in ("light", "dark"):
        return app_theme
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Paint the whole application in ``scheme`` ("light" or "dark").

    Restyling sends a StyleChange to every widget of every window, so it is done only when the
    scheme actually changes.
    """
    if app.property("netatlas_scheme") == scheme:
        return
    app.setProperty("netatlas_scheme", scheme)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in (_DARK if scheme == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#6e7681" if scheme == "dark" else "#a0a7b0")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
    sheet = (STYLES_DIR / f"{scheme}.qss").read_text(encoding="utf-8")
    app.setStyleSheet(sheet.replace("@ICONS@", ICONS_DIR.as_posix()))
