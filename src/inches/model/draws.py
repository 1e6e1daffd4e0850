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

from functools import cached_property

import numpy as np
from scipy.special import gammaincinv, ndtr, ndtri

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


class Base:
    """Base random numbers for one component, shape (months, trials), and terms derived from them.

    A base holds standard normals ``z`` or uniforms ``u`` (whichever its component mostly
    needs) and derives the other, ``u = Phi(z)``, on first use. The Cornish-Fisher terms
    ``a``..``c`` (a row at a time) and the guide cells are derived on first use too and kept,
    so a slider move only transforms numbers already drawn.
    """

    def __init__(self, z: np.ndarray | None = None, u: np.ndarray | None = None):
        if z is not None:
            self.z = z
        if u is not None:
            self.u = u
        self._rows: dict[int, np.ndarray] = {}
        self._terms: dict[int, tuple[np.ndarray, ...]] = {}  # row: (a, b, c)
        self._e: dict[int, tuple[float, np.ndarray]] = {}  # row: (p, e)

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.__dict__.get("z") if "z" in self.__dict__ else self.u).shape

    @cached_property
    def z(self) -> np.ndarray:
        return ndtri(self.u)

    def terms(self, t) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The Cornish-Fisher terms ``a``, ``b`` and ``c`` of row ``t`` (an int; or a slice,
        from the whole arrays), ``a = (z^2 - 1) / 6``, ``b = (z^2 - 3) z / 24``,
        ``c = (2 z^2 - 5) z / 36``: worked out a row at a time on first use and kept. A fresh
        run reads each row once, and whole-array temporaries (fresh pages from the system
        each) cost it more than the arithmetic. Every row at once (``slice(None)``, a flat
        base's) is kept too."""
        key = _kept_as(t)
        if key is None:
            return _terms(self.z[t])
        got = self._terms.get(key)
        if got is None:
            got = self._terms[key] = _terms(self.z[t])
        return got

    def e_at(self, t: int, p: float) -> np.ndarray:
        """Row ``t`` of the binomial's skewness and kurtosis term for probability ``p``,
        ``(1 - 6pq) b - (q - p)^2 c`` (kept as :meth:`terms` are, for the last ``p`` asked)."""
        key = _kept_as(t)
        kept = self._e.get(key)
        if kept is None or kept[0] != p:
            _, b, c = self.terms(t)
            q = 1.0 - p
            kept = (p, (1.0 - 6.0 * p * q) * b - (q - p) ** 2 * c)
            if key is not None:
                self._e[key] = kept
        return kept[1]

    @cached_property
    def u(self) -> np.ndarray:
        return _uniform(self.z)

    @cached_property
    def cell(self) -> np.ndarray:
        """Which of the guide table's G cells each u falls in (see :class:`.draw_tables.Table`)."""
        return _cell(self.u)

    def u_at(self, t, sel=slice(None)) -> np.ndarray:
        """``u[t][sel]`` for a row or slice, computing only the rows asked for (kept per row).

        On a flat base (every month at once, ``t`` = ``slice(None)``) with ``sel`` an array of
        positions, only those are worked out (and kept): a draw over every month needs u for
        its small counts only, a sixth of them in a typical run, and Phi in double precision
        is the costliest step of such a draw."""
        if "u" in self.__dict__:
            return self.u[t][sel]
        if isinstance(t, (int, np.integer)):
            row = self._rows.get(t)
            if row is None:
                row = self._rows[t] = _uniform(self.z[t])
            return row[sel]
        if t != slice(None) or isinstance(sel, slice) or self.z.ndim != 1:
            return self.u[t][sel]
        known = self.__dict__.get("_u_some")
        if known is None:
            known = self._u_some = np.full(self.z.shape, np.nan)
        got = known[sel]
        todo = np.isnan(got)
        if todo.any():
            at = sel[todo]
            got[todo] = known[at] = _uniform(self.z[at])
        return got

    def cell_at(self, t) -> np.ndarray:
        """``cell[t]`` for a row or slice, computing only the rows asked for (kept per row)."""
        if "cell" in self.__dict__ or not isinstance(t, (int, np.integer)):
            return self.cell[t]
        row = self._rows.get(-1 - t)
        if row is None:
            row = self._rows[-1 - t] = _cell(self.u_at(t))
        return row

    def take_over(self, old: Base) -> None:
        """Keep what ``old`` worked out, on a flat base whose numbers start with ``old``'s
        (the same component over fewer or more months): its derived arrays cut to this
        base's length, or with only the months ``old`` did not cover worked out (a longer
        horizon then costs its new months, as a month-by-month base's rows would)."""
        n, m = self.shape[0], old.shape[0]
        new = slice(m, None)

        def fit(a: np.ndarray, more) -> np.ndarray:
            return a[:n] if m >= n else np.concatenate((a, more()))

        mine, theirs = self.__dict__, old.__dict__
        for name, more in (("z", lambda: ndtri(self.u[new])),
                           ("u", lambda: _uniform(self.z[new])),
                           ("cell", lambda: _cell(self.u[new]))):
            if name in theirs and name not in mine:
                mine[name] = fit(theirs[name], more)
        if "_u_some" in theirs:
            self._u_some = fit(theirs["_u_some"], lambda: np.full(n - m, np.nan))
        if -1 in old._terms:
            more = _terms(self.z[new]) if m < n else (None,) * 3
            self._terms[-1] = tuple(fit(a, lambda b=b: b) for a, b in zip(old._terms[-1], more))

    def nbytes(self) -> int:
        """Memory held by the numbers and every derived term, in bytes."""
        derived = [v for v in vars(self).values() if isinstance(v, np.ndarray)]
        rows = [*self._rows.values(), *(x for ts in self._terms.values() for x in ts),
                *(e for _, e in self._e.values())]
        return sum(a.nbytes for a in derived) + sum(r.nbytes for r in rows)


def _kept_as(t) -> int | None:
    """The key a row's derived terms are kept under: the row's number, -1 for every row
    (``slice(None)``), None for other slices (not kept)."""
    if isinstance(t, (int, np.integer)):
        return int(t)
    return -1 if t == slice(None) else None


def _uniform(z: np.ndarray) -> np.ndarray:
    """Phi(z) in double precision, whatever the precision of z.

    In single precision Phi(z) rounds to 1 for z above about 5.42, and an exact inversion at
    u = 1 runs to the end of its table; in double precision u < 1 for every z below 8.29,
    beyond any normal a float32 generator gives.
    """
    return ndtr(z, dtype=np.float64)


def _cell(u: np.ndarray) -> np.ndarray:
    return np.minimum((u * Table.G).astype(np.intp), Table.G - 1)


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
    return hit, table.invert(None, uh, _cell(uh))


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


def _terms(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    zz = z * z
    return (zz - 1.0) / 6.0, (zz - 3.0) * z / 24.0, (2.0 * zz - 5.0) * z / 36.0


def _wilson_hilferty(shape, z, theta):
    h = np.maximum(1.0 - 1.0 / (9.0 * shape) + z / (3.0 * np.sqrt(shape)), 0.0)
    return shape * theta * h * h * h


def _poisson_cf(lam, base: Base, t: int, sel, out=None):
    s = np.sqrt(lam)
    a, b, c = base.terms(t)
    x = lam + s * base.z[t][sel] + a[sel] + (b[sel] - c[sel]) / s + 0.5
    return np.maximum(np.floor(x, out=out), 0.0, out=out)
