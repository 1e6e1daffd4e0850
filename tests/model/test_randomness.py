"""Reproducibility and common random numbers (MODEL.md, "Randomness").

Runs that must agree are made on fresh engines, so a cached result can never stand in for a
recomputation; comparisons are bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

import inches
from inches.model.params import COMMUNITY_KEYS, DEALS_KEYS, param

BASE = inches.load_scenario("dell-2009")
TRIALS, MONTHS, SEED = 2_000, 24, 77

COMMUNITY_ARRAYS = ("revenue", "cost", "net", "cumulative_revenue", "cumulative_net",
                    "followers", "trust", "halo")
DEALS_ARRAYS = ("revenue", "cost", "net", "cumulative_revenue", "cumulative_net",
                "pipeline", "wins")


def fresh(scenario, trials=TRIALS, months=MONTHS, seed=SEED, **kw):
    """Simulate on a new engine: nothing cached from earlier runs."""
    return inches.Engine().simulate(scenario, trials, months, seed, **kw)


def assert_same(a, b, names):
    """Every named per-trial array of two strategy results is identical, bit for bit."""
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        assert x.shape == y.shape, name
        assert np.array_equal(x, y), f"{a.name}.{name} differs in {np.sum(x != y)} cells"


def moved(key: str):
    """A value for ``key`` other than the preset's, inside the parameter's range."""
    p = param(key)
    now = BASE[key]
    for v in (p.plausible or ()) + ((p.lo + p.hi) / 2, p.hi):
        if v != now:
            return int(v) if p.integer else v
    raise AssertionError(key)


@pytest.fixture(scope="module")
def reference():
    return fresh(BASE)


def test_same_inputs_give_identical_results(reference):
    """Same parameters, trials and seed give identical arrays, on fresh and shared engines."""
    again = fresh(BASE)
    assert_same(reference.community, again.community, COMMUNITY_ARRAYS)
    assert_same(reference.deals, again.deals, DEALS_ARRAYS)
    shared = inches.simulate(BASE, TRIALS, MONTHS, SEED)
    assert_same(reference.community, shared.community, COMMUNITY_ARRAYS)
    assert_same(reference.deals, shared.deals, DEALS_ARRAYS)
    np.testing.assert_array_equal(reference.prob_community_ahead, again.prob_community_ahead)


def test_same_inputs_give_identical_results_over_several_chunks():
    """A multi-chunk run (12,000 trials) is reproducible bit for bit on fresh engines."""
    a, b = fresh(BASE, trials=12_000, months=12), fresh(BASE, trials=12_000, months=12)
    assert_same(a.community, b.community, COMMUNITY_ARRAYS)
    assert_same(a.deals, b.deals, DEALS_ARRAYS)


@pytest.mark.parametrize("key", DEALS_KEYS)
def test_deals_parameter_leaves_community_untouched(reference, key):
    """Changing any deals.* parameter leaves every community array identical, bit for bit."""
    r = fresh(BASE.with_values({key: moved(key)}))
    assert_same(reference.community, r.community, COMMUNITY_ARRAYS)


@pytest.mark.parametrize("key", COMMUNITY_KEYS)
def test_community_parameter_leaves_deals_untouched(reference, key):
    """Changing any community.* parameter leaves every deals array identical, bit for bit."""
    r = fresh(BASE.with_values({key: moved(key)}))
    assert_same(reference.deals, r.deals, DEALS_ARRAYS)


@pytest.mark.parametrize("key", ["community.conversion", "community.order_value",
                                 "community.order_value_cv", "community.staff_cost",
                                 "community.gross_margin"])
def test_sales_parameters_leave_followers_and_trust_untouched(reference, key):
    """Conversion, order value and money parameters leave followers and trust identical."""
    r = fresh(BASE.with_values({key: moved(key)}))
    assert_same(reference.community, r.community, ("followers", "trust"))


def test_order_value_scales_revenue_exactly(reference):
    """Doubling the average order doubles every trial's revenue exactly: same buyers and orders."""
    r = fresh(BASE.with_values({"community.order_value": 2 * BASE["community.order_value"]}))
    np.testing.assert_array_equal(r.community.revenue, 2 * reference.community.revenue)


def test_deal_size_scales_deal_revenue_exactly(reference):
    """Doubling the median deal doubles every trial's monthly deal revenue: same deals won."""
    r = fresh(BASE.with_values({"deals.deal_size": 2 * BASE["deals.deal_size"]}))
    np.testing.assert_array_equal(r.deals.wins, reference.deals.wins)
    np.testing.assert_allclose(r.deals.revenue, 2 * reference.deals.revenue, rtol=1e-12)


