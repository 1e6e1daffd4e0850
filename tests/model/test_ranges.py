"""Ranges (docs/model.md, section 12): each shape's draws, common random numbers, the
zero-width identity, per-trial values in every step, and what results report about them."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import inches
from inches import Range, ScenarioError
from inches.model import community, deals
from inches.model.params import BY_KEY, PARAMS, Role
from inches.model.streams import BLOCK, Streams
from inches.model.uncertainty import RANGE_KEYS, draw_inputs, stream_of

BASE = inches.load_scenario("dell-2009")
TRIALS, MONTHS, SEED = 2_000, 24, 77
COMMUNITY_ARRAYS = ("revenue", "cost", "net", "cumulative_net", "followers", "trust")
DEALS_ARRAYS = ("revenue", "cost", "net", "cumulative_net", "pipeline", "wins")


def fresh(scenario, trials=TRIALS, months=MONTHS, seed=SEED, **kw):
    return inches.Engine().simulate(scenario, trials, months, seed, **kw)


def same(a, b, names):
    for name in names:
        assert np.array_equal(getattr(a, name), getattr(b, name)), f"{a.name}.{name}"


# --- the shapes ------------------------------------------------------------------------------

SHAPES = {
    "pert": (Range(6, 12, 24), stats.beta(1 + 4 * 6 / 18, 1 + 4 * 12 / 18, loc=6, scale=18)),
    "pert, likely at an end": (Range(6, 6, 24), stats.beta(1, 5, loc=6, scale=18)),
    "triangular": (Range(6, 9, 24, shape="triangular"), stats.triang(3 / 18, loc=6, scale=18)),
    "uniform": (Range(6, 24), stats.uniform(6, 18)),
}


@pytest.mark.parametrize("name", SHAPES)
def test_each_shapes_draws_follow_its_law(name):
    """200,000 trials' drawn values pass a Kolmogorov-Smirnov test against scipy's law, and
    their mean is within 3 standard errors of the shape's."""
    r, law = SHAPES[name]
    x = draw_inputs({"community.trust_months": r}, 5, 0, 200_000)["community.trust_months"]
    assert stats.kstest(x, law.cdf).pvalue > 1e-3
    assert abs(x.mean() - law.mean()) < 3 * law.std() / np.sqrt(x.size)
    assert r.mean == pytest.approx(law.mean(), rel=1e-12)
    assert 6 <= x.min() and x.max() <= 24


def test_a_trials_value_depends_on_the_seed_and_the_trial_alone():
    """Trial i draws the same value whatever the trial count or where a run starts."""
    r = {"deals.win_rate": Range(15, 20, 30)}
    whole = draw_inputs(r, 9, 0, 12_345)["deals.win_rate"]
    assert np.array_equal(draw_inputs(r, 9, 0, 1_000)["deals.win_rate"], whole[:1_000])
    assert np.array_equal(draw_inputs(r, 9, 3_000, 5_000)["deals.win_rate"], whole[3_000:8_000])
    assert np.array_equal(draw_inputs(r, 9, 2_500, 10)["deals.win_rate"], whole[2_500:2_510])
    assert not np.array_equal(draw_inputs(r, 10, 0, 1_000)["deals.win_rate"], whole[:1_000])


def test_each_parameter_draws_from_its_own_stream():
    """Two parameters with the same range draw different values; the stream numbers follow
    from the keys alone and never meet the model's own components."""
    both = draw_inputs({"deals.win_rate": Range(10, 30), "community.churn": Range(10, 30)},
                       3, 0, 1_000)
    assert not np.array_equal(both["deals.win_rate"], both["community.churn"])
    numbers = [stream_of(k) for k in RANGE_KEYS]
    assert len(set(numbers)) == len(numbers) and min(numbers) >= 2**32


@pytest.mark.parametrize("shape, end", [("triangular", "low"), ("triangular", "likely"),
                                        ("triangular", "high"), ("uniform", "low"),
                                        ("uniform", "high")])
