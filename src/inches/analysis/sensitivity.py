"""Sensitivity (the tornado): which parameter moves the verdict most across its plausible range.

Each parameter that declares a ``plausible`` range in :mod:`inches.model.params` is set to its
plausible low and then its plausible high, everything else as in the scenario, with the same
trials and seed. Common random numbers make the differences from the base run the parameter's
effect, not noise. Two measures, both at the horizon:

* the gap: community median cumulative net minus deals median cumulative net ($);
* the chance inches is ahead: P(community cumulative net > deals'), 0 to 1.

Rows report the change of each from the base run, and are sorted by the gap's swing.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from ..model.params import BY_KEY, Role, keys_with, param
from ..model.scenario import Scenario, ScenarioError, checked
from ..text import money, param_value
from .executors import map_runs
from .figures import check_gap_jobs, gap_job


@dataclass(frozen=True)
class SensitivityRow:
    """One parameter's effect. ``low``/``high`` in the parameter's unit (shares in percent);
    ``gap_*`` the change in the median gap ($); ``ahead_*`` the change in the chance inches is
    ahead, as a fraction (0.05 is 5 percentage points)."""

    key: str
    label: str
    unit: str
    low: float
    high: float
    gap_low: float
    gap_high: float
    ahead_low: float
    ahead_high: float

    @property
    def swing(self) -> float:
        """The larger change in the gap at either end ($, not negative): the sort order."""
        return max(abs(self.gap_low), abs(self.gap_high))


@dataclass(frozen=True)
class Sensitivity:
    """Tornado rows, largest gap swing first, and the base run they are measured from."""

    scenario: Scenario
    base_gap: float  # community median minus deals median cumulative net at the horizon, $
    base_ahead: float  # chance inches is ahead at the horizon, 0 to 1
    rows: list[SensitivityRow] = field(default_factory=list)
    trials: int = 0
    months: int = 0
    seed: int = 0

    def to_dict(self) -> dict:
        """Plain JSON-able figures."""
        return {"scenario": self.scenario.name, "trials": self.trials, "months": self.months,
                "seed": self.seed, "base_gap": self.base_gap, "base_ahead": self.base_ahead,
                "rows": [dict(asdict(r), swing=r.swing) for r in self.rows]}

    def table(self) -> str:
        """Plain-text table: each parameter's range and the changes at its low and high end."""
        head = (f"{self.scenario.name}: sensitivity at month {self.months}, {self.trials:,} "
                f"futures per setting (seed {self.seed})\n"
                f"Base: median gap (inches minus miles) {money(self.base_gap, signed=True)}, "
                f"inches ahead in {100 * self.base_ahead:.0f}% of futures.\n")
        rows = [("Parameter", "Low to high", "Gap at low", "Gap at high", "Ahead low",
                 "Ahead high")]
        for r in self.rows:
            p = BY_KEY[r.key]
            rows.append((r.label, f"{param_value(p, r.low)} to {param_value(p, r.high)}",
                         money(r.gap_low, signed=True), money(r.gap_high, signed=True),
                         _points(r.ahead_low), _points(r.ahead_high)))
        widths = [max(len(row[i]) for row in rows) for i in range(6)]
        lines = ["  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                           for i, (c, w) in enumerate(zip(row, widths))).rstrip()
                 for row in rows]
        return head + "\n".join(lines) + "\n(changes from the base; ahead in percentage points)"


def _points(fraction: float) -> str:
    return f"{100 * fraction:+.1f} pt"


KEYS = keys_with(Role.SENSITIVITY)  # every parameter the tornado can move


def default_keys(scenario: Scenario) -> list[str]:
    """Parameters with a plausible range that can change this scenario's result.

    Run settings and switches are left out, and so are parameters the scenario ignores:
    community staff while "same money, two ways" sets it, halo value while it is not counted.
    """
    v = scenario.values
    skip = set()
    if v["equal_budget"]:
        skip.add("community.staff")
    if not v["include_halo"]:
        skip.add("community.halo_per_follower")
    return [k for k in KEYS if k not in skip]


def sensitivity(scenario: Scenario, trials: int = 2000, months: int | None = None,
                seed: int | None = None, keys: Iterable[str] | None = None,
                executor: cf.Executor | None = None,
                progress: Callable[[float], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> Sensitivity:
    """Move each parameter in ``keys`` to its plausible low and high; see the module docstring.

    ``keys`` default to :func:`default_keys`; a key without a plausible range, or a run setting,
    raises :class:`ScenarioError`. ``months`` and ``seed`` default to the scenario's.
    Raises :class:`~inches.model.engine.Cancelled` when ``cancel()`` turns true.
    """
    trials = int(checked("trials", trials))
    months = int(checked("months", scenario.months if months is None else months))
    seed = int(checked("seed", scenario.seed if seed is None else seed))
    if isinstance(keys, str):
        keys = [keys]
    keys = default_keys(scenario) if keys is None else [_sensitivity_key(k) for k in keys]
    values = dict(scenario.values)
    jobs = [(values, [{}], trials, months, seed)]
    for key in keys:
        lo, hi = BY_KEY[key].plausible
        jobs.append((values, [{key: lo}, {key: hi}], trials, months, seed))
    check_gap_jobs(jobs)
    out = map_runs(gap_job, jobs, executor, progress, cancel)
    (base_gap, base_ahead), = out[0]
    rows = []
    for key, ((g_lo, a_lo), (g_hi, a_hi)) in zip(keys, out[1:]):
        p = BY_KEY[key]
        lo, hi = p.plausible
        rows.append(SensitivityRow(key, p.label, p.unit, float(lo), float(hi),
                                   g_lo - base_gap, g_hi - base_gap,
                                   a_lo - base_ahead, a_hi - base_ahead))
    rows.sort(key=lambda r: -r.swing)  # stable: ties keep the declaration order
    return Sensitivity(scenario, base_gap, base_ahead, rows, trials, months, seed)


def _sensitivity_key(key: str) -> str:
    try:
        p = param(key)
    except KeyError:
        raise ScenarioError(f"unknown parameter {key!r}; known: "
                            f"{', '.join(KEYS)}") from None
    if not p.has(Role.SENSITIVITY):
        raise ScenarioError(f"{p.key} has no plausible range to move across; "
                            f"choose one of {', '.join(KEYS)}")
    return p.key