def test_incidents_leave_untouched_trials_identical():
    """A slider touching only some trials (incidents) leaves the other trials' revenue identical."""
    # Raising incidents from 1.0 to 1.02 a year adds incidents to a few trials only. A trial
    # whose followers and trust paths did not change has the same buyers in every month, so
    # (common random numbers) its revenue must not change either.
    a = fresh(BASE)
    b = fresh(BASE.with_values({"community.incidents_per_year": 1.02}))
    same_path = (np.all(a.community.trust == b.community.trust, axis=1)
                 & np.all(a.community.followers == b.community.followers, axis=1))
    assert same_path.sum() > 0.9 * TRIALS  # the move touches few trials
    changed = np.any(a.community.revenue[same_path] != b.community.revenue[same_path], axis=1)
    assert not changed.any(), (f"{changed.sum()} of {same_path.sum()} trials the slider did not "
                               "touch changed revenue")


def test_prefix_of_trials_matches_smaller_run():
    """The first 1,000 trials of a 3,000-trial run equal a 1,000-trial run, array by array."""
    big, small = fresh(BASE, trials=3_000), fresh(BASE, trials=1_000)
    for part, names in (("community", COMMUNITY_ARRAYS), ("deals", DEALS_ARRAYS)):
        for name in names:
            x = getattr(getattr(big, part), name)[:1_000]
            y = getattr(getattr(small, part), name)
            assert np.array_equal(x, y), f"{part}.{name}"


def test_prefix_of_multi_chunk_run_matches_smaller_run():
    """The first 1,500 trials of a 12,000-trial (two-chunk) run equal a 1,500-trial run."""
    big, small = fresh(BASE, trials=12_000, months=12), fresh(BASE, trials=1_500, months=12)
    for part, names in (("community", COMMUNITY_ARRAYS), ("deals", DEALS_ARRAYS)):
        for name in names:
            x = getattr(getattr(big, part), name)[:1_500]
            y = getattr(getattr(small, part), name)
            assert np.array_equal(x, y), f"{part}.{name}"


def test_different_seed_gives_different_results(reference):
    """Another seed gives other futures in every random quantity."""
    r = fresh(BASE, seed=SEED + 1)
    for part, names in (("community", ("revenue", "followers", "trust")),
                        ("deals", ("revenue", "pipeline", "wins"))):
        for name in names:
            x = getattr(getattr(reference, part), name)
            y = getattr(getattr(r, part), name)
            assert np.mean(x != y) > 0.5, f"{part}.{name}"


def test_longer_horizon_keeps_earlier_months():
    """A 48-month run's first 36 months equal the 36-month run, bit for bit."""
    long, short = fresh(BASE, months=48), fresh(BASE, months=36)
    for part, names in (("community", COMMUNITY_ARRAYS), ("deals", DEALS_ARRAYS)):
        for name in names:
            x = getattr(getattr(long, part), name)[:, :36]
            y = getattr(getattr(short, part), name)
            assert np.array_equal(x, y), f"{part}.{name}"


def test_slider_moves_on_one_engine_match_fresh_runs():
    """Caches never leak: after many slider moves one engine gives what fresh engines give."""
    engine = inches.Engine()
    steps = [
        (BASE, TRIALS, MONTHS),
        (BASE.with_values({"deals.deal_size_spread": 1.5}), TRIALS, MONTHS),
        (BASE.with_values({"deals.win_rate": 25}), TRIALS, MONTHS),
        (BASE.with_values({"deals.reps": 20, "deals.ramp_months": 2}), TRIALS, MONTHS),
        (BASE.with_values({"community.incidents_per_year": 3}), TRIALS, MONTHS),
        (BASE.with_values({"community.word_of_mouth": 0.2}), TRIALS, 36),
        (BASE, TRIALS, 36),
        (BASE, 1_000, MONTHS),
        (BASE, TRIALS, MONTHS),
    ]
    for scenario, trials, months in steps:
        got = engine.simulate(scenario, trials, months, SEED)
        want = fresh(scenario, trials=trials, months=months)
        assert_same(want.community, got.community, COMMUNITY_ARRAYS)
        assert_same(want.deals, got.deals, DEALS_ARRAYS)


def test_deal_sizes_streamed_in_strips_match_kept_deal_sizes():
    """Deal revenue is the same whether a run keeps its deal sizes or streams them in strips."""
    # About 1,000 deals per trial: 10,000 trials exceed the 8M deal sizes held at once (strips),
    # 1,000 trials do not. Trial for trial the deals are the same; only the order of the
    # floating-point sums differs.
    s = BASE.with_values({"deals.reps": 200, "deals.opportunities_per_rep": 5,
                          "deals.cycle_months": 6})
    big, small = fresh(s, trials=10_000, months=12), fresh(s, trials=1_000, months=12)
    assert big.deals.wins.sum(axis=1).max() * 10_000 > 8_000_000
    np.testing.assert_array_equal(big.deals.wins[:1_000], small.deals.wins)
    np.testing.assert_allclose(big.deals.revenue[:1_000], small.deals.revenue, rtol=1e-9)
