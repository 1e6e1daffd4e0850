"""The analysis window runs each analysis on the current scenario; the report is one page."""

import re
from dataclasses import replace

import numpy as np
import pytest

import inches

WAIT = 60_000


@pytest.fixture
def window(analysis_window):
    return analysis_window(inches.load_scenario("dell-2009").with_values({"trials": 1000}))


def _run(qtbot, page, trials=300):
    page.trials.setValue(trials)
    page.run()
    qtbot.waitUntil(lambda: page.run_button.isEnabled(), timeout=WAIT)
    assert page.result is not None, page.status.text()
    return page.result


def test_sensitivity_tab_draws_a_bar_per_parameter(qtbot, window):
    """The tornado has a row per parameter, named on the axis."""
    page = window.pages["Sensitivity"]
    result = _run(qtbot, page)
    assert len(page.plot.axis.names) == len(result.rows) > 3
    assert "moves the answer most" in page.status.text()


def test_strategy_map_fills_and_marks_the_boundary(qtbot, window):
    """The map's image has the grid's shape and the current scenario is marked."""
    page = window.pages["Strategy map"]
    page.size.setValue(4)
    result = _run(qtbot, page, trials=200)
    assert page.image.image.shape == (4, 4)
    assert not np.isnan(np.asarray(result.prob_ahead)).any()
    x, y = page.here.getData()
    assert x[0] == window.pages["Strategy map"].controller.scenario["deals.reps"]


def test_mix_marks_best_points_and_calibration_applies(qtbot, window):
    """The mix frontier marks its best mixes; a calibration can be applied and undone."""
    mix = window.pages["Budget mix"]
    result = _run(qtbot, mix)
    assert len(mix.points.data) == len(result.mixes) == 11
    cal = window.pages["Calibrate"]
    fitted = _run(qtbot, cal)
    cal.apply.click()
    c = cal.controller
    assert all(c.scenario[k] == pytest.approx(v) for k, v in fitted.values.items())
    c.undo_stack.undo()
    assert c.scenario["community.conversion"] == 0.25


def test_bad_observed_point_is_refused_with_a_message(qtbot, window):
    """A point that is not a number names its row and nothing runs."""
    cal = window.pages["Calibrate"]
    cal.points.item(1, 1).setText("lots")
    cal.run()
    assert "point 2" in cal.status.text() and cal.run_button.isEnabled()


def test_report_is_one_page_with_the_expected_text(tmp_path, qtbot):
    """The PDF report is one page naming the scenario, its trials and seed."""
    from inches.gui.board_report import write_report

    result = inches.simulate(inches.load_scenario("local-shop"), trials=500)
    path = tmp_path / "report.pdf"
    write_report(str(path), result)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1
    assert b"Inches report" in data  # the document title


def test_empty_charts_say_what_they_will_show(qtbot, window):
    """Before a run, each tab's chart shows a sentence and no made-up axis numbers."""
    window.show()
    for title, page in window.pages.items():
        window.tabs.setCurrentWidget(page)
        qtbot.wait(10)
        assert page.plot.note.isVisible() and "Press Run" in page.plot.note.toPlainText()
        axis = page.plot.getPlotItem().getAxis("left")
        assert axis.style["showValues"] is False


def test_tornado_fits_its_window_with_a_legend(qtbot, window):
    """At the window's default size the tornado's plot area fits the page (nothing cut off)
    and a legend names its colours."""
    window.show()
    page = window.pages["Sensitivity"]
    _run(qtbot, page, trials=200)
    qtbot.wait(50)
    item = page.plot.getPlotItem()
    assert item.geometry().width() <= page.plot.width() + 1
    labels = [label.text for _, label in page.plot.legend.items]
    assert labels == ["favours inches", "favours miles"] and page.plot.legend.isVisible()


