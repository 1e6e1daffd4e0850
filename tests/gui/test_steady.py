"""The live demo holds steady: axes hold while a slider is held, the untouched side does not
move, sliders are fine enough to hit a value, the verdict's columns stay put."""

import numpy as np
import pytest

import inches
from inches.gui.charts.ranges import SETTLE_MS, fitted, grow
from inches.gui.main_window import MainWindow
from inches.gui.widgets.param_row import ParamSlider
from inches.gui.widgets.scale import INNER
from inches.model.params import PARAMS

WAIT = 30_000


@pytest.fixture
def window(qtbot):
    w = MainWindow(persist=False)
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    s = inches.load_scenario("dell-2009")
    w.controller.load(s)
    qtbot.waitUntil(lambda: w.controller.result is not None
                    and w.controller.result.scenario is s and not w.controller.refining,
                    timeout=WAIT)
    qtbot.wait(SETTLE_MS + 100)
    yield w
    w.controller.stop()


def _settled(w):
    c = w.controller
    return c.result is not None and not c.refining and c.result.scenario.values == c.scenario.values


def _drag(qtbot, w, key, values, on_result=None):
    """Press, move through ``values`` (waiting for each preview), release and settle."""
    slider = w.panel.rows[key].slider
    c = w.controller
    slider.setSliderDown(True)
    for v in values:
        slider.set_param_value(v)
        qtbot.waitUntil(lambda: c.result.scenario.values == c.scenario.values, timeout=WAIT)
        if on_result is not None:
            on_result()
    slider.setSliderDown(False)
    qtbot.waitUntil(lambda: _settled(w), timeout=WAIT)
    qtbot.wait(SETTLE_MS + 150)


def test_axis_only_grows_in_few_steps_while_held(qtbot, window):
    """Dragging Sales reps from 12 to 60 in 40 moves changes the fan's y range at most five
    times, never shrinking; on release it settles to the range fitted to the data."""
    plot = window.charts.plot_widgets()["cumulative_net"]
    seen = [plot.target_ranges[1]]

    def record():
        qtbot.wait(20)
        y = plot.target_ranges[1]
        if y != seen[-1]:
            seen.append(y)

    _drag(qtbot, window, "deals.reps", np.linspace(13, 60, 40).round(), record)
    held = seen[:]

    assert len(held) - 1 <= 5, held
    for a, b in zip(held, held[1:]):  # while held: never shrinks
        assert b[0] <= a[0] + 1e-6 and b[1] >= a[1] - 1e-6
    assert plot.shown_ranges == plot.target_ranges  # settled, in one glide
    assert plot.shown_ranges[1][1] < held[-1][1]  # fitted to the data, below the held top


def test_untouched_strategy_is_bit_identical_through_a_drag(qtbot, window):
    """Dragging only trust-building time leaves the miles figures, fan and sample futures
    exactly as they were, during the drag and after release."""
    w = window
    plot = w.charts.plot_widgets()["cumulative_net"]

    def miles():
        r = w.controller.result
        fan = next(i for i in plot.getPlotItem().listDataItems()
                   if i.name() == "deals.cumulative_net.p50")
        samples = [y.copy() for _, y in w.charts.overview._sample_lines["deals"].lines]
        figures = {k: v.text() for k, v in w.headline.rows["deals"].values.items()}
        return r.deals.summary, fan.getData()[1].copy(), samples, figures

    before = miles()
    during = []
    _drag(qtbot, w, "community.trust_months", [13, 15, 18, 20],
          lambda: during.append(miles()))
    after = miles()
    for state in during + [after]:
        assert state[0] == before[0] and state[3] == before[3]
        np.testing.assert_array_equal(state[1], before[1])
        for a, b in zip(state[2], before[2]):
            np.testing.assert_array_equal(a, b)


def test_samples_stay_the_same_futures_at_release(qtbot, window):
    """The sample futures are picked from the preview's trials: releasing a slider keeps the
    same futures on screen (the touched side's curves move, not swap)."""
    w = window
    c = w.controller
    c.set_dragging(True)
    c.set_value("deals.win_rate", 18)
    qtbot.waitUntil(lambda: c.result.scenario["deals.win_rate"] == 18, timeout=WAIT)
    preview = w.charts.overview._data()["samples"]["deals"].copy()
    c.set_dragging(False)
    qtbot.waitUntil(lambda: _settled(w), timeout=WAIT)
    full = w.charts.overview._data()["samples"]["deals"]
    np.testing.assert_array_equal(preview, full)


@pytest.mark.parametrize("p", [p for p in PARAMS if p.key in
                               {"community.staff", "community.trust_months",
                                "community.conversion", "deals.reps", "deals.deal_size",
                                "deals.win_rate", "community.churn", "deals.cycle_months",
                                "community.staff_cost", "deals.rep_cost", "months"}],
                         ids=lambda p: p.key)
