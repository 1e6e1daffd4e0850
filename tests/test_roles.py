"""Parameters know their roles, and every choice a command offers runs.

Each list of keys in the code comes from the roles declared in ``inches.model.params``; these
tests hold the roles consistent and run every key each command accepts, so nothing offered
can fail with "cannot be swept" or "cannot be fitted".
"""

import json

import pytest

from inches.analysis.calibrate import FIT_KEYS
from inches.analysis.sensitivity import KEYS as SENSITIVITY_KEYS
from inches.analysis.sweep import SWEEP_KEYS
from inches.cli import main
from inches.model.params import BY_KEY, PARAMS, Role, keys_with


def test_roles_agree_with_what_each_parameter_is():
    """Run settings live in [run]; switches are never sliders; fits change community revenue;
    a tornado bar needs a plausible range; what is swept or glides is a number."""
    for p in PARAMS:
        assert p.has(Role.RUN) == (p.group == "run"), p.key
        if p.boolean:
            assert not p.roles & (Role.DECK | Role.SWEEP | Role.GLIDE | Role.SENSITIVITY), p.key
        if p.has(Role.FIT):
            assert p.group == "community" and p.has(Role.REVENUE), p.key
        if p.has(Role.FIT_FIRST):
            assert p.has(Role.FIT), p.key
        if p.has(Role.SENSITIVITY):
            assert p.plausible and p.has(Role.SWEEP), p.key
        if p.has(Role.HEADLINE):
            assert p.has(Role.PANEL) and p.has(Role.DECK), p.key
    assert "months" not in SWEEP_KEYS and "trials" not in keys_with(Role.DECK)
    assert set(FIT_KEYS) == {"community.trust_months", "community.conversion",
                             "community.word_of_mouth"}


@pytest.mark.parametrize("key", SWEEP_KEYS)
def test_every_sweep_axis_offered_runs(key, capsys):
    """`inches sweep --x KEY=...` runs for every parameter the map offers."""
    lo, hi = BY_KEY[key].plausible or (BY_KEY[key].lo, BY_KEY[key].hi)
    code = main(["sweep", "--x", f"{key}={lo}:{hi}:2", "--trials", "100", "--months", "12",
                 "--json", "--scheduler", "serial"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["x_key"] == key


def test_every_sensitivity_key_runs(capsys):
    """The tornado moves every parameter that has a plausible range, and each one runs."""
    code = main(["sensitivity", "--trials", "100", "--months", "12", "--json",
                 "--set", "include_halo=on", "--scheduler", "serial"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert {r["key"] for r in json.loads(out)["rows"]} == set(SENSITIVITY_KEYS)


@pytest.mark.parametrize("key", keys_with(Role.FIT))
def test_every_fittable_key_fits(key, capsys):
    """`inches calibrate --fit KEY` runs for every parameter calibration accepts."""
    code = main(["calibrate", "--point", "18:1e6", "--point", "30:6.5e6", "--fit", key,
                 "--trials", "100", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert list(json.loads(out)["values"]) == [key]


@pytest.mark.parametrize("key", [p.key for p in PARAMS if p.group != "run"
                                 and not p.has(Role.FIT)])
def test_keys_that_do_not_change_revenue_are_refused_as_fits(key, capsys):
    """A parameter that only moves cost, net or the other strategy cannot be fitted."""
    code = main(["calibrate", "--point", "18:1e6", "--point", "30:6.5e6", "--fit", key])
    assert code == 2 and "fit one of" in capsys.readouterr().err
