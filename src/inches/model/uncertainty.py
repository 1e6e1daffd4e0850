"""Ranges: a parameter nobody knows exactly, given as low, likely and high instead of one value.

A :class:`Range` stands in a scenario's values where a number would (``trust_months = { low =
6, likely = 12, high = 24 }`` in a file, ``--set community.trust_months=6..12..24`` on the
command line, ``inches.Range(6, 12, 24)`` in Python). Each trial draws its own value once, at
one uniform from the parameter's own random stream (:func:`draw_inputs`), through the shape's
inverse distribution function, so with the seed fixed every trial's value moves smoothly as the
range moves and no other random component is touched.

Shapes (docs/model.md, section 12):

* ``pert`` (the default with a likely value): Beta(1 + 4 (m - a)/(b - a), 1 + 4 (b - m)/(b - a))
  scaled to low a .. high b, mean (a + 4 m + b) / 6;
* ``triangular``: the triangle on a .. b peaking at m, mean (a + m + b) / 3;
* ``uniform`` (the default for low and high alone): every value in a .. b alike.

Only parameters with :attr:`~inches.model.params.Role.RANGE` take a range. A range of zero width
is the plain number (checked here, before anything runs), so its results are the plain run's.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.special import betaincinv, ndtr, ndtri

from ..text import number, parse_integer, parse_number
from .params import BY_KEY, Param, Role, keys_with
from .streams import first_uniforms

SHAPES = ("pert", "triangular", "uniform")
PERT_LAMBDA = 4.0  # the classic PERT's weight on the likely value
RANGE_KEYS = keys_with(Role.RANGE)  # every parameter that may take a range
_FIELDS = ("low", "likely", "high", "shape")


@dataclass(frozen=True, init=False)
class Range:
    """Low, likely and high values of one parameter, and the shape between them.

    ``Range(6, 12, 24)`` is PERT on 6 .. 24 peaking at 12; ``Range(6, 24)`` is uniform on
    6 .. 24; ``shape="triangular"`` (or ``"pert"``, ``"uniform"``) chooses another shape.
    Values are in the parameter's unit as typed (shares in percent). Immutable and hashable;
    :meth:`~inches.Scenario.with_values` checks it against the parameter.
    """

    low: float
    likely: float | None
    high: float
    shape: str

    def __init__(self, low, likely=None, high=None, shape: str | None = None):
        if high is None:  # Range(low, high)
            likely, high = None, likely
        if shape is None:
            shape = "uniform" if likely is None else "pert"
        for name, value in zip(_FIELDS, (low, likely, high, shape)):
            object.__setattr__(self, name, value)

    @property
    def point(self) -> float:
        """The one value that stands for the range where one is needed (a slider, a plain
        run): the likely value, or the middle when there is none."""
        return self.likely if self.likely is not None else (self.low + self.high) / 2.0

    @property
    def mean(self) -> float:
        """The mean of the shape (before whole-number parameters round their draws)."""
        a, b = self.low, self.high
        if self.shape == "uniform":
            return (a + b) / 2.0
        m = self.likely
        if self.shape == "triangular":
            return (a + m + b) / 3.0
        return (a + PERT_LAMBDA * m + b) / (PERT_LAMBDA + 2.0)

    def pert_shapes(self) -> tuple[float, float]:
        """(alpha, beta) of the PERT's Beta law."""
        w = self.high - self.low
        return (1.0 + PERT_LAMBDA * (self.likely - self.low) / w,
                1.0 + PERT_LAMBDA * (self.high - self.likely) / w)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """The shape's inverse distribution function at uniforms ``u`` (0 < u < 1)."""
        u = np.asarray(u, float)
        a, b = float(self.low), float(self.high)
        if self.shape == "uniform":
            return a + (b - a) * u
        m = float(self.likely)
        if self.shape == "triangular":
            c = (m - a) / (b - a)
            left = a + np.sqrt(u * (b - a) * (m - a))
            right = b - np.sqrt((1.0 - u) * (b - a) * (b - m))
            return np.where(u < c, left, right)
        return a + (b - a) * _beta_quantile(*self.pert_shapes(), u)

    def as_dict(self) -> dict:
        """``{"low", "likely", "high", "shape"}``, leaving out a likely value that is not given."""
        out = {"low": self.low, "likely": self.likely, "high": self.high, "shape": self.shape}
        if self.likely is None:
            del out["likely"]
        return out

    def text(self) -> str:
        """As the command line reads it: ``6..12..24`` or ``6..24`` (the shape said apart)."""
        ends = (self.low, self.high) if self.likely is None else (self.low, self.likely, self.high)
        return "..".join(_plain(x) for x in ends)


_Z = np.linspace(-9.5, 9.5, 4097)  # normal scores: every uniform a stream gives lies inside
_STEP = _Z[1] - _Z[0]


@lru_cache(maxsize=64)
def _beta_table(alpha: float, beta: float) -> np.ndarray:
    """Exact Beta(alpha, beta) quantiles (scipy's ``betaincinv``) at the normal scores _Z."""
    return betaincinv(alpha, beta, ndtr(_Z))


def _beta_quantile(alpha: float, beta: float, u: np.ndarray) -> np.ndarray:
    """The Beta quantile at ``u``, interpolated linearly in the normal score between exact
    quantiles: within 1e-6 of exact in probability (measured over PERT's shapes), monotone in
    u and in the likely value, and ten times faster than inverting each trial."""
    f = np.clip((ndtri(u) - _Z[0]) / _STEP, 0.0, _Z.size - 1 - 1e-9)
    i = f.astype(np.intp)
    w = f - i
    table = _beta_table(float(alpha), float(beta))
    return table[i] * (1.0 - w) + table[i + 1] * w


