"""Lessons ▸: the chapter's experiments, one click each (``LessonsController``)."""

from gui.lessons.controller import LessonsController

__all__ = ["LessonsController"]
