"""Random draws by inverting distribution functions at fixed base numbers.

Every draw here turns a *base* standard normal ``z`` (one per trial and month, from the
component's own stream) into a count or an amount. Because the base numbers stay fixed while a
parameter moves, each trial's draw moves monotonically and smoothly with the parameter: common
random numbers in their strongest form.

Exactness, by regime (see ``docs/engine.md``):

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

from functools import cached_property, lru_cache

import numpy as np
from scipy.special import gammaincinv, ndtr, ndtri

LARGE = 30.0
_TABLE_ROWS = 1024  # largest n given a binomial CDF table; larger n search from zero


class Base:
    """Base random numbers for one component, shape (months, trials), and terms derived from them.

    A base holds standard normals ``z`` or uniforms ``u`` (whichever its component mostly
    needs) and derives the other, ``u = Phi(z)``, on first use. The Cornish-Fisher terms
    ``a``..``d`` and the guide cells are derived on first use too and kept, so a slider move
    only transforms numbers already drawn.
    """

    def __init__(self, z: np.ndarray | None = None, u: np.ndarray | None = None):
        if z is not None:
            self.z = z
        if u is not None:
            self.u = u
        self._rows: dict[int, np.ndarray] = {}

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.__dict__.get("z") if "z" in self.__dict__ else self.u).shape

    @cached_property
    def z(self) -> np.ndarray:
        return ndtri(self.u)

    @cached_property
    def a(self) -> np.ndarray:
        return (self.z * self.z - 1.0) / 6.0

    @cached_property
    def b(self) -> np.ndarray:
        z = self.z
        return (z * z - 3.0) * z / 24.0

    @cached_property
    def c(self) -> np.ndarray:
        z = self.z
        return (2.0 * z * z - 5.0) * z / 36.0

    @cached_property
    def d(self) -> np.ndarray:
        return self.b - self.c

    def e(self, p: float) -> np.ndarray:
        """The binomial's skewness and kurtosis terms for probability ``p`` (kept for one p)."""
        kept = self.__dict__.get("_e")
        if kept is None or kept[0] != p:
            q = 1.0 - p
            kept = self._e = (p, (1.0 - 6.0 * p * q) * self.b - (q - p) ** 2 * self.c)
        return kept[1]

    @cached_property
    def u(self) -> np.ndarray:
        return ndtr(self.z)

    @cached_property
    def cell(self) -> np.ndarray:
        """Which of the guide table's G cells each u falls in (see :class:`_Table`)."""
        return np.minimum((self.u * _Table.G).astype(np.intp), _Table.G - 1)

    def u_at(self, t) -> np.ndarray:
        """``u[t]`` for a row or slice, computing only the rows asked for (kept per row)."""
        if "u" in self.__dict__ or not isinstance(t, (int, np.integer)):
            return self.u[t]
        row = self._rows.get(t)
        if row is None:
            row = self._rows[t] = ndtr(self.z[t])
        return row

    def nbytes(self) -> int:
        """Memory held by the numbers and every derived term, in bytes."""
        derived = [v for v in vars(self).values() if isinstance(v, np.ndarray)]
        return sum(a.nbytes for a in derived) + sum(r.nbytes for r in self._rows.values())


def poisson(lam: np.ndarray | float, base: Base, t) -> np.ndarray:
    """Poisson counts with mean ``lam`` (scalar or one per trial) at month row ``t``."""
    if np.ndim(lam) == 0:
        lam = float(lam)
        if lam <= 0.0:
            return np.zeros_like(base.z[t])
        if lam >= LARGE:
            return _poisson_cf(lam, base, t, slice(None))
        u = base.u[t]
        table = _poisson_table(lam)
        rows = np.zeros(u.size, dtype=np.intp)
        return table.invert(rows, u.ravel(), base.cell[t].ravel()).reshape(u.shape)
    out = np.empty_like(lam)
    for sel, small in _regimes(lam):
        if small:
            out[sel] = _search(lam[sel], base.u_at(t)[sel], None)
        else:
            out[sel] = _poisson_cf(lam[sel], base, t, sel)
    return out