class RangeError(ValueError):
    """Why a range cannot be used; the caller names where it was given."""


def check_range(p: Param, value: object) -> Range | float | int:
    """``value`` (a :class:`Range` or a ``{low, likely, high, shape}`` table) as a checked Range
    of ``p``, or the plain number when its width is zero. :class:`RangeError` says why not."""
    if not p.has(Role.RANGE):
        raise RangeError(f"{p.key} takes one value, not a range (ranges are for the community "
                         f"and deals numbers: {', '.join(RANGE_KEYS[:2])}, ...)")
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in _FIELDS]
        if unknown:
            raise RangeError(f"unknown key {unknown[0]!r} in a range (allowed low, likely, high "
                             f"and shape)")
        if "low" not in value or "high" not in value:
            raise RangeError("a range needs low and high, e.g. { low = 6, likely = 12, "
                             "high = 24 }")
        value = Range(value["low"], value.get("likely"), value["high"], value.get("shape"))
    if not isinstance(value, Range):
        raise RangeError(f"{value!r} is not a range")
    if not isinstance(value.shape, str) or value.shape not in SHAPES:
        raise RangeError(f"shape {value.shape!r} is not a shape (allowed pert, triangular or "
                         f"uniform)")
    low, high = _end(p, "low", value.low), _end(p, "high", value.high)
    if low > high:
        raise RangeError(f"low {number(low)} is above high {number(high)} (give low below high,"
                         f" both within {p.range_text()})")
    likely = None if value.likely is None else _end(p, "likely", value.likely)
    if likely is None and value.shape != "uniform":
        raise RangeError(f"a {value.shape} range needs a likely value, e.g. {{ low = 6, "
                         f"likely = 12, high = 24 }}, or shape = \"uniform\" for low and high "
                         f"alone")
    if likely is not None and not low <= likely <= high:
        raise RangeError(f"likely {number(likely)} is outside low {number(low)} to high "
                         f"{number(high)} (the likely value lies between them)")
    if low == high:
        return low
    return Range(low, likely, high, value.shape)


def _end(p: Param, name: str, value: object) -> float | int:
    try:
        return p.check(value)
    except ValueError as e:
        raise RangeError(f"{name} {e}") from None


def check_value(p: Param, value: object) -> Range | float | int:
    """A number or a range for ``p``, checked; ``ValueError`` starts with the value as given."""
    if isinstance(value, (Range, Mapping)):
        try:
            return check_range(p, value)
        except RangeError as e:
            raise ValueError(f"{shown_range(value)}: {e}") from None
    return p.check(value)


def shown_range(value: object) -> str:
    """A range as a scenario file writes it: ``{ low = 6, likely = 12, high = 24 }``."""
    if isinstance(value, Range):
        value = value.as_dict()
        if value["shape"] == ("uniform" if "likely" not in value else "pert"):
            del value["shape"]
    if not isinstance(value, Mapping):
        return repr(value)
    parts = [f"{k} = {_plain(v)}" if isinstance(v, (int, float)) and not isinstance(v, bool)
             else f"{k} = {v!r}".replace("'", '"') for k, v in value.items()]
    return "{ " + ", ".join(parts) + " }"


def _plain(x: float) -> str:
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e16 else f"{x:.15g}"


def parse_range(p: Param, text: str) -> Range:
    """``6..12..24`` (PERT) or ``6..24`` (uniform) as typed, as a :class:`Range` not yet
    checked against ``p``; a ValueError saying what is wrong otherwise. The ends read as every
    typed number does (:func:`inches.text.parse_number`; exact whole numbers where ``p`` is
    whole)."""
    parts = text.split("..")
    if len(parts) not in (2, 3):
        raise ValueError(f"a range is LOW..HIGH or LOW..LIKELY..HIGH, e.g. 6..12..24 "
                         f"(allowed {p.range_text()})")
    ends = []
    for name, part in zip(("low", "likely", "high") if len(parts) == 3 else ("low", "high"),
                          parts):
        try:
            ends.append(parse_integer(part) if p.integer else parse_number(part))
        except ValueError as e:
            raise ValueError(f"{name} {e}; allowed {p.range_text()}") from None
    return Range(*ends)


def point(value: Range | float) -> float:
    """A value as one number: a range's :attr:`Range.point`, a number itself."""
    return value.point if isinstance(value, Range) else value


def stream_of(key: str) -> int:
    """The random component a ranged parameter draws from: 2^32 + the CRC-32 of its key, so
    the number depends on the key alone and adding parameters never renumbers one."""
    return 2**32 + zlib.crc32(key.encode())


def draw_inputs(ranges: Mapping[str, Range], seed: int, first: int, n: int
                ) -> dict[str, np.ndarray]:
    """Each ranged parameter's value in trials ``first .. first + n`` (shape (n,), float64, in
    the unit as typed): the shape's inverse distribution function at the first uniform of the
    parameter's own stream; whole-number parameters round half up."""
    out = {}
    for key, r in ranges.items():
        x = r.ppf(first_uniforms(seed, stream_of(key), first, n))
        np.clip(x, r.low, r.high, out=x)
        if BY_KEY[key].integer:
            x = np.floor(x + 0.5)
        out[key] = x
    return out
