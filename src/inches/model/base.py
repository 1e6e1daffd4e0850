"""Base random numbers of one component and the terms the draws derive from them, worked out
on first use and kept (see :mod:`.draws`)."""

from __future__ import annotations

from functools import cached_property

import numpy as np
from scipy.special import ndtr, ndtri

from .draw_tables import Table


class Base:
    """Base random numbers for one component, shape (months, trials), and terms derived from them.

    A base holds standard normals ``z`` or uniforms ``u`` (whichever its component mostly
    needs) and derives the other, ``u = Phi(z)``, on first use. The Cornish-Fisher terms
    ``a``..``c`` (a row at a time) and the guide cells are derived on first use too and kept,
    so a slider move only transforms numbers already drawn. A *flat* base holds the first
    months of a component as one row, shape (months x trials,), for draws made for many
    months at once (:meth:`.streams.Streams.flat`); ``t`` is then a slice of it.
    """

    def __init__(self, z: np.ndarray | None = None, u: np.ndarray | None = None):
        if z is not None:
            self.z = z
        if u is not None:
            self.u = u
        self._rows: dict[int, np.ndarray] = {}
        self._terms: dict[int, tuple[np.ndarray, ...]] = {}  # row: (a, b, c)
        self._e: dict[int, tuple[float, np.ndarray]] = {}  # row: (p, e)

    @property
    def shape(self) -> tuple[int, ...]:
        return (self.__dict__.get("z") if "z" in self.__dict__ else self.u).shape

    @cached_property
    def z(self) -> np.ndarray:
        return ndtri(self.u)

    def terms(self, t) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The Cornish-Fisher terms ``a``, ``b`` and ``c`` of row ``t`` (an int; or a slice,
        from the whole arrays), ``a = (z^2 - 1) / 6``, ``b = (z^2 - 3) z / 24``,
        ``c = (2 z^2 - 5) z / 36``: worked out a row at a time on first use and kept. A fresh
        run reads each row once, and whole-array temporaries (fresh pages from the system
        each) cost it more than the arithmetic. A flat base's (every month at once) are kept
        whole, and a slice of it is cut from them."""
        key = _kept_as(t)
        if key is None and self.z.ndim == 1:
            return tuple(a[t] for a in self.terms(slice(None)))
        if key is None:
            return _terms(self.z[t])
        got = self._terms.get(key)
        if got is None:
            got = self._terms[key] = _terms(self.z[t])
        return got

    def e_at(self, t: int, p: float) -> np.ndarray:
        """Row ``t`` of the binomial's skewness and kurtosis term for probability ``p``,
        ``(1 - 6pq) b - (q - p)^2 c`` (kept as :meth:`terms` are, for the last ``p`` asked)."""
        key = _kept_as(t)
        kept = self._e.get(key)
        if kept is None or kept[0] != p:
            _, b, c = self.terms(t)
            q = 1.0 - p
            kept = (p, (1.0 - 6.0 * p * q) * b - (q - p) ** 2 * c)
            if key is not None:
                self._e[key] = kept
        return kept[1]

    @cached_property
    def u(self) -> np.ndarray:
        return _uniform(self.z)

    @cached_property
    def cell(self) -> np.ndarray:
        """Which of the guide table's G cells each u falls in (see :class:`.draw_tables.Table`)."""
        return cells(self.u)

    def u_at(self, t, sel=slice(None)) -> np.ndarray:
        """``u[t][sel]`` for a row or slice, computing only the rows asked for (kept per row).

        On a flat base (every month at once; ``t`` a slice of it) with ``sel`` an array of
        positions in that slice, only those are worked out (and kept): a draw over every month
        needs u for its small counts only, a sixth of them in a typical run, and Phi in double
        precision is the costliest step of such a draw."""
        if "u" in self.__dict__:
            return self.u[t][sel]
        if isinstance(t, (int, np.integer)):
            row = self._rows.get(t)
            if row is None:
                row = self._rows[t] = _uniform(self.z[t])
            return row[sel]
        if t.step not in (None, 1) or isinstance(sel, slice) or self.z.ndim != 1:
            return self.u[t][sel]
        known = self.__dict__.get("_u_some")
        if known is None:
            known = self._u_some = np.full(self.z.shape, np.nan)
        sel = sel + (t.start or 0)  # positions in the whole flat base
        got = known[sel]
        todo = np.isnan(got)
        if todo.any():
            at = sel[todo]
            got[todo] = known[at] = _uniform(self.z[at])
        return got

    def cell_at(self, t) -> np.ndarray:
        """``cell[t]`` for a row or slice, computing only the rows asked for (kept per row)."""
        if "cell" in self.__dict__ or not isinstance(t, (int, np.integer)):
            return self.cell[t]
        row = self._rows.get(-1 - t)
        if row is None:
            row = self._rows[-1 - t] = cells(self.u_at(t))
        return row

    def take_over(self, old: Base) -> None:
        """Keep what ``old`` worked out, on a flat base whose numbers start with ``old``'s
        (the same component over fewer or more months): its derived arrays cut to this
        base's length, or with only the months ``old`` did not cover worked out (a longer
        horizon then costs its new months, as a month-by-month base's rows would)."""
        n, m = self.shape[0], old.shape[0]
        new = slice(m, None)

        def fit(a: np.ndarray, more) -> np.ndarray:
            return a[:n] if m >= n else np.concatenate((a, more()))

        mine, theirs = self.__dict__, old.__dict__
        for name, more in (("z", lambda: ndtri(self.u[new])),
                           ("u", lambda: _uniform(self.z[new])),
                           ("cell", lambda: cells(self.u[new]))):
            if name in theirs and name not in mine:
                mine[name] = fit(theirs[name], more)
        if "_u_some" in theirs:
            self._u_some = fit(theirs["_u_some"], lambda: np.full(n - m, np.nan))
        if -1 in old._terms:
            more = _terms(self.z[new]) if m < n else (None,) * 3
            self._terms[-1] = tuple(fit(a, lambda b=b: b) for a, b in zip(old._terms[-1], more))

    def nbytes(self) -> int:
        """Memory held by the numbers and every derived term, in bytes."""
        derived = [v for v in vars(self).values() if isinstance(v, np.ndarray)]
        rows = [*self._rows.values(), *(x for ts in self._terms.values() for x in ts),
                *(e for _, e in self._e.values())]
        return sum(a.nbytes for a in derived) + sum(r.nbytes for r in rows)


def _kept_as(t) -> int | None:
    """The key a row's derived terms are kept under: the row's number, -1 for every row
    (``slice(None)``), None for other slices (not kept)."""
    if isinstance(t, (int, np.integer)):
        return int(t)
    return -1 if t == slice(None) else None


def _uniform(z: np.ndarray) -> np.ndarray:
    """Phi(z) in double precision, whatever the precision of z.

    In single precision Phi(z) rounds to 1 for z above about 5.42, and an exact inversion at
    u = 1 runs to the end of its table; in double precision u < 1 for every z below 8.29,
    beyond any normal a float32 generator gives.
    """
    return ndtr(z, dtype=np.float64)


def cells(u: np.ndarray) -> np.ndarray:
    return np.minimum((u * Table.G).astype(np.intp), Table.G - 1)


def _terms(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    zz = z * z
    return (zz - 1.0) / 6.0, (zz - 3.0) * z / 24.0, (2.0 * zz - 5.0) * z / 36.0
