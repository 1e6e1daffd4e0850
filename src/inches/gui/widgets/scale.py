"""Where a parameter's slider puts its values: most of the travel on the plausible range.

The slider spends 80 % of its travel on the parameter's plausible range, the rest split
between the ends of the allowed range, logarithmically where the range spans decades, so a
presenter can hit a value live (param_row.ParamSlider, range_track.RangeTrack).
"""

from __future__ import annotations

import math

from ...model.params import Param

STEPS = 1000  # slider positions end to end
INNER = 0.8  # share of the travel given to the plausible range
COARSE = STEPS // 20  # Page Up / Page Down


class Scale:
    """The map between slider positions 0..STEPS and a parameter's values."""

    def __init__(self, p: Param):
        self.p = p
        self.log = p.log and p.lo > 0
        lo, hi = p.plausible if p.plausible else (p.lo, p.hi)
        ends = [self._t(p.lo), self._t(max(lo, p.lo)), self._t(min(hi, p.hi)), self._t(p.hi)]
        outer = (1.0 - INNER) / max(1, (ends[1] > ends[0]) + (ends[3] > ends[2]))
        shares = [outer if ends[1] > ends[0] else 0.0, 0.0, outer if ends[3] > ends[2] else 0.0]
        shares[1] = 1.0 - shares[0] - shares[2]
        self.knots = ends  # in (log) value space
        self.at = [0.0, shares[0], shares[0] + shares[1], 1.0]  # fractions of the travel

    def _t(self, v: float) -> float:
        return math.log10(v) if self.log else float(v)

    def value(self, position: int) -> float:
        """The (unrounded) value at ``position``."""
        f = min(max(position / STEPS, 0.0), 1.0)
        for i in range(3):
            if f <= self.at[i + 1] or i == 2:
                a, b = self.at[i], self.at[i + 1]
                w = 0.0 if b <= a else (f - a) / (b - a)
                t = self.knots[i] + (self.knots[i + 1] - self.knots[i]) * w
                return 10.0 ** t if self.log else t
        raise AssertionError("unreachable")

    def position(self, value: float) -> int:
        """The slider position closest to ``value``."""
        t = self._t(min(max(value, self.p.lo), self.p.hi))
        for i in range(3):
            k0, k1 = self.knots[i], self.knots[i + 1]
            if t <= k1 or i == 2:
                w = 0.0 if k1 <= k0 else (t - k0) / (k1 - k0)
                return round(STEPS * (self.at[i] + (self.at[i + 1] - self.at[i]) * w))
        raise AssertionError("unreachable")

    def snap(self, v: float) -> float:
        """``v`` rounded as the field shows it: whole, to the parameter's decimals, or to three
        significant figures on a log scale."""
        p = self.p
        if p.integer:
            v = round(v)
        elif self.log:
            v = float(f"{v:.3g}")
        else:
            v = round(v, p.decimals)
        return min(max(v, p.lo), p.hi)

    def plausible_share(self) -> float:
        """The share of the travel spent on the plausible range."""
        return self.at[2] - self.at[1]