def test_moving_an_end_moves_every_trials_value_one_way(shape, end):
    """Raising any end of a triangular or uniform range never lowers a trial's value, and a
    small move makes a small change (smooth)."""
    before = None
    for v in np.linspace(0.0, 2.0, 21):
        ends = {"low": 6.0, "likely": 12.0, "high": 24.0}
        ends[end] += v
        r = Range(ends["low"], ends["likely"] if shape != "uniform" else None, ends["high"],
                  shape=shape)
        x = draw_inputs({"community.trust_months": r}, 1, 0, 5_000)["community.trust_months"]
        if before is not None:
            assert np.all(x >= before) and np.max(x - before) <= 0.1 + 1e-12
        before = x


def test_a_pert_range_moves_one_way_with_its_likely_value_and_as_a_whole():
    """PERT draws rise with the likely value and when the whole range slides (widening one end
    also spreads a PERT, so single ends are not monotone: docs/model.md, section 12)."""
    draw = lambda r: draw_inputs({"community.trust_months": r}, 1, 0, 5_000)[  # noqa: E731
        "community.trust_months"]
    likely = [draw(Range(6, m, 24)) for m in np.linspace(6.5, 23.5, 18)]
    shifted = [draw(Range(6 + d, 12 + d, 24 + d)) for d in np.linspace(0, 4, 9)]
    for xs in (likely, shifted):
        assert all(np.all(b >= a) for a, b in zip(xs, xs[1:]))


# --- ranges in scenarios ---------------------------------------------------------------------

def test_ranges_are_declared_by_role_and_refused_elsewhere():
    """Every community and deals number may take a range; switches and run settings never."""
    for p in PARAMS:
        assert p.has(Role.RANGE) == (p.group in ("community", "deals")), p.key
    for key in ("months", "trials", "seed", "equal_budget", "include_halo", "discount_rate"):
        with pytest.raises(ScenarioError, match=f"{key} takes one value, not a range"):
            BASE.with_values({key: Range(0, 1)})


def test_a_zero_width_range_is_the_plain_value_bit_for_bit():
    """Range(12, 12, 12) is the number 12, so the run is the plain run exactly."""
    s = BASE.with_values({"community.trust_months": Range(12, 12, 12),
                          "deals.win_rate": Range(15, 15), "deals.reps": Range(12, 12)})
    assert s == BASE and not s.ranges and s["deals.reps"] == 12
    a, b = fresh(BASE), fresh(s)
    same(a.community, b.community, COMMUNITY_ARRAYS)
    same(a.deals, b.deals, DEALS_ARRAYS)
    assert a.verdict() == b.verdict() and "inputs" not in b.to_dict()


def test_a_deals_range_leaves_the_community_and_the_pipeline_untouched():
    """Common random numbers: a ranged win rate moves wins and revenue only."""
    plain = fresh(BASE)
    ranged = fresh(BASE.with_values({"deals.win_rate": Range(10, 15, 30)}))
    same(plain.community, ranged.community, COMMUNITY_ARRAYS)
    same(plain.deals, ranged.deals, ("pipeline", "cost"))
    assert not np.array_equal(plain.deals.wins, ranged.deals.wins)


def test_a_community_range_leaves_the_deals_untouched():
    plain = fresh(BASE)
    ranged = fresh(BASE.with_values({"community.trust_months": Range(6, 12, 24),
                                     "community.staff_cost": Range(2_100, 8_000)}))
    same(plain.deals, ranged.deals, DEALS_ARRAYS)


def test_sliding_a_win_rate_range_up_never_lowers_a_trials_wins():
    """With the seed fixed, each trial's value rises with the range and so do its wins
    (exact per-trial binomial draws are monotone in the probability)."""
    before = None
    for shift in np.linspace(0.0, 6.0, 7):
        r = fresh(BASE.with_values({"deals.win_rate": Range(10 + shift, 20 + shift)}), 1_000)
        wins = r.deals.wins.sum(axis=1)
        if before is not None:
            assert np.all(wins >= before)
        before = wins


