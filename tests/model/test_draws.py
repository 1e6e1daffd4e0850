"""Exactness, determinism and monotonicity of the inverse-CDF draws in ``inches.model.draws``.

Every check draws its base numbers from a seeded generator, so each test is deterministic.
Exact paths (CDF tables, searches from zero, tabulated Gamma quantiles) must pass a chi-square or
Kolmogorov-Smirnov test against scipy's exact law (p > 1e-3) and put the mean within 3 standard
errors. Approximate paths (Cornish-Fisher counts, Wilson-Hilferty gamma sums) must put mean and
variance within 3 standard errors and keep the largest CDF difference below the Kolmogorov
5 % critical value 1.36 / sqrt(N) plus the approximation error documented in draws.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from scipy.special import ndtr

from inches.model import draws

N = 200_000
KS_95 = 1.36 / math.sqrt(N)


def normal_base(seed: int, n: int = N, dtype=np.float64) -> draws.Base:
    """A one-month base of standard normals."""
    rng = np.random.default_rng(seed)
    return draws.Base(z=rng.standard_normal((1, n)).astype(dtype))


def uniform_base(seed: int, n: int = N) -> draws.Base:
    """A one-month base of uniforms (as the engine draws them: never exactly 0)."""
    rng = np.random.default_rng(seed)
    return draws.Base(u=np.maximum(rng.random((1, n)), 2.0**-60))


def chi2_pvalue(sample: np.ndarray, law) -> float:
    """Chi-square goodness-of-fit p-value of an integer sample against a frozen scipy law.

    Bins are single values, merged from the left until each expects at least 5 counts; the
    upper tail beyond the last bin is folded into it.
    """
    sample = np.asarray(sample)
    assert np.all(sample == np.round(sample)), "counts must be whole numbers"
    n = sample.size
    top = int(max(law.ppf(1.0 - 1e-12), sample.max()))
    k = np.arange(top + 1)
    expected = n * law.pmf(k)
    expected[-1] += n * law.sf(top)
    observed = np.bincount(sample.astype(np.int64), minlength=top + 1).astype(float)
    assert observed.sum() == n
    obs_bins, exp_bins = [], []
    o = e = 0.0
    for oi, ei in zip(observed, expected):
        o += oi
        e += ei
        if e >= 5.0:
            obs_bins.append(o)
            exp_bins.append(e)
            o = e = 0.0
    if e > 0 or o > 0:  # remainder joins the last bin
        obs_bins[-1] += o
        exp_bins[-1] += e
    obs_bins, exp_bins = np.array(obs_bins), np.array(exp_bins)
    if obs_bins.size < 2:  # degenerate law: everything must sit on one value
        return 1.0 if np.isclose(obs_bins.sum(), exp_bins.sum()) else 0.0
    exp_bins *= obs_bins.sum() / exp_bins.sum()
    return float(stats.chisquare(obs_bins, exp_bins).pvalue)


def max_cdf_gap(sample: np.ndarray, law) -> float:
    """Largest |empirical CDF - exact CDF| over the integers the sample spans."""
    sample = np.sort(np.asarray(sample))
    k = np.arange(int(sample[0]) - 1, int(sample[-1]) + 1)
    emp = np.searchsorted(sample, k, side="right") / sample.size
    return float(np.max(np.abs(emp - law.cdf(k))))


def assert_exact(sample, law, u=None):
    """Chi-square p > 1e-3, mean within 3 SE and, given the base uniforms, equal to law.ppf(u)."""
    if u is not None:  # an exact inversion is the exact quantile function at the same u
        np.testing.assert_array_equal(sample, law.ppf(u))
    mean, var = law.stats(moments="mv")
    se = math.sqrt(float(var) / sample.size) if var > 0 else 0.0
    assert abs(sample.mean() - float(mean)) <= 3 * se + 1e-12, (sample.mean(), float(mean), se)
    p = chi2_pvalue(sample, law)
    assert p > 1e-3, f"chi-square p-value {p:.2e}"


def assert_approximate(sample, law, cdf_error: float):
    """Mean and variance within 3 SE; max CDF gap below 1.36/sqrt(N) plus ``cdf_error``."""
    n = sample.size
    mean, var, kurt = (float(x) for x in law.stats(moments="mvk"))
    assert abs(sample.mean() - mean) <= 3 * math.sqrt(var / n), (sample.mean(), mean)
    se_var = math.sqrt(var * var * (kurt + 2.0) / n)
    assert abs(sample.var() - var) <= 3 * se_var, (sample.var(), var, se_var)
    gap = max_cdf_gap(sample, law)
    assert gap < 1.36 / math.sqrt(n) + cdf_error, gap


# --- Poisson -------------------------------------------------------------------------------


@pytest.mark.parametrize("lam", [0.08, 3.0, 12.0, 29.0])
def test_poisson_scalar_mean_table_is_exact(lam):
    """A Poisson mean shared by all trials (< 30, CDF table) gives exactly Poisson counts."""
    b = normal_base(11)
    x = draws.poisson(lam, b, 0)
    assert x.shape == (N,)
    assert_exact(x, stats.poisson(lam), b.u[0])


@pytest.mark.parametrize("lam", [0.08, 3.0, 12.0, 29.0])
def test_poisson_per_trial_means_search_is_exact(lam):
    """Per-trial Poisson means (< 30, search from zero) give exactly Poisson counts."""
    b = normal_base(12)
    x = draws.poisson(np.full(N, lam), b, 0)
    assert_exact(x, stats.poisson(lam), b.u[0])


def test_poisson_per_trial_mixed_means_are_exact_per_group():
    """Different per-trial means in one call: every group follows its own Poisson law."""
    lams = np.array([0.08, 3.0, 12.0, 29.0])
    lam = np.tile(lams, N // 4)
    b = normal_base(13)
    x = draws.poisson(lam, b, 0)
    for m in lams:
        assert_exact(x[lam == m], stats.poisson(m), b.u[0][lam == m])


def test_poisson_float32_engine_inputs_are_exact():
    """Float32 means and float32 normals (as the community uses them) still give Poisson counts:
    the exact quantile at u = Phi(z), Phi taken in double precision."""
    lam = np.full(N, 7.5, np.float32)
    b = normal_base(14, dtype=np.float32)
    x = draws.poisson(lam, b, 0)
    assert_exact(x.astype(float), stats.poisson(7.5), ndtr(b.z[0].astype(np.float64)))


def test_float32_normal_in_the_far_tail_regression():
    """Phi(6) in single precision is 1: the search once ran to its cap (58) instead of 15."""
    x = draws.poisson(np.full(2, 2.0, np.float32), draws.Base(z=np.array([[6.0, 5.0]], np.float32)), 0)
    np.testing.assert_array_equal(x, stats.poisson(2.0).ppf(ndtr(np.array([6.0, 5.0]))))
    np.testing.assert_array_equal(x, [15.0, 12.0])


# float32 normals well into both tails (P(z > 6.5) = 4e-11); beyond, the CDF sums' double
# rounding (about 1e-15) becomes comparable with 1 - u and the last count may differ by one
TAIL_Z = np.linspace(-7.0, 6.5, 1351).astype(np.float32)


@pytest.mark.parametrize("lam", [0.08, 2.0, 12.0, 29.0])
def test_poisson_draws_at_float32_tail_normals_are_exact(lam):
    """Shared and per-trial means, at float32 normals out to 8: scipy's exact quantile."""
    b = draws.Base(z=TAIL_Z[None, :])
    want = stats.poisson(lam).ppf(ndtr(TAIL_Z.astype(np.float64)))
    np.testing.assert_array_equal(draws.poisson(lam, b, 0), want)
    np.testing.assert_array_equal(draws.poisson(np.full(TAIL_Z.size, lam, np.float32), b, 0), want)


