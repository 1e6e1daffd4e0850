"""Ranges on the command line and in files: what runs, what it prints, and every bad range
refused in one sentence naming the file or option, the key, the value and what is allowed."""

from __future__ import annotations

import json

import pytest

import inches
from inches import Range
from inches.files.scenarios import parse_scenario, scenario_to_toml
from inches.model.params import BY_KEY
from inches.model.uncertainty import RANGE_KEYS
from tests.cli.test_bad_input import _refused, run

SET = "--set"
TRUST = "community.trust_months"


@pytest.mark.parametrize("item, words", [
    (f"{TRUST}=24..6", ["--set", TRUST, "24..6", "low 24 is above high 6", "0 to 48 months"]),
    (f"{TRUST}=6..30..24", [TRUST, "likely 30 is outside low 6 to high 24"]),
    (f"{TRUST}=nan..24", [TRUST, "low 'nan'", "finite", "0 to 48 months"]),
    (f"{TRUST}=6..inf", [TRUST, "high 'inf'", "finite"]),
    (f"{TRUST}=6..60", [TRUST, "high 60 is out of range", "0 to 48 months"]),
    (f"{TRUST}=-1..12", [TRUST, "low -1 is out of range", "0 to 48 months"]),
    ("deals.win_rate=15..130", ["deals.win_rate", "high 130", "0 to 100 %"]),
    ("months=12..24", ["months", "takes one value, not a range"]),
    ("trials=1000..2000", ["trials", "takes one value, not a range"]),
    ("seed=1..2", ["seed", "takes one value, not a range"]),
    ("equal_budget=0..1", ["equal_budget", "takes one value, not a range"]),
    ("discount_rate=0..10", ["discount_rate", "takes one value, not a range"]),
    (f"{TRUST}=6,5..12", ["'6,5'", "use a point for decimals: 6.5"]),
    (f"{TRUST}=6..7..8..9", [TRUST, "LOW..HIGH or LOW..LIKELY..HIGH"]),
    ("deals.reps=6.5..12", ["deals.reps", "'6.5' is not a whole number"]),
])
def test_bad_ranges_on_the_command_line(capsys, item, words):
    """Each bad --set range is one sentence with exit status 2, before anything runs."""
    _refused(capsys, ["run", SET, item], words)


@pytest.mark.parametrize("line, words", [
    ("trust_months = { low = 24, high = 6 }", ["low 24 is above high 6"]),
    ("trust_months = { low = 6, likely = 30, high = 24 }", ["likely 30 is outside"]),
    ("trust_months = { low = nan, high = 24 }", ["low nan is not a finite number",
                                                  "0 to 48 months"]),
    ("trust_months = { low = 6, high = inf }", ["high inf is not a finite number"]),
    ("trust_months = { low = 6, high = 60 }", ["high 60 is out of range (allowed 0 to 48"]),
    ("trust_months = { low = 6, likely = 12, high = 24, shape = \"normal\" }",
     ["shape 'normal' is not a shape", "pert, triangular or uniform"]),
    ("trust_months = { low = 6, high = 24, shape = \"pert\" }", ["needs a likely value"]),
    ("trust_months = { low = 6, likely = 12 }", ["needs low and high"]),
    ("trust_months = { low = 6, top = 24 }", ["unknown key 'top' in a range"]),
    ("trust_months = { low = \"6\", high = 24 }", ["low '6' is text", "without quotes"]),
])
def test_bad_ranges_in_a_scenario_file(tmp_path, capsys, line, words):
    """A bad range in a file names the file, the table, the key and the value as written."""
    path = tmp_path / "plan.toml"
    path.write_text(f"[community]\n{line}\n")
    _refused(capsys, ["run", "--scenario", str(path)],
             [str(path), "[community] trust_months = {", *words])


