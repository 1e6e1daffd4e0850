"""The closed forms of MODEL.md, checked against the engine within 3 standard errors.

Every run uses a fixed seed. Standard errors come from the sample (sd / sqrt(N)) or, where the
law is known, from the law itself.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import gammaln

import inches

CHECK_MONTHS = (1, 2, 3, 6, 12, 24)  # 1-based months checked in the deal recursions


def within_3se(sample: np.ndarray, expected: np.ndarray | float, axis=0, what=""):
    """Assert the sample mean along ``axis`` is within 3 sample standard errors of ``expected``."""
    n = sample.shape[axis]
    mean = sample.mean(axis=axis)
    se = sample.std(axis=axis, ddof=1) / math.sqrt(n)
    expected = np.broadcast_to(expected, np.shape(mean))
    bad = np.atleast_1d(np.abs(mean - expected) > 3 * se + 1e-9 * np.abs(expected))
    assert not np.any(bad), (f"{what}: mean {np.atleast_1d(mean)[bad]} vs "
                             f"{np.atleast_1d(expected)[bad]}, 3 SE = {3 * np.atleast_1d(se)[bad]}")


# --- Deals ---------------------------------------------------------------------------------


def deal_expectations(reps, opps, ramp, cycle, win, size, spread, months):
    """Expected pipeline (after closing), wins and revenue per month from MODEL.md's step order.

    Month t: R = min(1, t/ramp); P <- P + lambda R (new opportunities), then closings
    Binomial(P, 1/cycle) leave: E[closing_t] = (E[P_{t-1}] + lambda R_t) / cycle and
    E[P_t] = (E[P_{t-1}] + lambda R_t)(1 - 1/cycle), P_0 = 0 (MODEL.md's recursion when
    ramp is 0). E[wins] = win E[closing]; E[revenue] = E[wins] size exp(spread^2 / 2).
    """
    lam = reps * opps
    p_prev = 0.0
    pipe, close = [], []
    for t in range(1, months + 1):
        r = 1.0 if ramp == 0 else min(1.0, t / ramp)
        open_ = p_prev + lam * r
        close.append(open_ / cycle)
        p_prev = open_ * (1.0 - 1.0 / cycle)
        pipe.append(p_prev)
    close = np.array(close)
    wins = win * close
    return np.array(pipe), wins, wins * size * math.exp(spread**2 / 2.0)


DEAL_CASES = {
    # name: (reps, opportunities_per_rep, ramp_months, cycle_months, win_rate %, deal_size,
    #        spread, trials, months)
    "defaults-no-ramp (exact small counts)": (12, 1.0, 0, 9, 15, 250_000, 0.8, 10_000, 24),
    "large-team (Cornish-Fisher counts)": (100, 3.0, 0, 6, 15, 250_000, 0.8, 10_000, 24),
    "linear-ramp-5": (12, 1.0, 5, 9, 15, 250_000, 0.8, 10_000, 24),
    # about 1,200 closings a month (> 1024) at a 99 % win rate: wins have variance ~12 < 30
    "short-cycle-high-win": (60, 20.0, 0, 1, 99, 50_000, 0.5, 2_000, 6),
}


@pytest.fixture(scope="module", params=list(DEAL_CASES), ids=list(DEAL_CASES))
def deal_case(request):
    reps, opps, ramp, cycle, win, size, spread, trials, months = DEAL_CASES[request.param]
    s = inches.load_scenario("dell-2009").with_values({
        "deals.reps": reps, "deals.opportunities_per_rep": opps, "deals.ramp_months": ramp,
        "deals.cycle_months": cycle, "deals.win_rate": win, "deals.deal_size": size,
        "deals.deal_size_spread": spread})
    r = inches.simulate(s, trials=trials, months=months, seed=101)
    expected = deal_expectations(reps, opps, ramp, cycle, win / 100.0, size, spread, months)
    return r.deals, expected


def _checked(deals) -> list[int]:
    """0-based indices of the CHECK_MONTHS within the run's horizon."""
    return [m - 1 for m in CHECK_MONTHS if m <= deals.months]