def binomial(n: np.ndarray, p: float, base: Base, t: int) -> np.ndarray:
    """Binomial counts of ``n`` (one per trial) trials with shared probability ``p`` at row ``t``."""
    if p <= 0.0:
        return np.zeros_like(n, dtype=float)
    if p >= 1.0:
        return n.astype(float, copy=True)
    q = 1.0 - p
    var = n * (p * q)
    out = np.empty(n.shape)
    for sel, small in _regimes(var):
        ns = n[sel]
        if not small:
            s = np.sqrt(var[sel])
            x = ns * p + s * base.z[t][sel] + (q - p) * base.a[t][sel] + base.e(p)[t][sel] / s
            out[sel] = np.clip(np.floor(x + 0.5), 0.0, ns)
            continue
        u = base.u_at(t)[sel]
        nmax = int(ns.max())
        if nmax > _TABLE_ROWS:
            out[sel] = _search(ns, u, p)
        else:
            table = _binomial_table(p, _round_up(nmax))
            out[sel] = table.invert(ns.astype(np.intp), u, base.cell[t][sel])
    return out


def _regimes(size: np.ndarray):
    """Yield (selection, is_small) for the trials whose ``size`` is below :data:`LARGE` and not."""
    if size.max() < LARGE:
        yield slice(None), True
    elif size.min() >= LARGE:
        yield slice(None), False
    else:
        small = size < LARGE
        yield np.flatnonzero(small), True
        yield np.flatnonzero(~small), False


def gamma_sum(count: np.ndarray, mean: float, cv: float, base: Base, t: int) -> np.ndarray:
    """Sum of ``count`` (whole numbers) independent amounts with this mean and CV, per trial.

    The sum of n Gamma(k, theta) amounts is Gamma(n k, theta) with k = 1/cv^2: one draw per
    trial, inverted at the trial's own base number, so one trial's count never moves another
    trial's amount.
    """
    if cv <= 0.0:
        return count * mean
    k = 1.0 / (cv * cv)
    theta = mean * cv * cv
    shape = count * k
    big = shape >= LARGE
    if big.all():
        return _wilson_hilferty(shape, base.z[t], theta)
    out = np.zeros_like(shape)
    if big.any():
        out[big] = _wilson_hilferty(shape[big], base.z[t][big], theta)
    small = np.flatnonzero((shape > 0.0) & ~big)
    if small.size:
        out[small] = _gamma_table(k).invert(count[small], base.z[t][small]) * theta
    return out


