"""An honest verdict: a coin flip reads as one, ties are ties, one rule for the crossover."""

import numpy as np
import pytest

import inches
from inches.model.outcome import Lead, Z

DELL = inches.load_scenario("dell-2009")


def _lead(ahead, behind, n):
    return Lead(np.array([ahead]), np.array([behind]), n)


@pytest.mark.parametrize("seed", [2005, 2006, 2009])
def test_defaults_are_too_close_to_call(seed):
    """At the defaults the chance inches is ahead is within 2 standard errors of 50% for these
    seeds (it was "Miles ahead" for 2005 and 2006, "Inches ahead" for 2009): a coin flip."""
    r = inches.simulate(DELL, seed=seed)
    p, se = r.lead.ahead[-1], r.lead.ahead_se[-1]
    assert abs(p - 0.5) <= Z * se
    assert r.verdict().startswith("Too close to call at month 36: inches ahead in ")
    assert r.verdict().endswith("of futures, ±1%")
    assert r.crossover_month is None and r.to_dict()["crossover_month"] is None


@pytest.mark.parametrize("seed", range(2000, 2012))
def test_one_rule_decides_every_seed(seed):
    """Too close to call exactly when the lead is within two standard errors; else the side
    that leads is named with its share."""
    r = inches.simulate(DELL, seed=seed)
    a, b, n = r.lead.ahead[-1], r.lead.behind[-1], r.lead.n
    d = a - b
    clear = abs(d) > Z * np.sqrt((a + b - d * d) / n)
    verdict = r.verdict()
    assert verdict.startswith("Too close to call") != clear
    if clear:
        assert verdict.startswith("Inches ahead" if d > 0 else "Miles ahead")


def test_too_close_names_the_figure_and_its_error():
    """Within two standard errors of 50%: the figure and its two-standard-error margin."""
    lead = _lead(0.504, 0.496, 10_000)
    assert lead.call[-1] == 0
    text = lead.verdict(36, np.array([1.0, 2.0]), np.array([2.0, 1.0]))
    assert text == "Too close to call at month 36: inches ahead in 50% of futures, ±1%"


def test_beyond_two_standard_errors_is_called():
    """A lead of three standard errors is a call for the side that leads."""
    n = 10_000
    se = np.sqrt(0.25 / n)
    assert _lead(0.5 + 3 * se, 0.5 - 3 * se, n).call[-1] == 1
    assert _lead(0.5 - 3 * se, 0.5 + 3 * se, n).call[-1] == -1
    assert _lead(0.5 + 1.5 * se, 0.5 - 1.5 * se, n).call[-1] == 0


def test_no_reps_and_no_staff_is_a_tie_not_a_win():
    """Both strategies net exactly $0 in every future: "No difference", for neither side."""
    r = inches.simulate(DELL.with_values({"deals.reps": 0, "community.staff": 0}), trials=1000)
    assert r.prob_community_ahead[-1] == 0 and r.lead.behind[-1] == 0
    assert r.verdict() == "No difference: both strategies net $0 in every future by month 36"
    assert r.crossover_month is None


def test_ties_count_for_neither_side():
    """With ties the shares of each side are named and the rest called ties."""
    text = _lead(0.30, 0.20, 10_000).verdict(36, np.zeros(3), np.zeros(3))
    assert text == "Inches ahead in 30% of futures by month 36 (miles in 20%, the rest tie)"


def test_a_clear_win_is_said_plainly():
    """Same money, two ways: inches ahead in most futures, said without hedging."""
    r = inches.simulate(DELL.with_values({"equal_budget": True}))
    assert r.verdict().startswith("Inches ahead in ")
    assert r.verdict().endswith("of futures by month 36")


def test_crossover_is_where_inches_stays_clearly_ahead():
    """The crossover month is the first month from which every month is called for inches,
    the same month the chart marks; month 1 is no longer "ahead" because costs start low."""
    r = inches.simulate(DELL.with_values({"equal_budget": True}))
    call, m = r.lead.call, r.crossover_month
    assert m is not None and m > 1
    assert np.all(call[m - 1:] == 1) and call[m - 2] != 1
    assert r.ahead_from_month == m and r.to_dict()["crossover_month"] == m


def test_chance_ahead_band_is_two_standard_errors():
    """The chart's band is the binomial standard error of the share, per month."""
    r = inches.simulate(DELL, trials=2000, months=12)
    p = r.prob_community_ahead
    np.testing.assert_allclose(r.lead.ahead_se, np.sqrt(p * (1 - p) / 2000))
