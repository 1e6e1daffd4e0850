"""Order statistics of long rows (a million futures): exact, whatever the data."""

from __future__ import annotations

import numpy as np
import pytest

from inches.model import percentiles


@pytest.mark.parametrize("kind", ["lognormal", "zeros", "ties", "sorted", "reversed", "misled"])
def test_long_rows_select_exactly_what_a_partition_does(kind):
    """Rows of 200,000 trials or more take their order statistics from sampled brackets: the
    same values as numpy's partition, whatever the data (ties, runs of zeros, sorted input,
    and a row whose sample misleads, which falls back to the partition)."""
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
    kth = percentiles._kth(n)
    assert percentiles.LONG <= n
    np.testing.assert_array_equal(percentiles.order_stats(rows),
                                  np.partition(rows, kth, axis=1)[:, kth])
