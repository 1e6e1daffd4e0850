"""How numbers and names read to a person: $250K, $1.2M, 63%, month 27, "18 months", "Inches".

The bottom layer of the house: every other package formats through here, so the command line,
the app, the report and the handout say a figure the same way. Imports nothing of Inches.
"""

from __future__ import annotations

import math

# The two strategies, in the words a room uses.
STRATEGIES = ("community", "deals")
SHORT = {"community": "Inches", "deals": "Miles"}
LABEL = {"community": "Inches (community)", "deals": "Miles (deals)"}
STORY = {"community": "many small wins from a community that trusts you",
         "deals": "a few large deals hunted by a sales team"}

# Units as a value field shows them after the number, where the full unit is too long.
SHORT_UNITS = {"months": " mo", "FTE": " FTE", "%/month": " %/mo", "%": " %", "%/year": " %/yr",
               "people/month": " /mo", "1/month": " /mo", "1/year": " /yr", "$/month": " /mo"}

_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "K"))


def money(v: float, signed: bool = False) -> str:
    """Dollars in short form: $900, $250K, $1.2M, $17.0M, $3.4B; negative as -$1.2M.

    Three significant figures from $1K up (one decimal below 100 of a unit, kept when it is
    0), so figures side by side read alike: $17.0M beside $16.8M, never $17M.
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    sign = "-" if v < 0 else ("+" if signed and v > 0 else "")
    a = abs(v)
    for div, suffix in _UNITS:
        if a >= div * 0.9995:
            x = a / div
            text = f"{x:.0f}" if x >= 99.95 else f"{x:.1f}"
            return f"{sign}${text}{suffix}"
    return f"{sign}${a:,.0f}"


def number(x: float) -> str:
    """A plain number with thousands separators: 1,000,000; 0.25; 12."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.6g}"


def count(v: float) -> str:
    """A count in short form: 0.5, 12, 900, 250K, 1.2M (people, opportunities)."""
    return money(v).replace("$", "") if abs(v) >= 10 else f"{v:.1f}".removesuffix(".0")


def percent(p: float) -> str:
    """A probability as a whole percent, keeping <1% and >99% apart from 0% and 100%."""
    pct = 100.0 * p
    if 0.0 < pct < 0.5:
        return "<1%"
    if 99.5 <= pct < 100.0:
        return ">99%"
    return f"{pct:.0f}%"


def month(m: int | None, never: str = "never") -> str:
    """``month 27``, or ``never`` when there is no such month."""
    return never if m is None else f"month {m}"


def tick(v: float, spacing: float, prefix: str = "$") -> str:
    """An axis tick in short form (``$5M``, ``$2.5M``, ``250K``) with just the decimals that
    tell ticks ``spacing`` apart; ``prefix`` is the currency sign or empty."""
    a = abs(v)
    if a < abs(spacing) * 1e-6:  # float noise around zero must not read "-$0"
        return f"{prefix}0"
    sign = "-" if v < 0 else ""
    for div, suffix in _UNITS:
        if a >= div * 0.9995:
            return f"{sign}{prefix}{a / div:.{_decimals(abs(spacing) / div)}f}{suffix}"
    return f"{sign}{prefix}{a:,.0f}"


def _decimals(step: float, most: int = 3) -> int:
    """The fewest decimals (up to ``most``) that write multiples of ``step`` exactly."""
    for d in range(most + 1):
        x = step * 10**d
        if x == 0 or abs(x - round(x)) <= 1e-6 * max(1.0, x):
            return d
    return most


def param_value(p, v: float, extra_decimals: int = 0) -> str:
    """A parameter's value with its unit: ``18 months``, ``$8,000/month``, ``0.25 %/month``,
    ``0.15/month``, ``on``.

    ``p`` is a :class:`inches.model.params.Param` (anything with ``unit``, ``decimals``,
    ``boolean`` and ``integer``); at most ``p.decimals + extra_decimals`` decimals are shown,
    trailing zeros dropped.
    """
    if p.boolean:
        return "on" if v else "off"
    places = 0 if p.integer else p.decimals + extra_decimals
    digits = f"{v:,.{places}f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    unit = p.unit
    if unit.startswith("$"):
        return f"${digits}{unit[1:]}"
    if unit.startswith("1/"):
        return f"{digits}{unit[1:]}"
    return f"{digits} {unit}".rstrip()
