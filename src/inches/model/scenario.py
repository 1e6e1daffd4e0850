"""A scenario: one value (or a range, see uncertainty.py) for every parameter, validated,
immutable."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from ..text import number
from .params import BY_KEY, DEFAULTS, PARAMS, model_value, param
from .uncertainty import Range, check_value


class ScenarioError(ValueError):
    """A value, key or file that cannot make a scenario; the message says which and why."""


@dataclass(frozen=True)
class Scenario:
    """Every parameter's value in the units a person types (shares in percent).

    Build one with :func:`inches.load_scenario` or :meth:`Scenario.default`, change it with
    :meth:`with_values`. Read a value with ``scenario["deals.reps"]``: a number, or a
    :class:`~inches.model.uncertainty.Range` for a parameter nobody knows exactly
    (:attr:`ranges` lists them, :meth:`plain` puts each one's likely value instead).
    """

    values: Mapping[str, float] = field(default_factory=lambda: MappingProxyType(dict(DEFAULTS)))
    name: str = "Untitled"
    description: str = ""

    @classmethod
    def default(cls) -> Scenario:
        """The documented defaults (docs/model.md): Dell Outlet's community against a dozen reps."""
        return cls(name="Defaults")

    def __post_init__(self):
        missing = set(BY_KEY) - set(self.values)
        if missing or not isinstance(self.values, MappingProxyType):
            merged = dict(DEFAULTS)
            merged.update(self.values)
            object.__setattr__(self, "values", MappingProxyType(merged))

    def __reduce__(self):
        """Pickled as plain values (a mapping proxy does not pickle): an analysis sent to
        another process takes its scenario with it."""
        return type(self), (dict(self.values), self.name, self.description)

    def __getitem__(self, key: str) -> float:
        return self.values[param(key).key]

    def with_values(self, changes: Mapping[str, object], *, name: str | None = None,
                    description: str | None = None) -> Scenario:
        """A copy with ``changes`` applied; keys are parameter keys (``"deals.reps"``).

        Raises :class:`ScenarioError` naming the key, the value and the allowed range.
        """
        new = dict(self.values)
        for key, value in changes.items():
            new[_key(key)] = checked(key, value)
        return Scenario(MappingProxyType(new), self.name if name is None else name,
                        self.description if description is None else description)

    @property
    def ranges(self) -> dict[str, Range]:
        """The parameters given as ranges, in declaration order (empty for a plain scenario)."""
        return {k: v for k, v in self.values.items() if isinstance(v, Range)}

    def plain(self) -> Scenario:
        """This scenario with each range replaced by one number: its likely value (the middle
        of a uniform range; whole-number parameters round half up)."""
        ranges = self.ranges
        if not ranges:
            return self
        new = dict(self.values)
        for k, r in ranges.items():
            new[k] = math.floor(r.point + 0.5) if BY_KEY[k].integer else float(r.point)
        return Scenario(MappingProxyType(new), self.name, self.description)

    @property
    def months(self) -> int:
        return int(self.values["months"])

    @property
    def trials(self) -> int:
        return int(self.values["trials"])

    @property
    def seed(self) -> int:
        return int(self.values["seed"])

    def community_staff(self) -> float:
        """Community staff in use: with ``equal_budget`` on, what makes both cost the same
        (possibly outside its range: :meth:`check` says so). With ranges, at their likely
        values (:meth:`plain`); each trial uses its own (:meth:`strategy_values`)."""
        v = self.plain().values
        if v["equal_budget"] and v["community.staff_cost"] > 0:
            return v["deals.reps"] * v["deals.rep_cost"] / v["community.staff_cost"]
        return v["community.staff"]

    def check(self) -> Scenario:
        """This scenario, if every value it derives is in range, like a typed one; otherwise
        :class:`ScenarioError` naming the parameters that derive it and the range.

        Today one value is derived: with ``equal_budget`` on, community staff is
        ``deals.reps x deals.rep_cost / community.staff_cost``. It is compared exactly, so a
        value at an end of the range (a tie) is allowed. With ranges on the three, it is
        checked at every combination of their ends. Every simulation checks.
        """
        v, p = self.values, BY_KEY["community.staff"]
        cost = v["community.staff_cost"]
        if not v["equal_budget"] or (not isinstance(cost, Range) and cost <= 0):
            return self
        if isinstance(cost, Range) and cost.low <= 0:
            raise ScenarioError(
                f"equal_budget = on sets community.staff to deals.reps x deals.rep_cost / "
                f"community.staff_cost, without limit as community.staff_cost ranges down to $0;"
                f" give community.staff_cost a low end above $0 (allowed staff "
                f"{p.range_text()}) or switch equal_budget off")
        for v in _corners(v):  # staff grows with reps and rep cost, falls with staff cost
            staff = (Fraction(v["deals.reps"]) * Fraction(v["deals.rep_cost"])
                     / Fraction(v["community.staff_cost"]))
            if not p.lo <= staff <= p.hi:
                break
        else:
            return self
        raise ScenarioError(
            f"equal_budget = on sets community.staff to deals.reps x deals.rep_cost / "
            f"community.staff_cost = {number(v['deals.reps'])} x ${number(v['deals.rep_cost'])}"
            f" / ${number(v['community.staff_cost'])} = {_beyond(staff, p.lo, p.hi)} FTE"
            f"{' at the ends of their ranges' if self.ranges else ''}, outside the allowed {p.range_text()}; change one of them or switch equal_budget off")

    def strategy_values(self, group: str, inputs: Mapping[str, np.ndarray] | None = None
                        ) -> dict:
        """The ``group`` ("community" or "deals") values by short name, shares as fractions.

        A ranged parameter takes its per-trial values from ``inputs`` (key to array, in the
        unit as typed; see :func:`~inches.model.uncertainty.draw_inputs`); without them it stays
        a :class:`Range` (what the engine's caches key on). Raises :class:`ScenarioError` when
        a derived value is out of range (:meth:`check`)."""
        self.check()
        v = dict(self.values)
        v.update(inputs or {})

        def value(key):
            x = v[key]
            return x if isinstance(x, Range) else model_value(key, x)

        out = {p.name: value(p.key) for p in PARAMS if p.group == group}
        if group == "community":
            out["staff"] = _staff(v)
        return out

    def changed(self) -> dict[str, float | Range]:
        """The values that differ from the defaults (every range does)."""
        return {k: v for k, v in self.values.items() if v != DEFAULTS[k]}


def _staff(v: dict):
    """Community staff in use from values that may be per-trial arrays (or ranges, as a key)."""
    reps, rep_cost, cost = v["deals.reps"], v["deals.rep_cost"], v["community.staff_cost"]
    if not v["equal_budget"]:
        return v["community.staff"]
    if any(isinstance(x, Range) for x in (reps, rep_cost, cost, v["community.staff"])):
        return ("equal_budget", reps, rep_cost, cost, v["community.staff"])
    if any(np.ndim(x) for x in (reps, rep_cost, cost, v["community.staff"])):
        paid = cost > 0
        return np.where(paid, reps * rep_cost / np.where(paid, cost, 1.0), v["community.staff"])
    return reps * rep_cost / cost if cost > 0 else v["community.staff"]


def _corners(v: Mapping) -> list[dict]:
    """Values at every combination of the ends of reps, rep cost and staff cost (one each
    when none is a range): where equal_budget's staff is largest and smallest."""
    out = [dict(v)]
    for key in ("deals.reps", "deals.rep_cost", "community.staff_cost"):
        if isinstance(v[key], Range):
            out = [{**c, key: end} for c in out for end in (v[key].low, v[key].high)]
    return out


def _key(key: str) -> str:
    try:
        return param(key).key
    except KeyError:
        raise ScenarioError(f"unknown parameter {key!r}; known: "
                            f"{', '.join(p.key for p in PARAMS)}") from None


def _beyond(x: Fraction, lo: float, hi: float) -> str:
    """``x`` with enough decimals that a value just outside ``lo``..``hi`` never reads as an end."""
    for places in range(1, 10):
        text = f"{float(x):,.{places}f}"
        if not lo <= float(text.replace(",", "")) <= hi:
            return text
    return f"{float(x):,.10g}"


def checked(key: str, value: object) -> float | int | Range:
    """``value`` for ``key`` in range (ints for whole-number parameters; a range for one that
    may take it, or its number when its width is zero), or a :class:`ScenarioError` saying
    why not."""
    p = param(_key(key))
    if p.boolean and type(value) in (int, float) and value in (0, 1):
        value = bool(value)  # switches are kept as 0.0 / 1.0, so values round-trip
    try:
        return check_value(p, value)
    except ValueError as e:
        raise ScenarioError(f"{p.key} = {e}") from None
