"""The counter-based generator behind deal sizes: Philox4x32-10 and the deal book.

Philox must reproduce Random123's known answers; the deal-size normals must be exactly the
normal quantiles of their uniforms and pass goodness-of-fit tests against scipy's exact law;
a deal's size must depend only on (seed, trial, deal number).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from scipy.special import ndtri

from inches.model import book, philox, threads

# Random123, tests/kat_vectors (github.com/DEShawResearch/random123): name, rounds,
# counter words, key words, expected output words.
KAT = [
    ("00000000 00000000 00000000 00000000", "00000000 00000000",
     "6627e8d5 e169c58d bc57ac4c 9b00dbd8"),
    ("ffffffff ffffffff ffffffff ffffffff", "ffffffff ffffffff",
     "408f276d 41c83b0e a20bc7c6 6d5451fd"),
    ("243f6a88 85a308d3 13198a2e 03707344", "a4093822 299f31d0",
     "d16cfe09 94fdcceb 5001e420 24126ea1"),
]


def words(text: str) -> list[int]:
    return [int(w, 16) for w in text.split()]


@pytest.mark.parametrize("counter, key, expected", KAT)
def test_philox4x32_10_known_answers(counter, key, expected):
    """Philox4x32-10 gives Random123's known-answer vectors, one counter or many at once."""
    got = philox.philox4x32(words(counter), tuple(words(key)))
    assert [int(w[0]) for w in got] == words(expected)
    many = philox.philox4x32([np.full(5, w, np.uint64) for w in words(counter)],
                             tuple(words(key)))
    assert all(np.all(w == e) for w, e in zip(many, words(expected)))


def test_uniforms_are_odd_multiples_of_2_to_minus_53():
    """Uniforms lie strictly inside (0, 1), symmetric, from the extremes of the 64 bits."""
    top = np.array([0, 0, 0xFFFFFFFF, 0x80000000], np.uint64)
    low = np.array([0, 0xFFF, 0xFFFFFFFF, 0], np.uint64)
    u = philox.uniforms(top, low)
    assert u[0] == u[1] == 2.0**-53
    assert u[2] == 1.0 - 2.0**-53
    assert u[3] == 0.5 + 2.0**-53
    assert np.all(np.isfinite(ndtri(u)))


N = 400_000


@pytest.fixture(scope="module")
def normals():
    """N deal-size normals: 2,000 trials x 200 deals of one seed, with their uniforms."""
    key = philox.key_of(2009, book.DEAL_SIZES)
    trial = np.repeat(np.arange(2_000, dtype=np.uint64), 100)
    pair = np.tile(np.arange(100, dtype=np.uint64), 2_000)
    x0, x1, x2, x3 = philox.philox4x32((pair, trial, 0, 0), key)
    u = np.column_stack([philox.uniforms(x0, x1), philox.uniforms(x2, x3)]).ravel()
    return book.normals(key, trial, pair), u


def test_deal_normals_are_exact_normal_quantiles(normals):
    """Each deal-size normal is scipy's exact normal quantile of its uniform."""
    z, u = normals
    np.testing.assert_allclose(z, stats.norm.ppf(u), rtol=1e-15, atol=1e-15)


def test_deal_normals_follow_the_normal_law(normals):
    """Kolmogorov-Smirnov against scipy's normal, and mean and variance within 3 SE."""
    z, _ = normals
    assert stats.kstest(z, "norm").pvalue > 1e-3
    assert abs(z.mean()) < 3 / math.sqrt(N)
    assert abs(z.var() - 1.0) < 3 * math.sqrt(2.0 / N)
    # neighbours (the two halves of one counter, and consecutive deals) are uncorrelated
    assert abs(np.corrcoef(z[0::2], z[1::2])[0, 1]) < 3 / math.sqrt(N / 2)
    assert abs(np.corrcoef(z[:-1], z[1:])[0, 1]) < 3 / math.sqrt(N)


def test_deal_sizes_are_lognormal():
    """Revenue of single-deal months is exactly lognormal: size x exp(spread z)."""
    b = book.Book(7, 0, 50_000)
    wins = np.zeros((2, 50_000))
    wins[1] = 1.0
    rev = b.revenue(wins, 250_000.0, 1.5)
    assert np.all(rev[0] == 0)
    law = stats.lognorm(1.5, scale=250_000.0)
    assert stats.kstest(rev[1], law.cdf).pvalue > 1e-3


def test_a_deal_depends_only_on_seed_trial_and_number():
    """Trial i's k-th deal is the same whatever other trials win, the trial count or the chunk."""
    rng = np.random.default_rng(3)
    wins = rng.poisson(1.5, (12, 3_000)).astype(float)
    full = book.Book(11, 0, 3_000).revenue(wins, 1.0, 1.0)
    tail = book.Book(11, 1_000, 2_000).revenue(wins[:, 1_000:], 1.0, 1.0)
    np.testing.assert_array_equal(full[:, 1_000:], tail)
    other = wins.copy()
    other[:, :1_000] *= 3  # other trials win more
    np.testing.assert_array_equal(book.Book(11, 0, 3_000).revenue(other, 1.0, 1.0)[:, 1_000:],
                                  full[:, 1_000:])
    assert not np.array_equal(book.Book(12, 0, 3_000).revenue(wins, 1.0, 1.0), full)


def test_a_book_grown_by_slider_moves_equals_a_fresh_one():
    """Drawing more deals for some trials, then fewer, gives what a fresh book gives."""
    rng = np.random.default_rng(4)
    wins = rng.poisson(1.0, (24, 2_000)).astype(float)
    b = book.Book(5, 0, 2_000)
    for scale in (1, 3, 2, 9, 1):
        w = wins * scale
        got = b.revenue(w, 10.0, 0.8)
        np.testing.assert_array_equal(got, book.Book(5, 0, 2_000).revenue(w, 10.0, 0.8))
        # months sum their own deals: the prefix of a longer horizon is unchanged
        np.testing.assert_array_equal(got[:12], book.Book(5, 0, 2_000).revenue(w[:12], 10.0, 0.8))


def test_deal_normals_same_on_one_thread_or_two():
    """Pieces of a large book drawn on one thread or two are identical, bit for bit."""
    trial = np.repeat(np.arange(1_000, dtype=np.uint64), 100)
    pair = np.tile(np.arange(100, dtype=np.uint64), 1_000)
    key = philox.key_of(1, book.DEAL_SIZES)
    before = threads.workers()
    try:
        threads.workers(1)
        one = book.normals(key, trial, pair)
        threads.workers(2)
        two = book.normals(key, trial, pair)
    finally:
        threads.workers(before)
    np.testing.assert_array_equal(one, two)
