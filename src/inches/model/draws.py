"""Random draws by inverting distribution functions at fixed base numbers.

Every draw here turns a *base* standard normal ``z`` (one per trial and month, from the
component's own stream) into a count or an amount. Because the base numbers stay fixed while a
parameter moves, each trial's draw moves monotonically and smoothly with the parameter: common
random numbers in their strongest form.

Exactness, by regime (see docs/model.md, "How each draw is made"):

* Counts whose mean (Poisson) or variance (binomial) is at least :data:`LARGE` use the
  Cornish-Fisher expansion to fourth cumulant, rounded. Its largest CDF error is about
  ``0.0105 / mean``: 3.5e-4 at the threshold, a quarter of what a million trials can detect
  (the Kolmogorov-Smirnov 5 % critical value at 1e6 samples is 1.4e-3).
* Smaller counts are exact: inversion of the exact CDF, by a search from zero (per-trial means)
  or a lookup in a cached CDF table (a mean shared by all trials, or a binomial with a shared
  probability).
* Gamma sums with shape at least :data:`LARGE` use Wilson-Hilferty (CDF error about
  ``0.006 / shape``, 2e-4 at the threshold); smaller shapes interpolate a table of exact
  quantiles (CDF error under 4e-6).

Within each regime a draw is monotone in its parameter; where a parameter crosses
:data:`LARGE` a few trials may step back by one.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaincinv

from .base import Base, cells
from .draw_tables import (
    LARGE,
    Table,
    binomial_table,
    gamma_table,
    poisson_table,
    round_up,
)
from .search import regimes, search

_TABLE_ROWS = 1024  # largest n given a binomial CDF table; larger n search from zero


def poisson(lam: np.ndarray | float, base: Base, t) -> np.ndarray:
    """Poisson counts with mean ``lam`` (scalar or one per trial) at month row ``t``."""
    if np.ndim(lam) == 0:
        lam = float(lam)
        if lam <= 0.0:
            return np.zeros_like(base.z[t])
        if lam >= LARGE:
            return _poisson_cf(lam, base, t, slice(None))
        u = base.u[t]
        table = poisson_table(lam)
        if table.cdf[0] < 0.5:
            return table.invert(None, u.ravel(), base.cell_at(t).ravel()).reshape(u.shape)
        out = np.zeros(u.shape)  # mostly zeros (incidents): invert only the others
        hit, counts = _nonzero(table, u)
        out.ravel()[hit] = counts
        return out
    out = np.empty_like(lam)
    parts = list(regimes(lam))
    if len(parts) == 2:  # both: the normal form for every trial (cheaper than picking out the
        with np.errstate(divide="ignore", invalid="ignore"):  # large ones), then the small
            _poisson_cf(lam, base, t, slice(None), out=out)  # searched over it
        parts = parts[:1]
    for sel, small in parts:
        if small:
            out[sel] = search(lam[sel], base.u_at(t, sel), None)
        else:
            out[sel] = _poisson_cf(lam[sel], base, t, sel)
    return out


def poisson_nonzero(lam: float, base: Base, months: int) -> tuple[np.ndarray, np.ndarray]:
    """The nonzero counts of :func:`poisson` with a shared mean below :data:`LARGE` over the
    first ``months`` rows, as (positions in the flattened (months, trials) array, counts):
    rare events (incidents) without a mostly-zero array of counts."""
    return _nonzero(poisson_table(lam), base.u[:months])


def _nonzero(table: Table, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where ``u`` (flattened) passes P(0) of a one-law table, and the counts there."""
    hit = np.flatnonzero(u > table.cdf[0])
    uh = u.ravel()[hit]
    return hit, table.invert(None, uh, cells(uh))


def binomial(n: np.ndarray, p: float | np.ndarray, base: Base, t: int) -> np.ndarray:
    """Binomial counts of ``n`` (one per trial) trials with probability ``p`` at row ``t``:
    shared by every trial (a float) or one per trial (an array, a ranged parameter's)."""
    if np.ndim(p):
        return _binomial_each(n, np.asarray(p, float), base, t)
    if p <= 0.0:
        return np.zeros_like(n, dtype=float)
    if p >= 1.0:
        return n.astype(float, copy=True)
    q = 1.0 - p
    var = n * (p * q)
    out = np.empty(n.shape)
    for sel, small in regimes(var):
        ns = n[sel]
        if not small:
            s = np.sqrt(var[sel])
            x = (ns * p + s * base.z[t][sel] + (q - p) * base.terms(t)[0][sel]
                 + base.e_at(t, p)[sel] / s)
            out[sel] = np.clip(np.floor(x + 0.5), 0.0, ns)
            continue
        u = base.u_at(t, sel)
        nmax = int(ns.max())
        if nmax > _TABLE_ROWS:
            out[sel] = search(ns, u, p)
        else:
            table = binomial_table(p, round_up(nmax))
            out[sel] = table.invert(ns.astype(np.intp), u, base.cell_at(t)[sel])
    return out


