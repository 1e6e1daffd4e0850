"""The strategy map: grids follow the model's monotone effects, fill row by row, check inputs."""

import csv
import io

import numpy as np
import pytest

import inches
from inches import Cancelled, ScenarioError
from inches.analysis import strategy_map


def test_more_reps_raise_deals_revenue_and_net(dell):
    """Along deals.reps the deals' median revenue and net rise, so the gap and P(ahead) fall."""
    reps = [0, 4, 8, 12, 16, 20, 24]
    revenue = [inches.simulate(dell.with_values({"deals.reps": r}), trials=400, seed=3)
               .deals.summary["cumulative_revenue_p50"] for r in reps]
    assert np.all(np.diff(revenue) > 0)
    m = strategy_map(dell, x=("deals.reps", 0, 24, 7), trials=400, seed=3)
    assert m.prob_ahead.shape == m.median_gap.shape == (1, 7)
    assert m.x_values.tolist() == reps and m.y_key is None and m.y_values is None
    assert np.all(np.diff(m.median_gap[0]) < 0)
    assert np.all(np.diff(m.prob_ahead[0]) <= 0)


def test_chance_ahead_never_rises_with_the_win_rate(dell):
    """With common random numbers, P(inches ahead) is non-increasing in deals.win_rate, at
    every community staffing on the map; the median gap falls too."""
    m = strategy_map(dell, x=("deals.win_rate", 8, 30, 6), y=("community.staff", 10, 40, 3),
                     trials=300, seed=5)
    assert m.prob_ahead.shape == (3, 6)
    assert np.all(np.diff(m.prob_ahead, axis=1) <= 0)
    assert np.all(np.diff(m.median_gap, axis=1) < 0)
    assert np.all((m.prob_ahead >= 0) & (m.prob_ahead <= 1))
    assert m.current == (15.0, 20.0)


def test_a_cell_is_the_run_of_its_scenario(dell):
    """Each cell is exactly what simulating that point's scenario reports."""
    m = strategy_map(dell, x=("deals.reps", 6, 18, 3), y=("community.conversion", 0.1, 0.3, 2),
                     trials=300, seed=9)
    r = inches.simulate(dell.with_values({"deals.reps": 18, "community.conversion": 0.3}),
                        trials=300, seed=9)
    c, d = r.community.summary, r.deals.summary
    assert m.median_gap[1, 2] == pytest.approx(c["cumulative_net_p50"] - d["cumulative_net_p50"],
                                               rel=1e-12)
    assert m.prob_ahead[1, 2] == r.prob_community_ahead[-1]


def test_whole_number_parameters_get_whole_grid_values(dell):
    """An integer parameter's grid is rounded to whole values and keeps the points asked for."""
    m = strategy_map(dell, x=("deals.reps", 6, 9, 5), trials=200, seed=1)
    assert m.x_values.tolist() == [6, 7, 8, 8, 9]  # 6.75 -> 7, 7.5 -> 8, 8.25 -> 8


def test_rows_arrive_as_they_finish_and_cancel_raises(dell):
    """on_row gets each finished row; cancel() stops the map with Cancelled after that row."""
    rows = []
    m = strategy_map(dell, x=("deals.reps", 6, 24, 3), y=("community.staff", 10, 40, 4),
                     trials=200, seed=1, on_row=lambda j, row: rows.append((j, row)))
    assert [j for j, _ in rows] == [0, 1, 2, 3]
    np.testing.assert_array_equal(np.array([r for _, r in rows]), m.prob_ahead)
    rows.clear()
    with pytest.raises(Cancelled):
        strategy_map(dell, x=("deals.reps", 6, 24, 3), y=("community.staff", 10, 40, 4),
                     trials=200, seed=1, on_row=lambda j, row: rows.append(j),
                     cancel=lambda: len(rows) >= 1)
    assert rows == [0]


def test_csv_and_dict_have_one_row_per_grid_point(dell):
    """to_csv() has a header and x, y, prob_ahead, median_gap per point; to_dict() nests rows."""
    m = strategy_map(dell, x=("deals.reps", 6, 24, 3), y=("community.staff", 10, 40, 2),
                     trials=200, seed=1)
    rows = list(csv.reader(io.StringIO(m.to_csv())))
    assert rows[0] == ["deals.reps", "community.staff", "prob_ahead", "median_gap"]
    assert len(rows) == 1 + 6 and rows[1][:2] == ["6", "10"] and rows[-1][:2] == ["24", "40"]
    d = m.to_dict()
    assert np.array(d["prob_ahead"]).shape == (2, 3) and d["current"] == [12.0, 20.0]
    assert "deals.reps ->" in m.table()


def test_sweeping_staff_overrides_same_money(dell):
    """With "same money, two ways" on, a map across community.staff still uses the staff asked."""
    s = dell.with_values({"equal_budget": True})
    m = strategy_map(s, x=("community.staff", 10, 40, 3), trials=200, seed=1)
    assert len(set(m.median_gap[0])) == 3
    assert m.current[0] == pytest.approx(12 * 25_000 / 8_000)


@pytest.mark.parametrize("x, y, words", [
    (("deals.rep", 6, 24, 5), None, ["x axis", "unknown parameter 'deals.rep'"]),
    (("deals.reps", 6, 240, 5), None, ["x axis high end", "deals.reps", "0 to 200 people"]),
    (("deals.reps", 6.5, 24, 5), None, ["deals.reps", "not a whole number"]),
    (("deals.reps", 24, 6, 5), None, ["deals.reps", "below its high end"]),
    (("deals.reps", 6, 24, 1), None, ["1 points", "2 to 200"]),
    (("trials", 100, 1000, 3), None, ["trials cannot be swept"]),
    (("deals.reps", 6, 24, 3), ("deals.reps", 6, 24, 3), ["both deals.reps"]),
    (("deals.reps", 6, 24, 3), ("community.conversion", 0, 5, 3),
     ["y axis high end", "community.conversion", "0 to 2 %/month"]),
    (("deals.reps", 6), None, ["(key, low, high, points)"]),
])
def test_bad_axes_say_which_key_and_range(dell, x, y, words):
    """A bad axis raises ScenarioError naming the key and what is allowed."""
    with pytest.raises(ScenarioError) as e:
        strategy_map(dell, x=x, y=y, trials=100)
    for w in words:
        assert w in str(e.value)
