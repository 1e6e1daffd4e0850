"""The chart area: what it draws from a result, and that it updates items in place."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

import inches
from inches.gui.charts.axes import CountAxis, MoneyAxis, MonthAxis
from inches.gui.charts.tabs import ChartsView
from inches.gui.theme import DARK, LIGHT

NAMES = ("cumulative_net", "samples", "distribution", "ahead", "monthly_revenue", "followers",
         "trust", "pipeline")


@pytest.fixture(scope="module")
def results():
    s = inches.load_scenario("dell-2009")
    first = inches.simulate(s, trials=500, months=24, seed=1)
    second = inches.simulate(s.with_values({"deals.reps": 20}), trials=500, months=24, seed=1)
    return first, second


@pytest.fixture
def view(qtbot):
    v = ChartsView()
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def _named(plot, name):
    found = [i for i in plot.getPlotItem().items
             if hasattr(i, "objectName") and i.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def _item_counts(view):
    return {name: (len(p.getPlotItem().items), len(p.scene().items()))
            for name, p in view.plot_widgets().items()}


def test_view_builds(view):
    """The view has three tabs and every named plot, each with its objectName."""
    assert [view.tabText(i) for i in range(view.count())] == [
        "Overview", "Monthly revenue", "Followers, trust, pipeline"]
    plots = view.plot_widgets()
    assert set(NAMES) <= set(plots)
    assert all(p.objectName() == f"chart.{n}" for n, p in plots.items())


def test_median_curve_is_the_p50_band_from_month_zero(view, results):
    """The cumulative-net median curves are P50 of each strategy with month 0 at value 0."""
    r = results[0]
    view.show_result(r)
    plot = view.plot_widgets()["cumulative_net"]
    for s in ("community", "deals"):
        x, y = _named(plot, f"{s}.cumulative_net.p50").getData()
        expected = np.concatenate(([0.0], getattr(r, s).bands("cumulative_net")["p50"]))
        np.testing.assert_allclose(x, np.arange(r.months + 1))
        np.testing.assert_allclose(y, expected)


def test_new_result_changes_data_not_items(view, results):
    """A second result changes the curves' data without adding items to any plot."""
    view.show_result(results[0])
    before_counts = _item_counts(view)
    before = _named(view.plot_widgets()["cumulative_net"], "deals.cumulative_net.p50").getData()[1].copy()
    view.show_result(results[1])
    after = _named(view.plot_widgets()["cumulative_net"], "deals.cumulative_net.p50").getData()[1]
    assert not np.allclose(before, after)
    assert _item_counts(view) == before_counts


def _overview_data(view):
    """Every curve's y data on the overview's four charts."""
    out = []
    for name in ("cumulative_net", "samples", "distribution", "ahead"):
        for item in view.plot_widgets()[name].getPlotItem().items:
            y = getattr(item, "yData", None)
            out.append(None if y is None else np.array(y, copy=True))
    return out


def test_staggered_updates_end_on_the_latest_result(qtbot, view, results):
    """During a drag the charts are drawn one at a time; all end on the newest result."""
    view.show_result(results[0])
    expected = _overview_data(view)
    view.show_result(results[1])
    with qtbot.waitSignal(view.drawn, timeout=5000):
        view.show_result(results[1], stagger=True)
        view.show_result(results[0], stagger=True)  # a newer result while drawing
        assert view.overview._steps  # not all drawn at once
    for got, want in zip(_overview_data(view), expected, strict=True):
        if want is None:
            assert got is None
        else:
            np.testing.assert_array_equal(got, want)



def test_an_export_waits_for_no_chart(view, results):
    """Every result reaches the window's charts one chart per turn; an export (or a
    screenshot) taken before they have all had theirs draws the rest first."""
    view.show_result(results[0])
    expected = _overview_data(view)
    view.show_result(results[1])
    view.show_result(results[0], stagger=True)
    assert view.overview._steps  # charts still waiting
    view.prepare_export()
    assert not view.overview._steps
    for got, want in zip(_overview_data(view), expected, strict=True):
        if want is None:
            assert got is None
        else:
            np.testing.assert_array_equal(got, want)

