"""Order statistics of long rows (a million futures): exact, whatever the data."""

from __future__ import annotations

import numpy as np
import pytest

from inches.model import percentiles


@pytest.mark.parametrize("kind", ["lognormal", "zeros", "ties", "sorted", "reversed", "misled",
                                  "tied_top", "inner_tie", "constant", "tie_edge"])
def test_long_rows_select_exactly_what_a_partition_does(kind):
    """Rows of 200,000 trials or more take their order statistics from sampled brackets: the
    same values as numpy's partition, whatever the data (ties, runs of zeros, sorted input,
    a tie that holds wanted ranks, which is counted rather than partitioned, one that ends
    right beside a wanted rank, and a row whose sample misleads, which falls back to the
    partition)."""
    n = 250_001
    rng = np.random.default_rng(7)
    rows = rng.lognormal(12, 1.5, (3, n)).astype(np.float32)
    if kind == "zeros":  # a strategy's early months: most futures earn nothing yet
        rows[:, : int(0.9 * n)] = 0.0
        rng.shuffle(rows, axis=1)
    elif kind == "ties":
        rows = np.round(rows / 1e5) * 1e5
    elif kind == "sorted":
        rows.sort(axis=1)
    elif kind == "reversed":
        rows = -np.sort(rows, axis=1)
    elif kind == "misled":  # every sampled value small, the rest large
        rows[:, :: n // percentiles.SAMPLE] = 0.0
    elif kind == "tied_top":  # trust: the futures no incident touched tie at the top
        rows = np.minimum(rows / rows.max(), np.float32(0.01))
    elif kind == "inner_tie":  # a tie inside the range, at a wanted rank
        rows[:, : n // 2] = np.median(rows)
        rng.shuffle(rows, axis=1)
    elif kind == "constant":
        rows[:] = 42.0
    elif kind == "tie_edge":  # zeros up to just below the median: the tie ends beside it
        rows.sort(axis=1)
        rows[:, : n // 2 - 1] = 0.0
        rng.shuffle(rows, axis=1)
    kth = percentiles._kth(n)
    assert percentiles.LONG <= n
    np.testing.assert_array_equal(percentiles.order_stats(rows),
                                  np.partition(rows, kth, axis=1)[:, kth])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("kind", ["lognormal", "zeros", "tied_top", "ties", "sorted", "negative",
                                  "close", "signed_zeros", "infinite", "constant", "inner_tie"])
def test_rows_of_a_run_select_exactly_what_a_partition_does(kind, dtype):
    """Rows of 5,000 to 200,000 trials (every run the window shows) take their order
    statistics from a radix sort of 16 bits of each value: the same values as numpy's
    partition, whatever the data."""
    n, rng = 10_001, np.random.default_rng(11)
    rows = rng.lognormal(12, 1.5, (5, n))
    if kind == "zeros":  # a month where most futures earn nothing
        rows[:, rng.random(n) < 0.7] = 0.0
    elif kind == "tied_top":  # trust: the futures no incident touched tie at the top
        rows = np.minimum(rows / rows.max(), 0.3)
    elif kind == "ties":
        rows = np.round(rows / 1e5) * 1e5
    elif kind == "sorted":
        rows.sort(axis=1)
    elif kind == "negative":  # cumulative net: losses and gains
        rows -= np.median(rows)
    elif kind == "close":  # followers near the audience; doubles that round to one single
        rows = 50_000.0 + rows / rows.max() * (1e-3 if dtype == np.float64 else 50.0)
    elif kind == "signed_zeros":
        rows[:, ::3] = -0.0
        rows[:, 1::3] = 0.0
    elif kind == "infinite":
        rows[:, :7] = np.inf
        rows[:, 7:9] = -np.inf
    elif kind == "constant":
        rows[:] = 42.0
    elif kind == "inner_tie":  # a tie inside the range, at a wanted rank
        rows[:, : n // 2] = np.median(rows)
    rows = rows.astype(dtype)
    kth = percentiles._kth(n)
    assert percentiles.RADIX <= n < percentiles.LONG
    np.testing.assert_array_equal(percentiles.order_stats(rows),
                                  np.partition(rows, kth, axis=1)[:, kth])