@pytest.mark.parametrize("n,p", [(40.0, 0.01), (200.0, 0.1), (3000.0, 0.002), (3000.0, 0.999)])
def test_binomial_draws_at_float32_tail_normals_are_exact(n, p):
    """Binomial tables and searches at float32 normals out to 8: scipy's exact quantile."""
    b = draws.Base(z=TAIL_Z[None, :])
    want = stats.binom(int(n), p).ppf(ndtr(TAIL_Z.astype(np.float64)))
    got = draws.binomial(np.full(TAIL_Z.size, n, np.float32), p, b, 0)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("lam", [30.0, 200.0, 5000.0])
def test_poisson_large_scalar_mean_cornish_fisher(lam):
    """Poisson means >= 30 (Cornish-Fisher): mean, variance and CDF within documented error."""
    x = draws.poisson(lam, normal_base(21), 0)
    assert_approximate(x, stats.poisson(lam), 0.0105 / lam)


@pytest.mark.parametrize("lam", [30.0, 200.0, 5000.0])
def test_poisson_large_per_trial_mean_cornish_fisher(lam):
    """Per-trial Poisson means >= 30: mean, variance and CDF within documented error."""
    x = draws.poisson(np.full(N, lam), normal_base(22), 0)
    assert_approximate(x, stats.poisson(lam), 0.0105 / lam)