def test_hidden_tabs_update_when_opened(view, results):
    """Tabs out of sight are drawn when opened, with the latest result."""
    view.show_result(results[0])
    view.show_result(results[1])
    plot = view.plot_widgets()["monthly_revenue"]
    y = _named(plot, "deals.revenue.p50").getData()[1]
    assert y is None or len(y) == 0
    view.setCurrentIndex(1)
    y = _named(plot, "deals.revenue.p50").getData()[1]
    np.testing.assert_allclose(y, results[1].deals.bands("revenue")["p50"])


def test_baseline_ghost_shows_and_hides(view, results):
    """set_baseline shows the ghost medians of the pinned result; None hides them again."""
    view.show_result(results[0])
    plot = view.plot_widgets()["cumulative_net"]
    ghosts = [_named(plot, f"{s}.cumulative_net.pinned.p50") for s in ("community", "deals")]
    assert not any(g.isVisible() for g in ghosts)
    view.set_baseline(results[1])
    assert all(g.isVisible() for g in ghosts)
    assert _named(view.plot_widgets()["distribution"], "ghost_hist_deals").isVisible()
    np.testing.assert_allclose(ghosts[1].getData()[1][1:],
                               results[1].deals.bands("cumulative_net")["p50"])
    view.set_baseline(None)
    assert not any(g.isVisible() for g in ghosts)
    assert not _named(view.plot_widgets()["distribution"], "ghost_hist_deals").isVisible()


def test_reveal_limits_the_fan_to_the_month(view, results):
    """set_reveal(6) draws the fan up to month 6 only; None draws it all again."""
    r = results[0]
    view.show_result(r)
    plot = view.plot_widgets()["cumulative_net"]
    view.set_reveal(6)
    x, _ = _named(plot, "community.cumulative_net.p50").getData()
    assert x.max() <= 6 and x.max() == pytest.approx(6)
    view.set_reveal(6.5)
    x, y = _named(plot, "community.cumulative_net.p50").getData()
    p50 = np.concatenate(([0.0], r.community.bands("cumulative_net")["p50"]))
    assert x[-1] == pytest.approx(6.5) and y[-1] == pytest.approx((p50[6] + p50[7]) / 2)
    view.set_reveal(None)
    assert _named(plot, "community.cumulative_net.p50").getData()[0].max() == r.months


def test_distribution_areas_are_about_100_percent(view, results):
    """Each strategy's histogram of horizon net sums to about 100% of futures."""
    view.show_result(results[0])
    plot = view.plot_widgets()["distribution"]
    assert not _named(plot, "ghost_hist_deals").isVisible()
    for s in ("community", "deals"):
        curve = _named(plot, f"hist_{s}")
        edges, shares = curve.xData, curve.yData
        assert len(edges) == len(shares) + 1 and 24 <= len(shares) <= 64
        width = edges[1] - edges[0]  # round bins on a grid of their width
        np.testing.assert_allclose(np.diff(edges), width)
        assert edges[0] / width == pytest.approx(round(edges[0] / width))
        assert f"{width:.6g}".lstrip("0.").rstrip("0")[:2] in ("1", "2", "25", "5")
        assert 98.0 <= shares.sum() <= 100.0 + 1e-9


def test_samples_span_the_spread(view, results):
    """The middle sample future is the median-ranked trial by horizon net."""
    r = results[0]
    view.show_result(r)
    part = r.deals
    order = np.argsort(part.horizon_net, kind="stable")
    mid = order[round(0.5 * (part.trials - 1))]
    finals = sorted(y[-1] for _, y in view.overview._sample_lines["deals"].lines)
    assert part.cumulative_revenue[mid, -1] in finals


def test_samples_say_when_not_kept(view, results, monkeypatch):
    """A run too large to keep per-trial arrays shows a note instead of sample lines."""
    from inches.model import engine

    monkeypatch.setattr(engine, "KEEP_CELLS", 100)
    huge = inches.Engine().simulate(inches.load_scenario("dell-2009"), trials=500, months=24,
                                    seed=1)
    assert huge.community.cumulative_revenue is None
    view.show_result(huge)
    plot = view.plot_widgets()["samples"]
    assert plot.note.isVisible() and "not kept" in plot.note.toPlainText()
    assert not view.overview._sample_lines["community"].isVisible()


