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
RADIX = 5_000  # rows at least this long (and shorter than LONG) select by radix (_radix)
TOP = 65_535  # _radix's bucket of a row's largest value


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


def order_stats(monthly: np.ndarray, whole: bool = False, means: np.ndarray | None = None
                ) -> np.ndarray:
    """The order statistics the percentiles need, per month: shape (months, k), ranks ascending.

    One selection per month for all five percentiles, in the array's own precision, months
    shared among the threads: whole numbers (``whole``, such as counts) by counting them,
    numbers by a radix sort (:func:`_radix`), the longest rows from sampled brackets
    (:func:`_bracketed`), short rows by a sort (single precision) or a partition. Large arrays
    go a month at a time, so the extra memory is one month's trials. ``means``, shape
    (months,): filled with each month's mean (float64) by the same threads.
    """
    months, n = monthly.shape
    kth = _kth(n)
    out = np.empty((months, len(kth)), monthly.dtype)
    if whole and n and 0 <= monthly.min() and monthly.max() < 2**16:
        select = _counted
    elif n >= LONG:
        select = _bracketed
    elif (monthly.dtype in (np.float32, np.float64) and n >= RADIX
          and not np.isnan(monthly).any()):
        select = _radix
    elif monthly.dtype == np.float32:
        def select(rows, kth):
            return np.sort(rows, axis=1)[:, kth]
    else:
        def select(rows, kth):
            return np.partition(rows, kth, axis=1)[:, kth]
    # pieces of at most 400,000 values, and at least one per thread
    step = max(1, min(-(-months // threads.active()), 400_000 // max(n, 1)))

    def piece(lo: int) -> None:
        out[lo: lo + step] = select(monthly[lo: lo + step], kth)
        if means is not None:
            means[lo: lo + step] = monthly[lo: lo + step].mean(axis=1, dtype=np.float64)

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
            at = [k - below for k in ks]
            if lo == hi:  # a tie (no revenue yet, trust untouched): count, do not partition
                if at[0] >= 0 and ks[-1] < np.count_nonzero(row <= hi):
                    got.extend([lo] * len(ks))
                    continue
                between = row[:0]  # (the sample misled: the whole row, below)
            else:
                between = row[(row >= lo) & (row <= hi)]
            if at[0] >= 0 and at[-1] < between.size:
                got.extend(np.partition(between, at)[at])
            else:  # the sample misled (rare): the whole row
                got.extend(np.partition(row, ks)[ks])
        out[r] = got
    return out


def _radix(rows: np.ndarray, kth: list[int]) -> np.ndarray:
    """Exact order statistics of each row (no NaN) by a radix sort of bucket numbers.

    Sorting the rows' bucket numbers (:func:`_buckets`; numpy's stable sort of 16-bit numbers
    is a radix sort: a few passes, no comparisons) gives the bucket of each wanted rank and how
    many values lie below it; the values in those few buckets (a pair of neighbouring ranks at
    a time, with any bucket between), sorted, give the ranks exactly. A row whose wanted
    buckets hold an eighth of it (a tie inside its range) is partitioned instead. On this
    project's machines numpy's own sort and partition of floats take 2-3 times as long
    (docs/model.md).
    """
    m, n = rows.shape
    buckets, least, most = _buckets(rows)
    ordered = np.sort(buckets, axis=1, kind="stable")
    wanted = ordered[:, kth]  # (rows, ranks), non-decreasing along each row
    pairs = range(0, len(kth), 2)
    first_of = np.maximum(wanted[:, list(pairs)], 1)
    last_of = np.minimum(wanted[:, [min(j + 1, len(kth) - 1) for j in pairs]], TOP - 1)
    chosen, part = np.zeros(buckets.shape, bool), np.empty(buckets.shape, bool)
    for j in range(len(pairs)):
        np.greater_equal(buckets, first_of[:, j: j + 1], out=part)
        part &= buckets <= last_of[:, j: j + 1]
        chosen |= part
    at = np.flatnonzero(chosen)  # (flat; numpy's nonzero of a 2-d mask is ten times slower)
    r = at // n
    heavy = np.bincount(r, minlength=m) >= n // 8
    out = np.empty((m, len(kth)), rows.dtype)
    if heavy.any():
        out[heavy] = np.partition(rows[heavy], kth, axis=1)[:, kth]
        at = at[~heavy[r]]
        r = at // n
    light = np.flatnonzero(~heavy)
    values = rows.ravel()[at]
    order = np.lexsort((values, r))  # by row, then value: a row's buckets in turn
    r, values = r[order], np.append(values[order], 0)  # (a last value for the ends' ranks)
    code = r * 65_536 + buckets.ravel()[at[order]]  # ascending: row, then bucket
    want = wanted[light]
    first = np.searchsorted(code, light[:, None] * 65_536 + want)
    row_code = (np.arange(m, dtype=np.uint32) << 16)[:, None]  # the same codes, every value
    every = ordered.astype(np.uint32)
    every += row_code
    below = (np.searchsorted(every.ravel(), (want + row_code[light]).ravel())
             - np.repeat(light * n, len(kth)))
    at = np.minimum(first + (np.asarray(kth) - below.reshape(first.shape)), values.size - 1)
    out[light] = np.where(want == 0, least[light, None],
                          np.where(want == TOP, most[light, None], values[at]))
    return out


def _buckets(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each value's bucket (16 bits, in the values' order), and each row's least and most value.

    A single-precision bit pattern, read as an unsigned integer, is a key in the order of the
    values when none is negative (zeros made positive first), and with the sign turned round
    when some are (doubles are rounded first, which keeps their order). Each row's keys, less
    the row's smallest, shifted right until they fit in 15 bits, number the buckets: a row of
    values close together (followers near the audience) gets fine buckets, a row spanning
    decades (revenue) buckets a fixed share of a value wide. The row's least and most values
    have buckets of their own (0 and :data:`TOP`), so the many futures that tie there (no
    revenue yet, trust untouched by incidents) need no sorting.
    """
    least, most = rows.min(axis=1), rows.max(axis=1)
    with np.errstate(over="ignore"):  # beyond single precision: infinite, still in order
        single = rows.astype(np.float32)
        ends = np.stack([least, most]).astype(np.float32)
    keys = single.view(np.uint32)
    if least.min() >= 0:
        single += np.float32(0.0)  # -0.0 becomes 0.0, whose pattern is the least
        ends += np.float32(0.0)
        low, high = ends.view(np.uint32)
    else:
        flip = (single.view(np.int32) >> 31).view(np.uint32)  # all ones where negative
        flip |= np.uint32(0x8000_0000)
        keys ^= flip  # ascending with the value
        low, high = keys.min(axis=1), keys.max(axis=1)
    shift = np.maximum(np.frexp((high - low).astype(np.float64))[1] - 15, 0).astype(np.uint32)
    keys -= low[:, None]
    keys >>= shift[:, None]
    keys += np.uint32(1)
    buckets = keys.astype(np.uint16)
    top = (rows == most[:, None]).astype(np.uint16)  # (arithmetic: a masked store of many
    top *= np.uint16(TOP)                            # ties at the top takes ten times as long)
    buckets |= top
    buckets *= rows != least[:, None]
    return buckets, least, most


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
    mean = np.empty(monthly.shape[0])
    out = interpolate(order_stats(monthly, means=mean), monthly.shape[1])
    out["mean"] = mean
    return out
