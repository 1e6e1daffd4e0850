"""What a run reports: percentile bands, risk figures and the comparison of the two strategies.

Arrays are held months-first, shape (months, trials), so each month's trials are contiguous;
the public per-trial properties are transposed views, shape (trials, months).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..text import LABEL
from .params import model_value
from .scenario import Scenario

PERCENTILES = (5, 25, 50, 75, 95)
BAND_KEYS = ("p5", "p25", "p50", "p75", "p95", "mean")
COMMUNITY_STATES = ("followers", "trust")
DEALS_STATES = ("pipeline", "wins")
MONEY = ("revenue", "cost", "net", "cumulative_revenue", "cumulative_net")


def bands(monthly: np.ndarray) -> dict[str, np.ndarray]:
    """P5, P25, P50, P75, P95 (linear interpolation, as numpy's default) and mean per month.

    ``monthly`` has shape (months, trials). Large arrays are partitioned a month at a time, so
    the extra memory is one month's trials.
    """
    months, n = monthly.shape
    where = []
    for q in PERCENTILES:
        pos = (n - 1) * q / 100.0
        lo = int(np.floor(pos))
        where.append((lo, min(lo + 1, n - 1), pos - lo))
    if n <= 100_000:
        srt = np.sort(monthly, axis=1)
        picks = {k: srt[:, k].astype(float) for lo, hi, _ in where for k in (lo, hi)}
    else:
        kth = sorted({k for lo, hi, _ in where for k in (lo, hi)})
        picks = {k: np.empty(months) for k in kth}
        for m in range(months):
            row = np.partition(monthly[m], kth)
            for k in kth:
                picks[k][m] = row[k]
    out = {f"p{q}": picks[lo] * (1.0 - w) + picks[hi] * w
           for q, (lo, hi, w) in zip(PERCENTILES, where)}
    out["mean"] = monthly.mean(axis=1, dtype=np.float64)
    return out


class StrategyResult:
    """One strategy's futures: per-trial monthly arrays and what is reported about them.

    ``revenue``, ``cost``, ``net``, ``cumulative_revenue``, ``cumulative_net`` ($), and
    ``followers``/``trust``/``halo`` (community) or ``pipeline``/``wins`` (deals): each shape
    (trials, months). Runs too large to keep (see :data:`inches.model.engine.KEEP_CELLS`) hold
    only the statistics: these arrays are then ``None`` while :meth:`bands` and
    :attr:`summary` still answer.
    """

    def __init__(self, name: str, data: dict[str, np.ndarray], scenario: Scenario,
                 transient: bool = False):
        self.name = name
        self.label = LABEL[name]
        self._data = data  # (months, trials) arrays, plus "cost" of shape (months,)
        self._scenario = scenario
        self.months, self.trials = data["revenue"].shape
        self._bands: dict[str, dict[str, np.ndarray]] = {}
        self._se: dict[str, float] = {}
        self._kept = True
        self._transient = transient  # derive arrays without keeping them (large runs)

    # --- per-trial arrays (trials, months) ---------------------------------------------
    def _array(self, key: str) -> np.ndarray | None:
        if not self._kept:
            return None
        if key == "cost":
            return np.broadcast_to(self._data["cost"], (self.trials, self.months))
        return self.monthly(key).T

    revenue = property(lambda self: self._array("revenue"))
    cost = property(lambda self: self._array("cost"))
    net = property(lambda self: self._array("net"))
    cumulative_revenue = property(lambda self: self._array("cumulative_revenue"))
    cumulative_net = property(lambda self: self._array("cumulative_net"))
    followers = property(lambda self: self._array("followers") if self.name == "community" else None)
    trust = property(lambda self: self._array("trust") if self.name == "community" else None)
    halo = property(lambda self: self._array("halo") if self.name == "community" else None)
    pipeline = property(lambda self: self._array("pipeline") if self.name == "deals" else None)
    wins = property(lambda self: self._array("wins") if self.name == "deals" else None)

    @property
    def quantities(self) -> tuple[str, ...]:
        """The monthly quantities this strategy reports bands for."""
        states = COMMUNITY_STATES + ("halo",) if self.name == "community" else DEALS_STATES
        return MONEY + states

    def monthly(self, key: str) -> np.ndarray:
        """A (months, trials) array, derived on first use and kept."""
        d = self._data
        if key in d:
            return d[key]
        v = self._scenario.values
        if key == "halo":
            out = d["followers"].astype(self._dtype) * v["community.halo_per_follower"]
        elif key == "net":
            margin = model_value(f"{self.name}.gross_margin", v[f"{self.name}.gross_margin"])
            if self.name == "community":
                margin *= model_value("community.incremental_share",
                                      v["community.incremental_share"])
            out = d["revenue"].astype(self._dtype) * margin
            out -= d["cost"][:, None].astype(out.dtype)
            if self.name == "community" and v["include_halo"]:
                out += self.monthly("halo")
            rate = model_value("discount_rate", v["discount_rate"])
            if rate:
                months = np.arange(1, self.months + 1)
                out *= ((1.0 + rate) ** (-months / 12.0))[:, None].astype(out.dtype)
        elif key == "cumulative_revenue":
            out = np.cumsum(d["revenue"], axis=0, dtype=self._dtype)
        elif key == "cumulative_net":
            net = self.monthly("net")
            out = np.cumsum(net, axis=0, out=net if self._transient else None)
        elif key == "cost":
            out = np.broadcast_to(d["cost"][:, None], (self.months, self.trials))
        else:
            raise KeyError(key)
        if key != "cost" and not self._transient:
            d[key] = out
        return out

    @property
    def _dtype(self):
        """Derived arrays: float64, or float32 while bounding a large run's memory."""
        return np.float32 if self._transient else np.float64

    # --- statistics ---------------------------------------------------------------------
    def bands(self, key: str) -> dict[str, np.ndarray]:
        """Percentile bands and mean of a monthly quantity: keys p5 .. p95, mean; one per month."""
        b = self._bands.get(key)
        if b is None:
            if key not in self.quantities:
                raise KeyError(f"{self.name} reports no {key!r}; it reports {self.quantities}")
            if key == "cost":
                c = self._data["cost"].astype(float)
                b = {k: c.copy() for k in BAND_KEYS}
            else:
                b = bands(self.monthly(key))
            self._bands[key] = b
        return b

    @cached_property
    def horizon_net(self) -> np.ndarray:
        """Cumulative net of every trial at the horizon ($), shape (trials,)."""
        return np.array(self.monthly("cumulative_net")[-1], dtype=float)

    @cached_property
    def summary(self) -> dict[str, float | int | None]:
        """Risk figures at the horizon (see docs/model.md, "What is reported")."""
        cum = self.monthly("cumulative_net")
        self.__dict__.setdefault("horizon_net", np.array(cum[-1], dtype=float))
        final = self.horizon_net
        n = final.size
        positive = cum > 0
        ever = positive.any(axis=0)
        first = np.where(ever, positive.argmax(axis=0) + 1, self.months + 1)
        counts = np.bincount(first, minlength=self.months + 2)
        reached = np.cumsum(counts[1: self.months + 1])
        half = np.flatnonzero(reached >= n / 2.0)
        worst = np.sort(final)[: max(1, int(np.ceil(0.05 * n)))]
        b = self.bands("cumulative_net")
        return {
            "prob_loss": float(np.mean(final < 0)),
            "break_even_month_p50": int(half[0] + 1) if half.size else None,
            "never_break_even": float(np.mean(~ever)),
            "expected_shortfall_5": float(worst.mean()),
            "zero_revenue_month_share": float(np.mean(self._data["revenue"] == 0)),
            "cumulative_net_p5": float(b["p5"][-1]),
            "cumulative_net_p50": float(b["p50"][-1]),
            "cumulative_net_p95": float(b["p95"][-1]),
            "cumulative_net_mean": float(b["mean"][-1]),
            "cumulative_revenue_p50": float(self.bands("cumulative_revenue")["p50"][-1]),
        }

    def median_se(self, key: str = "cumulative_net") -> float:
        """Monte Carlo standard error ($) of the median of ``key`` at the horizon.

        From the order statistics: the median's rank has a standard deviation of sqrt(n)/2,
        so half the spread between ranks n/2 - sqrt(n)/2 and n/2 + sqrt(n)/2.
        """
        cached = self._se.get(key)
        if cached is None:
            final = self.horizon_net if key == "cumulative_net" else self.monthly(key)[-1]
            n = final.size
            half = np.sqrt(n) / 2.0
            lo, hi = int(max(0, np.floor(n / 2 - half))), int(min(n - 1, np.ceil(n / 2 + half)))
            part = np.partition(final, (lo, hi))
            cached = self._se[key] = float(part[hi] - part[lo]) / 2.0
        return cached

    def finish(self, keep: bool) -> None:
        """Compute every statistic now; with ``keep`` False, free the per-trial arrays.

        Without ``keep``, derived arrays (net, cumulative sums) are made one at a time and
        dropped after use, which bounds the memory of million-trial runs.
        """
        self._transient = self._transient or not keep
        for key in self.quantities:
            self.bands(key)
        self.summary  # noqa: B018 - computes and caches
        self.median_se()
        if not keep:
            self._data = {"cost": self._data["cost"]}
            self._kept = False

    def to_dict(self) -> dict:
        """Plain JSON-able bands and summary."""
        out = {key: {k: as_floats(v) for k, v in self.bands(key).items()} for key in self.quantities}
        out["summary"] = dict(self.summary)
        return out


def as_floats(a) -> list[float]:
    return [float(x) for x in np.asarray(a)]