def test_export_png_has_the_requested_size(view, results, tmp_path):
    """export_png writes a complete PNG of exactly the requested size."""
    view.show_result(results[0])
    path = tmp_path / "charts.png"
    view.export_png(str(path), 800, 450)
    image = QtGui.QImage(str(path))
    assert (image.width(), image.height()) == (800, 450)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_export_svg_writes_svg(view, results, tmp_path):
    """export_svg writes an SVG document."""
    view.show_result(results[0])
    path = tmp_path / "charts.svg"
    view.export_svg(str(path))
    text = path.read_text()
    assert text.startswith("<?xml") or "<svg" in text
    assert "<path" in text or "<polyline" in text


def test_set_theme_changes_the_background(view, results):
    """set_theme recolours every plot's background in place."""
    view.show_result(results[0])
    plot = view.plot_widgets()["cumulative_net"]
    assert plot.backgroundBrush().color() == QtGui.QColor(LIGHT.background)
    counts = _item_counts(view)
    view.set_theme(DARK)
    assert all(p.backgroundBrush().color() == QtGui.QColor(DARK.background)
               for p in view.plot_widgets().values())
    assert _item_counts(view) == counts


def test_set_scale_widens_lines(view):
    """set_scale(1.6) makes the 3 px median 4.8 px."""
    plot = view.plot_widgets()["cumulative_net"]
    assert _named(plot, "community.cumulative_net.p50").opts["pen"].widthF() == pytest.approx(3.0)
    view.set_scale(1.6)
    assert _named(plot, "community.cumulative_net.p50").opts["pen"].widthF() == pytest.approx(4.8)


def test_hover_reads_out_money(view, results, qtbot):
    """Moving the mouse over the fan emits a readout of both medians in dollars."""
    view.show_result(results[0])
    plot = view.plot_widgets()["cumulative_net"]
    scene_pos = plot.getPlotItem().vb.mapViewToScene(QtCore.QPointF(12, 0))
    with qtbot.waitSignal(view.hovered, timeout=1000) as blocker:
        plot.mouse_moved((scene_pos,))
    text = blocker.args[0]
    assert "Month 12" in text and "$" in text and "Inches" in text and "Miles" in text


def test_ahead_marker_follows_the_result(view, results):
    """The "ahead from month" marker shows exactly when the result has such a month."""
    for r in results:
        view.show_result(r)
        marker = view.overview._ahead_from
        assert marker.isVisible() == (r.ahead_from_month is not None)
        if r.ahead_from_month is not None:
            assert marker.value() == r.ahead_from_month
            assert str(r.ahead_from_month) in marker.label.toPlainText()


def test_money_axis_tick_strings():
    """Money ticks read $0, $250K, $1.2M, and negative values carry the sign first."""
    axis = MoneyAxis()
    assert axis.tickStrings([0, 250000, 1.2e6], 1, 1e5) == ["$0", "$250K", "$1.2M"]
    assert axis.tickStrings([-5e5], 1, 1e5) == ["-$500K"]
    assert axis.tickStrings([1.2e6, 1.25e6], 1, 5e4) == ["$1.20M", "$1.25M"]


def test_count_and_month_axes():
    """Counts read without a dollar sign; months are whole numbers."""
    assert CountAxis().tickStrings([0, 250000, 1.2e6], 1, 1e5) == ["0", "250K", "1.2M"]
    assert MonthAxis().tickStrings([0.0, 6.0, 12.0], 1, 6) == ["0", "6", "12"]


@pytest.mark.parametrize("width", [700, 900, 1400])
def test_plots_stay_inside_their_widgets(qtbot, view, results, width):
    """A long title never pushes the data area past the widget's right edge (cut-off months)."""
    view.show_result(results[0])
    view.resize(width, 700)
    qtbot.wait(50)
    for name, plot in view.plot_widgets().items():
        if plot.isVisible():
            item = plot.getPlotItem()
            assert item.geometry().width() <= plot.width() + 0.5, name
            assert item.vb.viewRange()[0][1] >= (24 if name != "distribution" else 0)


