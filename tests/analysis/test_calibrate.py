"""Calibration: the fit recovers parameters from paths they made, and passes near Dell's points."""

import json
from dataclasses import replace

import numpy as np
import pytest

import inches
from inches import Cancelled, ScenarioError
from inches.analysis import calibrate
from inches.analysis.calibrate import FIT_KEYS
from inches.model.params import BY_KEY

TRUTH = {"community.conversion": 0.3, "community.word_of_mouth": 0.12,
         "community.trust_months": 8.0}
DELL = [(18, 1e6), (24, 3e6), (30, 6.5e6)]


def test_recovers_known_parameters_from_their_own_median_path(dell):
    """Observations read off a run with known values are fitted back within 10 % of each value,
    starting from the preset's (0.25, 0.15, 12), with the same trials and seed."""
    path = inches.simulate(dell.with_values(TRUTH), trials=1000, seed=7) \
        .community.bands("cumulative_revenue")["p50"]
    observed = [(m, float(path[m - 1])) for m in (6, 12, 24, 36)]
    c = calibrate(dell, observed, trials=1000, seed=7)
    assert c.start == {k: float(dell[k]) for k in FIT_KEYS}
    for k, v in TRUTH.items():
        assert c.values[k] == pytest.approx(v, rel=0.10), k
    assert c.rms_relative_error < 0.01
    assert c.scenario["community.conversion"] == c.values["community.conversion"]


def test_dell_points_are_met_within_a_few_percent(dell):
    """Fitted to Dell's $1M, $3M, $6.5M, the median path misses each by under 10 %, the fitted
    values stay in their allowed ranges, and the path runs to the scenario's horizon."""
    c = calibrate(dell, DELL, trials=500, seed=1)
    assert c.rms_relative_error < 0.05
    assert np.all(np.abs(c.residuals) < 0.10)
    np.testing.assert_allclose(c.residuals, c.fitted / np.array([1e6, 3e6, 6.5e6]) - 1)
    assert len(c.path) == dell.months and c.path[17] == c.fitted[0]
    for k, v in c.values.items():
        assert BY_KEY[k].lo <= v <= BY_KEY[k].hi
    d = json.loads(json.dumps(c.to_dict(), allow_nan=False))
    assert d["observed"] == [list(p) for p in DELL] and len(d["path"]) == 36
    assert "Conversion" in c.table() and "Miss" in c.table()


def test_fits_only_the_keys_asked_for_and_can_be_cancelled(dell):
    """Keys not fitted keep their values; cancel() stops the fit with Cancelled."""
    c = calibrate(dell, DELL, keys=["community.conversion"], trials=300, seed=1)
    assert list(c.values) == ["community.conversion"]
    assert c.scenario["community.word_of_mouth"] == dell["community.word_of_mouth"]
    with pytest.raises(Cancelled):
        calibrate(dell, DELL, trials=300, seed=1, cancel=lambda: True)


@pytest.mark.parametrize("observed, keys, words", [
    ([(18, 1e6)], FIT_KEYS, ["1 observed point", "at least 2"]),
    ([(18, 1e6), (0, 2e6)], FIT_KEYS, ["month 0", "whole month from 1 to the horizon, 36"]),
    ([(18, 1e6), (24.5, 2e6)], FIT_KEYS, ["month 24.5"]),
    ([(18, 1e6), (24, -1)], FIT_KEYS, ["positive amount"]),
    ([(18, 1e6), (18, 2e6)], FIT_KEYS, ["share a month"]),
    (DELL, ["deals.reps"], ["deals.reps does not change the community's revenue"]),
    (DELL, ["community.staff_cost"], ["community.staff_cost does not change"]),
    (DELL, ["community.conversation"], ["unknown parameter 'community.conversation'"]),
    (DELL, [], ["at least one parameter"]),
])
def test_bad_points_and_keys_say_what_is_wrong(dell, observed, keys, words):
    """Points and keys the fit cannot use raise ScenarioError saying why."""
    with pytest.raises(ScenarioError) as e:
        calibrate(dell, observed, keys=keys, trials=100)
    for w in words:
        assert w in str(e.value)


def test_a_fit_missing_by_more_than_a_fifth_is_a_poor_fit(dell):
    """A typical miss over 20% is a poor fit (a table says so); exactly 20% is still a fit."""
    c = calibrate(dell, [(6, 5e6), (36, 5.1e6)], trials=200)
    assert c.poor_fit and c.rms_relative_error > 0.2 and c.table().startswith("Poor fit")
    assert "Poor fit" in c.poor_fit_text() and c.to_dict()["poor_fit"] is True
    tie = replace(c, residuals=np.array([0.2, -0.2]))
    assert tie.rms_relative_error == pytest.approx(0.2) and not replace(
        c, residuals=np.array([0.2, 0.2])).poor_fit
