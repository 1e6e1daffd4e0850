"""The desktop window: sliders drive runs, files round-trip, edits undo, nothing is lost."""

from pathlib import Path

import pytest

import inches
from inches.gui import dialogs, settings
from inches.gui.main_window import MainWindow
from inches.gui.widgets.param_row import ParamSlider

WAIT = 20_000


@pytest.fixture
def window(qtbot):
    """A window on dell-2009 with 2,000 trials, its first result shown."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1600, 900)
    s = inches.load_scenario("dell-2009").with_values({"trials": 2000})
    w.controller.load(s)
    qtbot.waitUntil(lambda: w.controller.result is not None
                    and w.controller.result.scenario is s, timeout=WAIT)
    yield w
    w.controller.stop()


def _wait_for(qtbot, w, key, value):
    """Until the result for ``key`` = ``value`` is shown on every chart (drawn one per turn)."""
    qtbot.waitUntil(lambda: w.controller.result is not None
                    and w.controller.result.scenario[key] == value
                    and not w.controller.refining and not w.charts.overview.drawing,
                    timeout=WAIT)


@pytest.mark.parametrize("name", [n for n, _, _ in inches.list_presets()])
def test_window_builds_from_every_preset(qtbot, name):
    """Each preset opens, runs and fills the headline."""
    w = MainWindow()
    qtbot.addWidget(w)
    s = inches.load_scenario(name).with_values({"trials": 1000})
    w.controller.load(s)
    qtbot.waitUntil(lambda: w.controller.result is not None
                    and w.controller.result.scenario is s, timeout=WAIT)
    verdict = w.headline.verdict.text()
    assert "futures" in verdict and f"month {w.controller.scenario.months}" in verdict
    assert w.headline.rows["deals"].values["median"].text().lstrip("-").startswith("$")
    w.controller.stop()


def test_slider_changes_scenario_charts_and_headline(qtbot, window):
    """Moving a slider (found by its parameter key) re-runs and updates charts and headline."""
    before_text = window.headline.rows["community"].values["median"].text()
    curve = window.charts.plot_widgets()["cumulative_net"]
    slider = window.findChild(ParamSlider, "community.staff")
    slider.set_param_value(30)
    assert window.controller.scenario["community.staff"] == 30
    _wait_for(qtbot, window, "community.staff", 30)
    assert window.headline.rows["community"].values["median"].text() != before_text
    median = window.controller.result.community.bands("cumulative_net")["p50"]
    ys = [item.yData for item in curve.getPlotItem().listDataItems()
          if item.yData is not None and len(item.yData) == len(median) + 1]
    assert any(abs(y[-1] - median[-1]) < 1e-6 * max(1, abs(median[-1])) for y in ys)


def test_stale_result_never_overwrites_newer(qtbot, window):
    """A result that arrives after a newer one has been shown is dropped."""
    c = window.controller
    c.set_value("deals.reps", 3)
    old = c.run()
    c.set_value("deals.reps", 30)
    new = c.run()
    c.runner.cancel()  # only the results sent below arrive
    r_new = inches.simulate(new.tag.scenario, trials=500)
    r_old = inches.simulate(old.tag.scenario, trials=500)
    c.runner.finished.emit(new, r_new)
    c.runner.finished.emit(old, r_old)
    assert c.result is r_new
    assert window.headline.verdict.text() == r_new.verdict()


def test_drag_previews_then_refines(qtbot, window):
    """While a slider is held the app runs a preview; on release it refines to the full count."""
    c = window.controller
    c.load(c.scenario.with_values({"trials": 10_000}))
    qtbot.waitUntil(lambda: c.result is not None and c.result.trials == 10_000, timeout=WAIT)
    c.set_dragging(True)
    c.set_value("deals.reps", 20)
    qtbot.waitUntil(lambda: c.result.scenario["deals.reps"] == 20, timeout=WAIT)
    assert c.result.trials == 2000 and c.refining
    c.set_dragging(False)
    qtbot.waitUntil(lambda: c.result.trials == 10_000 and not c.refining, timeout=WAIT)
    assert c.result.scenario["deals.reps"] == 20


def test_undo_redo_parameter_changes(qtbot, window):
    """Ctrl+Z undoes a change (panel and scenario); Ctrl+Shift+Z redoes it."""
    c = window.controller
    c.set_value("deals.win_rate", 30)
    window.undo_action.trigger()
    assert c.scenario["deals.win_rate"] == 15
    assert window.panel.rows["deals.win_rate"].field.value == 15
    window.redo_action.trigger()
    assert c.scenario["deals.win_rate"] == 30
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]


def test_save_and_open_round_trip(qtbot, window, tmp_path, monkeypatch):
    """Save As writes the scenario; opening it again restores every value and clears 'modified'."""
    c = window.controller
    c.set_value("community.conversion", 0.4)
    assert c.modified and window.isWindowModified()
    path = tmp_path / "plan.toml"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(path))
    assert window.files.save_as()
    window.writer.flush()
    assert not c.modified and "plan.toml" in window.windowTitle()
    c.set_value("community.conversion", 1.0)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *a: "discard")
    assert window.files.open_file(str(path))
    assert c.scenario["community.conversion"] == 0.4 and not c.modified
    assert settings.recent_files()[0] == str(path.resolve())


def test_bad_file_keeps_current_scenario(qtbot, window, tmp_path, monkeypatch):
    """A file that fails to load says why in a dialog and leaves the current scenario alone."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[deals]\nwin_rate = 250\n")
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    window.controller.set_value("deals.reps", 7)
    before = dict(window.controller.scenario.values)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *a: "discard")
    assert not window.files.open_file(str(bad))
    assert dict(window.controller.scenario.values) == before
    assert shown and "bad.toml" in shown[0] and "win_rate" in shown[0] and "0 to 100" in shown[0]


