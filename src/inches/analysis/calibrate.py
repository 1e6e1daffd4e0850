"""Calibration: fit community parameters so the median revenue path runs through observed points.

Observed points are (month, cumulative community revenue in $), month 1 being the first month
simulated. The fit moves ``keys`` (by default conversion, word of mouth and trust-building time)
within their allowed ranges to minimise the sum of squared *relative* residuals,
(fitted - observed) / observed, so a point at $1M counts as much as one at $6.5M. The fitted
value at a month is the median cumulative revenue over the trials at that month, the same
figure the fan chart draws. Every evaluation uses the same trials and seed (common random
numbers), so the objective moves with the parameters rather than with noise, and
:func:`scipy.optimize.least_squares` (trust region, bounded) can follow it, in stages of
finer finite-difference steps.

A few points late in the curve may not tell the parameters apart: conversion and trust-building
time trade off against each other along a ridge, so Dell's three points (months 18, 24, 30) fix
the path well but trust-building time only loosely. An early point helps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model.engine import Cancelled, thread_engine
from ..model.params import BY_KEY, Role, keys_with, param
from ..model.scenario import Scenario, ScenarioError, checked
from ..text import money, param_value

FIT_KEYS = keys_with(Role.FIT_FIRST)  # fitted unless the caller says which
# Finite-difference steps, relative to each parameter's starting value, coarse to fine: each
# stage starts where the last stopped. A median over finite trials has small kinks; a coarse
# first step looks past them, the finer ones then settle on the optimum.
DIFF_STEPS = (0.1, 0.03, 0.01)
STAGE_ITERATIONS = 50  # least_squares' max_nfev per stage (its slopes cost more runs)
TYPICAL_RUNS = 100  # for the progress estimate only
POOR_FIT = 0.20  # a typical (RMS) miss above this is reported as a poor fit, not a fit
MAX_REVENUE = 1e12  # $1T: more than any community here sells, so a point above it is a typo


@dataclass(frozen=True)
class Calibration:
    """A fit. ``values``/``start``: fitted and starting values of the fitted keys (their units);
    ``observed``: the (month, $) points; ``fitted``: the median cumulative revenue at those
    months ($); ``residuals``: (fitted - observed) / observed; ``path``: the fitted median
    cumulative revenue for months 1 .. H ($), H the scenario's horizon; ``scenario``: the
    scenario with the fitted values applied."""

    scenario: Scenario
    values: dict[str, float]
    start: dict[str, float]
    observed: list[tuple[float, float]]
    fitted: np.ndarray
    residuals: np.ndarray
    path: np.ndarray
    trials: int
    seed: int
    evaluations: int

    @property
    def rms_relative_error(self) -> float:
        """Root mean square of the relative residuals (0.05 is 5 %)."""
        return float(np.sqrt(np.mean(np.square(self.residuals))))

    @property
    def poor_fit(self) -> bool:
        """True when the typical miss is over :data:`POOR_FIT` (exactly 20 % is still a fit):
        the model cannot pass near these points, so the values are no calibration."""
        return self.rms_relative_error > POOR_FIT

    def poor_fit_text(self) -> str:
        """One sentence saying the fit is poor and what to try."""
        return (f"Poor fit: the typical miss is {100 * self.rms_relative_error:.0f}% (a fit "
                f"misses by at most {100 * POOR_FIT:.0f}%); the model cannot pass near these "
                f"points with {', '.join(self.values)}; check the points or fit other "
                f"parameters")

    def to_dict(self) -> dict:
        """Plain JSON-able figures."""
        return {"scenario": self.scenario.name, "trials": self.trials, "seed": self.seed,
                "evaluations": self.evaluations, "values": dict(self.values),
                "start": dict(self.start), "observed": [list(p) for p in self.observed],
                "fitted": self.fitted.tolist(), "residuals": self.residuals.tolist(),
                "rms_relative_error": self.rms_relative_error, "poor_fit": self.poor_fit,
                "path": self.path.tolist()}

    def table(self) -> str:
        """Plain text: the fitted values, then each point against the fitted path."""
        verdict = "Poor fit" if self.poor_fit else "Fitted"
        lines = [f"{verdict} to {len(self.observed)} points ({self.trials:,} futures, seed "
                 f"{self.seed}); typical miss {100 * self.rms_relative_error:.1f}%."]
        w = max(len(BY_KEY[k].label) for k in self.values)
        for k, v in self.values.items():
            p = BY_KEY[k]
            lines.append(f"  {p.label:{w}}  {param_value(p, self.start[k])} -> "
                         f"{param_value(p, v, extra_decimals=2)}  ({k})")
        lines.append("  Month  Observed    Fitted    Miss")
        for (m, o), f, r in zip(self.observed, self.fitted, self.residuals):
            lines.append(f"  {m:5g}  {money(o):>8}  {money(f):>8}  {100 * r:+5.1f}%")
        return "\n".join(lines)


def calibrate(scenario: Scenario, observed: Sequence[tuple[float, float]],
              keys: Iterable[str] = FIT_KEYS, trials: int = 2000, seed: int | None = None,
              progress: Callable[[float], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Calibration:
    """Fit ``keys`` to ``observed`` (month, cumulative revenue $) points; see the module docstring.

    Needs at least two points at whole months from 1 to the scenario's horizon, with
    cumulative revenue that is positive, at most :data:`MAX_REVENUE` and never falls (equal
    is allowed), and community parameters that change revenue as keys. A typical miss over
    :data:`POOR_FIT` is reported (:attr:`Calibration.poor_fit`), not refused. Starts from the
    scenario's values
    (fitting community staff switches "same money, two ways" off). ``progress`` reports an
    estimate (the fit stops when it converges); raises
    :class:`~inches.model.engine.Cancelled` when ``cancel()`` turns true.
    """
    from scipy.optimize import (
        least_squares,  # here: it costs the command line 0.2 s to load
    )

    trials = int(checked("trials", trials))
    seed = int(checked("seed", scenario.seed if seed is None else seed))
    points = _points(observed, scenario.months)
    fit = _Fit(scenario, _keys(keys), points, trials, seed, progress, cancel)
    u = fit.x0
    for step in DIFF_STEPS:
        u = least_squares(fit.residuals, u, bounds=fit.bounds, method="trf", diff_step=step,
                          max_nfev=STAGE_ITERATIONS, xtol=1e-8, ftol=1e-10).x
    fitted_scenario = fit.scenario_at(u)
    full = fit.path(fitted_scenario, max(fit.horizon, scenario.months))
    fitted = full[fit.months - 1]
    if progress is not None:
        progress(1.0)
    return Calibration(fitted_scenario, {k: float(fitted_scenario.values[k]) for k in fit.keys},
                       fit.start, points, fitted, fitted / fit.target - 1.0, full, trials, seed,
                       fit.count)


class _Fit:
    """The objective: relative misses of the median path, in units of each starting value."""

    def __init__(self, scenario, keys, points, trials, seed, progress, cancel):
        self.keys, self.trials, self.seed = keys, trials, seed
        self.progress, self.cancel, self.count = progress, cancel, 0
        self.months = np.array([m for m, _ in points], int)
        self.target = np.array([r for _, r in points], float)
        self.horizon = max(int(self.months.max()), int(BY_KEY["months"].lo))
        self.base = (scenario.with_values({"equal_budget": False})
                     if scenario.values["equal_budget"] and "community.staff" in keys
                     else scenario).check()
        self.start = {k: float(self.base.plain().values[k]) for k in keys}  # a range: likely
        self.lo = np.array([BY_KEY[k].lo for k in keys], float)
        self.hi = np.array([BY_KEY[k].hi for k in keys], float)
        # Work in units of each starting value, so one relative step suits every parameter.
        self.scale = np.array([self.start[k] if self.start[k] > 0
                               else (BY_KEY[k].hi - BY_KEY[k].lo) / 10 for k in keys], float)
        self.bounds = (self.lo / self.scale, self.hi / self.scale)
        self.x0 = np.clip(np.array([self.start[k] for k in keys]) / self.scale, *self.bounds)

    def scenario_at(self, u: np.ndarray) -> Scenario:
        x = np.clip(u * self.scale, self.lo, self.hi)
        return self.base.with_values({k: float(v) for k, v in zip(self.keys, x)})

    def path(self, s: Scenario, months: int) -> np.ndarray:
        r = thread_engine().simulate(s, self.trials, months, self.seed)
        return r.community.bands("cumulative_revenue")["p50"]

    def residuals(self, u: np.ndarray) -> np.ndarray:
        if self.cancel is not None and self.cancel():
            raise Cancelled
        self.count += 1
        if self.progress is not None:
            self.progress(min(0.95, self.count / TYPICAL_RUNS))
        return self.path(self.scenario_at(u), self.horizon)[self.months - 1] / self.target - 1.0


def _points(observed, horizon: int) -> list[tuple[int, float]]:
    """The observed points, checked and sorted by month; one sentence for the first fault."""
    try:
        points = [(float(m), float(r)) for m, r in observed]
    except (TypeError, ValueError, OverflowError):
        raise ScenarioError("observed points are (month, cumulative revenue) pairs, "
                            "e.g. (18, 1000000)") from None
    if len(points) < 2:
        raise ScenarioError(f"{len(points)} observed point(s); give at least 2 "
                            "to fit to")
    for m, r in points:
        if not (math.isfinite(m) and m == int(m) and 1 <= m <= horizon):
            later = math.isfinite(m) and m == int(m) and horizon < m <= BY_KEY["months"].hi
            raise ScenarioError(f"month {m:g} must be a whole month from 1 to the horizon, "
                                f"{horizon}" + (f"; extend the horizon to {m:g} months to fit "
                                                f"it" if later else ""))
        if not (math.isfinite(r) and 0 < r <= MAX_REVENUE):
            raise ScenarioError(f"revenue {money(r)} at month {m:g} must be a positive amount "
                                f"up to {money(MAX_REVENUE)}, in $ (cumulative since month 1)")
    if len({m for m, _ in points}) < len(points):
        raise ScenarioError("two observed points share a month; give one per month")
    points = sorted(points)
    for (m0, r0), (m1, r1) in zip(points, points[1:]):
        if r1 < r0:
            raise ScenarioError(f"cumulative revenue falls from {money(r0)} at month {m0:g} to "
                                f"{money(r1)} at month {m1:g}; a running total never falls "
                                "(give revenue since month 1, not per month)")
    return [(int(m), r) for m, r in points]


def _keys(keys) -> list[str]:
    out = []
    for key in [keys] if isinstance(keys, str) else keys:
        try:
            p = param(str(key))
        except KeyError:
            raise ScenarioError(f"unknown parameter {key!r}; fit community "
                                f"parameters such as {', '.join(FIT_KEYS)}") from None
        if not p.has(Role.FIT):
            raise ScenarioError(f"{p.key} does not change the community's revenue; "
                                f"fit one of {', '.join(keys_with(Role.FIT))}")
        if p.key not in out:
            out.append(p.key)
    if not out:
        raise ScenarioError("give at least one parameter to fit")
    return out
