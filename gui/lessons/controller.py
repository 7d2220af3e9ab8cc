"""The *Lessons* menu: one entry per lesson of :mod:`models.lessons.catalog`, each starting it
on the lesson panel (which is made on first use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from gui.i18n import current_language
from models.lessons.catalog import LESSONS, Lesson

if TYPE_CHECKING:
    from gui.lessons.panel import LessonPanel
    from gui.main_window import MainWindow


class LessonsMenu(QMenu):
    def __init__(self, controller: LessonsController) -> None:
        super().__init__(controller.window)
        self.controller = controller
        self.lesson_actions: dict[str, QAction] = {}
        for lesson in LESSONS:
            action = self.addAction("")
            action.triggered.connect(lambda _checked=False, chosen=lesson: controller.start(chosen))
            self.lesson_actions[lesson.key] = action
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Lessons"))
        lang = current_language()
        for lesson in LESSONS:
            action = self.lesson_actions[lesson.key]
            action.setText(f"§{lesson.section} {lesson.text('title', lang)}")
            action.setToolTip(lesson.text("narration", lang))
            action.setStatusTip(lesson.scale_note(False, lang))

    def busy_message(self) -> str:
        return self.tr("A lesson is running: stop it before starting another.")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LessonsController:
    """The window's whole hook for lessons: the menu before Help, the panel on demand."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._panel: LessonPanel | None = None
        self.menu = LessonsMenu(self)
        window.menuBar().insertMenu(window.actions.help_menu.menuAction(), self.menu)

    @property
    def panel(self) -> LessonPanel:
        if self._panel is None:
            from gui.docks import RIGHT
            from gui.lessons.panel import LessonPanel

            self._panel = LessonPanel(self.window)
            self.window.docks.adopt(self._panel, RIGHT, tab_with=self.window.training_dock)
            self.window.actions.add_dock_action(self._panel.toggleViewAction())
        return self._panel

    def start(self, lesson: Lesson, data=None, full: bool | None = None) -> list:
        """Show the lesson panel and start ``lesson`` (refused while another lesson runs)."""
        panel = self.panel
        if panel.running:
            self.window.show_error(self.menu.busy_message())
            return []
        folders = panel.start(lesson, data, full)
        w = self.window
        shown = w.spec.name if w.spec is not None else None
        if folders and shown not in {run.model for run in lesson.runs}:
            w.open_model(lesson.shown_model)  # the lesson's network beside its plots
        return folders