def test_per_trial_values_equal_to_the_plain_value_give_the_plain_draws():
    """The per-trial paths are the plain model: a constant array gives the plain run's
    deals exactly, and the community's exact draws exactly (single-precision rounding aside)."""
    streams = lambda: Streams(5, 0, 3_000)  # noqa: E731
    for name, mod, keys in (("deals", deals, None),
                            ("community", community, ("trust_months", "staff", "conversion",
                                                      "audience", "incidents_per_year",
                                                      "incident_severity", "response"))):
        v = BASE.strategy_values(name)
        plain = mod.simulate(v, 36, streams())
        for key in keys or v:
            each = mod.simulate({**v, key: np.full(3_000, v[key])}, 36, streams())
            for k in plain:
                if k != "cost":
                    assert np.array_equal(plain[k], each[k]), (name, key, k)


def test_each_trial_pays_and_keeps_with_its_own_values():
    """Cost, net and halo use each trial's own staff cost, share and halo value."""
    s = BASE.with_values({"community.staff_cost": Range(2_100, 8_000),
                          "community.incremental_share": Range(50, 100),
                          "community.halo_per_follower": Range(0, 0.05),
                          "include_halo": True})
    r = fresh(s)
    c, x = r.community, r.inputs
    np.testing.assert_allclose(c.cost[:, 0], 20 * x["community.staff_cost"], rtol=1e-12)
    np.testing.assert_allclose(c.halo, c.followers * x["community.halo_per_follower"][:, None],
                               rtol=1e-6)
    net = (c.revenue * (x["community.incremental_share"][:, None] / 100) - c.cost + c.halo)
    np.testing.assert_allclose(c.net, net, rtol=1e-9, atol=1e-3)
    np.testing.assert_allclose(c.cumulative_net, np.cumsum(net, axis=1), rtol=1e-9, atol=1e-2)
    assert c.bands("cost")["p95"][0] > c.bands("cost")["p5"][0]


def test_same_money_two_ways_with_a_ranged_rep_cost_matches_each_trial():
    """With equal_budget on, each trial's community spends what its deals team does."""
    s = BASE.with_values({"equal_budget": True, "deals.rep_cost": Range(15_000, 35_000),
                          "deals.reps": Range(8, 16)})
    r = fresh(s, 1_000)
    np.testing.assert_allclose(r.community.cost, r.deals.cost, rtol=1e-12)
    assert set(np.unique(r.inputs["deals.reps"])) <= set(range(8, 17))
    assert s.community_staff() == pytest.approx(12 * 25_000 / 8_000)


def test_equal_budget_is_checked_at_the_ends_of_the_ranges():
    """A ranged staff cost that could put staff above 200 FTE is refused, naming the three."""
    s = BASE.with_values({"equal_budget": True})
    with pytest.raises(ScenarioError, match="at the ends of their ranges"):
        s.with_values({"community.staff_cost": Range(1_000, 8_000)}).check()
    with pytest.raises(ScenarioError, match="ranges down to \\$0"):
        s.with_values({"community.staff_cost": Range(0, 8_000)}).check()
    assert s.with_values({"community.staff_cost": Range(1_500, 8_000)}).check()


def test_results_carry_the_inputs_and_say_what_we_dont_know():
    """result.inputs holds each trial's values; to_dict adds their bands and the spread; the
    verdict says "given what we don't know"; plain runs say and report nothing new."""
    s = BASE.with_values({"community.trust_months": Range(6, 12, 24),
                          "deals.win_rate": Range(15, 30)})
    r = fresh(s)
    assert set(r.inputs) == {"community.trust_months", "deals.win_rate"}
    assert r.inputs["deals.win_rate"].shape == (TRIALS,)
    assert "given what we don't know" in r.verdict()
    d = r.to_dict()
    assert set(d["inputs"]["deals.win_rate"]) == {"p5", "p25", "p50", "p75", "p95", "mean"}
    assert d["inputs"]["deals.win_rate"]["p50"] == pytest.approx(22.5, abs=1.0)
    assert d["parameters"]["community.trust_months"] == {"low": 6.0, "likely": 12.0,
                                                         "high": 24.0, "shape": "pert"}
    assert "given" not in fresh(BASE).verdict() and "inputs" not in fresh(BASE).to_dict()