def test_deals_mean_pipeline_follows_recursion(deal_case):
    """Mean pipeline after closing follows P(t) = (P(t-1) + lambda R_t)(1 - 1/cycle), P(0) = 0."""
    deals, (pipe, _, _) = deal_case
    idx = _checked(deals)
    within_3se(deals.pipeline[:, idx], pipe[idx], what="pipeline")


def test_deals_mean_wins_are_win_rate_times_closings(deal_case):
    """Mean deals won per month = win_rate x expected closings."""
    deals, (_, wins, _) = deal_case
    idx = _checked(deals)
    within_3se(deals.wins[:, idx], wins[idx], what="wins")


def test_deals_mean_revenue_closed_form(deal_case):
    """Mean monthly revenue = win_rate x E[closings] x deal_size x exp(spread^2 / 2)."""
    deals, (_, _, revenue) = deal_case
    idx = _checked(deals)
    within_3se(deals.revenue[:, idx], revenue[idx], what="revenue")


def test_deals_cost_is_reps_times_rep_cost():
    """Deals cost every month is reps x rep_cost, the same in every trial."""
    s = inches.load_scenario("dell-2009").with_values({"deals.reps": 7, "deals.rep_cost": 31_000})
    r = inches.simulate(s, trials=200, months=12, seed=3)
    np.testing.assert_array_equal(r.deals.cost, 7 * 31_000)


def test_deal_sizes_are_lognormal_with_given_median():
    """Single won deals are lognormal: log(size / median) has mean 0 and sd = spread."""
    # One opportunity a month, cycle 1 and win rate 100 %: each month's revenue is one deal
    # (or none when no opportunity arrived). Poisson(1) opportunities; keep months with one win.
    s = inches.load_scenario("dell-2009").with_values({
        "deals.reps": 1, "deals.opportunities_per_rep": 1.0, "deals.ramp_months": 0,
        "deals.cycle_months": 1, "deals.win_rate": 100, "deals.deal_size": 100_000,
        "deals.deal_size_spread": 1.3})
    r = inches.simulate(s, trials=5_000, months=12, seed=7)
    one = r.deals.wins == 1
    logs = np.log(r.deals.revenue[one] / 100_000)
    n = logs.size
    assert abs(logs.mean()) <= 3 * 1.3 / math.sqrt(n)
    # Var of the sample variance of a normal: 2 sigma^4 / (n - 1)
    assert abs(logs.var(ddof=1) - 1.3**2) <= 3 * math.sqrt(2 * 1.3**4 / (n - 1))
    assert np.all(r.deals.revenue[r.deals.wins == 0] == 0)


# --- Community: Bass diffusion ---------------------------------------------------------------

A_BASS, S_BASS, Q_BASS = 1_000_000.0, 10 * 1_000.0, 0.3  # audience, staff x reach, word of mouth


@pytest.fixture(scope="module")
def bass_run():
    s = inches.load_scenario("dell-2009").with_values({
        "community.audience": A_BASS, "community.staff": 10, "community.reach_per_staff": 1_000,
        "community.word_of_mouth": Q_BASS, "community.churn": 0, "community.trust_months": 0,
        "community.incidents_per_year": 0})
    return inches.simulate(s, trials=4_000, months=36, seed=202)


def test_bass_followers_conditional_increment_is_exact(bass_run):
    """Given last month's F, E[F(t) - F(t-1)] = (S + q F)(1 - F/A): the engine's arrival law."""
    f = bass_run.community.followers.astype(np.float64)  # (trials, months), after month t
    prev = np.hstack([np.zeros((f.shape[0], 1)), f[:, :-1]])
    lam = (S_BASS + Q_BASS * prev) * (1.0 - prev / A_BASS)
    d = f - prev - lam  # conditionally mean 0, variance lam (Poisson arrivals, no churn)
    se = np.sqrt(lam.mean(axis=0) / f.shape[0])
    z = d.mean(axis=0) / se
    assert np.all(np.abs(z) <= 3), np.round(z, 2)
    assert np.all(f >= prev) and np.all(f <= A_BASS)


