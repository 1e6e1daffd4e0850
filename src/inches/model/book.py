"""The deal book: every won deal's size, drawn on its own and addressed by (trial, deal number).

Trial i's k-th won deal (k from 0, counted over the whole horizon) has size
``deal_size x exp(spread x z)``, z row k, column i of its block's deal-size stream: the block
of :data:`~.rng.BLOCK` trials has its own generator (component :data:`DEAL_SIZES`), which
fills row after row (deal 0 of every trial of the block, then deal 1, ...) with normals. Row k
is the same however many rows are drawn and whatever other trials won, so a deal's size
depends on nothing but the seed, its trial and its number: not on the trial count, chunking,
threads, or the order slider moves asked for deals.

A block draws as many rows as its busiest trial needs and keeps them, with their prefix sums
for the current spread (shared, or one per trial when the spread is a range), so a slider
move that changes who wins what costs a lookup: a month's revenue is a difference of two
prefix sums.
"""

from __future__ import annotations

import math
import threading

import numpy as np

from . import threads
from .derived import running_sum
from .rng import BLOCK, generator, normals

DEAL_SIZES = 8  # the component's number (see streams.py)
GROWTH = 1.25  # a book that has to grow draws a quarter more rows, for the next slider move
# One block's prefix sums at a time: a sum is a loop of calls on short rows, and two threads
# running such loops at once hand Python's lock to each other at every call (two blocks'
# sums side by side took 1.6 ms against 0.5 for one); the other thread draws meanwhile.
_summing = threading.Lock()


class _Block:
    """One block's deal-size normals (rows: deal number) and their prefix sums, in buffers
    that grow with room to spare (a larger book copies only what it had)."""

    def __init__(self, seed: int, block: int):
        self.gen = generator(seed, DEAL_SIZES, block)
        self.rows = 0  # deals drawn per trial
        self._z = np.empty((0, BLOCK), np.float32)  # rows .. capacity: not drawn yet
        self.spread: float | np.ndarray | None = None
        self.summed = 0  # rows summed for ``spread``
        self._sums = np.zeros((1, BLOCK))  # exp(spread z) summed over rows 0..k-1, row k

    @property
    def z(self) -> np.ndarray:
        return self._z[: self.rows]

    @property
    def nbytes(self) -> int:
        return self._z.nbytes + self._sums.nbytes

    def ensure(self, rows: int, spare: bool) -> None:
        """At least ``rows`` deals drawn for every trial of the block (``spare``: a few more)."""
        have = self.rows
        if rows <= have:
            return
        want = max(rows, math.ceil(have * GROWTH)) if spare else rows
        if want > self._z.shape[0]:
            self._z = _grown(self._z, have, want)
        normals(self.gen, (want - have, BLOCK), out=self._z[have:want])
        self.rows = want

    def prefix(self, spread: float | np.ndarray) -> np.ndarray:
        """Prefix sums of exp(spread z) over deal numbers, shape (rows + 1, BLOCK), float64.

        ``spread`` is shared, or one per trial of the block (shape (BLOCK,): a ranged spread).
        Rows drawn since the last call are summed on from the last sum, in the order a fresh
        sum would take, so a grown book's sums equal a fresh book's bit for bit.
        """
        rows = self.rows
        same = self.spread is not None and np.array_equal(self.spread, spread)
        done = self.summed if same else 0
        if done < rows:
            if rows + 1 > self._sums.shape[0]:
                self._sums = _grown(self._sums, done + 1, self._z.shape[0] + 1)
            sizes = np.multiply(self._z[done:rows], np.asarray(spread, np.float32))
            tail = self._sums[done: rows + 1]
            np.exp(sizes, out=tail[1:], dtype=np.float32)  # single precision, summed in double
            if not done:
                tail[0] = 0.0
            with _summing:
                running_sum(tail, out=tail)
            self.summed, self.spread = rows, np.copy(spread)
        return self._sums[: rows + 1]


def _grown(a: np.ndarray, keep: int, rows: int) -> np.ndarray:
    """``a`` with room for ``rows`` rows, its first ``keep`` rows copied."""
    out = np.empty((rows,) + a.shape[1:], a.dtype)
    out[:keep] = a[:keep]
    return out


class Book:
    """The deal-size normals of trials ``first .. first + n`` of runs with ``seed``, per block."""

    def __init__(self, seed: int, first: int, n: int):
        self.first, self.n = first, n
        first_block = first // BLOCK
        count = math.ceil((first + n) / BLOCK) - first_block
        self.blocks = [_Block(seed, first_block + j) for j in range(count)]

    @property
    def nbytes(self) -> int:
        return sum(b.nbytes for b in self.blocks)

    def revenue(self, wins: np.ndarray, size, spread) -> np.ndarray:
        """Each month's won deals' sizes summed, per trial: shape (months, n) like ``wins``.

        ``size`` and ``spread`` are shared (floats) or one per trial (arrays of shape (n,))."""
        months, n = wins.shape
        counts = np.zeros((months + 1, n), np.int64)  # deals won before each month ends
        running_sum(wins, out=counts[1:])
        out = np.empty((months, n))

        def block(j: int) -> None:
            threads.give_way()
            lo, hi = j * BLOCK, min((j + 1) * BLOCK, n)
            b = self.blocks[j]
            c = counts[:, lo:hi]
            b.ensure(int(c[-1].max()), spare=b.rows > 0)
            flat = b.prefix(spread if not np.ndim(spread) else
                            np.pad(spread[lo:hi], (0, BLOCK - (hi - lo)))).ravel()
            at = c * BLOCK + np.arange(hi - lo)
            np.subtract(flat.take(at[1:]), flat.take(at[:-1]), out=out[:, lo:hi])

        threads.each(range(len(self.blocks)), block)
        out *= size
        return out