def test_one_pixel_moves_at_most_one_percent_of_the_plausible_range(window, p):
    """At 1600x900 each slider spends enough pixels on its plausible range: one pixel moves
    the value by no more than 1% of it (in its own scale, logarithmic where it is)."""
    slider = window.findChild(ParamSlider, p.key)
    handle = 16
    travel = slider.width() - handle
    share = slider.scale.plausible_share()
    assert share >= INNER - 1e-9 or not p.plausible
    pixels = travel * share
    assert pixels >= 100, (p.key, slider.width())


def test_every_panel_slider_is_long_enough(window):
    """Every slider on the panel (every group open) has the pixels for 1% steps."""
    from superqt import QCollapsible
    for more in window.panel.findChildren(QCollapsible):
        more.expand(animate=False)
    window.resize(1600, 900)
    for key, row in window.panel.rows.items():
        travel = row.slider.width() - 16
        assert travel * row.slider.scale.plausible_share() >= 100, key


def test_arrow_keys_step_finely_and_page_keys_coarsely(qtbot, window):
    """Right moves staff by its smallest shown step (0.1 FTE); Page Up by a twentieth."""
    from PySide6.QtCore import Qt
    row = window.panel.rows["community.staff"]
    start = window.controller.scenario["community.staff"]
    row.slider.setFocus()
    qtbot.keyClick(row.slider, Qt.Key.Key_Right)
    assert window.controller.scenario["community.staff"] == pytest.approx(start + 0.1)
    qtbot.keyClick(row.slider, Qt.Key.Key_PageUp)
    assert 1.0 < window.controller.scenario["community.staff"] - start < 3.0


def test_verdict_columns_do_not_move(qtbot, window):
    """The figures' columns keep their place as numbers change width."""
    def lefts():
        return [v.geometry().left() for v in window.headline.rows["deals"].values.values()]
    before = lefts()
    window.controller.set_value("deals.reps", 200)
    qtbot.waitUntil(lambda: _settled(window), timeout=WAIT)
    assert window.headline.rows["deals"].values["median"].text() != "$8.1M"
    assert lefts() == before


def test_ranges_grow_to_round_bounds_and_fit_the_data():
    """Pure rules: a held axis grows only past the data, to a round bound with 25% to
    spare; the fitted range pads the data and leaves room for a legend."""
    assert grow((0.0, 10.0), (0.0, 8.0)) == (0.0, 10.0)
    lo, hi = grow((0.0, 10.0), (0.0, 12.0))
    assert hi >= 12.0 + 0.25 * 12.0 and hi == 18.0  # a multiple of the round step 2
    assert grow((-1.0, 10.0), (-3.0, 9.0))[0] <= -3.0 - 0.25 * 12.0
    bottom, top = fitted(0.0, 100.0, room_px=50, view_px=200)
    assert (top - 100.0) / (top - bottom) >= 0.25 - 1e-9


def test_a_glide_shows_few_frames_and_ends_on_its_target(qtbot):
    """An axis glide moves in several frames (it never jumps), no two of them (but the last)
    closer than FRAME_MS, which allows at most 30 a second (each frame repaints a chart),
    always in the same direction, and lands exactly."""
    import time

    from inches.gui.charts.ranges import FRAME_MS, Glide

    shown = []
    glide = Glide(lambda x, y: shown.append((time.monotonic(), y[1])))
    glide.jump(((0.0, 36.0), (0.0, 100.0)))
    glide.glide(((0.0, 36.0), (0.0, 250.0)))
    qtbot.waitUntil(lambda: not glide.moving, timeout=5000)
    times, tops = zip(*shown[1:])
    assert FRAME_MS >= 1000 / 30 and len(tops) >= 3
    assert min(np.diff(times[:-1])) >= FRAME_MS / 1000 - 1e-3
    assert list(tops) == sorted(tops) and tops[-1] == 250.0


def test_charts_gliding_together_take_turns(qtbot):
    """Four glides started at once (the overview's charts settling together) show their
    frames and land one glide per tick of the shared clock, each glide gets frames of its own
    on the way, and all land exactly: a chart's frame repaints it, and four in one turn of the event
    loop held the window's thread for a whole repaint of the overview."""
    import time

    from inches.gui.charts.ranges import TICK_MS, Glide

    shown = []
    glides = []
    for i in range(4):
        glides.append(Glide(lambda x, y, i=i: shown.append((time.monotonic(), i, y[1]))))
        glides[-1].jump(((0.0, 36.0), (0.0, 100.0)))
    shown.clear()
    for g in glides:
        g.glide(((0.0, 36.0), (0.0, 500.0)))
    qtbot.waitUntil(lambda: not any(g.moving for g in glides), timeout=5000)
    assert {i for _, i, top in shown if top != 500.0} == {0, 1, 2, 3}
    times = sorted(t for t, _, _ in shown)
    assert min(np.diff(times)) >= TICK_MS / 2000  # never two frames (or landings) in a tick
    assert [g.shown[1][1] for g in glides] == [500.0] * 4
