"""The budget mix: one monthly budget for people, split between community staff and sales reps.

The budget defaults to what the scenario's deals team costs (reps x cost per rep, $/month), so
the all-miles end is the scenario's own deals strategy and the all-inches end is its community
under "same money, two ways". Each mix is a company doing both at once. The model has no joint
run, and the two strategies share no state, so a mix is the community run with its staff plus
the deals run with its reps, added trial by trial with the same seed (trial i of both halves is
the same future), and its risk figures are read off that sum.

Reps are whole people: a mix gets ``round((1 - share) x budget / cost per rep)`` of them (never
more than the budget pays for) and the community staff gets the rest of the budget, so every
mix spends the same. The pure ends are exact: all inches has no reps, all miles no staff.
A ranged cost splits the budget at its likely value; each future still pays its own cost.
"""

from __future__ import annotations

import concurrent.futures as cf
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from ..model.engine import thread_engine
from ..model.params import BY_KEY
from ..model.scenario import Scenario, ScenarioError, checked
from ..text import money, percent
from .executors import map_runs, scenario_of
from .figures import horizon_bands


@dataclass(frozen=True)
class Mix:
    """One split: ``share`` of the budget meant for the community (1 all inches, 0 all miles);
    ``staff`` (FTE) and ``reps`` (people) it buys; the combined company's cumulative net at the
    horizon ($): ``median``, ``p5``, ``p95``, ``mean``; ``prob_loss`` P(cumulative net < 0)."""

    share: float
    staff: float
    reps: int
    median: float
    p5: float
    p95: float
    mean: float
    prob_loss: float


@dataclass(frozen=True)
class BudgetMix:
    """The mixes from all inches (first) to all miles (last) for one ``budget`` ($/month)."""

    scenario: Scenario
    budget: float
    mixes: list[Mix] = field(default_factory=list)
    trials: int = 0
    months: int = 0
    seed: int = 0

    @property
    def best_p5(self) -> int:
        """Index of the mix with the best bad case (highest P5); the first of equals."""
        return int(np.argmax([m.p5 for m in self.mixes]))

    @property
    def best_median(self) -> int:
        """Index of the mix with the highest median cumulative net; the first of equals."""
        return int(np.argmax([m.median for m in self.mixes]))

    def to_dict(self) -> dict:
        """Plain JSON-able figures."""
        return {"scenario": self.scenario.name, "budget": self.budget, "trials": self.trials,
                "months": self.months, "seed": self.seed, "best_p5": self.best_p5,
                "best_median": self.best_median, "mixes": [asdict(m) for m in self.mixes]}

    def table(self) -> str:
        """Plain-text table, one line a mix, the best ones marked."""
        rows = [("Inches", "Staff", "Reps", "Median", "P5", "P95", "Chance of loss", "")]
        for i, m in enumerate(self.mixes):
            mark = " and ".join(w for w, k in (("best median", self.best_median),
                                               ("best P5", self.best_p5)) if k == i)
            rows.append((f"{m.share:.0%}", f"{m.staff:.1f}", str(m.reps), money(m.median),
                         money(m.p5), money(m.p95), percent(m.prob_loss), mark))
        w = [max(len(r[i]) for r in rows) for i in range(8)]
        lines = [f"{self.scenario.name}: {money(self.budget)} a month split between community "
                 f"staff and sales reps; cumulative net at month {self.months} "
                 f"({self.trials:,} futures, seed {self.seed})"]
        lines += ["  ".join(c.rjust(w[i]) if i < 7 else c for i, c in enumerate(r)).rstrip()
                  for r in rows]
        return "\n".join(lines)


def split(scenario: Scenario, share: float, budget: float) -> tuple[float, int]:
    """(community staff in FTE, whole reps) for ``share`` of ``budget`` ($/month) to inches."""
    v = scenario.plain().values
    rep_cost, staff_cost = v["deals.rep_cost"], v["community.staff_cost"]
    if share >= 1.0:
        return budget / staff_cost, 0
    affordable = math.floor(budget / rep_cost + 1e-9)
    reps = min(affordable, math.floor((1.0 - share) * budget / rep_cost + 0.5))
    if share <= 0.0:
        return 0.0, reps
    return max(0.0, budget - reps * rep_cost) / staff_cost, reps


def mix_job(values: dict[str, float], staff: float, reps: int, trials: int, months: int,
            seed: int) -> dict[str, float]:
    """A job: the combined company's horizon figures for ``staff`` FTE and ``reps`` people."""
    e = thread_engine()
    s = scenario_of(values, {"community.staff": staff, "deals.reps": reps, "equal_budget": False})
    r = e.simulate(s, trials, months, seed)
    total = r.community.horizon_net + r.deals.horizon_net  # trial by trial: the same futures
    b = horizon_bands(total)
    return {"median": b["p50"], "p5": b["p5"], "p95": b["p95"], "mean": b["mean"],
            "prob_loss": float(np.mean(total < 0))}


def budget_mix(scenario: Scenario, steps: int = 11, budget: float | None = None,
               trials: int = 2000, months: int | None = None, seed: int | None = None,
               executor: cf.Executor | None = None,
               progress: Callable[[float], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> BudgetMix:
    """Split ``budget`` ($/month; default the deals team's cost) in ``steps`` mixes.

    Shares run evenly from 1 (all inches) to 0 (all miles); see the module docstring for how
    staff and reps are set. Raises :class:`ScenarioError` when the budget cannot be split
    (a zero cost, or more people than the parameters allow) and
    :class:`~inches.model.engine.Cancelled` when ``cancel()`` turns true.
    """
    trials = int(checked("trials", trials))
    months = int(checked("months", scenario.months if months is None else months))
    seed = int(checked("seed", scenario.seed if seed is None else seed))
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 2 <= steps <= 101:
        raise ScenarioError(f"{steps!r} steps; give a whole number from 2 to 101")
    v = scenario.plain().values  # ranged costs split the budget at their likely values
    for key in ("deals.rep_cost", "community.staff_cost"):
        if v[key] <= 0:
            raise ScenarioError(f"{key} is 0, so a budget cannot be split by cost; "
                                "set a cost per person first")
    if budget is None:
        budget = v["deals.reps"] * v["deals.rep_cost"]
        if budget <= 0:
            raise ScenarioError("the deals team costs nothing (no reps), so there is no "
                                "budget to split; give one")
    if not isinstance(budget, (int, float)) or not math.isfinite(budget) or budget <= 0:
        raise ScenarioError(f"budget {budget!r} must be a positive amount in $ a month")
    budget = float(budget)
    for key, most in (("community.staff", budget / v["community.staff_cost"]),
                      ("deals.reps", math.floor(budget / v["deals.rep_cost"] + 1e-9))):
        if most > BY_KEY[key].hi:
            raise ScenarioError(f"{money(budget)} a month buys {most:,.0f} of {key}, more "
                                f"than its allowed {BY_KEY[key].range_text()}; "
                                "give a smaller budget")
    shares = np.linspace(1.0, 0.0, int(steps))
    splits = [split(scenario, float(s), budget) for s in shares]
    values = dict(scenario.values)  # the futures keep their ranges
    jobs = [(values, staff, reps, trials, months, seed) for staff, reps in splits]
    out = map_runs(mix_job, jobs, executor, progress, cancel)
    mixes = [Mix(float(s), float(staff), int(reps), **o)
             for s, (staff, reps), o in zip(shares, splits, out)]
    return BudgetMix(scenario, budget, mixes, trials, months, seed)
