"""The diagram view: scene items, themes and the legend, shared by the app and the exports."""

from gui.diagram.items import ID, KIND, ROLE
from gui.diagram.scene import DiagramScene
from gui.diagram.theme import THEMES, Theme, get_theme

__all__ = ["ID", "KIND", "ROLE", "THEMES", "DiagramScene", "Theme", "get_theme"]
