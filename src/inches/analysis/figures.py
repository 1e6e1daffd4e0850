"""The few horizon figures the analyses read off a run, computed the way the results report them."""

from __future__ import annotations

import numpy as np

from ..model.engine import thread_engine
from ..model.outcome import Result
from ..model.results import StrategyResult, bands
from ..model.scenario import ScenarioError
from ..text import number
from .executors import scenario_of


def horizon_bands(net: np.ndarray) -> dict[str, float]:
    """P5, P50, P95 and mean of per-trial values ($), as :func:`inches.model.results.bands`."""
    b = bands(np.asarray(net, float)[None, :])
    return {k: float(v[0]) for k, v in b.items()}


def horizon_median(part: StrategyResult) -> float:
    """Median cumulative net at the horizon ($): the summary's ``cumulative_net_p50``."""
    return horizon_bands(part.horizon_net)["p50"]


def gap_and_ahead(r: Result) -> tuple[float, float]:
    """(community median minus deals median cumulative net at the horizon in $,
    chance the community's cumulative net is above the deals' at the horizon, 0 to 1)."""
    gap = horizon_median(r.community) - horizon_median(r.deals)
    return gap, float(np.mean(r.community.horizon_net > r.deals.horizon_net))


def gap_job(values: dict[str, float], changes: list[dict], trials: int, months: int,
            seed: int) -> list[tuple[float, float]]:
    """A job: :func:`gap_and_ahead` for ``values`` with each of ``changes`` applied."""
    e = thread_engine()
    return [gap_and_ahead(e.simulate(scenario_of(values, c), trials, months, seed))
            for c in changes]


def check_gap_jobs(jobs: list[tuple]) -> None:
    """Refuse now, before any run, a :func:`gap_job` cell whose scenario derives a value out
    of range (:meth:`~inches.model.scenario.Scenario.check`), naming the cell."""
    for values, changes, *_ in jobs:
        for c in changes:
            try:
                scenario_of(values, c).check()
            except ScenarioError as e:
                where = ", ".join(f"{k} = {number(v)}" for k, v in c.items())
                raise ScenarioError(f"at {where}: {e}" if where else str(e)) from None
