"""Both strategies together: who is ahead as far as the futures can tell, and the verdict.

:class:`Lead` is the one rule the verdict, the crossover month and the chance-ahead chart
share; :class:`Result` holds a run's two :class:`~.results.StrategyResult` s and compares them.

In each month every future either has inches ahead (higher cumulative net), miles ahead, or
both equal (a tie, counted for neither). With ``a`` and ``b`` the shares of futures where
inches and miles lead, the lead ``d = a - b`` has Monte Carlo standard error
``sqrt((a + b - d^2) / n)`` over ``n`` futures. Inches is *clearly ahead* when ``d`` exceeds
:data:`Z` standard errors, miles when ``-d`` does; anything nearer is too close to call. With no
ties this is "the chance inches is ahead is more than two standard errors from 50 %".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text import money, percent
from .params import BY_KEY
from .results import StrategyResult, as_floats, bands
from .scenario import Scenario
from .spread import Spread, split_spread
from .uncertainty import Range, draw_inputs

Z = 2.0  # standard errors a lead must exceed to be called
GIVEN = ", given what we don't know"  # what a verdict over ranged inputs adds
TIES_SAID = 0.005  # ties are named in the verdict from this share (they would read as 1%)


@dataclass(frozen=True)
class Lead:
    """Month-by-month shares of futures where each strategy is ahead, over ``n`` futures."""

    ahead: np.ndarray  # P(inches' cumulative net > miles'), per month
    behind: np.ndarray  # P(inches' cumulative net < miles'), per month
    n: int

    @classmethod
    def of(cls, community: np.ndarray, deals: np.ndarray) -> Lead:
        """From two (months, trials) arrays of cumulative net over the same futures."""
        return cls(np.mean(community > deals, axis=1), np.mean(community < deals, axis=1),
                   community.shape[1])

    @property
    def ahead_se(self) -> np.ndarray:
        """Monte Carlo standard error of :attr:`ahead`, per month (the chart's band)."""
        return np.sqrt(self.ahead * (1.0 - self.ahead) / self.n)

    @property
    def call(self) -> np.ndarray:
        """Per month: +1 inches clearly ahead, -1 miles clearly ahead, 0 too close or tied."""
        d = self.ahead - self.behind
        se = np.sqrt(np.maximum(self.ahead + self.behind - d * d, 0.0) / self.n)
        return np.where(d > Z * se, 1, np.where(-d > Z * se, -1, 0))

    @property
    def crossover_month(self) -> int | None:
        """The month (1-based) from which inches stays clearly ahead through the horizon."""
        call = self.call
        if call[-1] != 1:
            return None
        not_ahead = np.flatnonzero(call != 1)
        return int(not_ahead[-1] + 2) if not_ahead.size else 1

    def verdict(self, months: int, community_final: np.ndarray, deals_final: np.ndarray,
                uncertain: bool = False) -> str:
        """One sentence a room understands about month ``months`` (the last of the arrays).

        ``uncertain``: the futures draw ranged inputs, and the sentence says so ("given what
        we don't know")."""
        a, b = float(self.ahead[-1]), float(self.behind[-1])
        at = f"month {months}{GIVEN if uncertain else ''}"
        if a == 0.0 and b == 0.0:
            same = community_final.min() == community_final.max()
            worth = f"{money(float(community_final[0]))}" if same else "the same"
            return f"No difference: both strategies net {worth} in every future by {at}"
        ties = 1.0 - a - b
        rest = f" ({'miles' if a >= b else 'inches'} in {percent(min(a, b))}, the rest tie)" \
            if ties >= TIES_SAID else ""
        call = int(self.call[-1])
        if call == 0:
            pm = 100.0 * Z * float(self.ahead_se[-1])
            error = f"±{pm:.0f}%" if pm >= 0.95 else f"±{pm:.1f}%"
            return (f"Too close to call at {at}: inches ahead in {percent(a)} of "
                    f"futures, {error}")
        if call > 0:
            return f"Inches ahead in {percent(a)} of futures by {at}{rest}"
        return f"Miles ahead in {percent(b)} of futures by {at}{rest}"


class Result:
    """Both strategies' futures for one scenario, and how they compare month by month."""

    def __init__(self, scenario: Scenario, community: StrategyResult, deals: StrategyResult,
                 trials: int, months: int, seed: int,
                 inputs: dict[str, np.ndarray] | None = None):
        self.scenario = scenario
        self._inputs = inputs  # drawn again from the seed when not given (see inputs)
        self.community = community
        self.deals = deals
        self.trials, self.months, self.seed = trials, months, seed
        self._lead: Lead | None = None
        self._spread: Spread | None = None

    def compare(self) -> None:
        """Compute the month-by-month comparison while per-trial arrays are still held.

        A preview may pair one strategy's full run with the other's first trials: the
        comparison then uses the futures both have (the first ones, which are the same).
        """
        if self._lead is None:
            n = min(self.community.trials, self.deals.trials)
            self._lead = Lead.of(self.community.monthly("cumulative_net")[:, :n],
                                 self.deals.monthly("cumulative_net")[:, :n])

    @property
    def lead(self) -> Lead:
        """Who is ahead month by month, and how clearly (see :mod:`.verdict`)."""
        self.compare()
        return self._lead

    @property
    def prob_community_ahead(self) -> np.ndarray:
        """P(community's cumulative net > deals'), one value per month."""
        return self.lead.ahead

    @property
    def crossover_month(self) -> int | None:
        """The month from which inches stays clearly ahead through the horizon, or None.

        "Clearly ahead" is the verdict's rule: a lead beyond two Monte Carlo standard errors.
        """
        return self.lead.crossover_month

    @property
    def ahead_from_month(self) -> int | None:
        """The same as :attr:`crossover_month` (kept for scripts that read this name)."""
        return self.crossover_month

    @property
    def inputs(self) -> dict[str, np.ndarray]:
        """Each ranged parameter's value in every compared future (key to shape (trials,), in
        the unit as typed); empty when the scenario has no ranges."""
        n = min(self.community.trials, self.deals.trials)
        if self._inputs is None:  # a strategy's part may be a kept run of other ranges
            self._inputs = draw_inputs(self.scenario.ranges, self.seed, 0, n)
        return {k: a[:n] for k, a in self._inputs.items()}

    def spread(self) -> Spread:
        """How the spread of the gap at the horizon (inches' cumulative net minus miles')
        splits between luck and each range, with Monte Carlo errors (see :mod:`.spread`);
        all luck when the scenario has no ranges. Computed on first use and kept."""
        if self._spread is None:
            n = min(self.community.trials, self.deals.trials)
            gap = self.community.horizon_net[:n] - self.deals.horizon_net[:n]
            self._spread = split_spread(gap, self.inputs)
        return self._spread

    def verdict(self) -> str:
        """One sentence a room understands, e.g. "Inches ahead in 63% of futures by month 36";
        "Too close to call ..." within two standard errors of a tie; "..., given what we don't
        know" when the scenario has ranges."""
        n = min(self.community.trials, self.deals.trials)
        return self.lead.verdict(self.months, self.community.horizon_net[:n],
                                 self.deals.horizon_net[:n], bool(self.scenario.ranges))

    def to_dict(self) -> dict:
        """Everything reported, as plain JSON-able data; with ranges also ``inputs`` (each
        ranged parameter's P5 .. P95 and mean over the futures)."""
        out = {
            "scenario": self.scenario.name,
            "months": self.months,
            "trials": self.trials,
            "seed": self.seed,
            "parameters": {k: _plain(k, v) for k, v in self.scenario.values.items()},
            "community_staff_in_use": self.scenario.community_staff(),
            "verdict": self.verdict(),
            "community": self.community.to_dict(),
            "deals": self.deals.to_dict(),
            "prob_community_ahead": as_floats(self.prob_community_ahead),
            "crossover_month": self.crossover_month,
            "ahead_from_month": self.ahead_from_month,
        }
        if self.scenario.ranges:
            out["inputs"] = {k: {b: float(v[0]) for b, v in bands(a[None, :]).items()}
                             for k, a in self.inputs.items()}
            out["spread"] = self.spread().to_dict()
        return out


def _plain(key: str, v: float | Range):
    if isinstance(v, Range):
        return {k: _plain(key, x) if k != "shape" else x for k, x in v.as_dict().items()}
    p = BY_KEY[key]
    if p.boolean:
        return bool(v)
    if p.integer:
        return int(v)
    return float(v)