def _binomial_each(n: np.ndarray, p: np.ndarray, base: Base, t: int) -> np.ndarray:
    """:func:`binomial` with one probability per trial: exact search below :data:`LARGE`
    variance, Cornish-Fisher with each trial's own skewness and kurtosis above."""
    out = np.where(p >= 1.0, n, 0.0).astype(float)
    some = np.flatnonzero((p > 0.0) & (p < 1.0))
    if not some.size:
        return out
    ns, ps = n[some], p[some]
    qs = 1.0 - ps
    var = ns * (ps * qs)
    for sel, small in regimes(var):
        at = some[sel]
        if small:
            out[at] = search(ns[sel], base.u_at(t, at), ps[sel])
            continue
        pp, qq, s = ps[sel], qs[sel], np.sqrt(var[sel])
        a, b, c = (term[at] for term in base.terms(t))
        e = (1.0 - 6.0 * pp * qq) * b - (qq - pp) ** 2 * c
        x = ns[sel] * pp + s * base.z[t][at] + (qq - pp) * a + e / s
        out[at] = np.clip(np.floor(x + 0.5), 0.0, ns[sel])
    return out


def gamma_sum(count: np.ndarray, mean, cv, base: Base, t: int) -> np.ndarray:
    """Sum of ``count`` (whole numbers) independent amounts with this mean and CV, per trial.

    The sum of n Gamma(k, theta) amounts is Gamma(n k, theta) with k = 1/cv^2: one draw per
    trial, inverted at the trial's own base number, so one trial's count never moves another
    trial's amount. ``mean`` and ``cv`` are shared (floats) or one per trial (arrays).
    """
    if np.ndim(mean) or np.ndim(cv):
        return _gamma_each(count, mean, cv, base, t)
    if cv <= 0.0:
        return count * mean
    k = 1.0 / (cv * cv)
    theta = mean * cv * cv
    shape = count * k
    big = shape >= LARGE
    if big.all():
        return _wilson_hilferty(shape, base.z[t], theta)
    out = np.zeros_like(shape)
    if big.any():  # the normal-limit form for every trial, kept where the shape is large
        with np.errstate(divide="ignore", invalid="ignore"):  # (cheaper than picking those
            np.copyto(out, _wilson_hilferty(shape, base.z[t], theta), where=big)  # out)
    small = np.flatnonzero((shape > 0.0) & ~big)
    if small.size:
        out[small] = gamma_table(k).invert(count[small], base.z[t][small]) * theta
    return out


def _gamma_each(count: np.ndarray, mean, cv, base: Base, t: int) -> np.ndarray:
    """:func:`gamma_sum` with a mean or CV per trial. A shared CV keeps the quantile table of
    its shape step; CVs per trial invert the exact Gamma law (scipy's ``gammaincinv``)."""
    mean = np.broadcast_to(mean, count.shape)
    out = count * mean
    spread = np.broadcast_to(cv, count.shape) > 0.0
    cv2 = np.where(spread, np.asarray(cv, float) ** 2, 1.0)
    theta, shape = mean * cv2, count / cv2
    big = spread & (shape >= LARGE)
    if big.any():
        out[big] = _wilson_hilferty(shape[big], base.z[t][big], theta[big])
    small = np.flatnonzero(spread & (shape > 0.0) & ~big)
    if small.size and np.ndim(cv):
        out[small] = gammaincinv(shape[small], base.u_at(t, small)) * theta[small]
    elif small.size:
        k = 1.0 / (cv * cv)
        out[small] = gamma_table(k).invert(count[small], base.z[t][small]) * theta[small]
    return out


def _wilson_hilferty(shape, z, theta):
    h = np.maximum(1.0 - 1.0 / (9.0 * shape) + z / (3.0 * np.sqrt(shape)), 0.0)
    return shape * theta * h * h * h


def _poisson_cf(lam, base: Base, t: int, sel, out=None):
    s = np.sqrt(lam)
    a, b, c = base.terms(t)
    x = lam + s * base.z[t][sel] + a[sel] + (b[sel] - c[sel]) / s + 0.5
    return np.maximum(np.floor(x, out=out), 0.0, out=out)
