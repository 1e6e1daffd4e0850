"""The analysis window: a tab per analysis, on the main window's current scenario.

A tab's page is made when the tab is first shown (or asked for through :attr:`pages`):
making all five at once held the window's thread for about a fifth of a second.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...analysis import remote
from ..theme import LIGHT

# Each tab's title (as in the Analysis menu) and the module and class of its page.
PAGES = {"Sensitivity": ("tornado", "TornadoPage"),
         "Strategy map": ("map_page", "MapPage"),
         "Budget mix": ("mix_page", "MixPage"),
         "Calibrate": ("calibrate_page", "CalibratePage"),
         "Worth knowing": ("worth_page", "WorthPage")}


def page_class(title: str) -> type:
    """The page class of the tab called ``title``."""
    module, name = PAGES[title]
    return getattr(import_module(f".{module}", __package__), name)


class _Pages(Mapping):
    """Every tab's page by title; a page is made the first time it is asked for."""

    def __init__(self, window: AnalysisWindow):
        self._window, self._made = window, {}

    def __getitem__(self, title: str):
        if title not in self._made:
            if title not in PAGES:
                raise KeyError(title)
            self._made[title] = self._window._make(title)
        return self._made[title]

    def __iter__(self) -> Iterator[str]:
        return iter(PAGES)

    def __len__(self) -> int:
        return len(PAGES)

    def made(self) -> dict:
        """The pages made so far, by title (asking makes none)."""
        return dict(self._made)


class AnalysisWindow(QWidget):
    """Sensitivity, strategy map, budget mix, calibration and what knowing is worth, beside
    the charts."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Analysis — Inches")
        self.setObjectName("analysis")
        self._controller = controller
        self._theme = self._styled = LIGHT  # the theme wanted, the theme the pages have
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages = _Pages(self)
        for title in PAGES:  # a stand-in until the tab is first shown
            self.tabs.addTab(QWidget(), title)
        self.tabs.currentChanged.connect(self._shown)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.tabs)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        room = (parent or self).screen().availableGeometry()  # a 1024x768 screen too
        self.resize(min(1100, room.width()), min(700, room.height()))
        remote.warm()  # the analyses run in a child process; its start is not waited for

    def _make(self, title: str):
        """Make the page of tab ``title``, coloured in the window's theme, in its tab."""
        page = page_class(title)(self._controller, self)
        page.set_theme(self._theme)  # theme the charts before anything is drawn
        i = list(PAGES).index(title)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # swapping the stand-in is no change of tab
        stand_in = self.tabs.widget(i)
        self.tabs.removeTab(i)
        self.tabs.insertTab(i, page, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        stand_in.deleteLater()
        return page

    def _shown(self, index: int) -> None:
        if index >= 0:
            self.pages[self.tabs.tabText(index)]  # noqa: B018 - made on first sight

    def set_theme(self, theme) -> None:
        """Colour every tab's chart (the rest follows the application's palette); a hidden
        window is coloured when next shown, so switching themes stays quick."""
        self._theme = theme
        if self.isVisible():
            self._style()

    def _style(self) -> None:
        self._styled = self._theme
        for page in self.pages.made().values():
            page.set_theme(self._theme)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._styled != self._theme:
            self._style()

    def show_page(self, title: str) -> None:
        """Bring the window up on one tab."""
        self.tabs.setCurrentWidget(self.pages[title])
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for page in self.pages.made().values():
            page.cancel()
            page.runner.stop(timeout=0)  # its thread and caches go, without waiting
        super().closeEvent(event)
