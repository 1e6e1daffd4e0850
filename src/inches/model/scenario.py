"""A scenario: one value for every parameter, validated, immutable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from ..text import number
from .params import BY_KEY, DEFAULTS, PARAMS, model_value, param


class ScenarioError(ValueError):
    """A value, key or file that cannot make a scenario; the message says which and why."""


@dataclass(frozen=True)
class Scenario:
    """Every parameter's value in the units a person types (shares in percent).

    Build one with :func:`inches.load_scenario` or :meth:`Scenario.default`, change it with
    :meth:`with_values`. Read a value with ``scenario["deals.reps"]``.
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
        (possibly outside its range: :meth:`check` says so)."""
        v = self.values
        if v["equal_budget"] and v["community.staff_cost"] > 0:
            return v["deals.reps"] * v["deals.rep_cost"] / v["community.staff_cost"]
        return v["community.staff"]

    def check(self) -> Scenario:
        """This scenario, if every value it derives is in range, like a typed one; otherwise
        :class:`ScenarioError` naming the parameters that derive it and the range.

        Today one value is derived: with ``equal_budget`` on, community staff is
        ``deals.reps x deals.rep_cost / community.staff_cost``. It is compared exactly, so a
        value at an end of the range (a tie) is allowed. Every simulation checks.
        """
        v, p = self.values, BY_KEY["community.staff"]
        if not (v["equal_budget"] and v["community.staff_cost"] > 0):
            return self
        staff = (Fraction(v["deals.reps"]) * Fraction(v["deals.rep_cost"])
                 / Fraction(v["community.staff_cost"]))
        if p.lo <= staff <= p.hi:
            return self
        raise ScenarioError(
            f"equal_budget = on sets community.staff to deals.reps x deals.rep_cost / "
            f"community.staff_cost = {number(v['deals.reps'])} x ${number(v['deals.rep_cost'])}"
            f" / ${number(v['community.staff_cost'])} = {_beyond(staff, p.lo, p.hi)} FTE, "
            f"outside the allowed {p.range_text()}; change one of them or switch equal_budget off")

    def strategy_values(self, group: str) -> dict[str, float]:
        """The ``group`` ("community" or "deals") values by short name, shares as fractions.

        Raises :class:`ScenarioError` when a derived value is out of range (:meth:`check`)."""
        self.check()
        out = {p.name: model_value(p.key, self.values[p.key]) for p in PARAMS if p.group == group}
        if group == "community":
            out["staff"] = self.community_staff()
        return out

    def changed(self) -> dict[str, float]:
        """The values that differ from the defaults."""
        return {k: v for k, v in self.values.items() if v != DEFAULTS[k]}


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


def checked(key: str, value: object) -> float | int:
    """``value`` for ``key`` in range (ints for whole-number parameters), or a
    :class:`ScenarioError` saying why not."""
    p = param(_key(key))
    if p.boolean and type(value) in (int, float) and value in (0, 1):
        value = bool(value)  # switches are kept as 0.0 / 1.0, so values round-trip
    try:
        return p.check(value)
    except ValueError as e:
        raise ScenarioError(f"{p.key} = {e}") from None
