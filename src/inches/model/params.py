"""Every model parameter, declared once, with what it may be used for.

This table feeds the sliders, the scenario files, the command line's ``--set``, validation,
tooltips, the analyses' choosers and the decks. Adding a parameter is a change here and in the
strategy that uses it, nowhere else; every list of keys in the code is derived from the
:class:`Role` s declared here.

Values are always held in the units a person sees and types: shares in percent
(``community.conversion = 0.25`` means 0.25 % a month). :func:`model_value` converts a share
to the fraction the formulas use.
"""

from __future__ import annotations

import enum
import math
import numbers
from dataclasses import dataclass

from ..text import number, param_value, quoted_hint, shown

EXACT_FLOAT = 2**53  # whole numbers above this lose digits as floats (seeds must not)


class Role(enum.Flag):
    """What a parameter may be used for."""

    PANEL = enum.auto()  # a slider (or switch) on the parameter panel
    HEADLINE = enum.auto()  # shown first in its group, outside "More"
    RUN = enum.auto()  # a run setting: the [run] table of a scenario file
    SWEEP = enum.auto()  # an axis of a strategy map or sweep
    FIT = enum.auto()  # calibration may fit it (it changes the community's revenue)
    FIT_FIRST = enum.auto()  # calibration fits it unless told which to fit
    DECK = enum.auto()  # a slider a story deck may show
    GLIDE = enum.auto()  # glides between deck steps (the others jump)
    REVENUE = enum.auto()  # changes revenue as sold, not only cost, net or the halo
    SENSITIVITY = enum.auto()  # a tornado bar: moved across its plausible range
    RANGE = enum.auto()  # may take a range (low, likely, high) drawn per trial (uncertainty.py)


# A strategy's numbers: on the panel, swept, tornado bars, in decks, moving revenue, ranged.
MODEL = (Role.PANEL | Role.SWEEP | Role.DECK | Role.GLIDE | Role.REVENUE
         | Role.SENSITIVITY | Role.RANGE)
COST = MODEL & ~Role.REVENUE  # acts on cost, net or the halo only
REVENUE_FIT = MODEL | Role.FIT  # community numbers calibration may fit
RUN = Role.RUN | Role.PANEL  # a run setting shown on the panel


