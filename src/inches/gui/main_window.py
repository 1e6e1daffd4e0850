"""The main window: menus, docks and wiring. The work happens in the controller and widgets.

Its public face, used by presentation mode and the analysis window: :meth:`add_action`,
:meth:`edit`, :meth:`show_full_screen` / :meth:`leave_full_screen`, :meth:`show_message`,
and the ``controller``, ``charts`` and ``headline`` it holds.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..files.shipped import read_preset
from . import settings
from .autosave import Autosave
from .charts.tabs import ChartsView
from .controller import Controller
from .exports import Exports
from .file_actions import FileActions
from .menus import build_menus
from .presenting.mode import Presentation
from .theme import LIGHT, Theme, apply
from .turns import InTurns, paint_when_laid_out
from .widgets.headline import HeadlineStrip
from .widgets.params_panel import ParamsPanel
from .writer import Writer

MESSAGE_MS = 4000
MIN_SIZE = (1000, 700)  # fits a 1024x768 projector with room for its frame
DEFAULT_PRESET = "dell-2009"


class _Pages(QStackedWidget):
    """A stack sized by the page on show: the presenter page must not widen the window."""

    def sizeHint(self):  # noqa: N802 - Qt's name
        return self.currentWidget().sizeHint()

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        return self.currentWidget().minimumSizeHint()


class MainWindow(QMainWindow):
    """Parameters on the left, the headline and charts in the middle."""

    def __init__(self, controller: Controller | None = None, theme: Theme | None = None,
                 persist: bool = True):
        """With no controller the window opens on the default scenario and runs it, as
        ``inches`` does; with no theme, the one last chosen (light at first)."""
        super().__init__()
        self.persist = persist  # remember window state and autosave (not for screenshots)
        self.setObjectName("MainWindow")
        self.theme = theme = theme or (settings.theme() if persist else LIGHT)
        self.panel = ParamsPanel(theme)
        self.headline = HeadlineStrip(theme)
        self.charts = ChartsView(theme)
        self.controller = c = controller or Controller(prepare=self._prepare, parent=self)
        self._saved_look = None  # window state while a full-screen page shows
        self.restyling = InTurns(lambda: [self] + ([self.analysis] if self.analysis else []),
                                 self)
        self._build_layout()
        self.presentation = Presentation(self, c)
        self.exports = Exports(self)
        self.writer = Writer(self)
        self.files = FileActions(self, self.writer)
        self.autosave = Autosave(self, c, self.writer, enabled=persist)
        self.analysis = None  # the analysis window, made when first asked for
        build_menus(self)

        self.panel.changed.connect(self.edit)
        self.panel.dragging.connect(c.set_dragging)
        self.panel.reset.connect(c.reset)
        c.scenarioChanged.connect(self.panel.set_scenario)
        c.scenarioChanged.connect(lambda _s: self._update_title())
        c.fileChanged.connect(self._update_title)
        c.resultReady.connect(self.show_result)
        c.refiningChanged.connect(self._refining)
        c.progress.connect(self._progress)
        c.runFailed.connect(lambda m: self.statusBar().showMessage(m, 10_000))
        self.panel.refused.connect(lambda m: self.show_message(m, 8000))
        self.panel.set_scenario(c.scenario)
        self._update_title()
        self.setMinimumSize(*MIN_SIZE)
        self.set_theme(theme)
        self.restyling.finish()  # a new window is styled whole before it is shown
        if controller is None:
            c.load(read_preset(DEFAULT_PRESET))

    # --- layout -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.panel.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 4)
        dock = QDockWidget("Parameters", self)
        dock.setObjectName("parameters")
        dock.setWidget(scroll)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.params_dock = dock
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.headline)
        self.charts.setCornerWidget(self.headline.status, Qt.Corner.TopRightCorner)
        box.addWidget(self.charts, 1)
        self.pages = _Pages(self)
        self.pages.addWidget(central)
        self.setCentralWidget(self.pages)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.hide()
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.hover = QLabel("")
        self.statusBar().addWidget(self.hover, 1)
        self.charts.hovered.connect(self.hover.setText)

    def add_action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        """A menu item whose shortcut works even while the menu bar is hidden (presenting)."""
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.setStatusTip(tip)
        a.setToolTip(tip or text.replace("&", "").rstrip("…"))
        a.triggered.connect(slot)
        menu.addAction(a)
        self.addAction(a)
        return a

    def show_analysis(self, title: str) -> None:
        """Open the analysis window on one of its tabs (Sensitivity, Strategy map, ...)."""
        if self.analysis is None:
            from .analysis_tabs.window import AnalysisWindow
            self.analysis = AnalysisWindow(self.controller, self)
            self.analysis.set_theme(self.theme)
        self.analysis.show_page(title)

    def analysis_result(self, title: str):
        """The last finished result of an analysis tab, or None."""
        page = None if self.analysis is None else self.analysis.pages.made().get(title)
        return None if page is None else page.result

    # --- full-screen pages (presenting) -----------------------------------------------------
    def add_page(self, page: QWidget) -> None:
        """A page that can take the whole window (see :meth:`show_full_screen`)."""
        self.pages.addWidget(page)

    def show_full_screen(self, page: QWidget) -> None:
        """Full screen with only ``page``: no menus, status bar, dock or toolbars."""
        paint_when_laid_out(self)
        bars = []
        if self._saved_look is None:
            self._saved_look = (self.geometry(), self.saveState(), self.windowState(),
                                self.menuBar().isVisible(), self.statusBar().isVisible())
            bars = [self.menuBar(), self.statusBar(), self.params_dock,
                    *self.findChildren(QToolBar)]
        self.pages.setCurrentWidget(page)  # first: the window's charts are not laid out again
        for w in bars:
            w.hide()
        self.setGeometry(self.screen().geometry())  # also where no window manager obliges
        self.showFullScreen()

    def leave_full_screen(self) -> None:
        """Back to the window exactly as it was before :meth:`show_full_screen`."""
        if self._saved_look is None:
            return
        geometry, state, window_state, menu, status = self._saved_look
        self._saved_look = None
        paint_when_laid_out(self)
        self.setWindowState(window_state)
        self.restoreState(state)
        if not window_state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            self.setGeometry(geometry)
        self.menuBar().setVisible(menu)
        self.statusBar().setVisible(status)
        self.pages.setCurrentIndex(0)  # last: its charts are laid out once, at their size

    def set_theme(self, theme: Theme) -> None:
        """Light or dark for every surface: window, charts, presenter page, analysis window."""
        self.theme = theme
        apply(theme)
        # In turns (about 20-50 ms each, nothing repainted until all are done): the surface on
        # screen first, then the window's parts a presenter page hides.
        mine = [*self.panel.theme_steps(theme),
                lambda: (self.headline.set_theme(theme), self.charts.set_theme(theme))]
        steps = self.presentation.theme_steps(theme)
        steps = steps + mine if self.presentation.active else mine + steps
        if self.analysis is not None:
            steps.append(lambda: self.analysis.set_theme(theme))
        self.restyling.start(steps)
        for name, action in getattr(self, "theme_actions", {}).items():
            action.setChecked(name == theme.name)
        if self.persist:
            settings.remember_theme(theme.name)

    def show_message(self, text: str, ms: int = MESSAGE_MS) -> None:
        """A passing note on the status bar."""
        self.statusBar().showMessage(text, ms)

    def new_seed(self) -> None:
        """Draw a different set of futures."""
        self.edit("seed", random.randrange(2**31))

    def escape(self) -> None:
        """Esc: leave presentation mode, or cancel a long run."""
        if self.presentation.active:
            self.presentation.leave()
        else:
            self.controller.cancel()

    # --- edits and results ------------------------------------------------------------------
    def edit(self, key: str, value: float) -> None:
        """Change one parameter; a value out of range is refused on the status bar."""
        try:
            self.controller.set_value(key, value)
        except ValueError as e:
            self.statusBar().showMessage(str(e), 8000)
            self.panel.set_scenario(self.controller.scenario)

    def _prepare(self, result) -> None:
        """On the worker thread: what the charts on screen will read (presenting: the
        presenter's, which are the overview's)."""
        self.charts.prepare(result)

    def show_result(self, result, refined: bool) -> None:
        """Show a result in the headline and on whichever charts are on screen (the
        window's: one chart per turn of the event loop, which keeps the window answering)."""
        self.headline.show_result(result)
        hold = self.controller.dragging or not refined
        if not self.presentation.show_result(result, hold):
            self.charts.show_result(result, stagger=True, hold=hold)

    def _refining(self, refining: bool) -> None:
        self.headline.set_refining(refining)
        if not refining:
            self.progress_bar.hide()

    def _progress(self, fraction: float) -> None:
        self.progress_bar.setVisible(fraction < 1.0)
        self.progress_bar.setValue(round(100 * fraction))
        self.progress_bar.setFormat("Simulating %p% (Esc cancels)")

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.controller.title}[*] — Inches")
        self.setWindowModified(self.controller.modified)

    # --- window state -----------------------------------------------------------------------
    def restore_state(self) -> None:
        """The size, place and layout the window had when it last closed."""
        s = settings.settings()
        geometry, state = s.value("geometry"), s.value("window_state")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._default_geometry()
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _default_geometry(self) -> None:
        """First start: most of the screen, centred."""
        screen = self.screen().availableGeometry()
        self.resize(round(screen.width() * 0.94), round(screen.height() * 0.94))
        frame = self.frameGeometry()
        frame.moveCenter(screen.center())
        self.move(frame.topLeft())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.writer.flush()  # a save on its way counts as saved, or says why not
        if not self.files.may_discard():
            event.ignore()
            return
        self.autosave.stop()
        if self.persist:
            s = settings.settings()
            s.setValue("geometry", self.saveGeometry())
            s.setValue("window_state", self.saveState())
            if self.controller.path:
                settings.remember_file(self.controller.path)
            settings.clear_autosave()
        self.controller.stop()
        event.accept()
