"""Percentile bands: five percentiles from one partition, linear as numpy's default.

Used by :mod:`.results`; a quantity that is a non-decreasing map of another (net of revenue,
halo of followers) reuses that quantity's order statistics instead of partitioning again.
"""

from __future__ import annotations

import math

import numpy as np

from . import threads

PERCENTILES = (5, 25, 50, 75, 95)
LONG = 200_000  # rows this long select from a bracket around each rank (see _bracketed)
SAMPLE = 20_000  # values of a long row its brackets are estimated from


def _ranks(n: int) -> list[tuple[int, int, float]]:
    """For each percentile: the two order statistics (0-based ranks) and the weight between."""
    out = []
    for q in PERCENTILES:
        pos = (n - 1) * q / 100.0
        lo = int(np.floor(pos))
        out.append((lo, min(lo + 1, n - 1), pos - lo))
    return out


def _kth(n: int) -> list[int]:
    return sorted({k for lo, hi, _ in _ranks(n) for k in (lo, hi)})


def order_stats(monthly: np.ndarray, whole: bool = False) -> np.ndarray:
    """The order statistics the percentiles need, per month: shape (months, k), ranks ascending.

    One selection per month for all five percentiles, in the array's own precision, months
    shared among the threads: whole numbers (``whole``, such as counts) by counting them,
    others by a partition (a sort for single precision up to 100,000 trials: faster). Large arrays
    go a month at a time, so the extra memory is one month's trials.
    """
    months, n = monthly.shape
    kth = _kth(n)
    out = np.empty((months, len(kth)), monthly.dtype)
    if whole and n and 0 <= monthly.min() and monthly.max() < 2**16:
        select = _counted
    elif n >= LONG:
        select = _bracketed
    elif monthly.dtype == np.float32 and n <= 100_000:
        def select(rows, kth):
            return np.sort(rows, axis=1)[:, kth]
    else:
        def select(rows, kth):
            return np.partition(rows, kth, axis=1)[:, kth]
    # pieces of at most 400,000 values, and at least one per thread
    step = max(1, min(-(-months // threads.workers()), 400_000 // max(n, 1)))

    def piece(lo: int) -> None:
        out[lo: lo + step] = select(monthly[lo: lo + step], kth)

    threads.each(range(0, months, step), piece)
    return out


def _bracketed(rows: np.ndarray, kth: list[int]) -> np.ndarray:
    """Exact order statistics of long rows without partitioning them whole (Floyd and Rivest's
    idea): a sorted sample brackets each run of neighbouring ranks with values ``lo``, ``hi``
    that hold it with near certainty; counting the values below ``lo`` and partitioning the
    few between gives the ranks exactly. Where a bracket misses, the row is partitioned."""
    out = np.empty((rows.shape[0], len(kth)), rows.dtype)
    runs: list[list[int]] = []
    for k in kth:
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    for r, row in enumerate(rows):
        n = row.size
        sample = np.sort(row[:: max(1, n // SAMPLE)])
        m = sample.size
        got = []
        for ks in runs:
            q_lo, q_hi = ks[0] / n, ks[-1] / n
            i_lo = math.floor(q_lo * m - 4 * math.sqrt(m * q_lo * (1 - q_lo)) - 2)
            i_hi = math.ceil(q_hi * m + 4 * math.sqrt(m * q_hi * (1 - q_hi)) + 2)
            lo = sample[i_lo] if i_lo >= 0 else -np.inf
            hi = sample[i_hi] if i_hi < m else np.inf
            below = np.count_nonzero(row < lo)
            between = row[(row >= lo) & (row <= hi)]
            at = [k - below for k in ks]
            if at[0] >= 0 and at[-1] < between.size:
                got.extend(np.partition(between, at)[at])
            else:  # the sample misled (rare): the whole row
                got.extend(np.partition(row, ks)[ks])
        out[r] = got
    return out


def _counted(rows: np.ndarray, kth: list[int]) -> np.ndarray:
    """Order statistics of whole numbers from 0 to 2^16 by counting: one pass, no sort."""
    months = rows.shape[0]
    width = int(rows.max()) + 1
    codes = rows.astype(np.intp) + (np.arange(months) * width)[:, None]
    cum = np.cumsum(np.bincount(codes.ravel(), minlength=months * width).reshape(months, width),
                    axis=1)
    return np.stack([(cum <= k).sum(axis=1) for k in kth], axis=1)


def interpolate(stats: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """P5 .. P95 from :func:`order_stats` (or a monotone map of them), linear as numpy's default."""
    kth = _kth(n)
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
