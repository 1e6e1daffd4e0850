"""The analysis window: a tab per analysis, on the main window's current scenario."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..theme import LIGHT
from .calibrate_page import CalibratePage
from .map_page import MapPage
from .mix_page import MixPage
from .tornado import TornadoPage
from .worth_page import WorthPage

PAGES = (TornadoPage, MapPage, MixPage, CalibratePage, WorthPage)


class AnalysisWindow(QWidget):
    """Sensitivity, strategy map, budget mix, calibration and what knowing is worth, beside
    the charts."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Analysis — Inches")
        self.setObjectName("analysis")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages = {cls.title: cls(controller, self) for cls in PAGES}
        for title, page in self.pages.items():
            self.tabs.addTab(page, title)
        self.set_theme(LIGHT)  # theme the charts before anything is drawn
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.tabs)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self.resize(1100, 700)

    def set_theme(self, theme) -> None:
        """Colour every tab's chart (the rest follows the application's palette); a hidden
        window is coloured when next shown, so switching themes stays quick."""
        self._theme = theme
        if self.isVisible() or not hasattr(self, "_styled"):
            self._style()

    def _style(self) -> None:
        self._styled = self._theme
        for page in self.pages.values():
            page.set_theme(self._theme)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._styled is not self._theme:
            self._style()

    def show_page(self, title: str) -> None:
        """Bring the window up on one tab."""
        self.tabs.setCurrentWidget(self.pages[title])
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for page in self.pages.values():
            page.cancel()
            page.runner.stop()  # the threads and their caches go; reopening starts new ones
        super().closeEvent(event)