class _GammaTable:
    """Gamma quantiles for the shapes k, 2k, ... below :data:`LARGE`, tabulated in z.

    Row j holds log Q(z) for shape (j + 1) k on a grid of z from -9 to 9; linear interpolation
    between grid points keeps the CDF within 4e-6 of exact (measured over shapes 0.05 to 30),
    far below what any trial count here can detect, and keeps each draw monotone in z.
    """

    Z_LO, Z_HI, CELLS = -9.0, 9.0, 2048

    def __init__(self, k: float):
        grid = np.linspace(self.Z_LO, self.Z_HI, self.CELLS + 1)
        shapes = k * np.arange(1, int(np.ceil(LARGE / k)) + 1)
        q = gammaincinv(shapes[:, None], ndtr(grid)[None, :])
        self.log_q = np.log(np.maximum(q, 1e-300)).ravel()
        self.step = (self.Z_HI - self.Z_LO) / self.CELLS

    def invert(self, count: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Gamma((count) k) quantile at standard normal ``z``, for unit scale."""
        f = np.clip((z - self.Z_LO) / self.step, 0.0, self.CELLS - 1e-9)
        i = f.astype(np.intp)
        w = f - i
        at = (count.astype(np.intp) - 1) * (self.CELLS + 1) + i
        return np.exp(self.log_q[at] * (1.0 - w) + self.log_q[at + 1] * w)


@lru_cache(maxsize=16)
def _gamma_table(k: float) -> _GammaTable:
    return _GammaTable(k)


def _wilson_hilferty(shape, z, theta):
    h = np.maximum(1.0 - 1.0 / (9.0 * shape) + z / (3.0 * np.sqrt(shape)), 0.0)
    return shape * theta * h * h * h


def _poisson_cf(lam, base: Base, t: int, sel, out=None):
    s = np.sqrt(lam)
    x = lam + s * base.z[t][sel] + base.a[t][sel] + base.d[t][sel] / s + 0.5
    return np.maximum(np.floor(x, out=out), 0.0, out=out)


def _search(mean_or_n: np.ndarray, u: np.ndarray, p: float | None) -> np.ndarray:
    """Exact inversion by a search from zero: the smallest k whose CDF reaches u.

    Poisson when ``p`` is None (``mean_or_n`` is the mean), else binomial(n, p). Works on all
    trials at once and drops the finished ones once few are left.
    """
    if p is not None and p > 0.5:  # count failures instead: q^n would underflow
        return mean_or_n - _search(mean_or_n, 1.0 - u, 1.0 - p)
    if p is None:
        x = mean_or_n
        pk = np.exp(-x)
        peak = float(x.max())
    else:
        x = mean_or_n
        pk = np.exp(x * np.log1p(-p))
        ratio = p / (1.0 - p)
        peak = float(x.max()) * p
    kmax = int(peak + 12.0 * np.sqrt(peak) + 40.0)
    cdf = pk.copy()
    out = np.zeros(u.size)
    idx = None  # None: still working on every trial
    k = out
    for j in range(1, kmax + 1):
        live = u > cdf
        n_live = int(np.count_nonzero(live))
        if n_live == 0:
            break
        if n_live * 4 < live.size:  # compact to the trials still searching
            if idx is not None:
                out[idx] = k
            idx = np.flatnonzero(live) if idx is None else idx[live]
            x, u, pk, cdf, k = x[live], u[live], pk[live], cdf[live], k[live]
            live = None
        if live is not None:
            k += live
        else:
            k += 1.0
        pk *= (x / j) if p is None else (x - (j - 1)) * (ratio / j)
        cdf += pk
    if idx is not None:
        out[idx] = k
    return out if p is None else np.minimum(out, mean_or_n)


class _Table:
    """Exact CDF table of a family of discrete laws, one row per law, with a guide table.

    ``cdf[r, k]`` is P(X_r <= k), set to 2 where the law ends so a search always stops;
    ``guide[r, g]`` is the smallest k with ``cdf[r, k] >= g / G``. Inverting u starts at
    ``guide[r, floor(u G)]`` and steps up at most a few times (Chen and Asau's method).
    """

    G = 1024

    def __init__(self, cdf: np.ndarray):
        rows, width = cdf.shape
        self.width = width
        self.cdf = cdf.ravel()
        grid = np.arange(self.G) / self.G
        offsets = np.arange(rows) * 3.0  # rows made one increasing sequence for one search
        flat = (cdf + offsets[:, None]).ravel()
        queries = (grid[None, :] + offsets[:, None]).ravel()
        self.guide = np.searchsorted(flat, queries) - (np.arange(rows) * width).repeat(self.G)

    def invert(self, row: np.ndarray, u: np.ndarray, cell: np.ndarray) -> np.ndarray:
        """Smallest k with ``cdf[row, k] >= u``; ``cell`` is u's guide cell, floor(u G)."""
        k = self.guide.take(row * self.G + cell)
        start = row * self.width
        idx = np.flatnonzero(u > self.cdf.take(start + k))  # the few whose cell holds a step
        while idx.size:
            k[idx] += 1
            idx = idx[u[idx] > self.cdf.take(start[idx] + k[idx])]
        return k.astype(float)


def _round_up(n: int) -> int:
    return max(64, 1 << (int(n) - 1).bit_length())


@lru_cache(maxsize=64)
def _poisson_table(lam: float) -> _Table:
    """CDF table of Poisson(lam), one row."""
    kmax = int(lam + 12.0 * np.sqrt(lam) + 40.0)
    k = np.arange(kmax + 1)
    cdf = np.cumsum(np.exp(k * np.log(lam) - lam - _log_factorial(kmax)))
    cdf[-1] = 2.0
    return _Table(cdf[None, :])


@lru_cache(maxsize=32)
def _binomial_table(p: float, nmax: int) -> _Table:
    """CDF table of Binomial(n, p) for every n in 0..nmax."""
    q = 1.0 - p
    top = nmax * p
    kmax = min(nmax, int(top + 12.0 * np.sqrt(min(top * q, LARGE)) + 40.0))
    pmf = np.zeros((nmax + 1, kmax + 1))
    row = np.zeros(kmax + 1)
    row[0] = 1.0
    pmf[0] = row
    for n in range(1, nmax + 1):
        nxt = row * q
        nxt[1:] += row[:-1] * p
        row = nxt
        pmf[n] = row
    cdf = np.cumsum(pmf, axis=1)
    k = np.arange(kmax + 1)
    cdf[k[None, :] >= np.arange(nmax + 1)[:, None]] = 2.0  # X <= n always
    cdf[:, -1] = 2.0
    return _Table(cdf)


@lru_cache(maxsize=8)
def _log_factorial(kmax: int) -> np.ndarray:
    return np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, kmax + 1)))))
