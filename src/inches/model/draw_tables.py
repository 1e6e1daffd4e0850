"""Exact tables behind the draws: discrete CDFs with guide tables, and Gamma quantiles.

Built once per parameter value and kept (least recently used), so a slider move that comes
back to a value costs a lookup. Used by :mod:`.draws`; see docs/model.md for their accuracy.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy.special import gammaincinv, ndtr

LARGE = 30.0  # counts and Gamma shapes from here on use the normal-limit forms in draws.py


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

    def invert(self, row: np.ndarray, u: np.ndarray, cell: np.ndarray) -> np.ndarray:
        """Smallest k with ``cdf[row, k] >= u``; ``cell`` is u's guide cell, floor(u G)."""
        k = self.guide.take(row * self.G + cell)
        start = row * self.width
        idx = np.flatnonzero(u > self.cdf.take(start + k))  # the few whose cell holds a step
        while idx.size:
            k[idx] += 1
            idx = idx[u[idx] > self.cdf.take(start[idx] + k[idx])]
        return k.astype(float)


def round_up(n: int) -> int:
    return max(64, 1 << (int(n) - 1).bit_length())


@lru_cache(maxsize=64)
def poisson_table(lam: float) -> Table:
    """CDF table of Poisson(lam), one row."""
    kmax = int(lam + 12.0 * np.sqrt(lam) + 40.0)
    k = np.arange(kmax + 1)
    cdf = np.cumsum(np.exp(k * np.log(lam) - lam - log_factorial(kmax)))
    cdf[-1] = 2.0
    return Table(cdf[None, :])


@lru_cache(maxsize=32)
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


@lru_cache(maxsize=8)
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
        self.step = (self.Z_HI - self.Z_LO) / self.CELLS

    def invert(self, count: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Gamma((count) k) quantile at standard normal ``z``, for unit scale."""
        f = np.clip((z - self.Z_LO) / self.step, 0.0, self.CELLS - 1e-9)
        i = f.astype(np.intp)
        w = f - i
        at = (count.astype(np.intp) - 1) * (self.CELLS + 1) + i
        return np.exp(self.log_q[at] * (1.0 - w) + self.log_q[at + 1] * w)


@lru_cache(maxsize=16)
def gamma_table(k: float) -> GammaTable:
    """The Gamma quantile table for shape step ``k`` (kept)."""
    return GammaTable(k)
