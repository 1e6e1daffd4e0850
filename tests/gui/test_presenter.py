"""Presentation mode: full screen and back, decks, pin, playback, big numbers, handout."""

import dataclasses
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import inches
from inches import text as fmt
from inches.decks import load_deck
from inches.gui.main_window import MainWindow
from inches.gui.presenting import playback

WAIT = 20_000


@pytest.fixture
def window(qtbot):
    """A shown window on dell-2009 with 2,000 trials and its first result."""
    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    w.show()
    s = inches.load_scenario("dell-2009").with_values({"trials": 2000})
    w.controller.load(s)
    qtbot.waitUntil(lambda: w.controller.result is not None
                    and w.controller.result.scenario is s, timeout=WAIT)
    w.resize(w.minimumSizeHint().width(), 600)  # the tightest size, with figures shown
    yield w
    w.controller.stop()


@pytest.fixture
def deck():
    return load_deck("dell-2009")


def _settled(w):
    c = w.controller
    return (not w.presentation.entry.busy and not w.presentation.player.gliding
            and not w.presentation.view.charts.overview.drawing and c.result is not None and not c.refining
            and c.result.scenario.values == c.scenario.values)


def test_enter_and_leave_restore_the_window(qtbot, window):
    """F5 goes full screen without menus or dock; Esc brings back the window as it was."""
    size, dock = window.size(), window.params_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active and window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.params_dock.isVisible()
    assert window.pages.currentWidget() is window.presentation.view
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active and not window.isFullScreen()
    qtbot.wait(300)
    assert window.size() == size, (window.size(), size, window.minimumSizeHint())
    assert window.params_dock.isVisible() == dock and window.menuBar().isVisible()


