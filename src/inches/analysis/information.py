"""What it is worth to know a range before choosing between inches and miles.

The decision is which strategy to follow, valued by the expected cumulative net at the horizon
(present value when a discount rate is set). Choosing now, with the ranges as they are, is
worth ``max(E[net inches], E[net miles])``: the decision value. Learning a parameter exactly
first lets the choice follow what is learnt:

* the expected value of perfect partial information of parameter theta (EVPPI) is
  ``E_theta[max_d E[net_d | theta]] - max_d E[net_d]``;
* the expected value of perfect information (EVPI) is the same with every range known at once.

Both come from the same futures (Strong and Oakley's regression method, see
:mod:`inches.model.regression`): the gap between the strategies' nets is regressed on the
parameter (on all of them together for the EVPI), and ``E[max(0, fitted gap)] - max(0,
E[gap])`` is the value, in dollars, never below zero. Each has a jackknife Monte Carlo error.
docs/model.md, section 12, says how they are biased.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model.params import BY_KEY
from ..model.regression import Design, Fit, groups, jackknife
from ..model.scenario import Scenario
from ..text import LABEL, SHORT, money
from .uncertain import Futures, ranged, run_futures


@dataclass(frozen=True)
class Worth:
    """A value of information in dollars and its Monte Carlo standard error."""

    value: float
    se: float

    @property
    def clear(self) -> bool:
        """More than two standard errors above zero: not Monte Carlo noise."""
        return self.value > 2.0 * self.se


@dataclass(frozen=True)
class ValueOfInformation:
    """The decision value, the EVPI and each ranged parameter's EVPPI (largest first)."""

    scenario: Scenario
    decision_value: float  # $: the better strategy's expected net, choosing now
    expected: dict[str, float]  # each strategy's expected net at the horizon, $
    evpi: Worth
    parameters: dict[str, Worth]
    trials: int
    months: int
    seed: int

    @property
    def choice(self) -> str:
        """The strategy chosen now: ``"community"`` or ``"deals"``."""
        return max(self.expected, key=self.expected.get)

    def bars(self) -> list[tuple[str, str, float, float]]:
        """(key, label, $, standard error $) per parameter, largest first: what a chart shows."""
        return [(k, BY_KEY[k].label, w.value, w.se) for k, w in self.parameters.items()]

    def to_dict(self) -> dict:
        """``{"decision_value", "evpi": {"value", "se"}, "parameters": {key: {"value", "se"}}}``."""
        return {"decision_value": self.decision_value,
                "evpi": {"value": self.evpi.value, "se": self.evpi.se},
                "parameters": {k: {"value": w.value, "se": w.se}
                               for k, w in self.parameters.items()}}

    def summary(self) -> str:
        """Sentences a room understands: the choice now, then what learning is worth."""
        other = "deals" if self.choice == "community" else "community"
        now = (f"Choosing now, {SHORT[self.choice].lower()} is worth more: an expected "
               f"{money(self.expected[self.choice])} against {money(self.expected[other])} by "
               f"month {self.months}.")
        clear = [(BY_KEY[k].label.lower(), w) for k, w in self.parameters.items() if w.clear]
        if not self.evpi.clear and not clear:
            return (f"{now} Learning more first would hardly change that choice: knowing "
                    f"every range is worth about {money(self.evpi.value)}, within Monte Carlo "
                    f"error of nothing.")
        if not clear:
            return (f"{now} Knowing every range before choosing is worth about "
                    f"{money(self.evpi.value)}; no single one is worth much on its own.")
        first, *rest = clear[:3]
        said = [f"learning the {first[0]} before choosing is worth about {money(first[1].value)}"]
        said += [f"learning the {name}, about {money(w.value)}" for name, w in rest]
        return (f"{now} {'; '.join(said)[0].upper()}{'; '.join(said)[1:]}; knowing every "
                f"range, about {money(self.evpi.value)}.")

    def table(self) -> str:
        """Plain text: the choice now, then each parameter's worth, largest first."""
        head = (f"{self.scenario.name}: what it is worth to know before choosing, at month "
                f"{self.months} ({self.trials:,} futures, seed {self.seed})\n"
                f"Choosing now: {LABEL[self.choice]}, expected net "
                f"{money(self.expected[self.choice])} (decision value)\n\n")
        rows = [("Learning first", "Worth", "± 2 s.e.")]
        rows += [(label, money(v), money(2.0 * se)) for _, label, v, se in self.bars()]
        rows.append(("Every range at once", money(self.evpi.value), money(2.0 * self.evpi.se)))
        w = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = [f"{a:{w[0]}}  {b:>{w[1]}}  {c:>{w[2]}}" for a, b, c in rows]
        return head + "\n".join(lines) + "\n\n" + self.summary()


def estimate(futures: Futures) -> tuple[float, dict[str, float], Worth, dict[str, Worth]]:
    """(decision value, each strategy's expected net, EVPI, EVPPI by key largest first) from
    the futures' nets and inputs (see the module docstring)."""
    gap, keys, n = futures.gap, list(futures.inputs), futures.gap.size
    expected = {"community": float(futures.community.mean()), "deals": float(futures.deals.mean())}
    group = groups(n)
    count = int(group.max()) + 1

    def worth(fit: Fit) -> Worth:
        def at(drop):
            fitted = fit.fitted(drop)
            if drop is not None:
                fitted = fitted[group != drop]
            return float(np.mean(np.maximum(fitted, 0.0)) - max(float(np.mean(fitted)), 0.0))
        return Worth(*jackknife(at, count))

    evpi = worth(Fit(Design([futures.inputs[k] for k in keys]), gap, group))
    each = {k: worth(Fit(Design([futures.inputs[k]], pairs=False), gap, group)) for k in keys}
    each = dict(sorted(each.items(), key=lambda kw: -kw[1].value))
    return max(expected.values()), expected, evpi, each


def value_of_information(scenario: Scenario, trials: int = 20_000, months: int | None = None,
                         seed: int | None = None, executor: cf.Executor | None = None,
                         progress: Callable[[float], None] | None = None,
                         cancel: Callable[[], bool] | None = None) -> ValueOfInformation:
    """What knowing each range (and all of them) before choosing is worth; see the module
    docstring. The scenario must have ranges (:class:`~inches.ScenarioError` otherwise);
    ``months`` and ``seed`` default to the scenario's; the futures run in jobs on ``executor``
    (None: here) with the same results anywhere. Raises
    :class:`~inches.model.engine.Cancelled` when ``cancel()`` turns true."""
    futures = run_futures(ranged(scenario, "to learn"), trials, months, seed, executor,
                          progress, cancel)
    decision, expected, evpi, each = estimate(futures)
    return ValueOfInformation(scenario, decision, expected, evpi, each, futures.trials,
                              futures.months, futures.seed)
