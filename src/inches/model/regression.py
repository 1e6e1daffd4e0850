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


def design(inputs: Sequence[np.ndarray], pairs: bool = True) -> np.ndarray:
    """The regression's columns for per-trial ``inputs``: a constant; per input its
    standardised value and a hinge at each inner quantile knot; with ``pairs``, each pair's
    product. Shape (trials, columns)."""
    n = len(inputs[0])
    cols, scaled = [np.ones(n)], []
    for x in inputs:
        x = np.asarray(x, float)
        sd = x.std()
        z = (x - x.mean()) / sd if sd > 0 else np.zeros(n)
        scaled.append(z)
        cols.append(z)
        knots = np.unique(np.quantile(z, np.arange(1, KNOTS) / KNOTS))
        cols += [np.maximum(z - k, 0.0) for k in knots if k < z.max()]
    if pairs:
        cols += [scaled[i] * scaled[j] for i in range(len(scaled))
                 for j in range(i + 1, len(scaled))]
    return np.column_stack(cols)


def groups(n: int) -> np.ndarray:
    """Each trial's jackknife group: :data:`GROUPS` runs of consecutive trials."""
    return np.arange(n) * min(GROUPS, n) // n


class Fit:
    """Least squares of ``y`` on the columns ``x``, on all trials or all but one group.

    Sums are kept per group, so :meth:`coef` with ``drop=g`` refits without group g at the cost
    of one small solve."""

    def __init__(self, x: np.ndarray, y: np.ndarray, group: np.ndarray):
        self.x, self.group = x, group
        self.shift = float(np.mean(y))
        self.y = y = np.asarray(y, float) - self.shift  # centred: sums keep their precision
        g = int(group.max()) + 1
        self.n = np.bincount(group, minlength=g).astype(float)
        self.sy = np.bincount(group, y, minlength=g)
        self.syy = np.bincount(group, y * y, minlength=g)
        self.gram = np.stack([x[group == k].T @ x[group == k] for k in range(g)])
        self.xy = np.stack([x[group == k].T @ y[group == k] for k in range(g)])

    def _sum(self, a: np.ndarray, drop: int | None):
        return a.sum(axis=0) - (a[drop] if drop is not None else 0)

    def coef(self, drop: int | None = None) -> np.ndarray:
        """The coefficients (of centred y), leaving out group ``drop``."""
        gram, xy = self._sum(self.gram, drop), self._sum(self.xy, drop)
        return np.linalg.lstsq(gram, xy, rcond=None)[0]

    def fitted(self, drop: int | None = None) -> np.ndarray:
        """E[y | inputs] as fitted, at every trial (all of them, whichever group is left out)."""
        return self.x @ self.coef(drop) + self.shift

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
