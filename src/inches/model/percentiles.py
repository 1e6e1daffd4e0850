"""Percentile bands: five percentiles from one partition, linear as numpy's default.

Used by :mod:`.results`; a quantity that is a non-decreasing map of another (net of revenue,
halo of followers) reuses that quantity's order statistics instead of partitioning again.
"""

from __future__ import annotations

import numpy as np

PERCENTILES = (5, 25, 50, 75, 95)


def _ranks(n: int) -> list[tuple[int, int, float]]:
    """For each percentile: the two order statistics (0-based ranks) and the weight between."""
    out = []
    for q in PERCENTILES:
        pos = (n - 1) * q / 100.0
        lo = int(np.floor(pos))
        out.append((lo, min(lo + 1, n - 1), pos - lo))
    return out


def order_stats(monthly: np.ndarray) -> np.ndarray:
    """The order statistics the percentiles need, per month: shape (months, k), ranks ascending.

    One partition per array for all five percentiles, in the array's own precision. Large
    arrays are partitioned a month at a time, so the extra memory is one month's trials.
    """
    months, n = monthly.shape
    kth = sorted({k for lo, hi, _ in _ranks(n) for k in (lo, hi)})
    if n <= 100_000:
        return np.partition(monthly, kth, axis=1)[:, kth]
    out = np.empty((months, len(kth)), monthly.dtype)
    for m in range(months):
        out[m] = np.partition(monthly[m], kth)[kth]
    return out


def interpolate(stats: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """P5 .. P95 from :func:`order_stats` (or a monotone map of them), linear as numpy's default."""
    kth = sorted({k for lo, hi, _ in _ranks(n) for k in (lo, hi)})
    col = {k: stats[:, i].astype(np.float64) for i, k in enumerate(kth)}
    return {f"p{q}": col[lo] + (col[hi] - col[lo]) * w if w < 0.5 else
            col[hi] - (col[hi] - col[lo]) * (1.0 - w)
            for q, (lo, hi, w) in zip(PERCENTILES, _ranks(n))}


def bands(monthly: np.ndarray) -> dict[str, np.ndarray]:
    """P5, P25, P50, P75, P95 (linear interpolation, as numpy's default) and mean per month.

    ``monthly`` has shape (months, trials).
    """
    out = interpolate(order_stats(monthly), monthly.shape[1])
    out["mean"] = monthly.mean(axis=1, dtype=np.float64)
    return out
