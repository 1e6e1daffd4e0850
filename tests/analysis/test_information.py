"""What knowing a range is worth (EVPI, EVPPI) and where the gap's spread comes from: a
closed form, the rules every value keeps, and the same numbers on every executor."""

from __future__ import annotations

import math

import numpy as np
import pytest

import inches
from inches import Range, ScenarioError
from inches.analysis import make_executor, value_of_information, variance_shares
from inches.analysis.uncertain import run_futures
from tests.model.test_closed_forms import deal_expectations


@pytest.fixture(scope="module")
def uncertain():
    return inches.load_scenario("dell-2009-uncertain")


def closed_form_evpi(s: inches.Scenario, low: float, high: float) -> float:
    """EVPI with only the win rate ranged, uniform on low..high (%): the deals' expected net is
    a + b w (docs/model.md, section 9's recursion), the community's c does not depend on w, so
    EVPI = E[max(a + b w, c)] - max(a + b E[w], c), an integral of a straight line."""
    v = s.values
    _, wins, _ = deal_expectations(v["deals.reps"], v["deals.opportunities_per_rep"],
                                   v["deals.ramp_months"], v["deals.cycle_months"], 1.0,
                                   v["deals.deal_size"], v["deals.deal_size_spread"], s.months)
    b = wins.sum() * v["deals.deal_size"] * math.exp(v["deals.deal_size_spread"] ** 2 / 2)
    a = -s.months * v["deals.reps"] * v["deals.rep_cost"]
    c = float(inches.Engine().simulate(s, 50_000, seed=4242).community.horizon_net.mean())
    lo, hi = low / 100, high / 100
    w_star = (c - a) / b
    assert lo < w_star < hi  # the choice turns inside the range: a real value to learn
    known = c + b * (hi - w_star) ** 2 / (2 * (hi - lo))
    return known - max(a + b * (lo + hi) / 2, c)


def test_value_of_knowing_the_win_rate_matches_the_closed_form(dell):
    """With only deals.win_rate ranged (uniform 10 to 20 %), the estimate is within 10% of
    the closed form, the one range's EVPPI is the EVPI, and its error is small."""
    s = dell.with_values({"deals.win_rate": Range(10, 20)})
    v = value_of_information(s, trials=20_000)
    exact = closed_form_evpi(s, 10, 20)
    assert exact > 1e6
    assert abs(v.evpi.value - exact) < 0.1 * exact, (v.evpi, exact)
    assert v.parameters["deals.win_rate"] == v.evpi and v.evpi.se < 0.03 * exact
    assert v.decision_value == max(v.expected.values())


def test_values_are_never_negative_and_none_beats_the_total(uncertain):
    """Every value is at least zero and no parameter's exceeds the EVPI beyond its error."""
    v = value_of_information(uncertain, trials=10_000)
    assert set(v.parameters) == set(uncertain.ranges)
    assert v.evpi.value >= 0 and all(w.value >= 0 for w in v.parameters.values())
    for w in v.parameters.values():
        assert w.value <= v.evpi.value + 3 * math.hypot(w.se, v.evpi.se)
    values = [w.value for w in v.parameters.values()]
    assert values == sorted(values, reverse=True)
    d = v.to_dict()
    assert set(d) == {"decision_value", "evpi", "parameters"}
    assert set(d["evpi"]) == {"value", "se"} and list(d["parameters"]) == list(v.parameters)
    assert "worth about" in v.summary() and "Every range at once" in v.table()


def test_a_range_that_cannot_change_the_choice_is_worth_nothing(dell):
    """A ranged cost per staffer can only make inches cheaper by a little here: when miles is
    ahead whatever it turns out to be, knowing it is worth (almost) nothing."""
    s = dell.with_values({"deals.win_rate": 30, "community.staff_cost": Range(6_000, 8_000)})
    v = value_of_information(s, trials=10_000)
    assert v.choice == "deals" and v.evpi.value < 3 * v.evpi.se + 1e3
    assert "hardly change" in v.summary()


def test_a_scenario_without_ranges_has_nothing_to_learn(dell):
    with pytest.raises(ScenarioError, match="has no ranges.*dell-2009-uncertain"):
        value_of_information(dell, trials=1_000)
    with pytest.raises(ScenarioError, match="has no ranges"):
        variance_shares(dell, trials=1_000)


def test_jobs_of_futures_are_exactly_one_run(uncertain):
    """Split in jobs of 5,000, the futures are the engine's own run of them, bit for bit."""
    f = run_futures(uncertain, 12_000)
    r = inches.Engine().simulate(uncertain, 12_000)
    assert np.array_equal(f.community, r.community.horizon_net)
    assert np.array_equal(f.deals, r.deals.horizon_net)
    for k, a in r.inputs.items():
        assert np.array_equal(f.inputs[k], a)


def test_variance_shares_split_the_spread(uncertain):
    """The ranges mode of sensitivity: every part with an error, adding up to the whole."""
    v = variance_shares(uncertain, trials=10_000)
    parts = v.spread.ranges + (v.spread.luck, v.spread.together)
    assert sum(p.share for p in parts) == pytest.approx(1.0)
    assert v.spread.ranges[0].key == "deals.deal_size" and 0.1 < v.spread.luck.share < 0.6
    d = v.to_dict()
    assert {"luck", "ranges", "together", "sd", "trials"} <= set(d)
    assert "Luck" in v.table() and v.bars()[-1].key == "luck"


def test_process_pool_and_dask_give_the_serial_numbers(uncertain):
    """Value of information and variance shares on a 2-process pool and on a local Dask
    cluster equal the serial results exactly."""
    distributed = pytest.importorskip("dask.distributed")
    serial = value_of_information(uncertain, trials=12_000, seed=5)
    shares = variance_shares(uncertain, trials=12_000, seed=5)
    with make_executor("process", 2) as pool:
        assert value_of_information(uncertain, trials=12_000, seed=5, executor=pool) == serial
        assert variance_shares(uncertain, trials=12_000, seed=5, executor=pool) == shares
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with make_executor(cluster.scheduler_address) as ex:
            assert value_of_information(uncertain, trials=12_000, seed=5, executor=ex) == serial
            assert variance_shares(uncertain, trials=12_000, seed=5, executor=ex) == shares