@dataclass(frozen=True)
class Param:
    """One parameter: its scenario key, how it is shown, its range, its roles and its source.

    ``lo``/``hi`` bound what the model accepts (and the slider). ``plausible`` is the low/high pair
    the sensitivity analysis moves it across. ``percent`` marks a share typed in percent and used
    as a fraction. ``log`` asks the slider for a logarithmic scale (ranges over decades).
    """

    key: str
    label: str
    unit: str
    default: float
    lo: float
    hi: float
    help: str
    source: str
    plausible: tuple[float, float] | None = None
    roles: Role = MODEL
    percent: bool = False
    integer: bool = False
    boolean: bool = False
    log: bool = False
    decimals: int = 0

    def has(self, role: Role) -> bool:
        """True when the parameter may be used for ``role``."""
        return role in self.roles

    @property
    def headline(self) -> bool:
        return self.has(Role.HEADLINE)

    @property
    def group(self) -> str:
        """``community``, ``deals`` or ``run``."""
        return self.key.split(".", 1)[0] if "." in self.key else "run"

    @property
    def name(self) -> str:
        """The key without its group: the name used inside a TOML table."""
        return self.key.split(".", 1)[-1]

    def tooltip(self) -> str:
        """Plain-text tooltip: meaning, unit, range, default and its source."""
        rng = f"{param_value(self, self.lo)} to {param_value(self, self.hi)}"
        return (f"{self.help}\nUnit: {self.unit or 'none'}. Range {rng}. "
                f"Default {param_value(self, self.default)}.\nDefault from: {self.source}")

    def check(self, value: object) -> float | int:
        """``value`` as a number in range (an end itself is allowed), or ``ValueError`` saying
        what is allowed. Whole-number parameters come back as exact ``int`` (a seed keeps
        every digit), the others as ``float``, switches as 0.0 or 1.0."""
        if self.boolean:
            if isinstance(value, bool):
                return float(value)
            raise ValueError(f"{shown(value)} is not true or false")
        allowed = f"allowed {self.range_text()}"
        if isinstance(value, str):
            raise ValueError(f"{shown(value)} is text, not a number ({quoted_hint(value)}; "
                             f"{allowed})")
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"{shown(value)} is not a number ({allowed})")
        if self.integer:
            return self._check_integer(value, allowed)
        if isinstance(value, numbers.Integral) and abs(value) > 1e300:
            raise ValueError(f"{shown(value)} is out of range ({allowed})")
        v = float(value)
        if math.isnan(v) or math.isinf(v):
            raise ValueError(f"{value!r} is not a finite number ({allowed})")
        if not self.lo <= v <= self.hi:
            raise ValueError(f"{number(v)} is out of range ({allowed})")
        return v

    def _check_integer(self, value: numbers.Real, allowed: str) -> int:
        if not isinstance(value, numbers.Integral):
            v = float(value)
            if not math.isfinite(v):
                raise ValueError(f"{value!r} is not a finite number ({allowed})")
            if v != int(v):
                raise ValueError(f"{number(v)} is not a whole number ({allowed})")
            if abs(v) >= EXACT_FLOAT:
                raise ValueError(f"{number(v)} is too large to be exact with a point or "
                                 f"exponent; write every digit, e.g. 2009 ({allowed})")
        n = int(value)
        if not self.lo <= n <= self.hi:
            shown_n = f"{n:,}" if abs(n) < 10**30 else shown(n)
            raise ValueError(f"{shown_n} is out of range ({allowed})")
        return n

    def range_text(self) -> str:
        """``0 to 200 FTE``: the allowed range in the parameter's unit."""
        return f"{number(self.lo)} to {number(self.hi)} {self.unit}".rstrip()


