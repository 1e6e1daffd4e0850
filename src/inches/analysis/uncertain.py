"""The futures the analyses of ranges read: each one's net at the horizon and its ranged inputs.

One scenario's run is split into jobs of :data:`SLICE` futures (``Engine.simulate(first=...)``),
so it can go to a process pool or a Dask cluster like the sweeps; each future is exactly that
future of one long run, so the results are the same, bit for bit, wherever the jobs run.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model.engine import thread_engine
from ..model.scenario import Scenario, ScenarioError, checked
from .executors import map_runs, scenario_of

SLICE = 5_000  # futures per job: a whole number of the streams' blocks


@dataclass(frozen=True)
class Futures:
    """Per future: each strategy's cumulative net at the horizon ($, present value when a
    discount rate is set) and each ranged parameter's value (in the unit as typed)."""

    community: np.ndarray
    deals: np.ndarray
    inputs: dict[str, np.ndarray]
    trials: int
    months: int
    seed: int

    @property
    def gap(self) -> np.ndarray:
        """Inches' cumulative net minus miles' at the horizon, per future ($)."""
        return self.community - self.deals


def horizon_job(values: dict, first: int, n: int, months: int, seed: int) -> dict:
    """A job: futures ``first .. first + n`` of the scenario ``values``, at the horizon."""
    r = thread_engine().simulate(scenario_of(values), n, months, seed, first=first)
    return {"community": r.community.horizon_net, "deals": r.deals.horizon_net,
            "inputs": r.inputs}


def ranged(scenario: Scenario, what: str) -> Scenario:
    """``scenario`` if it has ranges; otherwise :class:`ScenarioError` saying how to give one."""
    if not scenario.ranges:
        raise ScenarioError(f"{scenario.name} has no ranges, so there is nothing {what}; give "
                            f"one, e.g. --set community.trust_months=6..12..24 or --set "
                            f"deals.win_rate=15..30, or use the dell-2009-uncertain preset")
    return scenario.check()


def run_futures(scenario: Scenario, trials: int, months: int | None = None,
                seed: int | None = None, executor: cf.Executor | None = None,
                progress: Callable[[float], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> Futures:
    """Simulate ``trials`` futures of ``scenario`` in jobs of :data:`SLICE` on ``executor``
    (None: here); ``months`` and ``seed`` default to the scenario's."""
    trials = int(checked("trials", trials))
    months = int(checked("months", scenario.months if months is None else months))
    seed = int(checked("seed", scenario.seed if seed is None else seed))
    values = dict(scenario.values)
    jobs = [(values, first, min(SLICE, trials - first), months, seed)
            for first in range(0, trials, SLICE)]
    parts = map_runs(horizon_job, jobs, executor, progress, cancel)
    inputs = {k: np.concatenate([p["inputs"][k] for p in parts]) for k in parts[0]["inputs"]}
    return Futures(np.concatenate([p["community"] for p in parts]),
                   np.concatenate([p["deals"] for p in parts]), inputs, trials, months, seed)