def test_poisson_mixed_regimes_in_one_call():
    """Trials below and above the threshold in one call each follow their own law."""
    lam = np.tile([3.0, 200.0], N // 2)
    b = normal_base(23)
    x = draws.poisson(lam, b, 0)
    assert_exact(x[lam == 3.0], stats.poisson(3.0), b.u[0][lam == 3.0])
    assert_approximate(x[lam == 200.0], stats.poisson(200.0), 0.0105 / 200.0)


def test_poisson_zero_mean_gives_zero():
    """A zero mean gives no events, as a scalar or per trial."""
    b = normal_base(24, n=1000)
    assert np.all(draws.poisson(0.0, b, 0) == 0)
    assert np.all(draws.poisson(np.zeros(1000), b, 0) == 0)


def test_poisson_scalar_and_per_trial_paths_agree():
    """The table (shared mean) and the search (per-trial means) invert the same CDF."""
    b = normal_base(25)
    for lam in (0.08, 3.0, 29.0, 45.0):
        np.testing.assert_array_equal(draws.poisson(lam, b, 0),
                                      draws.poisson(np.full(N, lam), b, 0))


def test_poisson_month_slice_equals_month_by_month():
    """Drawing several months at once (a slice) equals drawing each month's row."""
    rng = np.random.default_rng(26)
    b = draws.Base(u=np.maximum(rng.random((6, 5000)), 2.0**-60))
    block = draws.poisson(0.4, b, slice(0, 6))
    for t in range(6):
        np.testing.assert_array_equal(block[t], draws.poisson(0.4, b, t))


@pytest.mark.parametrize("kind", ["poisson", "binomial", "binomial_each", "gamma", "gamma_each"])
def test_every_month_at_once_equals_month_by_month(kind):
    """A draw over every month at once (a flat base, as the strategies draw buyers, orders
    and wins), whole or in pieces of a few months, gives each trial and month the count a
    month-by-month draw gives, with means, sizes and probabilities on both sides of the exact
    and normal-limit regimes and zeros."""
    months, n = 8, 3000
    rng = np.random.default_rng(27)
    z = rng.standard_normal((months, n)).astype(np.float32)
    size = np.where(rng.random((months, n)) < 0.2, 0.0,
                    rng.choice([0.5, 4.0, 29.0, 31.0, 300.0], (months, n))).astype(np.float32)
    p = rng.uniform(0.05, 0.6, n)

    def draw(x, b, t, m=1):
        return {"poisson": lambda: draws.poisson(x, b, t),
                "binomial": lambda: draws.binomial(np.floor(x) * 4, 0.3, b, t),
                "binomial_each": lambda: draws.binomial(np.floor(x) * 4, np.tile(p, m), b, t),
                "gamma": lambda: draws.gamma_sum(np.floor(x), 80.0, 0.6, b, t),
                "gamma_each": lambda: draws.gamma_sum(np.floor(x), 80.0, np.tile(p, m), b, t),
                }[kind]()

    rows = draws.Base(z=z)
    by_month = np.stack([draw(size[t], rows, t) for t in range(months)])
    flat = draw(size.reshape(-1), draws.Base(z=z.reshape(-1)), slice(None), months)
    np.testing.assert_array_equal(flat.reshape(months, n), by_month)
    base = draws.Base(z=z.reshape(-1))
    pieces = [draw(size[lo:hi].reshape(-1), base, slice(lo * n, hi * n), hi - lo)
              for lo, hi in ((0, 3), (3, 6), (6, 8))]
    np.testing.assert_array_equal(np.concatenate(pieces).reshape(months, n), by_month)


def test_a_flat_base_of_another_horizon_keeps_what_was_worked_out():
    """A longer or shorter horizon's flat base takes over the derived numbers of the months
    both share and works out only the new ones: the same values as a fresh base's."""
    rng = np.random.default_rng(28)
    z = rng.standard_normal((30, 500)).astype(np.float32)
    u = np.maximum(rng.random((30, 500)), 2.0**-60)
    sel = np.flatnonzero(rng.random(30 * 500) < 0.3)

    def worked(b: draws.Base, months: int) -> draws.Base:
        b.terms(slice(None)), b.u_at(slice(None), sel[sel < months * 500])
        b.cell, b.z
        return b

    for rows, make in ((z, lambda a: draws.Base(z=a)), (u, lambda a: draws.Base(u=a))):
        old = worked(make(rows[:12].reshape(-1)), 12)
        for months in (30, 6):
            b = make(rows[:months].reshape(-1))
            b.take_over(old)
            fresh = worked(make(rows[:months].reshape(-1)), months)
            for x, y in zip(b.terms(slice(None)), fresh.terms(slice(None))):
                np.testing.assert_array_equal(x, y)
            np.testing.assert_array_equal(b.cell, fresh.cell)
            np.testing.assert_array_equal(b.z, fresh.z)
            mine = sel[sel < months * 500]
            np.testing.assert_array_equal(b.u_at(slice(None), mine),
                                          fresh.u_at(slice(None), mine))


# --- Binomial ------------------------------------------------------------------------------


@pytest.mark.parametrize("n,p", [(5, 1 / 9), (60, 1 / 9), (200, 1 / 9), (5, 0.15), (90, 0.15),
                                 (200, 0.15), (1000, 0.995)])
def test_binomial_table_is_exact(n, p):
    """Binomial with n <= 1024 and variance < 30 (CDF table) gives exactly binomial counts."""
    b = uniform_base(31)
    x = draws.binomial(np.full(N, float(n)), p, b, 0)
    assert_exact(x, stats.binom(n, p), b.u[0])


def test_binomial_table_per_trial_sizes_are_exact():
    """Different n per trial in one call (one table, one row per n): each group is exact."""
    sizes = np.array([1.0, 7.0, 40.0, 150.0, 250.0])
    n = np.tile(sizes, N // 5)
    b = uniform_base(32)
    x = draws.binomial(n, 1 / 9, b, 0)
    for m in sizes:
        assert_exact(x[n == m], stats.binom(int(m), 1 / 9), b.u[0][n == m])
    assert np.all(x <= n) and np.all(x >= 0)


@pytest.mark.parametrize("n,p", [(3000, 0.002), (1500, 0.01), (20000, 0.001)])
def test_binomial_search_large_n_small_mean_is_exact(n, p):
    """Binomial with n > 1024 and variance < 30 (search from zero) gives exactly binomial counts."""
    b = uniform_base(33)
    x = draws.binomial(np.full(N, float(n)), p, b, 0)
    assert_exact(x, stats.binom(n, p), b.u[0])


def test_binomial_search_large_n_probability_near_one_is_exact():
    """Binomial(2000, 0.99) (n > 1024, variance 19.8 < 30) has mean 1980 and variance 19.8."""
    b = uniform_base(34)
    x = draws.binomial(np.full(N, 2000.0), 0.99, b, 0)
    assert_exact(x, stats.binom(2000, 0.99), b.u[0])


@pytest.mark.parametrize("n,p", [(1500, 1 / 9), (400, 0.15), (100_000, 0.5), (5000, 0.99),
                                 (15_100, 0.002)])
def test_binomial_large_variance_cornish_fisher(n, p):
    """Binomial variance >= 30 (Cornish-Fisher): mean, variance, CDF within documented error."""
    x = draws.binomial(np.full(N, float(n)), p, uniform_base(35), 0)
    assert np.all((x >= 0) & (x <= n))
    assert_approximate(x, stats.binom(n, p), 0.0105 / (n * p * (1 - p)))


def test_binomial_mixed_regimes_in_one_call():
    """Small-variance and large-variance trials in one call each follow their own law."""
    n = np.tile([50.0, 1500.0], N // 2)
    b = uniform_base(136)
    x = draws.binomial(n, 1 / 9, b, 0)
    assert_exact(x[n == 50.0], stats.binom(50, 1 / 9), b.u[0][n == 50.0])
    assert_approximate(x[n == 1500.0], stats.binom(1500, 1 / 9), 0.0105 / (1500 / 9 * 8 / 9))


def test_binomial_p_zero_and_one():
    """p = 0 gives no successes and p = 1 gives all n, whatever n."""
    n = np.array([0.0, 1.0, 17.0, 2000.0, 1e6])
    b = uniform_base(37, n=n.size)
    np.testing.assert_array_equal(draws.binomial(n, 0.0, b, 0), 0.0)
    np.testing.assert_array_equal(draws.binomial(n, 1.0, b, 0), n)


def test_binomial_zero_trials_give_zero():
    """Binomial(0, p) is 0 in every regime's call."""
    n = np.tile([0.0, 5.0, 3000.0], 1000)
    x = draws.binomial(n, 0.005, uniform_base(38, n=n.size), 0)
    assert np.all(x[n == 0] == 0)


# --- Gamma sums ----------------------------------------------------------------------------


def _gamma_law(count: float, mean: float, cv: float):
    k = 1.0 / cv**2
    return stats.gamma(count * k, scale=mean * cv**2)


@pytest.mark.parametrize("count,cv", [(1, 1.0), (3, 1.0), (5, 0.5), (2, 2.0), (29, 1.0)])
def test_gamma_sum_small_shape_is_exact(count, cv):
    """Sums of few orders (shape < 30, tabulated exact quantiles) follow the exact Gamma law."""
    mean = 400.0
    x = draws.gamma_sum(np.full(N, float(count)), mean, cv, normal_base(41), 0)
    law = _gamma_law(count, mean, cv)
    assert abs(x.mean() - law.mean()) <= 3 * law.std() / math.sqrt(N)
    p = stats.kstest(x, law.cdf).pvalue
    assert p > 1e-3, p


def test_gamma_sum_one_trial_never_moves_another():
    """A trial's order sum depends only on its own count and base number."""
    base = normal_base(47, n=6)
    a = draws.gamma_sum(np.array([1.0, 5.0, 2.0, 40.0, 3.0, 0.0]), 400.0, 1.0, base, 0)
    b = draws.gamma_sum(np.array([2.0, 5.0, 9.0, 40.0, 3.0, 7.0]), 400.0, 1.0, base, 0)
    np.testing.assert_array_equal(a[[1, 3, 4]], b[[1, 3, 4]])


@pytest.mark.parametrize("count,cv", [(30, 1.0), (40, 1.0), (10, 0.5), (1000, 1.0), (300, 3.0)])
def test_gamma_sum_large_shape_wilson_hilferty(count, cv):
    """Sums with shape >= 30 (Wilson-Hilferty): mean, variance and CDF within documented error."""
    mean = 400.0
    x = draws.gamma_sum(np.full(N, float(count)), mean, cv, normal_base(43), 0)
    law = _gamma_law(count, mean, cv)
    shape = count / cv**2
    m, v, kurt = (float(s) for s in law.stats(moments="mvk"))
    assert abs(x.mean() - m) <= 3 * math.sqrt(v / N)
    assert abs(x.var() - v) <= 3 * math.sqrt(v * v * (kurt + 2.0) / N)
    gap = stats.kstest(x, law.cdf).statistic
    assert gap < KS_95 + 0.006 / shape, gap


def test_gamma_sum_mixed_counts_and_zero():
    """Zero orders give zero revenue; small and large counts in one call follow their laws."""
    count = np.tile([0.0, 3.0, 60.0], 60_000)
    x = draws.gamma_sum(count, 250.0, 1.0, normal_base(44, n=count.size), 0)
    assert np.all(x[count == 0] == 0)
    assert stats.kstest(x[count == 3], _gamma_law(3, 250.0, 1.0).cdf).pvalue > 1e-3
    law = _gamma_law(60, 250.0, 1.0)
    big = x[count == 60]
    assert abs(big.mean() - law.mean()) <= 3 * law.std() / math.sqrt(big.size)
    assert stats.kstest(big, law.cdf).statistic < 1.36 / math.sqrt(big.size) + 0.006 / 60


def test_gamma_sum_zero_cv_is_count_times_mean():
    """With no spread every order is exactly the mean."""
    count = np.array([0.0, 1.0, 7.0, 300.0])
    x = draws.gamma_sum(count, 123.0, 0.0, normal_base(46, n=4), 0)
    np.testing.assert_array_equal(x, count * 123.0)


# --- Determinism and monotonicity ------------------------------------------------------------


def test_same_base_numbers_give_same_draws():
    """The same base numbers give identical draws, in a fresh Base or the same one."""
    rng = np.random.default_rng(51)
    z = rng.standard_normal((2, 20_000))
    u = np.maximum(rng.random((2, 20_000)), 2.0**-60)
    lam = np.abs(rng.normal(20.0, 15.0, 20_000))
    n = np.floor(np.abs(rng.normal(300.0, 400.0, 20_000)))
    for t in (0, 1):
        b1, b2 = draws.Base(z=z.copy()), draws.Base(z=z.copy())
        np.testing.assert_array_equal(draws.poisson(lam, b1, t), draws.poisson(lam, b2, t))
        np.testing.assert_array_equal(draws.poisson(lam, b1, t), draws.poisson(lam, b1, t))
        np.testing.assert_array_equal(draws.poisson(4.0, b1, t), draws.poisson(4.0, b2, t))
        u1, u2 = draws.Base(u=u.copy()), draws.Base(u=u.copy())
        for p in (0.01, 1 / 9, 0.5):
            np.testing.assert_array_equal(draws.binomial(n, p, u1, t), draws.binomial(n, p, u2, t))
        c = np.floor(lam)
        np.testing.assert_array_equal(
            draws.gamma_sum(c, 400.0, 1.0, b1, t), draws.gamma_sum(c, 400.0, 1.0, b2, t))


def _assert_monotone(values, draw):
    """``draw(v)`` never decreases in any trial as ``v`` walks up ``values``."""
    prev = None
    for v in values:
        x = draw(v)
        if prev is not None:
            worse = np.flatnonzero(x < prev)
            assert worse.size == 0, (f"{worse.size} trials drew less at {v!r} than just below it "
                                     f"(e.g. {prev[worse[0]]} -> {x[worse[0]]})")
        prev = x


POISSON_EXACT_GRID = np.linspace(0.0, 29.95, 120)
POISSON_CF_GRID = np.linspace(30.0, 400.0, 150)


def test_poisson_monotone_in_mean_within_exact_regime():
    """For fixed base numbers a larger Poisson mean below 30 never gives a smaller count."""
    b = normal_base(61, n=50_000)
    _assert_monotone(POISSON_EXACT_GRID, lambda m: draws.poisson(float(m), b, 0))
    _assert_monotone(POISSON_EXACT_GRID, lambda m: draws.poisson(np.full(50_000, m), b, 0))


def test_poisson_monotone_in_mean_within_cornish_fisher_regime():
    """For fixed base numbers a larger Poisson mean of 30 or more never gives a smaller count."""
    b = normal_base(62, n=50_000)
    _assert_monotone(POISSON_CF_GRID, lambda m: draws.poisson(float(m), b, 0))


def _step_back(before, after):
    """Share of trials whose draw went down, and the largest drop."""
    drop = before - after
    return float(np.mean(drop > 0)), float(drop.max())


def test_poisson_across_the_regime_threshold_barely_moves():
    """Crossing a mean of 30 (exact to Cornish-Fisher) lowers under 1 % of counts, by 1 at most."""
    b = normal_base(63, n=50_000)
    for draw in (lambda m: draws.poisson(float(m), b, 0),
                 lambda m: draws.poisson(np.full(50_000, m), b, 0)):
        share, most = _step_back(draw(29.999), draw(30.0))
        assert share < 0.01 and most <= 1


@pytest.mark.parametrize("p", [1 / 9, 0.15, 0.5])
def test_binomial_monotone_in_n(p):
    """For fixed base numbers more binomial trials never give fewer successes (all regimes)."""
    b = uniform_base(64, n=50_000)
    _assert_monotone(np.arange(0, 1400, 7.0), lambda n: draws.binomial(np.full(50_000, n), p, b, 0))


@pytest.mark.parametrize("n", [40, 200, 1500])
def test_binomial_monotone_in_p(n):
    """For fixed base numbers a larger success probability never gives fewer successes."""
    b = uniform_base(65, n=20_000)
    _assert_monotone(np.linspace(0.0, 1.0, 201),
                     lambda p: draws.binomial(np.full(20_000, float(n)), float(p), b, 0))


@pytest.mark.parametrize("p", [0.002, 0.02])
def test_binomial_across_the_regime_threshold_barely_moves(p):
    """Small p: n crossing variance 30 lowers under 1 % of counts, by 1 at most."""
    b = uniform_base(66, n=50_000)
    n = np.floor(30.0 / (p * (1 - p)))
    share, most = _step_back(draws.binomial(np.full(50_000, n), p, b, 0),
                             draws.binomial(np.full(50_000, n + 1), p, b, 0))
    assert share < 0.01 and most <= 1


def test_tables_are_kept_within_their_byte_budget(monkeypatch):
    """A table asked for again is the one kept; the tables kept never hold more than
    KEPT_BYTES together (the newest is always kept), oldest dropped first."""
    from inches.model import draw_tables as dt

    dt.forget()
    monkeypatch.setattr(dt, "KEPT_BYTES", 3 << 20)
    first = dt.binomial_table(0.25, 256)
    assert dt.binomial_table(0.25, 256) is first
    sizes = []
    for p in (0.1, 0.2, 0.3, 0.4, 0.5):
        sizes.append(dt.binomial_table(p, 128).nbytes)
        assert dt._kept_bytes == sum(t.nbytes for t in dt._kept.values()) <= 3 << 20
    assert min(sizes) > 1 << 20 and len(dt._kept) < 6  # some were let go to stay within
    assert ("binomial_table", 0.25, 256) not in dt._kept  # the oldest first
    assert ("binomial_table", 0.5, 128) in dt._kept
    monkeypatch.setattr(dt, "KEPT_BYTES", 1)
    big = dt.binomial_table(0.45, 1024)
    assert list(dt._kept.values()) == [big]  # alone over the budget, but the newest
    dt.forget()
    assert dt._kept_bytes == 0 and not dt._kept
