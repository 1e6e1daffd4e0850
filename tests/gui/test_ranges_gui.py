"""Ranges in the window: the ± toggle, dragging a range, typing one, undo, saving, the
presenter's strip, and the analyses that need ranges (Worth knowing, shares of the spread)."""

import pytest
from PySide6.QtCore import Qt

import inches
from inches import Range
from inches.gui import dialogs
from inches.gui.main_window import MainWindow

WAIT = 30_000
KEY = "community.trust_months"


@pytest.fixture
def window(qtbot):
    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    w.resize(1600, 900)
    s = inches.load_scenario("dell-2009").with_values({"trials": 2000})
    w.controller.load(s)
    qtbot.waitUntil(lambda: w.controller.result is not None, timeout=WAIT)
    yield w
    w.controller.stop()


def _settled(qtbot, w):
    qtbot.waitUntil(lambda: w.controller.result is not None and not w.controller.refining
                    and w.controller.result.scenario is w.controller.scenario, timeout=WAIT)


def test_toggle_makes_a_range_around_the_value_and_back(qtbot, window):
    """± turns the value into a PERT range around it (the slider becomes three handles, the
    field says the range); ± again keeps the likely value. Each is one undo step."""
    c, row = window.controller, window.panel.rows[KEY]
    row.toggle.click()
    r = c.scenario.values[KEY]
    assert isinstance(r, Range) and r.shape == "pert" and r.low < 12.0 == r.likely < r.high
    assert row.ranged and row.toggle.isChecked() and len(row.ranger.value()) == 3
    assert row.field.text() == f"{r.low:.1f}–{r.high:.1f} mo"
    _settled(qtbot, window)
    assert "given what we don't know" in window.headline.verdict.text()
    row.toggle.click()
    assert c.scenario.values[KEY] == 12.0 and not row.ranged
    c.undo_stack.undo()
    assert c.scenario.values[KEY] == r and row.ranged
    c.undo_stack.undo()
    assert c.scenario.values[KEY] == 12.0 and not row.ranged and not row.toggle.isChecked()


def test_dragging_a_range_updates_the_charts_live(qtbot, window):
    """Moving a handle of the range previews while held and refines on release; the moves of
    one drag are one undo step."""
    c, row = window.controller, window.panel.rows[KEY]
    row.toggle.click()
    _settled(qtbot, window)
    first = c.scenario.values[KEY]
    row.ranger.sliderPressed.emit()
    lo, likely, hi = row.ranger.value()
    for step in range(1, 6):
        row.ranger.setValue((lo, likely, hi + 20 * step))
    assert c.dragging
    wider = c.scenario.values[KEY]
    assert isinstance(wider, Range) and wider.high > first.high and wider.low == first.low
    row.ranger.sliderReleased.emit()
    _settled(qtbot, window)
    assert c.result.scenario.values[KEY] == wider
    assert c.result.inputs[KEY].max() > first.high  # the futures drew from the wider range
    c.undo_stack.undo()
    assert c.scenario.values[KEY] == first


def test_typing_a_range_or_a_bad_one(qtbot, window):
    """``6..12..24`` in the field is a PERT range, ``6..24`` a uniform one; a range that is
    not allowed turns the field red with the reason and changes nothing."""
    c, field = window.controller, window.panel.rows[KEY].field
    field.selectAll()
    qtbot.keyClicks(field, "6..12..24")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert c.scenario.values[KEY] == Range(6, 12, 24)
    field.selectAll()
    qtbot.keyClicks(field, "6..24")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert c.scenario.values[KEY] == Range(6, 24, shape="uniform")
    assert len(window.panel.rows[KEY].ranger.value()) == 2
    field.selectAll()
    qtbot.keyClicks(field, "24..6")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.property("bad") and "low" in field.toolTip().lower()
    assert c.scenario.values[KEY] == Range(6, 24, shape="uniform")


def test_shape_menu_and_save_round_trip(qtbot, window, tmp_path, monkeypatch):
    """Right-click > Triangular changes the shape; the range is saved and read back exactly."""
    c, row = window.controller, window.panel.rows[KEY]
    row.toggle.click()
    row.ranger.shape_actions["triangular"].trigger()
    r = c.scenario.values[KEY]
    assert r.shape == "triangular"
    path = tmp_path / "unsure.toml"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(path))
    assert window.files.save_as()
    window.writer.flush()
    assert "triangular" in path.read_text()
    c.set_value(KEY, 12.0)
    assert window.files.open_file(str(path))
    assert c.scenario.values[KEY] == r and row.ranged


def test_presenter_strip_shows_ranges_as_low_to_high(qtbot, window):
    """On the presenter's strip a ranged slider shows its range ("6.0–24.0 mo")."""
    window.controller.set_value(KEY, Range(6, 12, 24))
    window.presentation.enter()
    window.presentation.entered()
    row = window.presentation.view.panel.rows[KEY]
    assert row.ranged and row.field.text() == "6.0–24.0 mo"
    window.presentation.leave()


@pytest.fixture
def analysis(analysis_window):
    return analysis_window(inches.load_scenario("dell-2009-uncertain"))


def _run(qtbot, page, trials):
    page.trials.setValue(trials)
    page.run()
    qtbot.waitUntil(lambda: page.run_button.isEnabled(), timeout=WAIT)


def test_worth_knowing_tab_bars_in_dollars(qtbot, analysis):
    """The tab shows all ranges together and one bar per range, in dollars with errors, and
    the sentence the analysis gives; a scenario without ranges is refused in words."""
    page = analysis.pages["Worth knowing"]
    _run(qtbot, page, 4000)
    result = page.result
    assert page.plot.axis.names[-1] == "All ranges together"
    assert len(page.plot.axis.names) == 1 + len(result.parameters)
    assert page.status.text() == result.summary() and "worth" in page.status.text()
    assert page.plot.values[0].textItem.toPlainText().startswith("$")
    page.controller.load(inches.load_scenario("dell-2009"))
    page.run()
    assert "needs ranges" in page.status.text() and page.run_button.isEnabled()


def test_sensitivity_shares_of_the_spread(qtbot, analysis):
    """Sensitivity's ranges mode: luck and each range's share of the spread, as bars."""
    page = analysis.pages["Sensitivity"]
    page.measure.setCurrentIndex(page.measure.findData("spread"))
    _run(qtbot, page, 3000)
    names = page.shares.axis.names
    assert "Luck" in names and page.charts.currentWidget() is page.shares
    assert "luck accounts for" in page.status.text()
    page.measure.setCurrentIndex(page.measure.findData("gap"))
    assert page.charts.currentWidget() is page.plot


def test_strategy_map_on_a_ranged_axis_marks_its_likely_value(qtbot, analysis):
    """A ranged parameter can be an axis of the strategy map; the cross sits at its likely
    value."""
    page = analysis.pages["Strategy map"]
    ranged = page.controller.scenario.ranges
    key = next(k for k in ranged if page.x_key.findData(k) >= 0)
    page.x_key.setCurrentIndex(page.x_key.findData(key))
    page.size.setValue(3)
    _run(qtbot, page, 200)
    assert page.result is not None, page.status.text()
    x, _ = page.here.getData()
    assert x[0] == ranged[key].point
