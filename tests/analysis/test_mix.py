"""The budget mix: one budget split from all inches to all miles; the ends are the pure strategies."""

import json

import numpy as np
import pytest

import inches
from inches import ScenarioError
from inches.analysis import budget_mix
from inches.analysis.mix import split


def test_end_points_equal_the_pure_strategies_exactly(dell):
    """All inches is the community under equal budget, all miles the scenario's own deals."""
    mix = budget_mix(dell, steps=5, trials=400, seed=8)
    assert mix.budget == 12 * 25_000
    first, last = mix.mixes[0], mix.mixes[-1]
    assert (first.share, first.reps, first.staff) == (1.0, 0, 37.5)
    assert (last.share, last.reps, last.staff) == (0.0, 12, 0.0)
    inches_only = inches.simulate(dell.with_values({"equal_budget": True}), trials=400, seed=8)
    miles_only = inches.simulate(dell, trials=400, seed=8)
    for m, part in ((first, inches_only.community), (last, miles_only.deals)):
        s = part.summary
        assert (m.median, m.p5, m.p95, m.prob_loss) == (
            s["cumulative_net_p50"], s["cumulative_net_p5"], s["cumulative_net_p95"],
            s["prob_loss"])
        assert m.mean == pytest.approx(s["cumulative_net_mean"], rel=1e-12)


def test_every_mix_spends_the_budget_with_whole_reps(dell):
    """Reps are whole people and the community gets the rest: every mix costs the budget."""
    for budget in (300_000, 290_000):
        for share in np.linspace(1, 0, 11)[:-1]:
            staff, reps = split(dell, float(share), budget)
            assert reps == int(reps) and staff >= 0
            assert staff * 8_000 + reps * 25_000 == pytest.approx(budget, rel=1e-12)
    assert split(dell, 0.0, 290_000) == (0.0, 11)  # all miles: as many reps as it pays for
    assert split(dell, 0.3, 300_000) == (12.5, 8)  # 8.4 reps round to 8; $100K buys 12.5 FTE


def test_a_mix_is_both_halves_added_future_by_future(dell):
    """A middle mix's figures are those of the per-trial sum of its two strategies' nets."""
    mix = budget_mix(dell, steps=3, trials=300, seed=2)
    m = mix.mixes[1]
    r = inches.simulate(dell.with_values({"community.staff": m.staff, "deals.reps": m.reps}),
                        trials=300, seed=2)
    total = r.community.horizon_net + r.deals.horizon_net
    assert m.median == pytest.approx(np.median(total), rel=1e-12)
    assert m.prob_loss == np.mean(total < 0)


def test_best_indices_table_and_json(dell):
    """best_p5/best_median point at the highest P5 and median; table and JSON show them."""
    mix = budget_mix(dell, steps=5, trials=300, seed=3)
    assert mix.mixes[mix.best_p5].p5 == max(m.p5 for m in mix.mixes)
    assert mix.mixes[mix.best_median].median == max(m.median for m in mix.mixes)
    assert "best median" in mix.table() and "best P5" in mix.table()
    d = json.loads(json.dumps(mix.to_dict(), allow_nan=False))
    assert [m["share"] for m in d["mixes"]] == [1.0, 0.75, 0.5, 0.25, 0.0]


@pytest.mark.parametrize("changes, kwargs, words", [
    ({}, {"budget": 10_000_000}, ["1,250 of community.staff", "0 to 200 FTE"]),
    ({}, {"budget": -5}, ["positive amount"]),
    ({}, {"steps": 1}, ["2 to 101"]),
    ({"deals.reps": 0}, {}, ["no budget to split"]),
    ({"community.staff_cost": 0}, {"budget": 1e5}, ["community.staff_cost is 0"]),
])
def test_budgets_that_cannot_be_split_say_why(dell, changes, kwargs, words):
    """A budget or steps the mix cannot use raise ScenarioError saying why."""
    with pytest.raises(ScenarioError) as e:
        budget_mix(dell.with_values(changes), trials=100, **kwargs)
    for w in words:
        assert w in str(e.value)