def test_a_large_run_with_ranges_keeps_the_first_trials():
    """Runs too large to keep per-trial arrays draw the same inputs and summarise them."""
    s = BASE.with_values({"community.staff_cost": Range(2_100, 8_000),
                          "deals.deal_size": Range(100_000, 250_000, 500_000)})
    big = fresh(s, 2 * BLOCK * 60, 36)  # 120,000 x 36 = 4.3M trial-months: not kept
    small = fresh(s, 2_000, 36)
    assert big.community.revenue is None
    for k, a in small.inputs.items():
        assert np.array_equal(big.inputs[k][:2_000], a)
    assert big.community.summary["cumulative_net_p50"] == pytest.approx(
        small.community.summary["cumulative_net_p50"], rel=0.1)
    assert big.spread().trials == 120_000


# --- the spread ------------------------------------------------------------------------------

def test_luck_and_the_ranges_shares_add_up_to_the_whole_spread():
    """With effects that add (a share of revenue and a cost), luck plus each range's
    first-order share is the whole variance within 3 Monte Carlo errors."""
    s = BASE.with_values({"community.incremental_share": Range(50, 100),
                          "community.staff_cost": Range(2_100, 8_000),
                          "deals.rep_cost": Range(15_000, 35_000)})
    sp = fresh(s, 10_000, 36, 2009).spread()
    total = sp.luck.share + sum(p.share for p in sp.ranges)
    se = np.sqrt(sp.luck.se**2 + sum(p.se**2 for p in sp.ranges))
    assert abs(total - 1.0) < 3 * se + 0.005
    assert abs(sp.together.share) < 3 * sp.together.se + 0.005
    assert all(p.share > 3 * p.se for p in sp.ranges)
    assert sp.luck.share + sum(p.share for p in sp.ranges) + sp.together.share == \
        pytest.approx(1.0)


def test_a_range_that_does_not_matter_has_no_share():
    """An input that never reaches the gap (halo not counted) explains nothing."""
    s = BASE.with_values({"community.halo_per_follower": Range(0, 0.05),
                          "deals.win_rate": Range(10, 30)})
    sp = fresh(s, 10_000, 36, 2009).spread()
    halo = next(p for p in sp.ranges if p.key == "community.halo_per_follower")
    win = next(p for p in sp.ranges if p.key == "deals.win_rate")
    assert halo.share < 3 * halo.se + 0.002 and win.share > 0.2
    assert "win rate" in sp.summary() and sp.bars()[-1].key == "luck"


def test_param_value_reads_a_range():
    from inches.text import param_value

    assert param_value(BY_KEY["community.trust_months"], Range(6, 12, 24)) == \
        "6 to 24 months (likely 12)"
    assert param_value(BY_KEY["community.staff_cost"], Range(2_100, 8_000)) == \
        "$2,100 to $8,000/month"
    assert param_value(BY_KEY["deals.win_rate"], Range(15, 20, 30, "triangular")) == \
        "15 to 30 % (likely 20, triangular)"


def test_one_engine_reports_the_inputs_of_the_run_asked_for():
    """A strategy's part kept from an earlier run of other ranges never lends its inputs."""
    e = inches.Engine()
    e.simulate(BASE.with_values({"deals.reps": Range(6, 24)}), 1_000, 12, 3)
    r = e.simulate(BASE.with_values({"deals.deal_size": Range(100_000, 500_000)}), 1_000, 12, 3)
    assert set(r.inputs) == {"deals.deal_size"}
    paired = inches.Result(r.scenario, r.community, r.deals, 1_000, 12, 3)  # as a preview does
    assert np.array_equal(paired.inputs["deals.deal_size"], r.inputs["deals.deal_size"])


def test_moving_a_range_on_one_engine_matches_fresh_runs():
    """The engine's caches key on the ranges: each move of an end re-runs what it touches,
    and gives exactly what a fresh engine gives."""
    e = inches.Engine()
    for high in (24, 30, 36, 30):
        s = BASE.with_values({"community.trust_months": Range(6, 12, high),
                              "deals.deal_size": Range(100_000, 250_000, 20_000 * high)})
        kept, new = e.simulate(s, TRIALS, MONTHS, SEED), fresh(s)
        same(kept.community, new.community, COMMUNITY_ARRAYS)
        same(kept.deals, new.deals, DEALS_ARRAYS)
        assert np.array_equal(kept.inputs["community.trust_months"],
                              new.inputs["community.trust_months"])
