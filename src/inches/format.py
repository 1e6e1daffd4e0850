"""How numbers read to a person: $250K, $1.2M, 63%, month 27. Shared by the CLI and the app."""

from __future__ import annotations

import math


def money(v: float, signed: bool = False) -> str:
    """Dollars in short form: $900, $250K, $1.2M, $3.4B; negative as -$1.2M."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    sign = "-" if v < 0 else ("+" if signed and v > 0 else "")
    a = abs(v)
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div * 0.9995:
            x = a / div
            text = f"{x:.0f}" if x >= 99.95 else f"{x:.1f}".removesuffix(".0")
            return f"{sign}${text}{suffix}"
    return f"{sign}${a:,.0f}"


def number(x: float) -> str:
    """A plain number with thousands separators: 1,000,000; 0.25; 12."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.6g}"


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
