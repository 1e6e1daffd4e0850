"""The deal book: every won deal's size, drawn on its own and addressed by (trial, deal number).

Trial i's k-th won deal (k from 0, counted over the whole horizon) has size
``deal_size x exp(spread x z)``, with z the standard normal at the uniform
``u = (m + 1/2) / 2^52``, m the top 52 bits of 64 bits of Philox4x32-10 at counter
(k // 2, i, 0, 0) and key (seed, DEAL_SIZES): words 0-1 for even k, words 2-3 for odd k.
So a deal's size depends on nothing but the seed, its trial (numbered over the whole run) and
its number: not on the trial count, chunking, threads, or what other trials won. z is exact,
``ndtri(u)`` (scipy's inverse of the normal CDF, accurate to a few ulps), within 8.3 of 0.

Only the deals a trial actually won are drawn. A :class:`Book` keeps each trial's normals for
the next slider move and draws more only for trials that need them.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

from . import philox, threads

DEAL_SIZES = 8  # the component's number (see streams.py)
_PAIRS = 32_768  # Philox counters per piece of work: small enough to stay in cache


def ragged(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``arange(s, s + c)`` for every (s, c), concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]) if ends.size else 0) + np.repeat(starts - (ends - counts), counts)


def normals(key: tuple[int, int], trial: np.ndarray, pair: np.ndarray) -> np.ndarray:
    """Deal-size normals for deal pairs (trial, pair): deals 2 pair and 2 pair + 1, interleaved."""
    out = np.empty((trial.size, 2))

    def piece(lo: int) -> None:
        hi = min(lo + _PAIRS, trial.size)
        x0, x1, x2, x3 = philox.philox4x32((pair[lo:hi], trial[lo:hi], 0, 0), key)
        ndtri(philox.uniforms(x0, x1), out=out[lo:hi, 0])
        ndtri(philox.uniforms(x2, x3), out=out[lo:hi, 1])

    threads.each(range(0, trial.size, _PAIRS), piece)
    return out.ravel()


def _each(spread, counts: np.ndarray):
    """``spread`` for each of the normals held (``counts`` per trial, then the spare): itself
    when shared by every trial."""
    if not np.ndim(spread):
        return spread
    return np.repeat(np.append(spread, 0.0), np.append(counts, 1))


class Book:
    """Deal-size normals of trials ``first .. first + n`` of runs with ``seed``, held per trial.

    ``z`` holds trial 0's normals, then trial 1's, ..., then one spare 0; ``start[i]`` is where
    trial i's begin and ``length[i]`` how many it has (always even: deals come in pairs).
    """

    def __init__(self, seed: int, first: int, n: int):
        self.key = philox.key_of(seed, DEAL_SIZES)
        self.first, self.n = first, n
        self.length = np.zeros(n, np.int64)
        self.start = np.zeros(n + 1, np.int64)
        self.z = np.zeros(1)

    @property
    def nbytes(self) -> int:
        return self.z.nbytes + self.length.nbytes + self.start.nbytes

    def revenue(self, wins: np.ndarray, size, spread) -> np.ndarray:
        """Each month's won deals' sizes summed, per trial: shape (months, n) like ``wins``.

        ``size`` and ``spread`` are shared (floats) or one per trial (arrays of shape (n,))."""
        months, n = wins.shape
        counts = np.zeros((n, months + 1), np.int64)  # deals won before each month, trial-major
        np.cumsum(wins.T.astype(np.int64), axis=1, out=counts[:, 1:])
        totals = counts[:, -1]
        self._extend(totals)
        if self.start[-1] <= 2 * int(totals.sum()) + 2 * n:  # the book is about this size
            values = np.exp(_each(spread, self.length) * self.z)
            counts += self.start[:-1, None]
        else:  # mostly deals of bigger books: take only those this run needs
            pos = ragged(self.start[:-1], totals)
            values = np.exp(_each(spread, totals) * np.append(self.z[pos], 0.0))
            counts[1:] += np.cumsum(totals)[:-1, None]
        # one sum per month and trial; each trial's last index starts a sum that is dropped
        sums = np.add.reduceat(values, counts.ravel()).reshape(n, months + 1)
        out = np.multiply(sums[:, :months].T, size, order="C")  # months first, like wins
        out *= wins != 0
        return out

    def _extend(self, totals: np.ndarray) -> None:
        """Draw normals for every trial with fewer than ``totals``; keep the ones drawn."""
        short = totals > self.length
        if not short.any():
            return
        grown = np.where(short, totals, self.length)
        if self.length.any():  # a slider move: leave room for the next few
            grown = np.where(short, grown + grown // 4 + 4, grown)
        grown += grown & 1
        new = grown - self.length
        start = np.zeros(self.n + 1, np.int64)
        np.cumsum(grown, out=start[1:])
        pairs = new // 2
        trial = np.repeat(np.arange(self.n, dtype=np.uint64) + np.uint64(self.first), pairs)
        pair = ragged(self.length // 2, pairs).astype(np.uint64)
        fresh = normals(self.key, trial, pair)
        z = np.zeros(int(start[-1]) + 1)
        if self.length.any():
            z[ragged(start[:-1], self.length)] = self.z[:-1]
            z[ragged(start[:-1] + self.length, new)] = fresh
        else:
            z[:-1] = fresh
        self.z, self.start, self.length = z, start, grown