def test_runs_wait_while_the_presenter_page_is_first_drawn(qtbot, window, monkeypatch):
    """Entering and leaving hold the engine's threads (model/threads.py) until the page has
    been painted, and then let them go: a run beside the relayout doubled its time."""
    from PySide6.QtCore import QEvent, QObject

    from inches.model import threads

    painted, at_release = [], []

    class Paints(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                painted.append(obj)
            return False

    watch = Paints()
    release = threads.release
    monkeypatch.setattr(threads, "release", lambda: (at_release.append(len(painted)), release()))
    for key, page in ((Qt.Key.Key_F5, window.presentation.view), (Qt.Key.Key_Escape, window)):
        page.installEventFilter(watch)
        painted.clear()
        qtbot.keyClick(window, key)
        assert not threads._clear.is_set(), "runs went on while the page was laid out"
        qtbot.waitUntil(threads._clear.is_set, timeout=1000)
        assert at_release and at_release[-1] > 0, "let go before the page was painted"
        page.removeEventFilter(watch)


def test_runs_wait_for_the_paint_however_late_it_comes(qtbot):
    """A window let go of asks for its repaint at a low priority, which at times came after
    the two turns of the event loop the runs used to wait (CI saw them go before the presenter
    page was painted): they wait for the paint itself."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    from inches.gui.turns import hold_paint, let_paint
    from inches.model import threads

    class Late(QObject):  # holds back the window's repaint, as a busy queue did
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            return event.type() == QEvent.Type.UpdateRequest

    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    hold_paint(w)
    let_paint(w)
    late = Late()
    w.installEventFilter(late)  # asked after turns.py's: it sees the request first
    qtbot.wait(50)
    assert not threads._clear.is_set(), "runs went on before the window was painted"
    w.removeEventFilter(late)
    w.update()
    qtbot.waitUntil(threads._clear.is_set, timeout=1000)


def test_entry_comes_in_turns_and_a_step_key_completes_it(qtbot, window):
    """Entering a deck is done over turns of the event loop, the window painted only once all
    are done; a step asked for before then (a quick clicker) first completes the entry."""
    p = window.presentation
    p.present_deck("dell-2009")
    assert p.active and p.entry.busy and not window.updatesEnabled()
    assert p.player.deck is None  # the deck's first step comes in a later turn
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert not p.entry.busy and p.player.deck is not None and p.player.index == 1
    qtbot.waitUntil(window.updatesEnabled, timeout=1000)


def test_presenter_text_is_projector_sized(qtbot, window):
    """At 1920x1080 the words a room reads are at least 20 pt."""
    view = window.presentation.view
    view.resize(1920, 1080)
    view.fit_to(1920, 1080)
    view.set_step("Trust takes time", "A caption.", ["community.trust_months",
                                                      "community.staff", "deals.reps"], 0, 6)
    labels = [view.caption, view.title] + view.panel.findChildren(QLabel)
    for label in labels:
        label.ensurePolished()
        assert label.font().pointSizeF() >= 20, label.text()
    assert view.charts.plot_widgets()["cumulative_net"].scale >= 1.8


def test_deck_forward_and_back_reach_each_steps_values(qtbot, window, deck):
    """Right/Space/Page Down go forward, Left/Page Up back; every step lands on its values."""
    assert window.presentation.present_deck("dell-2009")
    c, player = window.controller, window.presentation.player
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    forward = [Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown]
    for k in range(1, len(deck.steps)):
        qtbot.keyClick(window, forward[k % 3])
        qtbot.waitUntil(lambda: not player.gliding, timeout=WAIT)
        assert player.index == k
        want = deck.values_at(k)
        assert {key: c.scenario.values[key] for key in want if c.scenario.values[key] != want[key]} == {}, (deck.steps[k].title, {key: want[key] for key in want if c.scenario.values[key] != want[key]})
        shown = set(window.presentation.view.panel.rows) | set(window.presentation.view.panel.checks)
        assert shown == set(deck.steps[k].sliders)
    for k in range(len(deck.steps) - 2, -1, -1):
        qtbot.keyClick(window, Qt.Key.Key_Left if k % 2 else Qt.Key.Key_PageUp)
        qtbot.waitUntil(lambda: not player.gliding, timeout=WAIT)
        want = deck.values_at(k)
        assert all(c.scenario.values[key] == want[key] for key in want)
    assert window.presentation.view.title.text() == deck.steps[0].title


def test_step_glides_rather_than_jumps(qtbot, window, deck):
    """Between steps the charts see in-between values (about half a second of frames)."""
    window.presentation.present_deck("dell-2009")
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    seen = []
    window.controller.scenarioChanged.connect(lambda s: seen.append(dict(s.values)))
    window.presentation.player.go(2)  # community staff 20 -> 10 FTE
    qtbot.waitUntil(lambda: not window.presentation.player.gliding, timeout=WAIT)
    staff = [v["community.staff"] for v in seen]
    assert len(set(staff)) >= 3 and staff[-1] == 10
    assert staff == sorted(staff, reverse=True)


def test_pin_appears_and_clears(qtbot, window):
    """B freezes the results as a ghost behind the charts; B again clears it."""
    ghost = window.charts.overview._ghost["community"].median
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.presentation.pinned is window.controller.result and ghost.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.presentation.pinned is None and not ghost.isVisible()


def test_a_pin_set_while_presenting_shows_in_the_window_after(qtbot, window):
    """B while presenting pins the result; the window's own charts (hidden meanwhile, drawn
    when shown again) show the ghost after Escape, and stop showing it once it is cleared."""
    ghost = window.charts.overview._ghost["community"].median
    for pinned in (True, False):
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
        qtbot.keyClick(window, Qt.Key.Key_B)
        assert (window.presentation.pinned is not None) == pinned
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: ghost.isVisible() == pinned, timeout=2000)


def test_playback_reaches_the_horizon_and_pauses(qtbot, window, monkeypatch):
    """P plays month by month to the horizon and stops there; P mid-way pauses."""
    monkeypatch.setattr(playback, "PLAY_SECONDS", 0.5)
    pb = window.presentation.playback
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert pb.playing
    qtbot.waitUntil(lambda: not pb.playing, timeout=WAIT)
    assert pb.month == window.controller.scenario.months
    assert window.charts._upto == pb.month
    monkeypatch.setattr(playback, "PLAY_SECONDS", 30)
    qtbot.keyClick(window, Qt.Key.Key_P)  # from the start again
    qtbot.wait(100)
    qtbot.keyClick(window, Qt.Key.Key_P)  # pause
    paused = pb.month
    assert not pb.playing and 0 <= paused < window.controller.scenario.months
    qtbot.wait(100)
    assert pb.month == paused


def test_same_money_toggle_says_so(qtbot, window):
    """The toggle sets equal budgets and the presenter page says what that means."""
    window.presentation.enter()
    window.presentation.view.equal.click()
    assert window.controller.scenario.values["equal_budget"]
    note = window.presentation.view.note
    assert note.isVisible() and "Same money" in note.text() and "sales reps" in note.text()


def test_big_numbers_settle_on_the_new_result(qtbot, window):
    """Big numbers glide to the newest median and show it exactly when done."""
    window.presentation.enter()
    window.controller.set_value("community.staff", 40)
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    median = window.controller.result.community.summary["cumulative_net_p50"]
    label = window.presentation.view.numbers.figures["community"].label
    qtbot.waitUntil(lambda: label.text() == fmt.money(median), timeout=WAIT)


def test_bad_deck_is_reported_and_nothing_changes(qtbot, window, tmp_path, _answering_dialogs):
    """A deck that fails to load says why (file, step, key) and stays out of presenting."""
    bad = tmp_path / "bad-deck.toml"
    bad.write_text('format = 1\ntitle = "T"\n[[step]]\ntitle = "One"\ncaption = "c"\n'
                   'sliders = ["deals.reps"]\n[step.values]\ndeals.win_rate = 250\n')
    before = dict(window.controller.scenario.values)
    assert not window.presentation.present_deck(str(bad))
    assert not window.presentation.active
    assert dict(window.controller.scenario.values) == before
    message = _answering_dialogs[-1]
    assert "bad-deck.toml" in message and "win_rate" in message and "100" in message


def test_handout_has_one_page_per_step(tmp_path, deck, qtbot):
    """The PDF handout has a page per step; the PNG folder a 1920x1080 image per step."""
    from PySide6.QtGui import QImage

    from inches.gui.presenting.handout import export_deck

    small = dataclasses.replace(deck, base=deck.base.with_values({"trials": 1000}))
    written = export_deck(small, pdf=str(tmp_path / "h.pdf"), png_dir=str(tmp_path / "png"))
    pdf = (tmp_path / "h.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(deck.steps)
    pngs = sorted((tmp_path / "png").glob("*.png"))
    assert len(pngs) == len(deck.steps) and len(written) == len(deck.steps) + 1
    assert QImage(str(pngs[0])).size().toTuple() == (1920, 1080)


def test_main_window_menus_offer_the_shipped_decks(window):
    """The Present menu lists the shipped decks and the F5 / B / P shortcuts."""
    texts = [a.text() for a in window.findChildren(type(window.undo_action))]
    assert any("Present" in t for t in texts)
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"F5", "B", "P"} <= shortcuts


def test_esc_after_a_deck_puts_back_the_scenario_and_leaves_no_undo(qtbot, window, deck):
    """Deck steps stay out of the undo history; Esc returns the window to the scenario it had
    before the deck."""
    c = window.controller
    c.set_value("deals.reps", 14)
    before, depth = dict(c.scenario.values), c.undo_stack.count()
    window.presentation.present_deck("dell-2009")
    for _ in range(3):
        window.presentation.step(1)
        qtbot.waitUntil(lambda: not window.presentation.player.gliding, timeout=WAIT)
    assert c.scenario.values != before and c.undo_stack.count() == depth
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert dict(c.scenario.values) == before and c.undo_stack.count() == depth
    window.undo_action.trigger()
    assert c.scenario["deals.reps"] == 12  # the edit made before the deck, not a deck step


def test_keep_this_step_is_one_undoable_edit(qtbot, window, deck):
    """"Keep this step" leaves with the step's values, undone in one Ctrl+Z."""
    c = window.controller
    before, depth = dict(c.scenario.values), c.undo_stack.count()
    window.presentation.present_deck("dell-2009", 2)  # step 3: community staff 10
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    window.presentation.view.buttons["keep"].click()
    assert not window.presentation.active
    assert c.scenario["community.staff"] == 10 and c.undo_stack.count() == depth + 1
    window.undo_action.trigger()
    assert dict(c.scenario.values) == before


