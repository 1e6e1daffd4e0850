"""Any screen: the window fits a 1024x768 projector, screenshots are the size asked for, and
presentation mode keeps its charts one size through a whole deck at every common size."""

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

import inches
from inches.decks import load_deck
from inches.gui.main_window import MainWindow
from inches.gui.presenting.view import PresenterView
from inches.gui.theme import DARK, LIGHT

SIZES = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]


def test_window_fits_a_1024_by_768_screen(qtbot):
    """The main window's minimum size is at most 1000x700, and at 1024x768 the headline's
    figures are shown whole (nothing clipped)."""
    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    hint = w.minimumSizeHint().expandedTo(w.minimumSize())
    assert hint.width() <= 1000 and hint.height() <= 700, hint
    w.resize(1024, 768)
    w.show()
    qtbot.waitUntil(lambda: w.controller.result is not None, timeout=30_000)
    qtbot.wait(100)
    assert w.size().width() == 1024

    def whole():
        return all(label.fontMetrics().horizontalAdvance(label.text()) <= label.width() + 1
                   for row in w.headline.rows.values() for label in row.values.values())
    assert whole()
    for theme in (DARK, LIGHT):  # a theme switch keeps the type the width allows
        w.set_theme(theme)
        qtbot.waitUntil(lambda: not w.restyling.busy)
        qtbot.wait(50)
        assert whole(), theme.name
    w.controller.stop()


@pytest.mark.parametrize("size", ["1024x768", "1366x768"])
def test_screenshot_is_exactly_the_size_asked(tmp_path, size):
    """`inches --screenshot FILE --size WxH` writes a WxH picture."""
    out = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, "-m", "inches", "--screenshot", str(out),
                           "--size", size, "--theme", "dark"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert f"{image.width()}x{image.height()}" == size


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_charts_keep_one_size_through_the_deck(qtbot, size):
    """At each screen size the presenter page fits, and its chart area keeps one size at
    every step of the Dell deck, with and without a pinned baseline."""
    deck = load_deck("dell-2009")
    view = PresenterView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.fit_to(*size)
    view.show()
    qtbot.waitExposed(view)
    first = inches.simulate(deck.scenario_at(0), trials=500)
    sizes = set()
    for i, step in enumerate(deck.steps):
        for pinned in (False, True):
            view.set_step(step.title, step.caption, step.sliders, i, len(deck.steps))
            view.set_scenario(deck.scenario_at(i))
            view.set_pinned(pinned)
            view.charts.set_baseline(first if pinned else None)
            qtbot.wait(1)
            sizes.add((view.charts.geometry().getRect()))
    assert len(sizes) == 1, sizes
    assert view.minimumSizeHint().width() <= size[0]
    assert view.minimumSizeHint().height() <= size[1]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_axis_titles_fit_their_plots(qtbot, size):
    """Each axis title of the presenter's charts is no longer than its axis."""
    view = PresenterView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.fit_to(*size)
    view.show()
    view.show_result(inches.simulate(inches.load_scenario("dell-2009"), trials=500))
    qtbot.waitExposed(view)
    for name in ("cumulative_net", "ahead"):
        plot = view.charts.plot_widgets()[name]
        for side in ("left", "bottom"):
            axis = plot.getPlotItem().getAxis(side)
            length = axis.height() if side == "left" else axis.width()
            assert axis.label.boundingRect().width() <= length + 1, (name, side)


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_axis_titles_lie_within_their_axes(qtbot, size):
    """Every chart's axis titles are whole and centred on their axis at projector sizes (an
    axis title that changes length must not keep its old position and run off the chart)."""
    from inches.gui.charts.plot import ChartPlot

    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    w.resize(*size)
    s = inches.load_scenario("dell-2009")
    w.controller.load(s)
    w.show_result(inches.simulate(s), True)  # before the first layout, as a screenshot does
    w.show()
    qtbot.wait(200)
    for plot in (p for p in w.findChildren(ChartPlot) if p.isVisible()):
        for side in ("left", "bottom"):
            axis = plot.getPlotItem().getAxis(side)
            label = axis.label.mapRectToScene(axis.label.boundingRect())
            along = axis.mapRectToScene(axis.boundingRect())
            lo, hi = ((label.top(), label.bottom()) if side == "left"
                      else (label.left(), label.right()))
            a_lo, a_hi = ((along.top(), along.bottom()) if side == "left"
                          else (along.left(), along.right()))
            assert a_lo - 1 <= lo and hi <= a_hi + 1, (plot.name, side, axis.labelText)
            assert abs((lo + hi) / 2 - (a_lo + a_hi) / 2) < 4, (plot.name, side)
    w.controller.stop()


def test_titles_fit_and_never_widen_their_plots(qtbot):
    """A chart's title stays inside the chart and never makes it wider than its widget (the
    right months would be cut off): not when pyqtgraph re-measures the title, and not when the
    value axis widens after the title was fitted (as when the first ticks arrive)."""
    from inches.gui.charts.plot import ChartPlot

    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    w.resize(1805, 1015)
    s = inches.load_scenario("dell-2009")
    w.controller.load(s)
    w.show()
    qtbot.waitUntil(lambda: w.controller.result is not None and not w.controller.refining,
                    timeout=20_000)
    plots = [p for p in w.findChildren(ChartPlot) if p.isVisible()]
    for plot in plots:
        item = plot.getPlotItem()
        item.titleLabel.resizeEvent(None)  # pyqtgraph sets the label's minimum to its text here
        item.getAxis("left").setWidth(item.getAxis("left").width() + 40)
    qtbot.wait(100)
    for plot in plots:
        item, title = plot.getPlotItem(), plot.getPlotItem().titleLabel
        assert item.geometry().width() <= plot.width() + 1, plot.name
        right = title.mapToScene(title.itemRect().topRight()).x()
        assert right <= plot.width() + 1, (plot.name, title.text)
    w.controller.stop()
