"""Random streams: one per random component and block of trials, all spawned from the seed.

Trials are grouped in blocks of :data:`BLOCK`. Each (component, block) pair has its own
generator, ``SeedSequence(seed, spawn_key=(component, block))``, and fills a (months, BLOCK)
array row by row, so:

* moving a parameter changes only the draws of the components it feeds (common random numbers);
* trial i sees the same base numbers whatever the number of trials (a 1,000-trial preview is the
  first 1,000 trials of the 10,000-trial run);
* a longer horizon appends months and leaves the earlier ones as they were.

The component numbers below are part of the file format of results: never renumber them.
"""

from __future__ import annotations

import math

import numpy as np

from .base import Base
from .book import Book
from .rng import BLOCK, generator, normals

ARRIVALS, CHURN, INCIDENTS, BUYERS, ORDERS = 0, 1, 2, 3, 4
OPPORTUNITIES, CLOSINGS, WINS = 5, 6, 7  # and DEAL_SIZES = 8, drawn by book.py per deal

# Components whose counts are nearly always small draw uniforms (inverted through exact CDF
# tables); the others draw standard normals (for the Cornish-Fisher and Wilson-Hilferty forms).
UNIFORM = frozenset((INCIDENTS, OPPORTUNITIES, CLOSINGS, WINS))


def first_uniforms(seed: int, comp: int, first: int, n: int) -> np.ndarray:
    """Row 0 (month 1) of component ``comp``'s uniforms for trials ``first .. first + n``: one
    number per trial, drawn exactly as :class:`Streams` draws a uniform component (a ranged
    parameter's draw, see uncertainty.py). ``first`` need not start a block."""
    lo = first // BLOCK
    blocks = range(lo, max(lo + 1, math.ceil((first + n) / BLOCK)))
    u = np.hstack([np.maximum(generator(seed, comp, b).random((1, BLOCK)), 2.0**-60)[0]
                   for b in blocks])
    return u[first - lo * BLOCK: first - lo * BLOCK + n]


class Streams:
    """Base numbers for trials ``first .. first + n`` of runs with ``seed``.

    ``first`` is a multiple of :data:`BLOCK`; a partial last block is drawn whole and cut, so
    its trials match those of a longer run.
    """

    def __init__(self, seed: int, first: int, n: int):
        if first % BLOCK:
            raise ValueError("a chunk starts on a block boundary")
        self.seed, self.first, self.n = int(seed), first, n
        self.blocks = range(first // BLOCK, math.ceil((first + n) / BLOCK))
        self._gens: dict[int, list[np.random.Generator]] = {}
        self._rows: dict[int, list[np.ndarray]] = {}
        self._base: dict[int, Base] = {}
        self._flat: dict[int, tuple[Base, int]] = {}  # comp: (base, bytes it shares with _rows)
        self._book: Book | None = None
        self.memo: dict = {}  # arrays derived from the base numbers, kept by the strategies

    def _extend(self, comp: int, rows: int) -> np.ndarray:
        """All rows drawn so far for ``comp``, at least ``rows`` of them, shape (rows', n)."""
        gens = self._gens.get(comp)
        if gens is None:
            gens = self._gens[comp] = [generator(self.seed, comp, b) for b in self.blocks]
            self._rows[comp] = []
        have = sum(len(r) for r in self._rows[comp])
        if rows > have:
            more = rows - have
            uniform = comp in UNIFORM
            part = np.empty((more, len(gens) * BLOCK), np.float64 if uniform else np.float32)
            block = np.empty((more, BLOCK), part.dtype)  # a generator fills whole rows
            for j, g in enumerate(gens):
                at = part[:, j * BLOCK: (j + 1) * BLOCK]
                if uniform:  # never exactly 0, so its normal is finite
                    np.maximum(g.random(out=block), 2.0**-60, out=at)
                else:
                    at[...] = normals(g, block.shape, out=block)
            self._rows[comp].append(part[:, : self.n] if part.shape[1] != self.n else part)
            self._base.pop(comp, None)
        parts = self._rows[comp]
        if len(parts) > 1:
            self._rows[comp] = parts = [np.vstack(parts)]
        return parts[0]

    def base(self, comp: int, months: int) -> Base:
        """The component's base numbers for at least ``months`` months, shape (months', n)."""
        b = self._base.get(comp)
        if b is None or b.shape[0] < months:
            rows = self._extend(comp, months)
            b = self._base[comp] = Base(u=rows) if comp in UNIFORM else Base(z=rows)
        return b

    def flat(self, comp: int, months: int) -> Base:
        """The component's first ``months`` months of base numbers as one row, shape
        (months x n,): a draw that depends on nothing earlier in the run (the deals' wins, once
        every month's closings are known) takes a call for many months, not one a month.
        Another horizon keeps what was worked out for the months both share."""
        got = self._flat.get(comp)
        if got is None or got[0].shape[0] != months * self.n:
            rows = self.base(comp, months)
            if comp in UNIFORM:
                b = Base(u=rows.u[:months].reshape(-1))
                shared = b.u.nbytes if b.u.base is not None else 0
            else:
                b = Base(z=rows.z[:months].reshape(-1))
                shared = b.z.nbytes if b.z.base is not None else 0
            if got is not None:
                b.take_over(got[0])
            got = self._flat[comp] = (b, shared)
        return got[0]

    def book(self) -> Book:
        """The deal book of these trials: each trial's won deals' normals (see book.py)."""
        if self._book is None:
            self._book = Book(self.seed, self.first, self.n)
        return self._book

    def nbytes(self) -> int:
        """Memory held, in bytes (for the cache's budget)."""
        total = sum(a.nbytes for parts in self._rows.values() for a in parts)
        total += sum(b.nbytes() for b in self._base.values()) - sum(
            a.nbytes for c, parts in self._rows.items() if c in self._base for a in parts)
        total += sum(b.nbytes() - shared for b, shared in self._flat.values())
        total += self._book.nbytes if self._book is not None else 0
        for v in self.memo.values():
            total += sum(a.nbytes for a in v if isinstance(a, np.ndarray))
        return total
