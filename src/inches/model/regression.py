"""What the same trials tell about E[y | ranged inputs]: a regression, and its Monte Carlo error.

Every trial draws its ranged inputs and its luck (the other random components) independently,
so a per-trial figure y (the gap between the strategies, or one strategy's net) is the expected
figure at the trial's inputs plus luck. A regression of y on the inputs over the same trials
estimates that expected figure (Strong, Oakley and Brennan, 2014):

* each input enters as a piecewise-linear curve in its standardised value, with :data:`KNOTS`
  pieces split at its quantiles (a straight line is one such curve, a curved effect is
  followed closely);
* with several inputs and ``pairs``, each pair also enters as the product of their
  standardised values (an additive model plus the simplest interaction: a win rate times a deal
  size).

The fit's explained variance is corrected for the noise a fit of p columns picks up (the
adjusted R^2: explained = var(y) - RSS / (n - p)). The Monte Carlo error of any figure made
from fits comes from a delete-a-group jackknife over :data:`GROUPS` groups of trials: every
fit is repeated with one group left out, from per-group sums, so the error costs little.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

KNOTS = 8  # pieces of each input's curve
GROUPS = 20  # jackknife groups of trials


class Design:
    """The regression's columns for per-trial ``inputs``: a constant; per input its
    standardised value and a hinge at each inner quantile knot; with ``pairs``, each pair's
    product. Rows are made a slice at a time (:meth:`rows`), so a million futures never hold
    every column at once."""

    def __init__(self, inputs: Sequence[np.ndarray], pairs: bool = True):
        self.inputs = [np.asarray(x, float) for x in inputs]
        self.n, self.pairs = len(self.inputs[0]), pairs and len(self.inputs) > 1
        self.scale, self.knots = [], []
        for x in self.inputs:
            mean, sd = float(x.mean()), float(x.std())
            self.scale.append((mean, sd if sd > 0 else np.inf))
            z = (x - mean) / self.scale[-1][1]
            knots = np.unique(np.quantile(z, np.arange(1, KNOTS) / KNOTS))
            self.knots.append(knots[knots < z.max()])
        k = len(self.inputs)
        self.width = 1 + k + sum(map(len, self.knots)) + (k * (k - 1) // 2 if self.pairs else 0)

    def rows(self, lo: int, hi: int) -> np.ndarray:
        """Columns of trials ``lo .. hi``, shape (hi - lo, :attr:`width`)."""
        out = np.empty((hi - lo, self.width))
        out[:, 0] = 1.0
        col, scaled = 1, []
        for x, (mean, sd), knots in zip(self.inputs, self.scale, self.knots):
            z = (x[lo:hi] - mean) / sd
            scaled.append(z)
            out[:, col] = z
            out[:, col + 1: col + 1 + knots.size] = np.maximum(z[:, None] - knots, 0.0)
            col += 1 + knots.size
        if self.pairs:
            for i in range(len(scaled)):
                for j in range(i + 1, len(scaled)):
                    out[:, col] = scaled[i] * scaled[j]
                    col += 1
        return out


def groups(n: int) -> np.ndarray:
    """Each trial's jackknife group: :data:`GROUPS` runs of consecutive trials."""
    return np.arange(n) * min(GROUPS, n) // n


class Fit:
    """Least squares of ``y`` on a :class:`Design`, on all trials or all but one group.

    Groups are runs of consecutive trials (:func:`groups`), and sums are kept per group, so
    :meth:`coef` with ``drop=g`` refits without group g at the cost of one small solve."""

    KEEP_BYTES = 64 * 2**20  # rows kept between uses up to this size, else made again

    def __init__(self, design: Design, y: np.ndarray, group: np.ndarray):
        self.design = design
        self.shift = float(np.mean(y))
        y = np.asarray(y, float) - self.shift  # centred: sums keep their precision
        g = int(group.max()) + 1
        self.bounds = np.searchsorted(group, np.arange(g + 1))
        self._kept = {} if y.size * design.width * 8 <= self.KEEP_BYTES else None
        parts = [(self._rows(k), y[lo:hi]) for k, (lo, hi) in enumerate(self._slices())]
        self.n = np.diff(self.bounds).astype(float)
        self.sy = np.array([b.sum() for _, b in parts])
        self.syy = np.array([b @ b for _, b in parts])
        self.gram = np.stack([a.T @ a for a, _ in parts])
        self.xy = np.stack([a.T @ b for a, b in parts])

    def _slices(self):
        return zip(self.bounds[:-1], self.bounds[1:])

    def _rows(self, k: int) -> np.ndarray:
        rows = None if self._kept is None else self._kept.get(k)
        if rows is None:
            rows = self.design.rows(self.bounds[k], self.bounds[k + 1])
            if self._kept is not None:
                self._kept[k] = rows
        return rows

    def _sum(self, a: np.ndarray, drop: int | None):
        return a.sum(axis=0) - (a[drop] if drop is not None else 0)

    def coef(self, drop: int | None = None) -> np.ndarray:
        """The coefficients (of centred y), leaving out group ``drop``."""
        gram, xy = self._sum(self.gram, drop), self._sum(self.xy, drop)
        return np.linalg.lstsq(gram, xy, rcond=None)[0]

    def fitted(self, drop: int | None = None) -> np.ndarray:
        """E[y | inputs] as fitted, at every trial (all of them, whichever group is left out)."""
        b = self.coef(drop)
        return np.concatenate([self._rows(k) @ b for k in range(len(self.n))]) + self.shift

    def explained(self, drop: int | None = None) -> tuple[float, float]:
        """(variance of y, the part the inputs explain), both corrected for the fit's noise."""
        n, sy, syy = (self._sum(a, drop) for a in (self.n, self.sy, self.syy))
        gram, xy = self._sum(self.gram, drop), self._sum(self.xy, drop)
        b = np.linalg.lstsq(gram, xy, rcond=None)[0]
        rss = max(0.0, float(syy - 2.0 * b @ xy + b @ gram @ b))
        p = np.linalg.matrix_rank(gram)
        var = float(syy - sy * sy / n) / (n - 1.0)
        return var, var - rss / max(n - p, 1.0)


def jackknife(estimate: Callable[[int | None], float], count: int) -> tuple[float, float]:
    """(``estimate(None)``, its delete-a-group jackknife standard error over ``count`` groups)."""
    full = float(estimate(None))
    if count < 2:
        return full, float("nan")
    parts = np.array([estimate(g) for g in range(count)], float)
    return full, float(np.sqrt((count - 1) / count * np.sum((parts - parts.mean()) ** 2)))