def test_bass_mean_followers_follow_discrete_bass_recursion(bass_run):
    """Mean F/A follows f(t) = f(t-1) + (p + q f(t-1))(1 - f(t-1)), f(0) = 0, p = S/A."""
    # E[F(t)] obeys this recursion up to -q Var(F)/A per month (Jensen), under 1 % of the
    # standard error at these sizes, so the mean-field curve must hold within 3 SE.
    p = S_BASS / A_BASS
    curve, fr = [], 0.0
    for _ in range(36):
        fr = fr + (p + Q_BASS * fr) * (1.0 - fr)
        curve.append(fr)
    share = bass_run.community.followers.astype(np.float64) / A_BASS
    within_3se(share, np.array(curve), what="F/A")
    # and the curve is the Bass S-shape: it reaches most of the audience
    assert share.mean(axis=0)[-1] > 0.99


def test_bass_closed_form_for_small_rates():
    """With small monthly rates mean F/A is close to (1 - e^-(p+q)t) / (1 + (q/p) e^-(p+q)t)."""
    # p = 0.002, q = 0.02: the discrete recursion and the continuous curve differ by at most
    # about (p+q)/2 of the curve's level; we allow 3 SE plus that discretisation gap.
    a, s_, q = 10_000_000.0, 20 * 1_000.0, 0.02
    s = inches.load_scenario("dell-2009").with_values({
        "community.audience": a, "community.staff": 20, "community.reach_per_staff": 1_000,
        "community.word_of_mouth": q, "community.churn": 0, "community.trust_months": 0,
        "community.incidents_per_year": 0})
    r = inches.simulate(s, trials=2_000, months=120, seed=303)
    p = s_ / a
    t = np.arange(1, 121)
    e = np.exp(-(p + q) * t)
    closed = (1 - e) / (1 + (q / p) * e)
    share = r.community.followers.astype(np.float64) / a
    mean = share.mean(axis=0)
    se = share.std(axis=0, ddof=1) / math.sqrt(share.shape[0])
    allowed = 3 * se + (p + q) / 2 * closed
    assert np.all(np.abs(mean - closed) <= allowed)


# --- Community: trust and incidents --------------------------------------------------------


def test_trust_with_full_coverage_is_one_minus_exp():
    """With coverage 1 and no incidents, trust after month t is 1 - exp(-t / trust_months)."""
    s = inches.load_scenario("dell-2009").with_values({
        "community.capacity_per_staff": 1_000_000, "community.staff": 20,
        "community.incidents_per_year": 0, "community.trust_months": 12})
    r = inches.simulate(s, trials=500, months=36, seed=4)
    t = np.arange(1, 37)
    np.testing.assert_allclose(r.community.trust, np.broadcast_to(1 - np.exp(-t / 12), (500, 36)),
                               rtol=1e-5)


def test_trust_uses_coverage_from_followers_before_the_month():
    """Trust grows by (1 - T)(1 - exp(-C/trust_months)), C = min(1, staff cap / max(F_prev, 1))."""
    s = inches.load_scenario("dell-2009").with_values({
        "community.staff": 2, "community.capacity_per_staff": 5_000,
        "community.reach_per_staff": 400,
        "community.word_of_mouth": 0.2, "community.incidents_per_year": 0,
        "community.trust_months": 6})
    r = inches.simulate(s, trials=1_000, months=36, seed=5)
    f = r.community.followers.astype(np.float64)
    prev = np.hstack([np.zeros((f.shape[0], 1)), f[:, :-1]])
    cover = np.minimum(1.0, 2 * 5_000 / np.maximum(prev, 1.0))
    assert cover.min() < 0.2  # the team falls behind, so coverage matters here
    trust = np.zeros(f.shape[0])
    expected = np.empty_like(f)
    for m in range(36):
        trust = trust + (1 - trust) * -np.expm1(-cover[:, m] / 6)
        expected[:, m] = trust
    np.testing.assert_allclose(r.community.trust, expected, rtol=2e-5, atol=1e-6)


