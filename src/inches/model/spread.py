"""Where the spread of the gap comes from: luck, and each range (docs/model.md, section 12).

The gap is inches' cumulative net minus miles' at the horizon, per future. Its variance splits
into what each ranged input explains on its own (its first-order share: the variance of the
expected gap given that input alone) and luck (what would remain if every range were known:
the variance left around the expected gap given all inputs). Whatever the inputs explain
together beyond their own shares (an interaction, such as a win rate times a deal size) is a
third part, ``together``. All three come from the same futures, by the regressions of
:mod:`.regression`, each with a jackknife Monte Carlo error; they add up to the whole spread by
construction, and luck plus the first-order shares do within those errors when the inputs'
effects simply add.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np

from ..text import money
from .params import BY_KEY
from .regression import Design, Fit, groups, jackknife


@dataclass(frozen=True)
class Part:
    """One part of the spread: ``share`` of the gap's variance (0 to 1) and its Monte Carlo
    standard error. ``key`` is a parameter key, ``"luck"`` or ``"together"``."""

    key: str
    label: str
    share: float
    se: float


@dataclass(frozen=True)
class Spread:
    """The gap's spread at the horizon split into luck, each range's share and their joint part.

    ``sd`` is the gap's standard deviation ($); ``ranges`` are largest first."""

    sd: float
    luck: Part
    ranges: tuple[Part, ...]
    together: Part
    trials: int

    def bars(self) -> list[Part]:
        """What a chart shows, largest range first and luck last: ``together`` only when it is
        clearly more than noise (beyond two standard errors)."""
        shown = list(self.ranges)
        if self.together.share > 2.0 * self.together.se:
            shown.append(self.together)
        return shown + [self.luck]

    def summary(self) -> str:
        """One sentence a room understands."""
        top = [p for p in self.ranges if p.share >= 0.005][:3]
        named = ", ".join(f"{p.label.lower()} {_pct(p.share)}" for p in top)
        known = f"; of what we don't know, {named}" if named else \
            "; none of the ranges moves it measurably"
        return (f"The gap between the strategies at the horizon varies by about "
                f"{money(self.sd)} (one standard deviation): luck accounts for "
                f"{_pct(self.luck.share)}{known}.")

    def to_dict(self) -> dict:
        """Plain JSON-able figures: shares of the variance, 0 to 1, with standard errors."""
        return {"sd": self.sd, "trials": self.trials, "luck": asdict(self.luck),
                "ranges": [asdict(p) for p in self.ranges], "together": asdict(self.together)}

    def table(self) -> str:
        """Plain text: one line per part with its share of the spread and its error."""
        rows = [(p.label, _pct(p.share), f"±{_pct(2.0 * p.se)}") for p in self.bars()]
        w = [max(len(r[i]) for r in rows) for i in range(3)]
        return "\n".join(f"{a:{w[0]}}  {b:>{w[1]}}  {c:>{w[2]}}" for a, b, c in rows)


def _pct(share: float) -> str:
    return f"{100.0 * max(share, 0.0):.0f}%"


def split_spread(gap: np.ndarray, inputs: Mapping[str, np.ndarray]) -> Spread:
    """Split the variance of ``gap`` (one value per future) between luck and the ranged
    ``inputs`` (key to each future's value), with jackknife errors (see the module docstring)."""
    gap = np.asarray(gap, float)
    n, keys = gap.size, list(inputs)
    sd = float(gap.std(ddof=1)) if n > 1 else 0.0
    if not keys or sd == 0.0 or n < 40:
        none = [Part(k, BY_KEY[k].label, 0.0, 0.0) for k in keys]
        return Spread(sd, Part("luck", "Luck", 1.0 if sd else 0.0, 0.0), tuple(none),
                      Part("together", "Ranges together", 0.0, 0.0), n)
    group = groups(n)
    count = int(group.max()) + 1
    joint = Fit(Design([inputs[k] for k in keys]), gap, group)
    alone = {k: Fit(Design([inputs[k]], pairs=False), gap, group) for k in keys}

    def share(fit: Fit):
        def at(drop):
            var, explained = fit.explained(drop)
            return max(explained, 0.0) / var
        return at

    parts = [Part(k, BY_KEY[k].label, *jackknife(share(alone[k]), count)) for k in keys]
    luck = jackknife(lambda d: 1.0 - share(joint)(d), count)
    together = jackknife(lambda d: share(joint)(d) - sum(share(f)(d) for f in alone.values()),
                         count)
    parts.sort(key=lambda p: -p.share)
    return Spread(sd, Part("luck", "Luck", *luck), tuple(parts),
                  Part("together", "Ranges together", *together), n)
