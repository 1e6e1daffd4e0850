"""The main window: menus, docks and wiring. The work happens in the controller and widgets."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QProgressBar, QScrollArea, QVBoxLayout, QWidget,
)

from ..cli import bands_table
from ..model.scenario import Scenario, ScenarioError
from ..scenario.files import list_presets, read_preset, write_atomic
from . import dialogs, settings
from .controller import Controller
from .presenting import Presentation
from .theme import LIGHT, Theme
from .widgets.charts import ChartsView
from .widgets.headline import HeadlineStrip
from .widgets.params_panel import ParamsPanel

AUTOSAVE_MS = 5_000


class MainWindow(QMainWindow):
    """Parameters on the left, the headline and charts in the middle."""

    def __init__(self, controller: Controller | None = None, theme: Theme = LIGHT,
                 persist: bool = True):
        super().__init__()
        self.persist = persist  # remember window state and autosave (not for screenshots)
        self.setObjectName("MainWindow")
        self.theme = theme
        self.controller = c = controller or Controller(parent=self)
        self.panel = ParamsPanel(theme)
        self.headline = HeadlineStrip(theme)
        self.charts = ChartsView(theme)
        c.worker.prepare = ChartsView.prepare  # percentiles on the worker, drawing on the GUI
        self._build_layout()
        self.presentation = Presentation(self)
        self.analysis = None  # the analysis window, made when first asked for
        self._build_menus()

        self.panel.changed.connect(self._edit)
        self.panel.dragging.connect(c.set_dragging)
        self.panel.reset.connect(c.reset)
        c.scenarioChanged.connect(self.panel.set_scenario)
        c.scenarioChanged.connect(lambda _s: self._update_title())
        c.fileChanged.connect(self._update_title)
        c.resultReady.connect(self._show_result)
        c.refiningChanged.connect(self._refining)
        c.progress.connect(self._progress)
        c.runFailed.connect(lambda m: self.statusBar().showMessage(m, 10_000))
        self.panel.set_scenario(c.scenario)
        self._update_title()

        self._autosave_timer = QTimer(self, interval=AUTOSAVE_MS, timeout=self._autosave)
        if persist:
            self._autosave_timer.start()
        self._autosaved: Scenario | None = None

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
        self.setCentralWidget(central)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.hide()
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.hover = QLabel("")
        self.statusBar().addWidget(self.hover, 1)
        self.charts.hovered.connect(self.hover.setText)

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.setStatusTip(tip)
        a.setToolTip(tip or text.replace("&", "").rstrip("…"))
        a.triggered.connect(slot)
        menu.addAction(a)
        self.addAction(a)  # shortcuts keep working while the menu bar is hidden (presenting)
        return a

    def _build_menus(self) -> None:
        c = self.controller
        bar = self.menuBar()
        f = bar.addMenu("&File")
        self._action(f, "&New", self.new_file, QKeySequence.StandardKey.New)
        self._action(f, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = f.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(f, "&Save", self.save, QKeySequence.StandardKey.Save)
        self._action(f, "Save &As…", self.save_as, QKeySequence("Ctrl+Shift+S"))
        f.addSeparator()
        self._action(f, "Export Charts as &PNG…", lambda: self.export("png"), "Ctrl+E")
        self._action(f, "Export Charts as S&VG…", lambda: self.export("svg"))
        self._action(f, "Export Monthly Results as &CSV…", lambda: self.export("csv"))
        f.addSeparator()
        self._action(f, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        e = bar.addMenu("&Edit")
        undo = c.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = c.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        e.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo

        p = bar.addMenu("&Presets")
        for name, title, desc in list_presets():
            a = self._action(p, title, lambda _=False, n=name: self.open_preset(n), tip=desc)
            a.setToolTip(desc)
        p.setToolTipsVisible(True)

        r = bar.addMenu("&Run")
        self._action(r, "New &Seed", lambda: self._edit("seed", self._random_seed()), "Ctrl+R",
                     "Draw a different set of futures")
        self._action(r, "&Cancel Run", self._escape, Qt.Key.Key_Escape,
                     "Stop a long run (in presentation mode: leave it)")
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addAction(self.params_dock.toggleViewAction())
        self.presentation.build_menu(bar)
        self._build_analysis_menu(bar)
        h = bar.addMenu("&Help")
        self._action(h, "&About Inches", self._about)

    def _build_analysis_menu(self, bar) -> None:
        m = bar.addMenu("&Analysis")
        for i, title in enumerate(("Sensitivity", "Strategy map", "Budget mix", "Calibrate"), 1):
            self._action(m, f"{title}…", lambda _=False, t=title: self.show_analysis(t),
                         f"Ctrl+{i}", f"Open the analysis window on {title.lower()}")
        m.addSeparator()
        self._action(m, "One-page &Report (PDF)…", self.export_report, "Ctrl+P",
                     "Scenario, headline, fan chart and sensitivity on one page for a board")

    def show_analysis(self, title: str) -> None:
        if self.analysis is None:
            from .analysis.window import AnalysisWindow
            self.analysis = AnalysisWindow(self.controller, self)
        self.analysis.show_page(title)

    def export_report(self) -> None:
        from .report import write_report
        result = self.controller.result
        if result is None:
            return
        stem = Path(self.controller.title).stem
        path = dialogs.save_path(self, str(Path.home() / f"{stem}-report.pdf"), "Report",
                                 "PDF (*.pdf)")
        if not path:
            return
        sens = None
        if self.analysis is not None:
            sens = self.analysis.pages["Sensitivity"].result
        try:
            write_report(str(Path(path).with_suffix(".pdf")), result, sensitivity=sens)
        except OSError as e:
            dialogs.show_error(self, "Cannot write report", f"{path}: {e.strerror or e}")
            return
        self.statusBar().showMessage(f"Wrote {path}", 4000)

    def _escape(self) -> None:
        if self.presentation.active:
            self.presentation.leave()
        else:
            self.controller.cancel()

    def present_deck(self, name_or_path: str) -> bool:
        """Enter presentation mode on a deck (a shipped name or a file); errors in a dialog."""
        return self.presentation.present_deck(name_or_path)

    # --- edits ------------------------------------------------------------------------------
    def _edit(self, key: str, value: float) -> None:
        try:
            self.controller.set_value(key, value)
        except ValueError as e:
            self.statusBar().showMessage(str(e), 8000)
            self.panel.set_scenario(self.controller.scenario)

    @staticmethod
    def _random_seed() -> float:
        import random
        return float(random.randrange(2**31))

    def _show_result(self, result, refined: bool) -> None:
        self.headline.show_result(result)
        if self.presentation.active:
            self.presentation.view.show_result(result, refined)
        else:
            self.charts.show_result(result, stagger=not refined)

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

    # --- files ------------------------------------------------------------------------------
    def _may_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to replace the scenario."""
        if not self.controller.modified:
            return True
        answer = dialogs.ask_unsaved(self, self.controller.title)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_file(self) -> None:
        if self._may_discard():
            self.controller.load(Scenario.default().with_values({}, name="Untitled"))
            settings.forget_last_file()

    def open_preset(self, name: str) -> None:
        if self._may_discard():
            self.controller.load(read_preset(name))

    def open_dialog(self) -> None:
        if not self._may_discard():
            return
        start = str(self.controller.path.parent) if self.controller.path else ""
        path = dialogs.open_path(self, start)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, ask: bool = True) -> bool:
        """Open a scenario file; a bad file leaves the current scenario and says why."""
        if ask and not self._may_discard():
            return False
        try:
            self.controller.open(path)
        except ScenarioError as e:
            dialogs.show_error(self, "Cannot open scenario", str(e))
            return False
        settings.remember_file(path)
        return True

    def save(self) -> bool:
        if self.controller.path is None:
            return self.save_as()
        return self._save_to(self.controller.path)

    def save_as(self) -> bool:
        suggested = str(self.controller.path or Path.home() / f"{self.controller.title}.toml")
        path = dialogs.save_path(self, suggested)
        return bool(path) and self._save_to(Path(path).with_suffix(".toml"))

    def _save_to(self, path: Path) -> bool:
        try:
            self.controller.save(path)
        except OSError as e:
            dialogs.show_error(self, "Cannot save", f"{path}: {e.strerror or e}")
            return False
        settings.remember_file(path)
        settings.clear_autosave()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files()
        for f in files:
            self.recent_menu.addAction(Path(f).name, lambda p=f: self.open_file(p)).setToolTip(f)
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def export(self, kind: str) -> None:
        """Export the charts (PNG/SVG) or the monthly bands (CSV)."""
        result = self.controller.result
        if result is None:
            return
        filters = {"png": "PNG image (*.png)", "svg": "SVG image (*.svg)", "csv": "CSV (*.csv)"}
        stem = Path(self.controller.title).stem
        path = dialogs.save_path(self, str(Path.home() / f"{stem}.{kind}"), "Export", filters[kind])
        if not path:
            return
        path = str(Path(path).with_suffix(f".{kind}"))
        try:
            if kind == "png":
                self.charts.export_png(path)
            elif kind == "svg":
                self.charts.export_svg(path)
            else:
                write_atomic(Path(path), bands_table(result))
        except OSError as e:
            dialogs.show_error(self, "Cannot export", f"{path}: {e.strerror or e}")
            return
        self.statusBar().showMessage(f"Exported {path}", 4000)

    def _autosave(self) -> None:
        c = self.controller
        if c.modified and c.scenario is not self._autosaved:
            try:
                settings.autosave(c.scenario, c.path)
                self._autosaved = c.scenario
            except OSError:
                pass  # autosave is a safety net; a full disk must not interrupt the user

    def offer_recovery(self) -> None:
        """After a crash, offer the unsaved work the last session left."""
        found = settings.pending_recovery()
        if found is None:
            return
        scenario, source, when = found
        stamp = time.strftime("%d %b at %H:%M", time.localtime(when))
        if dialogs.ask_restore(self, f"on {stamp}"):
            self.controller.load(scenario, source, modified=True)
        settings.clear_autosave()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.about(self, "About Inches", "<b>Inches</b> 0.1: many small community wins "
                          "against a few big deals, as Monte Carlo futures.")

    # --- window state -----------------------------------------------------------------------
    def restore_state(self) -> None:
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self._autosave_timer.stop()
        if self.persist:
            s = settings.settings()
            s.setValue("geometry", self.saveGeometry())
            s.setValue("window_state", self.saveState())
            if self.controller.path:
                settings.remember_file(self.controller.path)
            settings.clear_autosave()
        self.controller.worker.stop()
        event.accept()