def test_path_lines_are_separate_and_bands_closed(qtbot):
    """Several lines in one path are not joined end to start; a band encloses the area
    between its edges; the bounds hold every point."""
    from PySide6.QtCore import QPointF

    from inches.gui.charts.paths import PathItem

    lines = PathItem()
    lines.set_lines(np.array([0.0, 1.0, 2.0]), [np.zeros(3), np.full(3, 10.0)])
    path = lines.path()
    starts = [i for i in range(path.elementCount()) if path.elementAt(i).isMoveTo()]
    assert starts == [0, 3]  # the second line starts afresh
    band = PathItem()
    band.set_band(np.array([0.0, 1.0, 2.0]), np.zeros(3), np.array([1.0, 5.0, 1.0]))
    assert band.path().contains(QPointF(1.0, 2.0)) and not band.path().contains(QPointF(1, 6))
    for item, top in ((lines, 10.0), (band, 5.0)):
        rect = item.boundingRect()
        assert rect.left() <= 0 and rect.right() >= 2 and rect.top() <= 0 and rect.bottom() >= top


def test_wide_smooth_lines_land_where_their_points_are(qtbot, monkeypatch):
    """A wide antialiased line is drawn as straight pieces in the picture's own pixels (fast):
    its pixels lie on the line through its points, nowhere else."""
    import pyqtgraph as pg

    from inches.gui.charts.paths import PathItem
    from inches.gui.charts.style import pen

    drawn, real = [], PathItem._draw_pieces
    monkeypatch.setattr(PathItem, "_draw_pieces",
                        lambda self, *a: drawn.append(1) or real(self, *a))
    plot = pg.PlotWidget(background="w")
    qtbot.addWidget(plot)
    plot.resize(320, 240)
    item = PathItem(antialias=True)
    item.setPen(pen("#ff0000", 3))
    plot.addItem(item)
    item.set_lines(np.array([0.0, 10.0]), [np.array([0.0, 10.0]), np.array([10.0, 0.0])])
    plot.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    image = plot.grab().toImage()
    view = plot.getViewBox()

    def red(x: float, y: float) -> bool:
        at = plot.mapFromScene(view.mapViewToScene(QtCore.QPointF(x, y)))
        c = image.pixelColor(at.x(), at.y())
        return c.red() > 200 and c.green() < 120 and c.blue() < 120

    assert drawn
    assert all(red(x, y) for x, y in ((2, 2), (5, 5), (8, 8), (2, 8), (8, 2)))
    assert not any(red(x, y) for x, y in ((5, 2), (5, 8), (2, 5), (8, 5)))


def test_axes_keep_their_area_only_while_their_layout_stands(qtbot, view, results):
    """An axis's bounding rectangle, kept between repaints, is always the one pyqtgraph
    would work out now: after a resize, a projector's scale, a grid turned off."""
    import pyqtgraph as pg

    def worked_out(axis):
        r, m = pg.AxisItem.boundingRect(axis), axis.EDGE
        return r.adjusted(-m, 0, m, 0) if axis.orientation in ("top", "bottom") else \
            r.adjusted(0, -m, 0, m)

    view.show_result(results[0])
    axes = [plot.getPlotItem().getAxis(side) for plot in view.plot_widgets().values()
            for side in ("left", "bottom")]
    for change in (lambda: None, lambda: view.resize(800, 500), lambda: view.set_scale(1.6),
                   lambda: [a.setGrid(False) for a in axes]):
        for axis in axes:
            axis.boundingRect()  # kept from here
        change()
        qtbot.wait(30)
        for axis in axes:
            assert axis.boundingRect() == worked_out(axis)


def test_charts_have_no_context_menus(qtbot, monkeypatch):
    """The charts are read, not zoomed: no right-click menu, and none is even built
    (pyqtgraph's view menu took a quarter of each chart's making, which an analysis tab
    opened for the first time waits for)."""
    import sys

    # the module (the package's attribute of the same name is the class)
    box_module = sys.modules["pyqtgraph.graphicsItems.ViewBox.ViewBox"]
    built = []
    real = box_module.ViewBoxMenu

    class Counted(real):
        def __init__(self, *args):
            built.append(1)
            super().__init__(*args)

    monkeypatch.setattr(box_module, "ViewBoxMenu", Counted)
    v = ChartsView()
    qtbot.addWidget(v)
    for plot in v.plot_widgets().values():
        item = plot.getPlotItem()
        assert item.vb.menu is None and not item.menuEnabled()
    assert not built
