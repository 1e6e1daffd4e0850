"""Entering and leaving presentation mode, and the keys a presenter (or a clicker) sends.

Works through the main window's small public face (``add_action``, ``edit``,
``show_full_screen``, ``leave_full_screen``, ``show_message``, ``charts``) and the controller's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ...decks import list_decks, load_deck
from ...model.scenario import ScenarioError
from .. import dialogs
from ..theme import DARK, LIGHT
from ..turns import InTurns, make_way
from .playback import Playback
from .player import DeckPlayer
from .view import FREE_SLIDERS, PresenterView

NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space)
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)


class Presentation(QObject):
    """Presentation mode for ``window`` (a :class:`MainWindow`): full screen, deck, pin, play."""

    def __init__(self, window, controller):
        super().__init__(window)
        self.w, self.c = window, controller
        c = controller
        self.view = PresenterView(LIGHT)
        window.add_page(self.view)
        self.player = DeckPlayer(c, self)
        self.entry = InTurns(lambda: [window], self)
        self.active = False
        self.pinned = None  # the pinned result, shown as a ghost on both chart views
        self.playback = Playback(self._reveal, lambda: c.scenario.months, self)
        self.playback.playingChanged.connect(self.view.set_playing)

        self.view.edited.connect(window.edit)
        self.view.dragging.connect(c.set_dragging)
        self.view.reset.connect(c.reset)
        self.view.action.connect(self._action)
        self.player.stepChanged.connect(self._show_step)
        c.scenarioChanged.connect(self._scenario_changed)

        # Deck keys act only while presenting; elsewhere arrows and Space belong to widgets.
        self.next_action = self._key_action("Next Step", NEXT_KEYS, lambda: self.step(1))
        self.back_action = self._key_action("Previous Step", BACK_KEYS, lambda: self.step(-1))

    def _key_action(self, text: str, keys, slot) -> QAction:
        a = QAction(text, self.w)
        a.setShortcuts([QKeySequence(k) for k in keys])
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        a.setEnabled(False)
        self.w.addAction(a)
        return a

    def build_menu(self, bar) -> None:
        """The Present menu and the toolbar: F5, decks, handout, pin (B), play (P)."""
        add = self.w.add_action
        m = bar.addMenu("&Present")
        present = add(m, "&Present", lambda: self.enter(), "F5",
                      "Full screen for a room, with the headline sliders (Esc leaves)")
        decks = m.addMenu("Present &Deck")
        for name, title, desc in list_decks():
            decks.addAction(title, lambda n=name: self.present_deck(n)).setToolTip(desc)
        decks.setToolTipsVisible(True)
        add(m, "&Open Deck…", self.open_deck, tip="Present a story deck file (.toml)")
        add(m, "&Export Deck Handout…", self.export_handout,
            tip="One PDF page per step of a deck, as the room sees it")
        m.addSeparator()
        pin = add(m, "Pin &Baseline", self.toggle_pin, "B",
                  "Freeze these results as a faded ghost behind the charts; B clears it")
        play = add(m, "&Play Futures", self.playback.toggle, "P",
                   "Play the futures month by month; P pauses")
        tools = self.w.addToolBar("Presentation")
        tools.setObjectName("presentation_toolbar")
        tools.setMovable(False)
        tools.addActions([present, pin, play])

    def present_deck(self, name_or_path: str, step: int = 0) -> bool:
        """Present a deck (a shipped name or a file) from ``step`` (0-based); a bad deck is
        reported in a dialog."""
        deck = self._load(name_or_path)
        if deck is None:
            return False
        self.enter(deck, step)
        return True

    def _load(self, name_or_path: str):
        try:
            return load_deck(name_or_path)
        except ScenarioError as e:
            dialogs.show_error(self.w, "Cannot open deck", str(e))
            return None

    def open_deck(self) -> None:
        path = dialogs.open_path(self.w, "", title="Open deck")
        if path:
            self.present_deck(path)

    def export_handout(self) -> None:
        """Write the current (or a chosen) deck's handout as a PDF."""
        from .handout import export_deck

        deck = self.player.deck
        if deck is None:
            path = dialogs.open_path(self.w, "", title="Deck to export")
            deck = self._load(path) if path else None
            if deck is None:
                return
        out = dialogs.save_path(self.w, str(Path.home() / f"{deck.name}.pdf"), "Export handout",
                                "PDF (*.pdf)")
        if not out:
            return
        try:
            export_deck(deck, pdf=str(Path(out).with_suffix(".pdf")))
        except OSError as e:
            dialogs.show_error(self.w, "Cannot export", f"{out}: {e.strerror or e}")
            return
        self.w.show_message(f"Exported {out}")

    def charts(self):
        """The chart view on screen."""
        return self.view.charts if self.active else self.w.charts

    def _reveal(self, month: float | None) -> None:
        """Playback: the charts up to ``month``, and the big numbers as they stood then."""
        self.charts().set_reveal(month)
        if self.active and self.c.result is not None:
            numbers = self.view.numbers
            numbers.set_animated(False)  # they follow the month, frame by frame
            numbers.show_result(self.c.result, month)
            numbers.set_animated(True)

    def show_result(self, result, hold: bool = False) -> bool:
        """Show a new result on the presenter page; False when not presenting."""
        if self.active:
            self.view.show_result(result, hold)
        return self.active

    # --- mode -------------------------------------------------------------------------------
    def enter(self, deck=None, step: int = 0) -> None:
        """Full screen with the presenter page; with ``deck``, from step ``step`` (0-based).

        In three turns of the event loop, the window answering between them (at once, entry
        took up to 140 ms on a busy machine): the page, then the deck's step (or the scenario
        as it is), then the result. Nothing is painted before the last; a key that needs the
        entry whole (a step, Escape) completes it first (:meth:`entered`)."""
        make_way()
        self.entry.start([self._switch, lambda: self._begin(deck, step), self._fill])

    def entered(self) -> None:
        """Complete an entry still under way, now."""
        if self.entry.busy:
            self.entry.finish()

    def step(self, direction: int) -> None:
        """The deck's next (1) or previous (-1) step, once the entry is whole."""
        self.entered()
        self.player.step(direction)

    def _switch(self) -> None:
        if not self.active:
            self.playback.stop()
            self.active = True
            self.w.show_full_screen(self.view)
            screen = self.w.screen().geometry()
            self.view.fit_to(screen.width(), screen.height())
            for a in (self.next_action, self.back_action):
                a.setEnabled(True)
        self.view.charts.set_baseline(self.pinned, draw=False)  # drawn with the result (_fill)

    def _begin(self, deck, step: int) -> None:
        self.view.set_scenario(self.c.scenario)
        if deck is not None:
            self.c.begin_aside()  # deck steps stay out of the undo history
            self.player.start(deck, min(max(step, 0), len(deck.steps) - 1))
        else:
            self.player.stop()
            self._show_step(None)
        self.view.setFocus()

    def _fill(self) -> None:
        if self.c.result is not None:
            self.view.numbers.set_animated(False)
            self.view.show_result(self.c.result)
            self.view.numbers.set_animated(True)

    def leave(self, keep: bool = False) -> None:
        """Back to the window exactly as it was: after a deck, with the scenario it had before
        the deck, or with ``keep`` with this step's values as one undoable edit."""
        self.entered()
        if not self.active:
            return
        make_way()
        self.player.stop()
        self.c.end_aside(keep)
        self.playback.stop()
        self.active = False
        for a in (self.next_action, self.back_action):
            a.setEnabled(False)
        self.w.leave_full_screen()
        # The window's charts still show what they showed before presenting. A result made
        # while presenting is drawn there once; when leaving a deck started a run (its scenario
        # put back), the run's result is drawn when it comes, and not the deck step's first.
        charts, result = self.w.charts, self.c.result
        fresh = result is not None and result is not charts.result and not self.c.refining
        charts.set_baseline(self.pinned, draw=not fresh)
        if fresh:
            charts.show_result(result)

    # --- actions ----------------------------------------------------------------------------
    def toggle_pin(self) -> None:
        """Freeze the current result as a ghost behind the charts; again to clear it."""
        result = self.c.result
        self.pinned = None if self.pinned is not None or result is None else result
        for view in (self.w.charts, self.view.charts):  # the hidden one when next shown
            view.set_baseline(self.pinned, draw=view.isVisible())
        self.view.set_pinned(self.pinned is not None)
        self.w.show_message("Pinned: the dashed ghost shows these results" if self.pinned
                            else "Pin cleared")

    def toggle_theme(self) -> None:
        """Light to dark and back, for the whole app."""
        self.w.set_theme(LIGHT if self.w.theme.dark else DARK)

    def theme_steps(self, theme) -> list:
        """Colour the presenter page in ``theme``, in steps for the window's theme switch to
        take in turns: a page styled before is restyled now, shown or hidden, so that entering
        presentation mode stays quick (in the soak, entering after a theme switch restyled the
        hidden page then, up to 95 ms of the entry's 140). A page never shown yet is styled
        when it is (fit_to: its scale depends on the screen)."""
        if self.active or self.view.styled:
            return self.view.look_steps(theme, self.view.scale)
        self.view.theme = theme
        return []

    def _action(self, name: str) -> None:
        c = self.c
        if name in ("next", "back"):
            self.step(1 if name == "next" else -1)
        elif name == "pin":
            self.toggle_pin()
        elif name == "play":
            self.playback.toggle()
        elif name == "equal":
            c.set_value("equal_budget", float(not c.scenario.values["equal_budget"]))
        elif name == "theme":
            self.toggle_theme()
        elif name == "keep":
            self.leave(keep=True)
        elif name == "exit":
            self.leave()

    def _show_step(self, index: int | None) -> None:
        make_way()
        deck = self.player.deck
        if deck is None or index is None:
            self.view.set_step(self.c.title, "", FREE_SLIDERS, None, 0)
        else:
            step = deck.steps[index]
            self.view.set_step(step.title, step.caption, step.sliders, index, len(deck.steps))
        self.view.set_scenario(self.c.scenario)

    def _scenario_changed(self, scenario) -> None:
        if self.active:
            self.view.set_scenario(scenario)