def test_going_back_a_step_restores_axes_as_well_as_numbers(qtbot, window, deck):
    """Forward two steps and back: the fan chart's axes are where they were."""
    p = window.presentation
    p.present_deck("dell-2009", 2)
    plot = p.view.charts.plot_widgets()["cumulative_net"]

    def settle():
        qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
        qtbot.waitUntil(lambda: plot.shown_ranges == plot.target_ranges, timeout=WAIT)
    settle()
    first = plot.shown_ranges
    for delta in (1, 1, -1, -1):
        p.step(delta)
        settle()
    np.testing.assert_allclose(plot.shown_ranges, first, rtol=1e-9)


def test_pinning_changes_no_title(qtbot, window):
    """B shows the ghost without renaming any chart; the note line says what it is."""
    window.presentation.enter()
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    plots = window.presentation.view.charts.plot_widgets()
    titles = {n: p.getPlotItem().titleLabel.text for n, p in plots.items()}
    note_height = window.presentation.view.note.height()
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert {n: p.getPlotItem().titleLabel.text for n, p in plots.items()} == titles
    assert "pinned" in window.presentation.view.note.text()
    assert window.presentation.view.note.height() == note_height


def test_playback_shows_the_month_and_the_numbers_follow(qtbot, window):
    """Mid-playback the big numbers are the figures of the month on screen."""
    p = window.presentation
    p.enter()
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    p._reveal(12.4)
    r = window.controller.result
    numbers = p.view.numbers
    assert "month 12" in numbers.captions["community"].text()
    median = r.community.bands("cumulative_net")["p50"][11]
    assert numbers.figures["community"].label.text() == fmt.money(median)
    assert numbers.figures["ahead"].label.text() == fmt.percent(r.prob_community_ahead[11])
    p._reveal(None)
    assert f"month {r.months}" in numbers.captions["community"].text()


def test_fan_chart_is_findable_from_outside(window):
    """The fan chart is `chart.cumulative_net`; its medians are named PlotDataItems."""
    from pyqtgraph import PlotWidget
    plot = window.findChild(PlotWidget, "chart.cumulative_net")
    names = {i.name() for i in plot.getPlotItem().listDataItems()}
    assert {"community.cumulative_net.p50", "deals.cumulative_net.p50"} <= names


def test_a_new_window_opens_on_the_default_scenario(qtbot):
    """MainWindow() with no arguments shows the default scenario's results, as `inches`."""
    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.controller.result is not None, timeout=WAIT)
    assert w.controller.scenario.name == "Dell Outlet 2009"
    w.controller.stop()