def test_close_with_unsaved_changes_asks(qtbot, window, monkeypatch):
    """Closing with unsaved changes asks; Cancel keeps the window open."""
    asked = []
    window.controller.set_value("deals.reps", 9)
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *a: asked.append(1) or "cancel")
    window.show()
    assert not window.close() and window.isVisible() and asked
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *a: "discard")
    assert window.close()


def test_autosave_and_recovery(qtbot, window, monkeypatch):
    """Unsaved work is autosaved; after a crash the next start offers it back."""
    window.controller.set_value("community.staff", 33)
    window.autosave.tick()
    window.writer.flush()
    found = settings.pending_recovery()
    assert found is not None and found[0]["community.staff"] == 33
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: True)
    fresh.autosave.offer_recovery()
    assert fresh.controller.scenario["community.staff"] == 33 and fresh.controller.modified
    assert settings.pending_recovery() is None
    fresh.controller.stop()


def test_window_state_and_last_file_remembered(qtbot, window, tmp_path, monkeypatch):
    """Size and last file survive a restart."""
    path = tmp_path / "kept.toml"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(path))
    window.files.save_as()
    window.writer.flush()
    window.resize(window.minimumSizeHint().width(), 720)  # fits the 800x800 offscreen screen
    window.show()
    assert window.close()
    assert settings.last_file() == str(path.resolve())
    again = MainWindow()
    qtbot.addWidget(again)
    again.restore_state()
    assert again.size().height() == 720
    again.controller.stop()


def test_escape_cancels_a_long_run(qtbot, window):
    """A long run shows progress and Escape (Cancel Run) stops it, keeping the last charts."""
    c = window.controller
    shown = c.result
    c.set_value("trials", 400_000)
    qtbot.waitUntil(lambda: c.runner.busy, timeout=WAIT)
    c.cancel()
    qtbot.waitUntil(lambda: not c.runner.busy, timeout=WAIT)
    assert c.result is shown and not c.refining


def test_bad_typed_value_is_refused_with_a_message(qtbot, window):
    """A value out of range never reaches the scenario; the status bar says why."""
    window.edit("deals.win_rate", 400)
    assert window.controller.scenario["deals.win_rate"] == 15
    assert "0 to 100" in window.statusBar().currentMessage()


def test_screenshot_command(tmp_path):
    """`inches --screenshot FILE --size WxH` writes a PNG of that size and exits."""
    from PySide6.QtGui import QImage

    from inches.cli import main

    out = tmp_path / "shot.png"
    assert main(["--screenshot", str(out), "--preset", "local-shop", "--size", "1280x720"]) == 0
    assert QImage(str(out)).size().toTuple() == (1280, 720)
    assert not Path(str(out) + ".tmp").exists()


def test_switches_in_the_panel_change_the_scenario(qtbot, window):
    """Ticking 'Same money, two ways' turns equal budgets on (and Ctrl+Z turns it off)."""
    box = window.panel.checks["equal_budget"]
    box.click()
    assert window.controller.scenario["equal_budget"] == 1.0
    assert not window.panel.rows["community.staff"].slider.isEnabled()
    window.undo_action.trigger()
    assert window.controller.scenario["equal_budget"] == 0.0 and not box.isChecked()



def test_the_apps_long_lived_objects_leave_garbage_collection_after_the_first_result(qtbot):
    """As `inches` does: once the first result is shown, what is alive is frozen, and a full
    collection no longer walks it (it held the window's thread for about 50 ms)."""
    import gc

    from PySide6.QtCore import QObject, Signal

    from inches.gui.application import keep_long_lived_after

    class Source(QObject):
        fired = Signal(object)

    source = Source()
    before = gc.get_freeze_count()
    keep_long_lived_after(source.fired)
    try:
        qtbot.wait(20)
        assert gc.get_freeze_count() == before  # nothing until the signal
        source.fired.emit(None)
        qtbot.waitUntil(lambda: gc.get_freeze_count() > before)
        frozen = gc.get_freeze_count()
        source.fired.emit(None)  # once only
        qtbot.wait(20)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