@pytest.mark.parametrize("table, line", [
    ("run", "months = { low = 12, high = 24 }"), ("run", "seed = { low = 1, high = 2 }"),
    ("run", "trials = { low = 100, high = 200 }"),
    ("run", "equal_budget = { low = 0, high = 1 }"),
])
def test_ranges_on_run_settings_and_switches_are_refused_in_files(tmp_path, capsys, table, line):
    path = tmp_path / "plan.toml"
    path.write_text(f"[{table}]\n{line}\n")
    _refused(capsys, ["validate", str(path)], [str(path), "takes one value, not a range"])


def test_a_file_round_trips_every_shape_exactly(tmp_path):
    """Ranges are written back as inline tables and read back equal, bit for bit."""
    s = inches.load_scenario("dell-2009").with_values({
        TRUST: Range(6.25, 12.5, 24.125), "deals.win_rate": Range(15, 30),
        "community.staff_cost": Range(2_100.1, 8_000), "deals.reps": Range(8, 12, 16, "triangular"),
        "community.conversion": Range(0.15, 0.25, 0.35, shape="uniform")})
    text = scenario_to_toml(s)
    assert "trust_months = { low = 6.25, likely = 12.5, high = 24.125 }" in text
    assert 'shape = "triangular"' in text and "win_rate = { low = 15, high = 30 }" in text
    again = parse_scenario(text)
    assert again.values == s.values
    path = tmp_path / "plan.toml"
    inches.save_scenario(s, path)
    assert inches.load_scenario(str(path)).values == s.values


@pytest.mark.parametrize("key", RANGE_KEYS)
def test_every_parameter_that_takes_a_range_runs_with_one(key, capsys):
    """`--set KEY=LO..HI` runs for every parameter with the RANGE role."""
    p = BY_KEY[key]
    lo, hi = p.plausible or (p.lo, p.hi)
    lo, hi = (int(lo), int(hi)) if p.integer else (lo, hi)
    code, out, err = run(capsys, "run", "--trials", "200", "--months", "12", "--json",
                         SET, f"{key}={lo}..{hi}")
    assert code == 0, err
    assert set(json.loads(out)["inputs"]) == {key}


def test_run_says_which_inputs_are_ranges(capsys):
    code, out, _ = run(capsys, "run", "--preset", "dell-2009-uncertain", "--trials", "2000")
    assert code == 0 and "given what we don't know" in out
    assert "Ranges (each future draws its own value)" in out and "luck accounts for" in out


def test_value_of_information_prints_a_table_and_the_specified_json(capsys):
    code, out, _ = run(capsys, "value-of-information", "--preset", "dell-2009-uncertain",
                       "--trials", "5000")
    assert code == 0 and "Every range at once" in out and "Choosing now" in out
    code, out, _ = run(capsys, "value-of-information", "--trials", "5000", "--json",
                       SET, "deals.win_rate=10..20", SET, f"{TRUST}=6..12..24")
    d = json.loads(out)
    assert code == 0 and set(d) == {"decision_value", "evpi", "parameters"}
    assert set(d["parameters"]) == {"deals.win_rate", TRUST}
    assert all(set(w) == {"value", "se"} for w in [d["evpi"], *d["parameters"].values()])


def test_value_of_information_needs_a_range(capsys):
    _refused(capsys, ["value-of-information", "--trials", "1000"],
             ["inches value-of-information", "has no ranges", "dell-2009-uncertain"])
    _refused(capsys, ["sensitivity", "--mode", "ranges", "--trials", "1000"], ["has no ranges"])


def test_sensitivity_ranges_mode(capsys):
    code, out, _ = run(capsys, "sensitivity", "--mode", "ranges", "--preset",
                       "dell-2009-uncertain", "--json")
    d = json.loads(out)
    assert code == 0 and d["trials"] == 10_000 and d["ranges"][0]["key"] == "deals.deal_size"
    code, out, _ = run(capsys, "sensitivity", "--trials", "200", "--months", "12", "--json",
                       "--scheduler", "serial")
    assert code == 0 and json.loads(out)["trials"] == 200
