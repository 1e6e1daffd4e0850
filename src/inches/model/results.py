"""What a run reports: percentile bands, risk figures and the comparison of the two strategies.

Arrays are held months-first, shape (months, trials), so each month's trials are contiguous;
the public per-trial properties are transposed views, shape (trials, months).
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..text import LABEL
from . import derived
from .percentiles import PERCENTILES, bands, interpolate, order_stats
from .scenario import Scenario

__all__ = ["BAND_KEYS", "PERCENTILES", "StrategyResult", "as_floats", "bands"]

BAND_KEYS = ("p5", "p25", "p50", "p75", "p95", "mean")
COMMUNITY_STATES = ("followers", "trust")
DEALS_STATES = ("pipeline", "wins")
MONEY = ("revenue", "cost", "net", "cumulative_revenue", "cumulative_net")
SIMULATED = ("revenue", "cost") + COMMUNITY_STATES + DEALS_STATES  # the rest is derived
DERIVING = ("discount_rate", "include_halo")  # settings applied after simulating


class StrategyResult:
    """One strategy's futures: per-trial monthly arrays and what is reported about them.

    ``revenue``, ``cost``, ``net``, ``cumulative_revenue``, ``cumulative_net`` ($), and
    ``followers``/``trust``/``halo`` (community) or ``pipeline``/``wins`` (deals): each shape
    (trials, months). Runs too large to keep (see :data:`inches.model.engine.KEEP_CELLS`) hold
    only the statistics: these arrays are then ``None`` while :meth:`bands` and
    :attr:`summary` still answer.
    """

    def __init__(self, name: str, data: dict[str, np.ndarray], scenario: Scenario,
                 transient: bool = False, inputs: dict[str, np.ndarray] | None = None):
        self.name = name
        self.label = LABEL[name]
        self._data = data  # (months, trials) arrays, plus "cost": (months,) or (1, trials)
        self._scenario = scenario
        self.inputs = dict(inputs or {})  # each ranged parameter's value per trial, as typed
        self.values = {**scenario.values, **self.inputs}  # numbers, or arrays for the ranged
        self.months, self.trials = data["revenue"].shape
        self._bands: dict[str, dict[str, np.ndarray]] = {}
        self._order: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # order statistics, mean
        self._se: dict[str, float] = {}
        self._kept = True
        self._transient = transient  # derive arrays without keeping them (large runs)

    def rerun(self, scenario: Scenario, months: int) -> StrategyResult:
        """The result of ``scenario``, which simulates what this run simulated (it may differ
        in what is derived afterwards: discounting, the halo in net) but may end sooner: the
        model is causal, so a longer run's first ``months`` are the shorter run, bit for bit,
        and so are the statistics of each month. Shares this run's arrays (read only)."""
        raw = {k: a[:months] if a.shape[0] != 1 else a
               for k, a in self._data.items() if k in SIMULATED}
        out = StrategyResult(self.name, raw, scenario, inputs=self.inputs)
        same = all(scenario.values[k] == self._scenario.values[k] for k in DERIVING)
        out._order = {k: (stats[:months], mean[:months]) for k, (stats, mean) in
                      self._order.items() if same or k in SIMULATED + ("cumulative_revenue",)}
        if same:
            out._bands = {k: {q: a[:months] for q, a in b.items()} for k, b in self._bands.items()}
        return out

    # --- per-trial arrays (trials, months) ---------------------------------------------
    @property
    def nbytes(self) -> int:
        """Memory its per-trial arrays hold, derived ones included (for the engine's cache)."""
        return sum(a.nbytes for k, a in self._data.items() if isinstance(a, np.ndarray)
                   and (a.base is None or k in SIMULATED))  # (shared by a rerun: counted)

    def _array(self, key: str) -> np.ndarray | None:
        if not self._kept:
            return None
        if key == "cost":
            cost = self._data["cost"]
            return np.broadcast_to(cost if cost.ndim == 1 else cost.T, (self.trials, self.months))
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
        affine = self._affine(key)
        if affine is not None:
            out = derived.apply(affine, self.monthly(affine[0]), self._dtype)
        elif key == "net":  # the halo counts in net, or the map differs from trial to trial
            halo = self.monthly("halo") if derived.halo_counts(self.name, self.values) else None
            out = derived.apply(derived.net_map(self.name, self.values, d["cost"], self.months),
                                d["revenue"], self._dtype, halo)
        elif key == "halo":  # a ranged halo value: one per trial
            out = np.multiply(d["followers"], self.values["community.halo_per_follower"],
                              dtype=self._dtype)
        elif key == "cumulative_revenue":
            out = derived.running_sum(d["revenue"], dtype=self._dtype)
        elif key == "cumulative_net":
            net = d.pop("net") if self._transient and "net" in d else self.monthly("net")
            out = derived.running_sum(net, out=net if self._transient else None)
        elif key == "cost":
            return np.broadcast_to(d["cost"][:, None], (self.months, self.trials))
        else:
            raise KeyError(key)
        d[key] = out
        return out

    def _affine(self, key: str) -> tuple | None:
        return derived.affine(self.name, key, self.values, self._data["cost"])

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
                b = self._cost_bands()
            else:
                affine = self._affine(key)
                source = key if affine is None else affine[0]
                stats, mean = self._order.get(source) or self._stats(source)
                if affine is not None:
                    stats = derived.apply(affine, stats, self._dtype)
                    mean = derived.apply(affine, mean[:, None], np.float64)[:, 0]
                b = interpolate(stats, self.trials)
                b["mean"] = mean
            self._bands[key] = b
        return b

    def _cost_bands(self) -> dict[str, np.ndarray]:
        """Cost is the same every month: itself in every band, or, when it differs from trial
        to trial, the bands of its one row repeated each month."""
        c = self._data["cost"]
        if c.ndim == 1:
            return {k: c.astype(float) for k in BAND_KEYS}
        row = bands(c)
        return {k: np.repeat(row[k], self.months) for k in BAND_KEYS}

    def _stats(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Order statistics and mean of a quantity's own array, kept for the keys that share it."""
        monthly = self.monthly(key)
        mean = np.empty(monthly.shape[0])
        stats = order_stats(monthly, whole=key in ("pipeline", "wins"), means=mean)
        got = self._order[key] = (stats, mean)
        return got

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
        ever = np.zeros(n, bool)  # net above zero in some month so far
        reached = np.empty(self.months, np.intp)  # futures that have broken even by each month
        for t in range(self.months):  # (a month at a time: an argmax down the months walks
            ever |= cum[t] > 0        # the array across its rows, eight times slower)
            reached[t] = np.count_nonzero(ever)
        half = np.flatnonzero(reached >= n / 2.0)
        k = max(1, int(np.ceil(0.05 * n)))
        worst = np.partition(final, k - 1)[:k]  # the 5 % worst futures
        b = self.bands("cumulative_net")
        return {
            "prob_loss": float(np.mean(final < 0)),
            "break_even_month_p50": int(half[0] + 1) if half.size else None,
            "never_break_even": float(np.mean(~ever)),
            "expected_shortfall_5": float(worst.mean()),
            "zero_revenue_month_share": zero_share(self._data["revenue"]),
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

    def finish(self, keep: bool, hold: tuple[str, ...] = ()) -> None:
        """Compute every statistic now; with ``keep`` False, free the per-trial arrays.

        Without ``keep``, derived arrays are made in single precision, each state's array goes
        once the states' bands are made, and the money arrays go after the summary, except
        those named in ``hold`` (kept until :meth:`release`): this bounds the memory of
        million-trial runs.
        """
        self._transient = self._transient or not keep
        states = [k for k in self.quantities if k not in MONEY]
        for key in states:
            self.bands(key)
        if not keep:
            halo_in_net = derived.halo_counts(self.name, self.values)
            for key in states:
                if not (halo_in_net and key in ("followers", "halo")):
                    self._data.pop(key, None)
        for key in MONEY:
            self.bands(key)
        self.summary  # noqa: B018 - computes and caches
        self.median_se()
        if not keep:
            self._drop(hold)
            self._kept = False

    def release(self) -> None:
        """Free the arrays :meth:`finish` held (once the comparison is made)."""
        self._drop(())

    def _drop(self, hold: tuple[str, ...]) -> None:
        """Forget every per-trial array but ``hold``, in place: the caller may share the dict."""
        kept = {"cost": self._data["cost"], **{k: self.monthly(k) for k in hold}}
        self._data.clear()
        self._data.update(kept)

    def to_dict(self) -> dict:
        """Plain JSON-able bands and summary."""
        out = {key: {k: as_floats(v) for k, v in self.bands(key).items()} for key in self.quantities}
        out["summary"] = dict(self.summary)
        return out


def zero_share(a: np.ndarray) -> float:
    """The share of ``a``'s values that are 0, ``np.mean(a == 0)`` without an array of flags
    (a million-trial run's revenue: 36 million values)."""
    return (a.size - np.count_nonzero(a)) / a.size if a.size else float("nan")


def as_floats(a) -> list[float]:
    return [float(x) for x in np.asarray(a)]
