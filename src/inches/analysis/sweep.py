"""The strategy map: where, over one or two parameters, inches comes out ahead.

A grid over ``x`` (and ``y``) from the scenario, every cell run with the same trials and seed
(common random numbers: the map's shape is the parameters', not noise). Each cell reports, at
the horizon, the chance the community's cumulative net is above the deals' and the median gap
(community median minus deals median cumulative net, $).

The map fills a row at a time: ``on_row(j, prob_ahead_row)`` is called as row ``j`` finishes
(rows may finish out of order on a pool). Cancelling raises
:class:`~inches.model.engine.Cancelled`; the rows already passed to ``on_row`` are all a
caller gets of a cancelled map.
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model.params import Role, keys_with, param
from ..model.scenario import Scenario, ScenarioError, checked
from ..model.uncertainty import point
from ..text import money
from .executors import map_runs
from .figures import check_gap_jobs, gap_job

Axis = tuple[str, float, float, int]
MAX_POINTS = 200  # per axis: 200 x 200 is already 40,000 runs
SWEEP_KEYS = keys_with(Role.SWEEP)  # what a map can run across


@dataclass(frozen=True)
class StrategyMap:
    """A grid of runs. Arrays have shape (ny, nx): row j is ``y_values[j]``; a 1-D sweep has
    ``y_key`` and ``y_values`` None and one row. Values are in the parameters' units."""

    scenario: Scenario
    x_key: str
    x_values: np.ndarray
    y_key: str | None
    y_values: np.ndarray | None
    prob_ahead: np.ndarray  # chance inches is ahead at the horizon, 0 to 1
    median_gap: np.ndarray  # community median minus deals median cumulative net, $
    trials: int
    months: int
    seed: int

    @property
    def current(self) -> tuple[float, float | None]:
        """(x, y) of the scenario itself, to mark on the map (y None for a 1-D sweep).

        Community staff is the staff in use (what "same money, two ways" sets, when on); a
        ranged parameter is marked at its likely value."""
        def value(key):
            if key == "community.staff":
                return float(self.scenario.community_staff())
            return float(point(self.scenario.values[key]))
        return value(self.x_key), None if self.y_key is None else value(self.y_key)

    def cells(self):
        """(x, y, prob_ahead, median_gap) for every grid point, row by row."""
        ys = [None] if self.y_values is None else self.y_values
        for j, y in enumerate(ys):
            for i, x in enumerate(self.x_values):
                yield (float(x), None if y is None else float(y), float(self.prob_ahead[j, i]),
                       float(self.median_gap[j, i]))

    def to_csv(self) -> str:
        """One row per grid point: x, y (empty for a 1-D sweep), prob_ahead, median_gap."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([self.x_key, self.y_key or "y", "prob_ahead", "median_gap"])
        for x, y, p, g in self.cells():
            w.writerow([f"{x:.10g}", "" if y is None else f"{y:.10g}", f"{p:.6g}", f"{g:.6g}"])
        return buf.getvalue()

    def to_dict(self) -> dict:
        """Plain JSON-able grid: nested lists, rows along y."""
        return {"scenario": self.scenario.name, "trials": self.trials, "months": self.months,
                "seed": self.seed, "x_key": self.x_key, "x_values": self.x_values.tolist(),
                "y_key": self.y_key,
                "y_values": None if self.y_values is None else self.y_values.tolist(),
                "current": list(self.current), "prob_ahead": self.prob_ahead.tolist(),
                "median_gap": self.median_gap.tolist()}

    def table(self) -> str:
        """Plain text: the chance inches is ahead (%) with x across and y down."""
        head = (f"{self.scenario.name}: chance inches is ahead at month {self.months} "
                f"({self.trials:,} futures per point, seed {self.seed})")
        if self.y_values is None:
            rows = [(self.x_key, "inches ahead", "median gap")]
            rows += [(f"{x:g}", f"{100 * p:.0f}%", money(g, signed=True)) for x, _, p, g in self.cells()]
            w = [max(len(r[i]) for r in rows) for i in range(3)]
            return head + "\n" + "\n".join(f"{a:>{w[0]}}  {b:>{w[1]}}  {c:>{w[2]}}"
                                           for a, b, c in rows)
        xs = [f"{x:g}" for x in self.x_values]
        ys = [f"{y:g}" for y in self.y_values]
        w0 = max(len(self.y_key), *map(len, ys))
        w = max(4, *map(len, xs))
        lines = [head, f"{'':{w0}}  {self.x_key} ->",
                 f"{self.y_key:>{w0}}  " + " ".join(f"{x:>{w}}" for x in xs)]
        for j in range(len(ys) - 1, -1, -1):  # y grows upwards, as on the map
            lines.append(f"{ys[j]:>{w0}}  " + " ".join(
                f"{100 * p:>{w - 1}.0f}%" for p in self.prob_ahead[j]))
        return "\n".join(lines)


def axis_values(axis: Axis, name: str = "x") -> tuple[str, np.ndarray]:
    """The key and grid values of ``(key, lo, hi, n)``, checked against the declaration.

    Whole-number parameters are rounded to whole values, so a narrow range can repeat values
    (the grid keeps the ``n`` points asked for; repeated cells cost nothing, the engine
    remembers them). Raises :class:`ScenarioError` naming the key and its allowed range.
    """
    try:
        key, lo, hi, n = axis
    except (TypeError, ValueError):
        raise ScenarioError(f"{name} axis: give (key, low, high, points), "
                            f"e.g. ('deals.reps', 6, 24, 25)") from None
    try:
        p = param(str(key))
    except KeyError:
        raise ScenarioError(f"{name} axis: unknown parameter {key!r}; known: "
                            f"{', '.join(SWEEP_KEYS)}") from None
    if not p.has(Role.SWEEP):
        raise ScenarioError(f"{name} axis: {p.key} cannot be swept; choose one of "
                            f"{', '.join(SWEEP_KEYS)}")
    for end, v in (("low", lo), ("high", hi)):
        try:
            checked(p.key, v)
        except ScenarioError as e:
            raise ScenarioError(f"{name} axis {end} end: {e}") from None
    if not lo < hi:
        raise ScenarioError(f"{name} axis: {p.key} low end {lo:g} must be below its high end "
                            f"{hi:g} (allowed {p.range_text()})")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 2 <= n <= MAX_POINTS:
        raise ScenarioError(f"{name} axis: {n!r} points for {p.key}; give a whole number "
                            f"from 2 to {MAX_POINTS}")
    values = np.linspace(float(lo), float(hi), int(n))
    if p.integer:
        values = np.floor(values + 0.5)  # half up: 6.5 reps is 7, not numpy's even 6
    return p.key, values


def strategy_map(scenario: Scenario, x: Axis, y: Axis | None = None, trials: int = 1000,
                 months: int | None = None, seed: int | None = None,
                 executor: cf.Executor | None = None,
                 progress: Callable[[float], None] | None = None,
                 cancel: Callable[[], bool] | None = None,
                 on_row: Callable[[int, np.ndarray], None] | None = None) -> StrategyMap:
    """Run the grid ``x`` (by ``y``): each axis ``(key, low, high, points)`` in the key's unit.

    Sweeping ``community.staff`` switches "same money, two ways" off, since it would override
    the staff the map asks for. ``months`` and ``seed`` default to the scenario's. Raises
    :class:`ScenarioError` for a bad axis and :class:`~inches.model.engine.Cancelled` when
    ``cancel()`` turns true. One job per row goes to ``executor`` (None: run here).
    """
    trials = int(checked("trials", trials))
    months = int(checked("months", scenario.months if months is None else months))
    seed = int(checked("seed", scenario.seed if seed is None else seed))
    x_key, xs = axis_values(x, "x")
    y_key, ys = axis_values(y, "y") if y is not None else (None, None)
    if y_key == x_key:
        raise ScenarioError(f"x and y axes are both {x_key}; choose two different parameters")
    values = dict(scenario.values)
    if "community.staff" in (x_key, y_key):
        values["equal_budget"] = 0.0
    jobs = []
    for yv in ([None] if ys is None else ys):
        row = [{x_key: float(xv)} if yv is None else {x_key: float(xv), y_key: float(yv)}
               for xv in xs]
        jobs.append((values, row, trials, months, seed))
    ny, nx = len(jobs), len(xs)
    prob, gap = np.full((ny, nx), np.nan), np.full((ny, nx), np.nan)

    def row_done(j: int, cells: list[tuple[float, float]]) -> None:
        gap[j], prob[j] = np.array(cells, float).T
        if on_row is not None:
            on_row(j, prob[j].copy())

    check_gap_jobs(jobs)
    map_runs(gap_job, jobs, executor, progress, cancel, on_result=row_done)
    return StrategyMap(scenario, x_key, xs, y_key, ys, prob, gap, trials, months, seed)
