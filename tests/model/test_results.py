"""What a run reports: bands, summary figures, comparison, to_dict, and the money settings."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import inches
from inches.model import engine as engine_module
from inches.model import results as results_module
from inches.model.params import PARAMS

BASE = inches.load_scenario("dell-2009")
TRIALS, MONTHS, SEED = 3_000, 36, 5
PCTS = (5, 25, 50, 75, 95)
BAND_KEYS = ("p5", "p25", "p50", "p75", "p95", "mean")
SUMMARY_KEYS = ("prob_loss", "break_even_month_p50", "never_break_even", "expected_shortfall_5",
                "zero_revenue_month_share")


@pytest.fixture(scope="module")
def run():
    # Costlier reps make the deals side lose money in some futures, so every summary figure
    # has something to count.
    s = BASE.with_values({"deals.rep_cost": 60_000})
    return inches.Engine().simulate(s, TRIALS, MONTHS, SEED)


def strategies(r):
    return (r.community, r.deals)


# --- bands ---------------------------------------------------------------------------------


def test_bands_are_ordered(run):
    """Every reported band has p5 <= p25 <= p50 <= p75 <= p95 in every month."""
    for part in strategies(run):
        for key in part.quantities:
            b = part.bands(key)
            stacked = np.vstack([b[f"p{q}"] for q in PCTS])
            assert np.all(np.diff(stacked, axis=0) >= 0), (part.name, key)


def test_bands_equal_numpy_percentiles_of_per_trial_arrays(run):
    """Bands equal numpy.percentile (linear) and the mean of the per-trial arrays, per month."""
    for part in strategies(run):
        for key in part.quantities:
            arr = np.asarray(getattr(part, key), dtype=np.float64)
            assert arr.shape == (TRIALS, MONTHS), (part.name, key)
            b = part.bands(key)
            want = np.percentile(arr, PCTS, axis=0)
            for i, q in enumerate(PCTS):
                np.testing.assert_allclose(b[f"p{q}"], want[i], rtol=1e-9, atol=1e-9,
                                           err_msg=f"{part.name}.{key} p{q}")
            np.testing.assert_allclose(b["mean"], arr.mean(axis=0), rtol=1e-9, atol=1e-9,
                                       err_msg=f"{part.name}.{key} mean")


@pytest.mark.parametrize("n", [1, 2, 7, 100_003])
def test_band_function_matches_numpy_for_any_size(n):
    """results.bands equals numpy.percentile for tiny runs and the partition path (> 100,000)."""
    rng = np.random.default_rng(n)
    monthly = rng.lognormal(10, 2, (3, n)).astype(np.float32)
    b = results_module.bands(monthly)
    want = np.percentile(monthly.astype(np.float64), PCTS, axis=1)
    for i, q in enumerate(PCTS):
        np.testing.assert_allclose(b[f"p{q}"], want[i], rtol=1e-12)
    np.testing.assert_allclose(b["mean"], monthly.astype(np.float64).mean(axis=1), rtol=1e-6)


@pytest.mark.parametrize("n", [3, 10_000, 100_003])
def test_counted_order_statistics_match_numpy_for_whole_numbers(n):
    """Counts (pipeline, wins) take their order statistics by counting: the same percentiles."""
    rng = np.random.default_rng(n)
    monthly = rng.poisson(rng.uniform(0, 40, (4, 1)), (4, n)).astype(np.float64)
    stats = results_module.order_stats(monthly, whole=True)
    np.testing.assert_array_equal(stats, results_module.order_stats(monthly))
    b = results_module.interpolate(stats, n)
    want = np.percentile(monthly, PCTS, axis=1)
    for i, q in enumerate(PCTS):
        np.testing.assert_array_equal(b[f"p{q}"], want[i])


@pytest.mark.parametrize("changes", [{"discount_rate": 10},
                                     {"community.halo_per_follower": 0.5, "include_halo": True},
                                     {"community.gross_margin": 0, "deals.gross_margin": 35}])
def test_bands_of_derived_quantities_equal_numpy_percentiles(changes):
    """Net, halo and cumulative net bands, shared from other quantities' order statistics or
    not, equal numpy.percentile of the per-trial arrays within float rounding."""
    r = inches.Engine().simulate(BASE.with_values(changes), 2_000, 24, 6)
    for part in strategies(r):
        for key in part.quantities:
            arr = np.asarray(getattr(part, key), dtype=np.float64)
            want = np.percentile(arr, PCTS, axis=0)
            for i, q in enumerate(PCTS):
                np.testing.assert_allclose(part.bands(key)[f"p{q}"], want[i], rtol=1e-9,
                                           atol=1e-6, err_msg=f"{part.name}.{key} p{q}")
            np.testing.assert_allclose(part.bands(key)["mean"], arr.mean(axis=0), rtol=1e-9,
                                       atol=1e-6, err_msg=f"{part.name}.{key} mean")


def test_unknown_band_is_refused(run):
    """Asking a strategy for a quantity it does not report raises KeyError."""
    with pytest.raises(KeyError):
        run.community.bands("pipeline")
    with pytest.raises(KeyError):
        run.deals.bands("followers")


# --- summary -------------------------------------------------------------------------------


def expected_summary(part) -> dict:
    """The summary figures computed directly from the per-trial arrays (results.py docstrings)."""
    cum = np.asarray(part.cumulative_net, dtype=np.float64)
    final = cum[:, -1]
    n, months = cum.shape
    positive = cum > 0
    ever = positive.any(axis=1)
    first = np.where(ever, positive.argmax(axis=1) + 1, months + 1)  # first month net > 0
    median_first = np.sort(first)[math.ceil(n / 2) - 1]  # half the futures have broken even
    worst = np.sort(final)[: max(1, math.ceil(0.05 * n))]
    return {
        "prob_loss": np.mean(final < 0),
        "break_even_month_p50": int(median_first) if median_first <= months else None,
        "never_break_even": np.mean(~ever),
        "expected_shortfall_5": worst.mean(),
        "zero_revenue_month_share": np.mean(part.revenue == 0),
        "cumulative_net_p5": np.percentile(final, 5),
        "cumulative_net_p50": np.percentile(final, 50),
        "cumulative_net_p95": np.percentile(final, 95),
        "cumulative_net_mean": final.mean(),
        "cumulative_revenue_p50": np.percentile(part.cumulative_revenue[:, -1], 50),
    }


def assert_summary(part):
    got, want = part.summary, expected_summary(part)
    assert set(want) <= set(got)
    for key, value in want.items():
        if value is None or isinstance(value, int):
            assert got[key] == value, (part.name, key, got[key], value)
        else:
            assert got[key] == pytest.approx(float(value), rel=1e-9, abs=1e-9), (part.name, key)


def test_summary_agrees_with_per_trial_arrays(run):
    """Loss, break-even, never-break-even, shortfall and zero-revenue figures match the arrays."""
    for part in strategies(run):
        assert_summary(part)
    # the fixture was chosen so the figures are not trivially 0 or 1
    assert 0 < run.deals.summary["prob_loss"] < 1
    assert 0 < run.deals.summary["zero_revenue_month_share"] < 1


def test_summary_when_most_futures_never_break_even():
    """When fewer than half the futures ever break even the median break-even month is None."""
    s = BASE.with_values({"deals.rep_cost": 200_000, "deals.deal_size": 50_000,
                          "community.staff_cost": 50_000, "community.conversion": 0.05})
    r = inches.Engine().simulate(s, 1_000, 24, 9)
    for part in strategies(r):
        assert part.summary["never_break_even"] > 0.5
        assert part.summary["break_even_month_p50"] is None
        assert_summary(part)


def test_summary_on_tiny_run():
    """The summary definitions also hold for the smallest run allowed (100 trials)."""
    r = inches.Engine().simulate(BASE, 100, 12, 11)
    for part in strategies(r):
        assert_summary(part)


# --- comparison ----------------------------------------------------------------------------


def test_prob_community_ahead_is_share_of_futures(run):
    """prob_community_ahead = mean over trials of (community cumulative net > deals'), per month."""
    want = np.mean(run.community.cumulative_net > run.deals.cumulative_net, axis=0)
    np.testing.assert_array_equal(run.prob_community_ahead, want)
    above = np.flatnonzero(want > 0.5)
    assert run.crossover_month == (int(above[0]) + 1 if above.size else None)


def test_crossover_month_none_when_community_never_ahead():
    """With a community that sells nothing, inches is never ahead: crossover month None."""
    s = BASE.with_values({"community.conversion": 0, "deals.rep_cost": 0})
    r = inches.Engine().simulate(s, 500, 12, 2)
    assert np.all(r.prob_community_ahead == 0)
    assert r.crossover_month is None


# --- to_dict -------------------------------------------------------------------------------


def check_dict(d: dict, r, trials: int, months: int, seed: int):
    text = json.dumps(d, allow_nan=False)  # raises on NaN or infinity, or non-JSON types
    assert json.loads(text) == d
    assert (d["months"], d["trials"], d["seed"]) == (months, trials, seed)
    assert set(d["parameters"]) == {p.key for p in PARAMS}
    for key, value in d["parameters"].items():
        assert value == r.scenario.values[key], key
    states = {"community": ("followers", "trust"), "deals": ("pipeline", "wins")}
    for name in ("community", "deals"):
        part = d[name]
        for key in ("revenue", "cumulative_revenue", "cumulative_net") + states[name]:
            assert set(part[key]) >= set(BAND_KEYS), (name, key)
            for band in BAND_KEYS:
                assert len(part[key][band]) == months, (name, key, band)
                np.testing.assert_array_equal(part[key][band],
                                              getattr(r, name).bands(key)[band])
        assert set(part["summary"]) >= set(SUMMARY_KEYS)
    assert len(d["prob_community_ahead"]) == months
    np.testing.assert_array_equal(d["prob_community_ahead"], r.prob_community_ahead)
    assert d["crossover_month"] == r.crossover_month


def test_to_dict_is_json_and_complete(run):
    """to_dict() is strict JSON with settings, parameters, bands, summaries and the comparison."""
    check_dict(run.to_dict(), run, TRIALS, MONTHS, SEED)


def test_to_dict_with_none_figures_is_json():
    """A run with no break-even and no crossover still serialises (None becomes null)."""
    # deals lose $2.4M a month with little revenue; the community sells nothing and costs more
    s = BASE.with_values({"deals.rep_cost": 200_000, "deals.deal_size": 50_000,
                          "community.conversion": 0, "community.staff": 200,
                          "community.staff_cost": 50_000})
    r = inches.Engine().simulate(s, 300, 12, 4)
    d = r.to_dict()
    check_dict(d, r, 300, 12, 4)
    assert d["crossover_month"] is None
    assert d["deals"]["summary"]["break_even_month_p50"] is None


def test_bounded_memory_path_reports_the_same(monkeypatch):
    """A run too large to keep per-trial arrays reports the same bands and summary as a kept run."""
    kept = inches.Engine().simulate(BASE, 20_000, 12, 21)
    monkeypatch.setattr(engine_module, "KEEP_CELLS", 0)
    lean = inches.Engine().simulate(BASE, 20_000, 12, 21)
    assert lean.community.revenue is None and lean.deals.cumulative_net is None
    for a, b in zip(strategies(kept), strategies(lean)):
        for key in a.quantities:
            for band in BAND_KEYS:  # float32 sums in the lean run: ~1e-7 relative
                np.testing.assert_allclose(b.bands(key)[band], a.bands(key)[band],
                                           rtol=1e-5, atol=50.0, err_msg=f"{a.name}.{key}")
        for key, value in a.summary.items():
            other = b.summary[key]
            if value is None or isinstance(value, int):
                assert other == value, key
            else:
                assert other == pytest.approx(value, rel=1e-5, abs=2 / 20_000), (a.name, key)
    np.testing.assert_allclose(lean.prob_community_ahead, kept.prob_community_ahead,
                               atol=2 / 20_000)
    json.dumps(lean.to_dict(), allow_nan=False)


# --- money settings ------------------------------------------------------------------------


def test_discounting_lowers_positive_cumulative_net():
    """With positive monthly nets (no costs) a discount rate lowers cumulative net."""
    s = BASE.with_values({"community.staff_cost": 0, "deals.rep_cost": 0})
    plain = inches.Engine().simulate(s, 1_000, 36, 8)
    disc = inches.Engine().simulate(s.with_values({"discount_rate": 10}), 1_000, 36, 8)
    for a, b in zip(strategies(plain), strategies(disc)):
        assert np.all(a.net >= 0)
        np.testing.assert_array_equal(a.revenue, b.revenue)  # revenue is reported as sold
        assert np.all(b.cumulative_net <= a.cumulative_net)
        sold = a.cumulative_revenue[:, -1] > 0
        assert np.all(b.cumulative_net[sold, -1] < a.cumulative_net[sold, -1])
        assert b.bands("cumulative_net")["p50"][-1] < a.bands("cumulative_net")["p50"][-1]


@pytest.mark.parametrize("months", [36, 24])
def test_discounted_cumulative_net_is_sum_of_discounted_nets(months):
    """Cumulative net with rate r is the sum of monthly net x (1 + r)^(-t/12), t = 1 .. horizon."""
    s = BASE.with_values({"discount_rate": 12})
    plain = inches.Engine().simulate(BASE, 1_000, months, 8)
    disc = inches.Engine().simulate(s, 1_000, months, 8)
    factor = 1.12 ** (-np.arange(1, months + 1) / 12.0)
    for a, b in zip(strategies(plain), strategies(disc)):
        np.testing.assert_allclose(b.net, a.net * factor, rtol=1e-12, atol=1e-6)
        np.testing.assert_allclose(b.cumulative_net, np.cumsum(a.net * factor, axis=1),
                                   rtol=1e-10, atol=1e-4)


def test_equal_budget_makes_costs_equal():
    """With equal_budget on, the community costs exactly what the deals cost, every month."""
    s = BASE.with_values({"equal_budget": True, "deals.reps": 7, "deals.rep_cost": 23_000,
                          "community.staff_cost": 9_000})
    r = inches.Engine().simulate(s, 500, 12, 3)
    np.testing.assert_allclose(r.community.cost, r.deals.cost, rtol=1e-12)
    np.testing.assert_allclose(r.deals.cost, 7 * 23_000)
    assert r.to_dict()["community_staff_in_use"] == pytest.approx(7 * 23_000 / 9_000)
    # and the staff in use drives the community: it equals a run with that staff set directly
    direct = inches.Engine().simulate(BASE.with_values({
        "deals.reps": 7, "deals.rep_cost": 23_000, "community.staff_cost": 9_000,
        "community.staff": 7 * 23_000 / 9_000}), 500, 12, 3)
    np.testing.assert_array_equal(r.community.followers, direct.community.followers)
    np.testing.assert_array_equal(r.community.revenue, direct.community.revenue)


def test_margin_and_incremental_share_scale_net():
    """Net = revenue x margin (x incremental share for the community) - cost; revenue as sold."""
    s = BASE.with_values({"community.gross_margin": 40, "community.incremental_share": 50,
                          "deals.gross_margin": 30})
    plain = inches.Engine().simulate(BASE, 1_000, 24, 12)
    r = inches.Engine().simulate(s, 1_000, 24, 12)
    np.testing.assert_array_equal(r.community.revenue, plain.community.revenue)
    np.testing.assert_array_equal(r.deals.revenue, plain.deals.revenue)
    rev_c = r.community.revenue.astype(np.float64)
    np.testing.assert_allclose(r.community.net, rev_c * (0.4 * 0.5) - r.community.cost,
                               rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(r.deals.net, r.deals.revenue * 0.3 - r.deals.cost,
                               rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(r.community.cumulative_net, np.cumsum(r.community.net, axis=1),
                               rtol=1e-12, atol=1e-3)
    np.testing.assert_allclose(r.community.cumulative_revenue, np.cumsum(rev_c, axis=1),
                               rtol=1e-12)


def test_halo_reported_apart_and_added_only_when_included():
    """Halo = halo_per_follower x F; it enters community net only with include_halo on."""
    s = BASE.with_values({"community.halo_per_follower": 0.5})
    off = inches.Engine().simulate(s, 500, 12, 13)
    on = inches.Engine().simulate(s.with_values({"include_halo": True}), 500, 12, 13)
    np.testing.assert_allclose(off.community.halo, 0.5 * off.community.followers, rtol=1e-12)
    np.testing.assert_allclose(off.community.net,
                               off.community.revenue.astype(np.float64) - off.community.cost,
                               rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(on.community.net, off.community.net + off.community.halo,
                               rtol=1e-12, atol=1e-6)
    np.testing.assert_array_equal(on.community.revenue, off.community.revenue)
