"""Exact tables behind the draws: discrete CDFs with guide tables, and Gamma quantiles.

Built once per parameter value and kept (least recently used, up to :data:`KEPT_BYTES` in
all), so a slider move that comes back to a value costs a lookup. Used by :mod:`.draws`; see
docs/model.md for their accuracy.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

import numpy as np
from scipy.special import gammaincinv, ndtr

LARGE = 30.0  # counts and Gamma shapes from here on use the normal-limit forms in draws.py
KEPT_BYTES = 128 << 20  # the tables kept, all kinds together (the newest is kept whatever
# its size). A binomial table for thousands of trials' followers is up to about 100 MB, so a
# count alone would not bound them: 32 such tables could hold gigabytes.

_kept: OrderedDict[tuple, object] = OrderedDict()
_kept_lock = threading.Lock()
_kept_bytes = 0


def kept(build):
    """``build`` with its tables kept (see :data:`KEPT_BYTES`); every table has ``nbytes``."""
    @functools.wraps(build)
    def get(*args):
        global _kept_bytes
        key = (build.__name__, *args)
        with _kept_lock:
            if key in _kept:
                _kept.move_to_end(key)
                return _kept[key]
        table = build(*args)  # outside the lock: two threads may build one table at once
        with _kept_lock:
            if key not in _kept:
                _kept[key] = table
                _kept_bytes += table.nbytes
            while _kept_bytes > KEPT_BYTES and len(_kept) > 1:
                _kept_bytes -= _kept.popitem(last=False)[1].nbytes
        return table
    return get


def forget() -> None:
    """Drop every kept table (a finished analysis in its own process)."""
    global _kept_bytes
    with _kept_lock:
        _kept.clear()
        _kept_bytes = 0


class Table:
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
        self.nbytes = self.cdf.nbytes + self.guide.nbytes

    def invert(self, row: np.ndarray | None, u: np.ndarray, cell: np.ndarray) -> np.ndarray:
        """Smallest k with ``cdf[row, k] >= u``; ``cell`` is u's guide cell, floor(u G).
        ``row`` None: every u in row 0 (a table of one law)."""
        if row is None:
            k, start = self.guide.take(cell), 0
        else:
            k, start = self.guide.take(row * self.G + cell), row * self.width
        idx = np.flatnonzero(u > self.cdf.take(start + k))  # the few whose cell holds a step
        while idx.size:
            k[idx] += 1
            at = k[idx] if row is None else start[idx] + k[idx]
            idx = idx[u[idx] > self.cdf.take(at)]
        return k.astype(float)


def round_up(n: int) -> int:
    return max(64, 1 << (int(n) - 1).bit_length())


@kept
def poisson_table(lam: float) -> Table:
    """CDF table of Poisson(lam), one row."""
    kmax = int(lam + 12.0 * np.sqrt(lam) + 40.0)
    k = np.arange(kmax + 1)
    cdf = np.cumsum(np.exp(k * np.log(lam) - lam - log_factorial(kmax)))
    cdf[-1] = 2.0
    return Table(cdf[None, :])


@kept
def binomial_table(p: float, nmax: int) -> Table:
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
    return Table(cdf)


@kept
def log_factorial(kmax: int) -> np.ndarray:
    return np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, kmax + 1)))))


class GammaTable:
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
        self.nbytes = self.log_q.nbytes
        self.step = (self.Z_HI - self.Z_LO) / self.CELLS

    def invert(self, count: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Gamma((count) k) quantile at standard normal ``z``, for unit scale."""
        f = np.clip((z - self.Z_LO) / self.step, 0.0, self.CELLS - 1e-9)
        i = f.astype(np.intp)
        w = f - i
        at = (count.astype(np.intp) - 1) * (self.CELLS + 1) + i
        return np.exp(self.log_q[at] * (1.0 - w) + self.log_q[at + 1] * w)


@kept
def gamma_table(k: float) -> GammaTable:
    """The Gamma quantile table for shape step ``k`` (kept)."""
    return GammaTable(k)
