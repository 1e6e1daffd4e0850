"""The main window's menus, built from its public actions (see :mod:`.main_window`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from ..files.shipped import list_presets
from .theme import THEMES

ANALYSES = ("Sensitivity", "Strategy map", "Budget mix", "Calibrate", "Worth knowing")


def build_menus(w) -> None:
    """File, Edit, Presets, Run, View, Present, Analysis and Help for window ``w``."""
    bar = w.menuBar()
    _file_menu(w, bar.addMenu("&File"))
    e = bar.addMenu("&Edit")
    undo = w.controller.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = w.controller.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    e.addActions([undo, redo])
    w.undo_action, w.redo_action = undo, redo
    p = bar.addMenu("&Presets")
    for name, title, desc in list_presets():
        w.add_action(p, title, lambda _=False, n=name: w.files.open_preset(n), tip=desc)
    p.setToolTipsVisible(True)
    r = bar.addMenu("&Run")
    w.add_action(r, "New &Seed", w.new_seed, "Ctrl+R", "Draw a different set of futures")
    w.add_action(r, "&Cancel Run", w.escape, Qt.Key.Key_Escape,
                 "Stop a long run (in presentation mode: leave it)")
    _view_menu(w, bar.addMenu("&View"))
    w.presentation.build_menu(bar)
    m = bar.addMenu("&Analysis")
    for i, title in enumerate(ANALYSES, 1):
        w.add_action(m, f"{title}…", lambda _=False, t=title: w.show_analysis(t), f"Ctrl+{i}",
                     f"Open the analysis window on {title.lower()}")
    m.addSeparator()
    w.add_action(m, "One-page &Report (PDF)…", w.exports.report, "Ctrl+P",
                 "Scenario, headline, fan chart and sensitivity on one page for a board")
    w.add_action(bar.addMenu("&Help"), "&About Inches", lambda: _about(w))


def _file_menu(w, f) -> None:
    w.add_action(f, "&New", w.files.new_file, QKeySequence.StandardKey.New)
    w.add_action(f, "&Open…", w.files.open_dialog, QKeySequence.StandardKey.Open)
    recent = f.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: w.files.fill_recent(recent))
    w.add_action(f, "&Save", w.files.save, QKeySequence.StandardKey.Save)
    w.add_action(f, "Save &As…", w.files.save_as, QKeySequence("Ctrl+Shift+S"))
    f.addSeparator()
    ex = w.exports
    w.add_action(f, "Export Charts as &PNG…", lambda: ex.export("png"), "Ctrl+E")
    w.add_action(f, "Export Charts as S&VG…", lambda: ex.export("svg"))
    w.add_action(f, "Export Monthly Results as &CSV…", lambda: ex.export("csv"))
    f.addSeparator()
    w.add_action(f, "&Quit", w.close, QKeySequence.StandardKey.Quit)


def _view_menu(w, v) -> None:
    v.addAction(w.params_dock.toggleViewAction())
    v.addSeparator()
    group = QActionGroup(w)
    w.theme_actions = {}
    for name, text, key in (("light", "&Light Theme", "Ctrl+Shift+L"),
                            ("dark", "&Dark Theme", "Ctrl+Shift+D")):
        a = w.add_action(v, text, lambda _=False, n=name: w.set_theme(THEMES[n]), key,
                         f"{text.replace('&', '')} for the window and presentation mode")
        a.setCheckable(True)
        a.setChecked(w.theme.name == name)
        group.addAction(a)
        w.theme_actions[name] = a


def _about(w) -> None:
    QMessageBox.about(w, "About Inches", "<b>Inches</b> 0.1: many small community wins "
                      "against a few big deals, as Monte Carlo futures.")
