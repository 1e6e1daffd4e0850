"""Sensitivity for ranges: each range's share of the spread of the gap, and luck's.

Beside the one-at-a-time tornado (:mod:`.sensitivity`), this mode reads the futures of a
scenario with ranges: the variance of the gap between the strategies at the horizon (inches'
cumulative net minus miles') splits into luck and each range's first-order share, plus what
the ranges do together (:mod:`inches.model.spread`), each with its Monte Carlo error.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from dataclasses import dataclass

from ..model.scenario import Scenario
from ..model.spread import Part, Spread, split_spread
from .uncertain import ranged, run_futures


@dataclass(frozen=True)
class VarianceShares:
    """Where the gap's spread comes from: :attr:`spread` (luck, each range, together)."""

    scenario: Scenario
    spread: Spread
    trials: int
    months: int
    seed: int

    def bars(self) -> list[Part]:
        """Each range largest first, what they do together when clearly more than noise, and
        luck last: each with its share of the variance (0 to 1) and standard error."""
        return self.spread.bars()

    def summary(self) -> str:
        """One sentence a room understands."""
        return self.spread.summary()

    def to_dict(self) -> dict:
        """Plain JSON-able figures: shares of the gap's variance with standard errors."""
        return {"scenario": self.scenario.name, "trials": self.trials, "months": self.months,
                "seed": self.seed, **self.spread.to_dict()}

    def table(self) -> str:
        """Plain text: each part's share of the spread, then the sentence."""
        return (f"{self.scenario.name}: where the spread of the gap at month {self.months} comes "
                f"from ({self.trials:,} futures, seed {self.seed})\n"
                f"Share of the variance of inches' net minus miles' (± 2 standard errors):\n"
                f"{self.spread.table()}\n\n{self.summary()}")


def variance_shares(scenario: Scenario, trials: int = 10_000, months: int | None = None,
                    seed: int | None = None, executor: cf.Executor | None = None,
                    progress: Callable[[float], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> VarianceShares:
    """Each range's share of the spread of the gap at the horizon, and luck's, from the same
    futures. The scenario must have ranges (:class:`~inches.ScenarioError` otherwise); the
    futures run in jobs on ``executor`` (None: here) with the same results anywhere."""
    futures = run_futures(ranged(scenario, "to split"), trials, months, seed, executor,
                          progress, cancel)
    return VarianceShares(scenario, split_spread(futures.gap, futures.inputs), futures.trials,
                          futures.months, futures.seed)
