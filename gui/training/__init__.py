"""The training side panel: a dock that trains the window's model and plots what happens."""

from gui.training.dock import TrainingDock

__all__ = ["TrainingDock"]
