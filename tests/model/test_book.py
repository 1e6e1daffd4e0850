"""The deal book: every deal drawn on its own, addressed by seed, trial and deal number."""

import math

import numpy as np
from scipy import stats

from inches.model import book, threads
from inches.model.rng import generator, normals

N = 400_000


def test_normals_follow_the_normal_law():
    """Box-Muller normals: Kolmogorov-Smirnov against scipy's normal, mean and variance within
    3 standard errors, neighbours (the two of a pair, consecutive draws) uncorrelated."""
    z = normals(generator(2009, book.DEAL_SIZES, 0), (N,)).astype(float)
    assert stats.kstest(z, "norm").pvalue > 1e-3
    assert abs(z.mean()) < 3 / math.sqrt(N)
    assert abs(z.var() - 1.0) < 3 * math.sqrt(2.0 / N)
    assert abs(np.corrcoef(z[0::2], z[1::2])[0, 1]) < 3 / math.sqrt(N / 2)
    assert abs(np.corrcoef(z[:-1], z[1:])[0, 1]) < 3 / math.sqrt(N)
    tail = np.mean(np.abs(z) > 3)  # the tails are there: P(|z| > 3) = 0.0027
    assert abs(tail - 2 * stats.norm.sf(3)) < 3 * math.sqrt(0.0027 / N)


def test_normals_drawn_in_pieces_equal_one_draw():
    """Rows drawn in two calls are the rows one call draws (a longer book keeps its start)."""
    one = normals(generator(1, 8, 3), (30, 1000))
    g = generator(1, 8, 3)
    two = np.vstack([normals(g, (11, 1000)), normals(g, (19, 1000))])
    np.testing.assert_array_equal(one, two)


def test_deal_sizes_are_lognormal():
    """Revenue of single-deal months is lognormal: size x exp(spread z)."""
    b = book.Book(7, 0, 50_000)
    wins = np.zeros((2, 50_000))
    wins[1] = 1.0
    rev = b.revenue(wins, 250_000.0, 1.5)
    assert np.all(rev[0] == 0)
    law = stats.lognorm(1.5, scale=250_000.0)
    assert stats.kstest(rev[1], law.cdf).pvalue > 1e-3


def test_a_deal_depends_only_on_seed_trial_and_number():
    """Trial i's k-th deal is the same whatever other trials win, the trial count or chunk."""
    rng = np.random.default_rng(3)
    wins = rng.poisson(1.5, (12, 3_000)).astype(float)
    full = book.Book(11, 0, 3_000).revenue(wins, 1.0, 1.0)
    tail = book.Book(11, 1_000, 2_000).revenue(wins[:, 1_000:], 1.0, 1.0)
    np.testing.assert_array_equal(full[:, 1_000:], tail)
    head = book.Book(11, 0, 500).revenue(wins[:, :500], 1.0, 1.0)  # a partial block
    np.testing.assert_array_equal(full[:, :500], head)
    other = wins.copy()
    other[:, :1_000] *= 3  # other trials win more
    np.testing.assert_array_equal(book.Book(11, 0, 3_000).revenue(other, 1.0, 1.0)[:, 1_000:],
                                  full[:, 1_000:])
    assert not np.array_equal(book.Book(12, 0, 3_000).revenue(wins, 1.0, 1.0), full)


def test_a_book_grown_by_slider_moves_equals_a_fresh_one():
    """Drawing more deals, then fewer, and changing the spread, gives what a fresh book gives,
    bit for bit."""
    rng = np.random.default_rng(4)
    wins = rng.poisson(1.0, (24, 2_000)).astype(float)
    b = book.Book(5, 0, 2_000)
    for scale, spread in ((1, 0.8), (3, 0.8), (2, 0.8), (9, 1.1), (1, 0.8), (12, 0.8)):
        w = wins * scale
        got = b.revenue(w, 10.0, spread)
        np.testing.assert_array_equal(got, book.Book(5, 0, 2_000).revenue(w, 10.0, spread))
        # months sum their own deals: the prefix of a longer horizon is unchanged
        np.testing.assert_array_equal(got[:12],
                                      book.Book(5, 0, 2_000).revenue(w[:12], 10.0, spread))


def test_a_book_is_the_same_on_one_thread_or_two():
    """Blocks computed on one thread or two give identical revenue, bit for bit."""
    wins = np.random.default_rng(6).poisson(4.0, (36, 5_000)).astype(float)
    before = threads.workers()
    try:
        threads.workers(1)
        one = book.Book(1, 0, 5_000).revenue(wins, 1.0, 1.0)
        threads.workers(2)
        two = book.Book(1, 0, 5_000).revenue(wins, 1.0, 1.0)
    finally:
        threads.workers(before)
    np.testing.assert_array_equal(one, two)


def test_running_sum_is_numpy_cumsum_bit_for_bit():
    """The row-by-row running sum adds in numpy's order: identical numbers, in place too."""
    from inches.model.derived import running_sum

    a = np.random.default_rng(4).lognormal(size=(37, 1001)).astype(np.float32)
    assert np.array_equal(running_sum(a, dtype=np.float64), np.cumsum(a, axis=0, dtype=np.float64))
    b = a.astype(np.float64)
    want = np.cumsum(b, axis=0)
    assert running_sum(b, out=b) is b and np.array_equal(b, want)
    counts = np.zeros((38, 1001), np.int64)
    wins = np.random.default_rng(5).integers(0, 4, size=(37, 1001))
    running_sum(wins, out=counts[1:])
    assert np.array_equal(counts[1:], np.cumsum(wins, axis=0))