@pytest.mark.parametrize("response", [0, 60])
def test_incidents_mean_trust_is_poisson_generating_function(response):
    """T reset to 1 monthly: E[T] = exp(-lambda sev (1 - response)), P(T = 1) = e^-lambda."""
    # incidents 12 a year is lambda = 1 a month; coverage 1 (huge capacity); each incident
    # multiplies trust by 1 - sev (1 - response), so E[T] is the Poisson pgf at that factor.
    s = inches.load_scenario("dell-2009").with_values({
        "community.trust_months": 0, "community.incidents_per_year": 12,
        "community.incident_severity": 50, "community.response": response,
        "community.capacity_per_staff": 1_000_000})
    r = inches.simulate(s, trials=5_000, months=12, seed=6)
    trust = r.community.trust.astype(np.float64).ravel()
    factor = 1 - 0.5 * (1 - response / 100)
    within_3se(trust, math.exp(-(1 - factor)), what="mean trust")
    untouched = (trust == 1.0).astype(float)
    within_3se(untouched, math.exp(-1.0), what="P(no incident)")


# --- Community: a compound Poisson month -----------------------------------------------------


def gamma_moment(k: float, theta: float, n: int) -> float:
    """E[X^n] for X ~ Gamma(shape k, scale theta)."""
    return theta**n * math.exp(gammaln(k + n) - gammaln(k))


@pytest.mark.parametrize("conversion,cv", [(0.01, 1.0), (0.02, 0.5), (0.05, 2.0), (0.5, 1.0)])
def test_compound_poisson_month(conversion, cv):
    """Fixed F, T = 1: revenue has mean lambda E[X], variance lambda E[X^2], P(0) = e^-lambda."""
    # Audience 10,000 with 200 staff x 20,000 outreach: month 1 brings ~4M arrivals, clipped to
    # the audience, and (1 - F/A) = 0 afterwards, so F = 10,000 in every trial and month.
    # Churn 0, trust_months 0 (T = 1) and no incidents make every month an independent
    # compound Poisson sum with lambda = conversion x F buyers and Gamma orders (mean 400, CV cv).
    a, ov = 10_000, 400.0
    s = inches.load_scenario("dell-2009").with_values({
        "community.audience": a, "community.staff": 200, "community.reach_per_staff": 20_000,
        "community.churn": 0, "community.trust_months": 0, "community.incidents_per_year": 0,
        "community.conversion": conversion, "community.order_value": ov,
        "community.order_value_cv": cv})
    r = inches.simulate(s, trials=5_000, months=12, seed=404)
    assert np.all(r.community.followers == a)
    assert np.all(r.community.trust == 1.0)
    lam = conversion / 100 * a
    k, theta = 1 / cv**2, ov * cv**2
    m1, m2, m4 = (gamma_moment(k, theta, n) for n in (1, 2, 4))
    x = r.community.revenue.astype(np.float64).ravel()
    n = x.size
    mean, var = lam * m1, lam * m2  # cumulants of a compound Poisson sum: kappa_j = lam E[X^j]
    kappa4 = lam * m4
    assert abs(x.mean() - mean) <= 3 * math.sqrt(var / n), (x.mean(), mean)
    se_var = math.sqrt((kappa4 + 2 * var**2) / n)
    assert abs(x.var() - var) <= 3 * se_var, (x.var(), var, se_var)
    p0 = math.exp(-lam)
    zero = np.mean(x == 0)
    assert abs(zero - p0) <= 3 * math.sqrt(p0 * (1 - p0) / n) + 1e-12, (zero, p0)


def test_community_cost_is_staff_times_staff_cost():
    """Community cost is staff x staff_cost every month, the same in every trial."""
    s = inches.load_scenario("dell-2009").with_values({"community.staff": 13.5,
                                                       "community.staff_cost": 7_700})
    r = inches.simulate(s, trials=200, months=12, seed=3)
    np.testing.assert_allclose(r.community.cost, 13.5 * 7_700, rtol=1e-12)
