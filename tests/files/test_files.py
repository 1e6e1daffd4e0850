"""Scenario files: reading, validation messages, atomic writing, presets."""

import math
from pathlib import Path

import pytest

import inches
from inches.files import atomic
from inches.files.scenarios import parse_scenario, read_scenario, save_scenario
from inches.model.params import DEFAULTS, PARAMS

FIXTURES = Path(__file__).parent / "fixtures"


def _error(text: str) -> str:
    with pytest.raises(inches.ScenarioError) as e:
        parse_scenario(text, "plan.toml")
    return str(e.value)


def test_missing_keys_take_defaults():
    """A file that omits keys takes the MODEL.md defaults for them."""
    s = parse_scenario("[community]\nstaff = 30\n")
    assert s["community.staff"] == 30
    assert all(s[k] == v for k, v in DEFAULTS.items() if k != "community.staff")


def test_comments_and_underscores_allowed():
    """Comments and TOML digit separators are accepted."""
    s = parse_scenario("# a plan\n[deals] # the sales side\ndeal_size = 1_000_000  # big\n")
    assert s["deals.deal_size"] == 1_000_000


def test_old_fixture_still_loads():
    """Scenario files written by earlier versions keep loading."""
    s = read_scenario(FIXTURES / "v1-minimal.toml")
    assert s.name == "Old minimal" and s["deals.reps"] == 20


@pytest.mark.parametrize("text, words", [
    ("[deals]\nrepz = 3\n", ["plan.toml", "repz", "[deals]", "reps"]),
    ("[marketing]\nspend = 3\n", ["plan.toml", "marketing"]),
    ("colour = 'red'\n", ["plan.toml", "colour"]),
    ("[deals]\nreps = 'twelve'\n", ["plan.toml", "reps", "twelve", "0 to 200"]),
    ("[deals]\nreps = true\n", ["plan.toml", "reps", "True", "0 to 200"]),
    ("[deals]\nreps = 500\n", ["plan.toml", "reps", "500", "0 to 200"]),
    ("[deals]\nreps = 12.5\n", ["plan.toml", "reps", "12.5", "whole number"]),
    ("[community]\nconversion = nan\n", ["plan.toml", "conversion", "nan", "0 to 2"]),
    ("[community]\nstaff = inf\n", ["plan.toml", "staff", "inf", "0 to 200"]),
    ("[community]\nstaff = -1\n", ["plan.toml", "staff", "-1", "0 to 200"]),
    ("[run]\nequal_budget = 3\n", ["plan.toml", "equal_budget", "true or false"]),
    ("[run]\nmonths = 500\n", ["plan.toml", "months", "500", "6 to 120"]),
    ("community = 3\n", ["plan.toml", "community", "table"]),
    ("format = 99\n", ["plan.toml", "newer"]),
    ("[deals\nreps = 3\n", ["plan.toml", "not valid TOML"]),
    ("name = 5\n", ["plan.toml", "name", "text"]),
])
def test_bad_input_named_clearly(text, words):
    """Every bad input is refused with one message naming the file, key, value and range."""
    message = _error(text)
    assert "\n" not in message
    for w in words:
        assert w in message, (w, message)


def test_keys_belong_to_their_table():
    """A deals key inside [community] is unknown there, not silently moved."""
    assert "unknown key 'reps' in [community]" in _error("[community]\nreps = 3\n")


def test_missing_file_and_bad_encoding(tmp_path):
    """Unreadable files get a plain message with the path."""
    with pytest.raises(inches.ScenarioError, match="no such file"):
        read_scenario(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe[deals]")
    with pytest.raises(inches.ScenarioError, match="bad.toml"):
        read_scenario(bad)


def test_round_trip_keeps_every_value(tmp_path):
    """Saving and reading back gives the same scenario, name and description included."""
    s = inches.load_scenario("enterprise-software").with_values(
        {"community.conversion": 0.123, "equal_budget": True, "deals.reps": 7},
        name='Q3 "plan"', description="línea\ntwo")
    path = tmp_path / "q3.toml"
    save_scenario(s, path)
    back = read_scenario(path)
    assert dict(back.values) == dict(s.values)
    assert (back.name, back.description) == (s.name, s.description)
    assert "# Sales reps" in path.read_text() or "Sales reps" in path.read_text()


def test_write_is_atomic(tmp_path, monkeypatch):
    """A crash while writing leaves the old file whole and no temporary file behind."""
    path = tmp_path / "plan.toml"
    save_scenario(inches.Scenario.default(), path)
    before = path.read_text()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "fsync", crash)
    with pytest.raises(OSError):
        save_scenario(inches.Scenario.default().with_values({"deals.reps": 3}), path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


def test_presets_ship_and_load():
    """dell-2009 and at least three more presets load, each with a description."""
    presets = inches.list_presets()
    names = [n for n, _, _ in presets]
    assert names[0] == "dell-2009" and len(names) >= 4
    for name, title, desc in presets:
        s = inches.load_scenario(name)
        assert title and len(desc) > 40 and s.name == title


def test_dell_preset_is_the_model_defaults():
    """The dell-2009 preset holds exactly the MODEL.md defaults."""
    s = inches.load_scenario("dell-2009")
    assert {k: v for k, v in s.values.items() if k != "seed"} == \
        {k: v for k, v in DEFAULTS.items() if k != "seed"}


def test_unknown_preset_lists_the_known_ones():
    """Asking for a preset that does not exist names the ones that do."""
    with pytest.raises(inches.ScenarioError, match="dell-2009"):
        inches.load_scenario("dell-2010")


def test_with_values_validates_and_copies():
    """with_values returns a changed copy and refuses bad values with the key and range."""
    s = inches.Scenario.default()
    t = s.with_values({"deals.reps": 20, "run.months": 48})
    assert (t["deals.reps"], t.months, s["deals.reps"]) == (20, 48, 12)
    with pytest.raises(inches.ScenarioError, match=r"deals.win_rate .*0 to 100"):
        s.with_values({"deals.win_rate": 150})
    with pytest.raises(inches.ScenarioError, match="unknown parameter"):
        s.with_values({"deals.winrate": 15})
    with pytest.raises(inches.ScenarioError, match="not a finite number"):
        s.with_values({"community.staff": math.nan})


def test_every_parameter_declared_once_with_help():
    """Each parameter has a unique key, a default inside its range and a tooltip with its source."""
    keys = [p.key for p in PARAMS]
    assert len(keys) == len(set(keys))
    for p in PARAMS:
        assert p.lo <= p.default <= p.hi, p.key
        assert p.help and p.source and p.unit is not None
        if p.plausible:
            assert p.lo <= p.plausible[0] < p.plausible[1] <= p.hi, p.key