def test_strategy_map_has_a_scale_and_a_line_only_where_computed(qtbot, window):
    """The map shows a colour scale; while it fills, the 50% line covers computed rows only."""
    page = window.pages["Strategy map"]
    page.size.setValue(6)
    page.run_kwargs()  # starts an empty grid
    page.runner.cancel()
    grid = np.full((6, 6), np.nan)
    grid[:3] = np.linspace(0.2, 0.8, 6)[None, :]
    for j in range(3):
        page.show_partial(j, grid[j])
    assert page.scale_bar.isVisible()
    assert page.boundary.isVisible()
    assert page.boundary.data.shape == (6, 3)  # columns x computed rows
    page.show_partial(5, grid[0])  # a lone row far up does not join them
    assert page.boundary.data.shape == (6, 3)


def test_mix_labels_never_overlap(qtbot, window):
    """Every label of the budget mix chart is clear of the others, and both best mixes and
    both ends are named."""
    window.resize(1024, 768)
    window.show()
    page = window.pages["Budget mix"]
    window.tabs.setCurrentWidget(page)
    result = _run(qtbot, page)
    page.plot.finish_glide()
    qtbot.wait(50)
    rects = [t.mapRectToScene(t.boundingRect()) for t in page.texts]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    names = " ".join(t.textItem.toPlainText() for t in page.texts)
    assert "best median" in names and "best bad case" in names
    for end in (result.mixes[0], result.mixes[-1]):
        assert f"{end.share:.0%} inches" in names


def test_tornado_names_an_end_without_effect_beside_the_other_bar(qtbot, window):
    """A parameter end that does not move the answer is named on the free side of zero, not
    over the other end's bar."""
    page = window.pages["Sensitivity"]
    result = _run(qtbot, page, trials=200)
    # the low end has no effect, the high end a bar to the right of zero
    rows = [replace(result.rows[0], gap_low=0.0, gap_high=5e6)]
    page.plot.show_result(replace(result, rows=rows), "gap")
    labels = {t.textItem.toPlainText(): t for t in page.plot.labels if t.pos().x() in (0, 5e6)}
    assert labels["low"].anchor.x() == 1  # left of zero
    assert labels["high"].anchor.x() == 0


def test_tornado_names_two_ends_on_one_side_apart(qtbot, window):
    """When both ends favour one strategy (one bar within the other), the longer bar's end is
    named at its tip and the shorter one's beside zero on the free side: the two names never
    overlap, however small the bars."""
    page = window.pages["Sensitivity"]
    result = _run(qtbot, page, trials=200)
    for low, high in ((-40.0, -90.0), (-2e6, -8e6), (3e6, 1e6)):
        rows = [replace(result.rows[0], gap_low=low, gap_high=high)]
        page.plot.show_result(replace(result, rows=rows), "gap")
        qtbot.wait(10)
        names = {t.textItem.toPlainText(): t for t in page.plot.labels}
        boxes = [t.mapRectToScene(t.boundingRect()) for t in names.values()]
        assert not boxes[0].intersects(boxes[1]), (low, high)
        near, far = sorted(("low", "high"), key=lambda e: abs({"low": low, "high": high}[e]))
        assert names[near].pos().x() == 0
        assert names[near].anchor.x() == (0 if low < 0 else 1)  # on the free side


def test_the_window_fits_its_screen(window):
    """The analysis window opens no larger than its screen's free area (at 1024x768 its
    default 1100 px cut off the charts' right edge)."""
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    assert (window.width(), window.height()) == (min(1100, room.width()), min(700, room.height()))


def test_a_tab_is_made_when_first_shown(qtbot, window):
    """Opening the window makes only the page asked for; another tab's page is made when that
    tab is chosen, in the window's theme, and every title is the page's own."""
    from inches.gui.analysis_tabs.window import PAGES, page_class
    from inches.gui.menus import ANALYSES
    from inches.gui.theme import DARK

    assert tuple(PAGES) == ANALYSES
    assert all(page_class(title).title == title for title in PAGES)
    window.set_theme(DARK)
    window.show_page("Budget mix")
    assert list(window.pages.made()) == ["Budget mix"]
    assert window.tabs.currentWidget() is window.pages["Budget mix"]
    window.tabs.setCurrentIndex(0)
    page = window.pages.made()["Sensitivity"]
    assert window.tabs.currentWidget() is page and window.tabs.tabText(0) == "Sensitivity"
    assert page.plot.backgroundBrush().color().name() == DARK.background
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(ANALYSES)
