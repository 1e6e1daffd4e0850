"""How numbers and names read to a person: $250K, $1.2M, 63%, month 27, "18 months", "Inches".

The bottom layer of the house: every other package formats through here, so the command line,
the app, the report and the handout say a figure the same way. Imports nothing of Inches.
"""

from __future__ import annotations

import math
import re
import reprlib
from decimal import Decimal

# The two strategies, in the words a room uses.
STRATEGIES = ("community", "deals")
SHORT = {"community": "Inches", "deals": "Miles"}
LABEL = {"community": "Inches (community)", "deals": "Miles (deals)"}
STORY = {"community": "many small wins from a community that trusts you",
         "deals": "a few large deals hunted by a sales team"}

# Units as a value field shows them after the number, where the full unit is too long.
SHORT_UNITS = {"months": " mo", "FTE": " FTE", "%/month": " %/mo", "%": " %", "%/year": " %/yr",
               "people/month": " /mo", "1/month": " /mo", "1/year": " /yr", "$/month": " /mo"}

_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def money(v: float, signed: bool = False) -> str:
    """Dollars in short form: $900, $250K, $1.2M, $17.0M, $3.4B; negative as -$1.2M.

    Three significant figures from $1K up (one decimal below 100 of a unit, kept when it is
    0), so figures side by side read alike: $17.0M beside $16.8M, never $17M.
    """
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    sign = "-" if v < 0 else ("+" if signed and v > 0 else "")
    a = abs(v)
    if a >= 999.5e12:  # beyond any business: say how large rather than print 20 digits
        return f"{sign}${a:.2g}"
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
    ``0.15/month``, ``on``; a range as ``6 to 24 months (likely 12)``.

    ``p`` is a :class:`inches.model.params.Param` (anything with ``unit``, ``decimals``,
    ``boolean`` and ``integer``); at most ``p.decimals + extra_decimals`` decimals are shown,
    trailing zeros dropped. ``v`` is a number or a range (anything with ``low``, ``likely``,
    ``high`` and ``shape``, such as :class:`inches.model.uncertainty.Range`).
    """
    if p.boolean:
        return "on" if v else "off"
    before, after = _unit_parts(p.unit)
    if hasattr(v, "low") and hasattr(v, "high"):
        lo, hi = (before + _digits(p, x, extra_decimals) for x in (v.low, v.high))
        notes = ([] if v.likely is None
                 else [f"likely {before}{_digits(p, v.likely, extra_decimals)}"])
        if v.shape != ("pert" if v.likely is not None else "uniform"):
            notes.append(v.shape)
        return f"{lo} to {hi}{after}" + (f" ({', '.join(notes)})" if notes else "")
    return f"{before}{_digits(p, v, extra_decimals)}{after}"


def _digits(p, v: float, extra_decimals: int) -> str:
    places = 0 if p.integer else p.decimals + extra_decimals
    digits = f"{v:,.{places}f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits


def _unit_parts(unit: str) -> tuple[str, str]:
    """What goes before and after a number: ``$`` and ``/month`` for ``$/month``."""
    if unit.startswith("$"):
        return "$", unit[1:]
    if unit.startswith("1/"):
        return "", unit[1:]
    return "", f" {unit}" if unit else ""


# --- reading numbers a person typed --------------------------------------------------------
# One reading everywhere (--set, the command line's numbers, scenario files' hints, the app's
# value fields): a point for decimals, underscores between digits (250_000, as in TOML),
# an exponent (1e6). Commas, spaces, units and trailing text are refused with a hint, so
# "1,5" never becomes 15.
_DIGITS = r"[0-9](?:_?[0-9])*"
_NUMBER = re.compile(rf"[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?")
_LEAD = re.compile(r"[+-]?(?:[0-9][0-9_]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")
_SCALE = {"k": 3, "K": 3, "M": 6, "B": 9}
MAX_INTEGER_DIGITS = 30  # longer whole numbers are out of every range; never build them


def parse_number(text: str) -> float:
    """A number typed by a person: ``1.5``, ``-3``, ``250_000``, ``1e6``.

    Raises ``ValueError`` with a one-line hint for anything else: ``'1,5' is not a number
    (use a point for decimals: 1.5)``; thousands separators, units (``$``, ``%``, ``K``) and
    trailing text are refused the same way, as are ``nan`` and ``inf``.
    """
    s = _clean(text)
    value = float(s.replace("_", ""))
    if not math.isfinite(value):
        raise ValueError(f"{shown(text)} is too large to be a number here")
    return value


def parse_integer(text: str) -> int:
    """A whole number typed by a person, exactly (every digit kept, never through a float):
    ``2009``, ``9_223_372_036_854_775_807``, ``1e6``, ``12.0``. ``ValueError`` as
    :func:`parse_number`, or when the number is not whole."""
    s = _clean(text)
    d = Decimal(s.replace("_", ""))
    if d.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(f"{shown(text)} is far too large")
    if d != d.to_integral_value():
        raise ValueError(f"{shown(text)} is not a whole number")
    return int(d)


def quoted_hint(text: str) -> str:
    """What to write instead of a number in quotes (``staff = "30"`` in a file)."""
    try:
        return f"write it without quotes: {parse_number(text):.15g}"
    except ValueError as e:
        return str(e).split(" (", 1)[-1].rstrip(")")


def _clean(text: str) -> str:
    """``text`` without surrounding spaces, when it is a number as :func:`parse_number` reads
    them; otherwise ``ValueError`` with the hint."""
    if not isinstance(text, str):
        raise ValueError(f"{shown(text)} is not a number")
    s = text.strip()
    if _NUMBER.fullmatch(s):
        return s
    raise ValueError(f"{shown(text)} is not a number ({_hint(s)})")


def _hint(s: str) -> str:
    """What to type instead of ``s``, which is not a number as :func:`parse_number` reads."""
    if not s:
        return "it is empty; type a number such as 1.5"
    digits = s.lstrip("+-")
    sign = s[:len(s) - len(digits)]
    if digits.lower() in ("nan", "inf", "infinity"):
        return "type a finite number such as 1.5"
    if re.fullmatch(r"[0-9]+,[0-9]+", digits):
        point = sign + digits.replace(",", ".")
        if re.fullmatch(r"[0-9]{1,3},[0-9]{3}", digits):
            return ("use a point for decimals and no thousands separators: "
                    f"{point} or {sign}{digits.replace(',', '')}")
        return f"use a point for decimals: {point}"
    m = re.fullmatch(r"([0-9]{1,3})((?:[,.' \u00a0\u202f][0-9]{3})+)(?:([.,])([0-9]+))?", digits)
    if m and len(set(m.group(2)[::4])) == 1 and m.group(3) not in set(m.group(2)[::4]):
        plain = sign + m.group(1) + re.sub(r"[^0-9]", "", m.group(2))
        plain += f".{m.group(4)}" if m.group(4) else ""
        return f"leave out thousands separators and use a point for decimals: {plain}"
    if "," in s:
        return "use a point for decimals and no commas, e.g. 1.5 or 1000"
    if "_" in s and _NUMBER.fullmatch(s.replace("_", "")):
        return f"underscores go between digits: {s.replace('_', '')}"
    body = s.removeprefix("$").strip()
    lead = _LEAD.match(body).group(0)
    if lead and _NUMBER.fullmatch(lead):
        return f"type the plain number without a unit or text: {_plain(body, lead)}"
    return "type a number such as 1.5, 250000 or 1e6"


def _plain(body: str, lead: str) -> str:
    """The number a person meant by ``250K``, ``15%`` or ``12 months``: 250000, 15, 12."""
    rest = body[len(lead):].strip()
    if rest in _SCALE:
        return f"{Decimal(lead.replace('_', '')).scaleb(_SCALE[rest]).normalize():f}"
    return lead.replace("_", "")


_SHOWN = reprlib.Repr()
_SHOWN.maxstring, _SHOWN.maxother, _SHOWN.maxlevel = 40, 40, 2
_SHOWN.maxlist = _SHOWN.maxdict = _SHOWN.maxtuple = 4


def shown(value: object) -> str:
    """``value`` quoted for a message, cut short: one line, at most about 40 characters."""
    return _SHOWN.repr(value)