_P = Param
PARAMS: tuple[Param, ...] = (
    # --- Community ("inches") -------------------------------------------------------------
    _P("community.trust_months", "Trust-building time", "months", 12, 0, 48,
       "Time constant for trust to build while the team keeps up with the community.",
       "Dell Outlet needed about 18 months on Twitter before its first $1M; a 12-month constant "
       "with the other defaults passes that point.", (6, 24),
       roles=REVENUE_FIT | Role.HEADLINE | Role.FIT_FIRST, decimals=1),
    _P("community.staff", "Community staff", "FTE", 20, 0, 200,
       "People engaging with the community, in full-time equivalents.",
       "Dell had over 100 employees posting part-time; about 20 full-time equivalents.",
       (10, 40), roles=REVENUE_FIT | Role.HEADLINE, decimals=1),
    _P("community.conversion", "Conversion", "%/month", 0.25, 0, 2,
       "Share of followers who buy in a month once trust is full.",
       "Calibrated so the median passes Dell's $1M, $3M and $6.5M at months 18, 24 and 30.",
       (0.1, 0.5), roles=REVENUE_FIT | Role.HEADLINE | Role.FIT_FIRST, percent=True,
       decimals=2),
    _P("community.order_value", "Order value", "$", 400, 10, 10_000,
       "Average order from a community buyer.",
       "Dell Outlet sells refurbished PCs and accessories; a few hundred dollars an order.",
       (200, 800), roles=REVENUE_FIT, log=True),
    _P("community.order_value_cv", "Order spread", "CV", 1.0, 0, 3,
       "Spread of one order as a coefficient of variation (standard deviation / mean).",
       "Retail order values are roughly exponential, whose CV is 1.", (0.5, 2.0),
       roles=REVENUE_FIT, decimals=2),
    _P("community.audience", "Audience", "people", 10_000_000, 10_000, 100_000_000,
       "People the community could ever reach (market potential).",
       "Dell's community was 3.5M across networks in Dec 2009 and still growing; "
       "10M is a few times that.", (3_000_000, 30_000_000), roles=REVENUE_FIT, log=True),
    _P("community.reach_per_staff", "Outreach per staffer", "people/month", 200, 0, 20_000,
       "New followers one staffer's outreach brings in a month, before saturation.",
       "Calibrated with word of mouth to Dell's 600K followers by June 2009.", (100, 400),
       roles=REVENUE_FIT),
    _P("community.word_of_mouth", "Word of mouth", "1/month", 0.15, 0, 1,
       "New followers each follower brings in a month, before saturation (Bass q).",
       "Dell went from about 600K to 1.5M followers in six months (June to Dec 2009).",
       (0.08, 0.25), roles=REVENUE_FIT | Role.FIT_FIRST, decimals=3),
    _P("community.churn", "Churn", "%/month", 1.0, 0, 20,
       "Followers lost each month.", "Typical unfollow rates on brand accounts are 1-2 % a month.",
       (0.5, 3.0), roles=REVENUE_FIT, percent=True, decimals=2),
    _P("community.capacity_per_staff", "Followers per staffer", "people", 20_000, 1_000, 1_000_000,
       "Followers one staffer can keep genuinely engaged; beyond it coverage falls.",
       "Community-management rules of thumb: tens of thousands of followers per manager.",
       (10_000, 100_000), roles=REVENUE_FIT, log=True),
    _P("community.incidents_per_year", "Incidents", "1/year", 1.0, 0, 12,
       "Viral complaints a year: a community can bite back.",
       "Dell's own 'Dell Hell' (2005) is the classic case; about one a year.", (0.25, 3),
       roles=REVENUE_FIT, decimals=2),
    _P("community.incident_severity", "Incident severity", "%", 50, 0, 100,
       "Share of trust one incident destroys when nobody responds.",
       "Judgement: an unanswered viral complaint halves goodwill.", (25, 75), roles=REVENUE_FIT,
       percent=True),
    _P("community.response", "Response", "%", 60, 0, 100,
       "Share of an incident's damage a fully staffed team prevents.",
       "Judgement: a team that answers fast limits most of the damage.", (30, 90),
       roles=REVENUE_FIT, percent=True),
    _P("community.staff_cost", "Cost per staffer", "$/month", 8_000, 0, 50_000,
       "Loaded monthly cost of one community FTE.",
       "Community-manager salaries of $68K-$90K plus overheads. An outside estimate of Dell's "
       "cost (20 % of 100 people) is about $2,100 a month per FTE-equivalent.",
       (2_100, 12_000), roles=COST),
    _P("community.halo_per_follower", "Halo per follower", "$/month", 0, 0, 5,
       "Indirect brand value of a follower, reported apart from revenue.",
       "Off by default: the halo is real but nobody measured it.", (0, 0.1), roles=COST,
       decimals=2),
    _P("community.incremental_share", "Incremental share", "%", 100, 0, 100,
       "Share of community sales that are new rather than shifted from other channels.",
       "100 %: counts all community sales, as Dell's figures did.", (50, 100), roles=COST,
       percent=True),
    _P("community.gross_margin", "Community margin", "%", 100, 0, 100,
       "Gross margin on community sales (100 % counts revenue).",
       "100 %: compares revenue, as the Dell figures are revenue.", (20, 100), roles=COST,
       percent=True),
    # --- Deals ("miles") ------------------------------------------------------------------
    _P("deals.reps", "Sales reps", "people", 12, 0, 200,
       "Salespeople hired to hunt big accounts.",
       "'A dozen additional salespeople to hunt down some big corporate accounts' (Inches Not "
       "Miles, 2009).", (6, 24), roles=MODEL | Role.HEADLINE, integer=True),
    _P("deals.deal_size", "Deal size", "$", 250_000, 1_000, 100_000_000,
       "Median won deal.", "A mid-sized corporate hardware or services deal.",
       (100_000, 500_000), roles=MODEL | Role.HEADLINE, log=True),
    _P("deals.win_rate", "Win rate", "%", 15, 0, 100,
       "Share of closed opportunities that are won.",
       "B2B benchmarks put qualified-opportunity win rates at 15-30 %.", (8, 30),
       roles=MODEL | Role.HEADLINE, percent=True, decimals=1),
    _P("deals.ramp_months", "Rep ramp-up", "months", 5, 0, 24,
       "Months until a new rep is fully productive (linear ramp).",
       "Sales-ramp surveys: 3 to 6 months for mid-market reps.", (2, 9), decimals=1),
    _P("deals.opportunities_per_rep", "Opportunities per rep", "1/month", 1.0, 0, 20,
       "New qualified opportunities one productive rep opens in a month.",
       "Enterprise reps carry about a dozen new qualified opportunities a year.", (0.5, 2),
       decimals=2),
    _P("deals.cycle_months", "Sales cycle", "months", 9, 1, 36,
       "Average time from opportunity to decision.",
       "Enterprise B2B sales cycles run 6-12 months.", (6, 12), decimals=1),
    _P("deals.deal_size_spread", "Deal size spread", "sigma", 1.0, 0, 3,
       "Lognormal sigma of deal size: the fat tail of big deals.",
       "Sigma 1 makes the mean deal 1.65 x the median, as in typical B2B deal books.",
       (0.5, 1.5), decimals=2),
    _P("deals.rep_cost", "Cost per rep", "$/month", 25_000, 0, 200_000,
       "Loaded monthly cost of one salesperson.",
       "On-target earnings of about $200K plus overheads: $300K a year.", (15_000, 35_000),
       roles=COST),
    _P("deals.gross_margin", "Deals margin", "%", 100, 0, 100,
       "Gross margin on deal revenue (100 % counts revenue).",
       "100 %: compares revenue, like the community side.", (20, 100), roles=COST,
       percent=True),
    # --- Run settings -----------------------------------------------------------------------
    _P("months", "Horizon", "months", 36, 6, 120, "Months simulated.",
       "Three years: long enough for trust to build.", roles=RUN | Role.DECK, integer=True),
    _P("trials", "Trials", "futures", 10_000, 100, 1_000_000, "Futures simulated.",
       "10,000 keeps the median's Monte Carlo error near 1 %.", roles=RUN, integer=True,
       log=True),
    _P("seed", "Seed", "", 2009, 0, 2**63 - 1, "Random seed: the same seed gives the same futures.",
       "Any fixed integer; 2009 for the Dell year.", roles=RUN, integer=True),
    _P("equal_budget", "Same money, two ways", "", 0, 0, 1,
       "Set community staff so both strategies cost the same each month.",
       "Off: the defaults compare Dell's community with a dozen reps as they were.",
       roles=RUN, boolean=True),
    _P("discount_rate", "Discount rate", "%/year", 0, 0, 30,
       "Annual rate for present values of net (0 gives plain sums).",
       "0: plain sums, as the Dell figures are.", (0, 15),
       roles=RUN | Role.SWEEP | Role.DECK | Role.GLIDE, percent=True, decimals=1),
    _P("include_halo", "Count halo in net", "", 0, 0, 1,
       "Add the community's halo value to its net.", "Off: halo is reported apart.",
       roles=RUN, boolean=True),
)

BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}
COMMUNITY_KEYS = tuple(p.key for p in PARAMS if p.group == "community")
DEALS_KEYS = tuple(p.key for p in PARAMS if p.group == "deals")
# Whole-number parameters (reps, months, trials, seed) are held as exact ints, the rest as floats.
DEFAULTS: dict[str, float | int] = {p.key: int(p.default) if p.integer else float(p.default)
                                    for p in PARAMS}


def keys_with(role: Role) -> tuple[str, ...]:
    """The keys of every parameter that may be used for ``role``, in declaration order."""
    return tuple(p.key for p in PARAMS if p.has(role))


def param(key: str) -> Param:
    """The parameter called ``key``; accepts ``run.months`` for ``months``."""
    key = key.removeprefix("run.")
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown parameter {key!r}") from None


def model_value(key: str, value: float) -> float:
    """A value in the unit the formulas use: shares as fractions, everything else unchanged."""
    return value / 100.0 if BY_KEY[key].percent else value

