"""Story decks: the shipped deck, cumulative values, and one clear message for each bad input."""

from pathlib import Path

import pytest

import inches
from inches.decks import Deck, DeckError, list_decks, load_deck, parse_deck, read_deck
from inches.model.params import BY_KEY, DEFAULTS
from inches.model.uncertainty import check_value

STEP = '[[step]]\ntitle = "Trust"\ncaption = "It takes time."\nsliders = ["community.staff"]\n'


def _deck(text: str, base_dir=None) -> Deck:
    return parse_deck('title = "Talk"\n' + text, "talk.toml", base_dir)


def _error(text: str) -> str:
    with pytest.raises(DeckError) as e:
        _deck(text)
    return str(e.value)


def test_shipped_deck_tells_the_story_in_six_to_nine_steps():
    """dell-2009 loads: 6-9 steps, each with a title, a short caption and 3-6 sliders."""
    deck = load_deck("dell-2009")
    assert deck.name == "dell-2009" and deck.path is None and deck.title
    assert 6 <= len(deck.steps) <= 9
    assert len({s.title for s in deck.steps}) == len(deck.steps)
    for step in deck.steps:
        assert 3 <= len(step.sliders) <= 6 and len(set(step.sliders)) == len(step.sliders)
        assert all(k in BY_KEY and not BY_KEY[k].boolean for k in step.sliders)
        assert step.title and 0 < len(step.caption) <= 300


def test_shipped_deck_values_are_in_range_at_every_step():
    """Every value the shipped deck sets, and every step's full scenario, passes validation."""
    deck = load_deck("dell-2009")
    for i, step in enumerate(deck.steps):
        for key, value in step.values.items():
            p = BY_KEY[key]
            assert check_value(p, bool(value) if p.boolean else value) == value
        assert dict(deck.scenario_at(i).values) == deck.values_at(i)


def test_every_listed_deck_loads_and_dell_comes_first():
    """list_decks names each shipped deck with its title and description, dell-2009 first."""
    decks = list_decks()
    assert decks[0][0] == "dell-2009"
    for name, title, description in decks:
        assert load_deck(name).title == title and description


def test_shipped_story_charts_make_their_points():
    """Each step's verdict leans the way its caption says (1,000 futures, seed 2009)."""
    deck = load_deck("dell-2009")
    ahead = []
    for i in range(len(deck.steps)):
        r = inches.simulate(deck.scenario_at(i).with_values({"trials": 1000}))
        ahead.append(float(r.prob_community_ahead[-1]))
    miles, level, inches_ = [0, 2, 3, 4, 5, 8], [1, 7], [6]
    assert all(ahead[i] < 0.25 for i in miles), ahead
    assert all(0.35 < ahead[i] < 0.65 for i in level), ahead
    assert all(ahead[i] > 0.65 for i in inches_), ahead


def test_values_are_cumulative():
    """Step k's values are the base with steps 1..k applied in order; later steps override."""
    deck = _deck(STEP + "[step.values]\ncommunity.staff = 30\nmonths = 24\n"
                 + STEP + "[step.values]\ndeals.reps = 20\n"
                 + STEP + "[step.values]\ncommunity.staff = 20\n")
    base = dict(deck.base.values)
    assert deck.values_at(0) == base | {"community.staff": 30, "months": 24}
    assert deck.values_at(1) == base | {"community.staff": 30, "months": 24, "deals.reps": 20}
    assert deck.values_at(2) == base | {"community.staff": 20, "months": 24, "deals.reps": 20}
    assert deck.changes_at(2) == {"community.staff": 20}
    assert deck.values_at(-1) == deck.values_at(2)


def test_a_step_reached_from_either_side_has_the_same_values():
    """Going to step k forwards or backwards gives exactly the same scenario."""
    deck = load_deck("dell-2009")
    n = len(deck.steps)
    forward = [deck.scenario_at(k).values for k in range(n)]
    backward = [deck.scenario_at(k).values for k in reversed(range(n))][::-1]
    assert forward == backward
    for k in range(1, n):
        assert deck.values_at(k - 1) | dict(deck.steps[k].values) == deck.values_at(k)


def test_booleans_reach_the_scenario_as_switches():
    """equal_budget = true in a step turns the switch on in that step's scenario."""
    step = STEP.replace("community.staff", "deals.reps")
    deck = _deck(step + "[step.values]\nequal_budget = true\n" + step)
    s = deck.scenario_at(1)
    assert s["equal_budget"] == 1.0 and s.community_staff() == pytest.approx(37.5)


def test_out_of_range_step_index_says_which_steps_exist():
    """Asking for a step the deck does not have raises IndexError naming the range."""
    with pytest.raises(IndexError, match="steps 0 to 0"):
        _deck(STEP).values_at(1)


@pytest.mark.parametrize("values", [
    "[step.values]\ncommunity.staff = 30\nmonths = 24\n",
    '[step.values]\n"community.staff" = 30\n"run.months" = 24\n',
    "[step.values.community]\nstaff = 30\n[step.values.run]\nmonths = 24\n",
    "values = { community = { staff = 30 }, months = 24 }\n",
])
def test_value_keys_may_be_written_as_in_scenario_files(values):
    """Dotted keys, quoted keys, sub-tables and run.KEY all name the same parameters."""
    assert dict(_deck(STEP + values).steps[0].values) == {"community.staff": 30, "months": 24}


def test_run_table_and_relative_scenario(tmp_path):
    """[run] applies to the whole deck; scenario is found beside the deck file."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "base.toml").write_text('name = "Mine"\n[deals]\nreps = 3\n')
    path = tmp_path / "talk.toml"
    path.write_text('title = "T"\nscenario = "plans/base.toml"\n[run]\ntrials = 500\n' + STEP)
    deck = read_deck(path)
    assert (deck.name, deck.path, deck.base.name) == ("talk", path, "Mine")
    assert deck.scenario_at(0)["deals.reps"] == 3 and deck.scenario_at(0).trials == 500
    assert load_deck(str(path)).base == deck.base


def test_captions_read_as_one_paragraph():
    """A multi-line caption is joined into one line of text."""
    text = STEP.replace('"It takes time."', '"""\nIt takes\n   time."""')
    assert _deck(text).steps[0].caption == "It takes time."


@pytest.mark.parametrize("text, words", [
    ("[deals\n", ["talk.toml", "not valid TOML", "line 2"]),
    ("format = 2\n" + STEP, ["talk.toml", "format = 2", "newer"]),
    ("steps = 3\n" + STEP, ["talk.toml", "'steps'", "did you mean 'step'?"]),
    ("", ["talk.toml", "no steps", "[[step]]"]),
    ('[step]\ntitle = "x"\n', ["talk.toml", "[[step]]"]),
    ("scenario = 'nope'\n" + STEP, ["talk.toml", "nope", "dell-2009"]),
    ("scenario = 'missing.toml'\n" + STEP, ["talk.toml", "missing.toml", "no such file"]),
    ("[run]\ntrials = 5\n" + STEP, ["talk.toml", "[run] trials", "5", "100 to 1,000,000"]),
    ("[run]\ntrails = 500\n" + STEP, ["talk.toml", "trails", "[run]"]),
    (STEP + "notes = 'x'\n", ["talk.toml", 'step 1 ("Trust")', "'notes'"]),
    (STEP + "captions = 'x'\n", ["step 1", "'captions'", "did you mean 'caption'"]),
    (STEP.replace('caption = "It takes time."\n', ""), ['step 1 ("Trust")', "caption", "missing"]),
    (STEP.replace('title = "Trust"\n', ""), ["talk.toml", "step 1", "title", "missing"]),
    (STEP.replace("It takes time.", "x" * 301), ["step 1", "caption", "301", "up to 300"]),
    (STEP.replace('caption = "It takes time."', "caption = 3"), ["step 1", "caption", "text"]),
    (STEP.replace('["community.staff"]', "[]"), ["step 1", "sliders", "0 keys", "1 to 6"]),
    (STEP.replace('["community.staff"]', str([f"deals.{k}" for k in (
        "reps", "deal_size", "win_rate", "ramp_months", "cycle_months", "rep_cost", "gross_margin"
    )])), ["step 1", "sliders", "7 keys", "1 to 6"]),
    (STEP.replace('sliders = ["community.staff"]\n', ""), ["step 1", "sliders", "missing"]),
    (STEP.replace('["community.staff"]', '"community.staff"'), ["step 1", "sliders", "list"]),
    (STEP.replace('"community.staff"', '"community.stafff"'),
     ["step 1", "sliders", "'community.stafff'", "did you mean 'community.staff'"]),
    (STEP.replace('"community.staff"', '"deals.staff"'),
     ["step 1", "'deals.staff'", "community.staff"]),
    (STEP.replace('"community.staff"', '"equal_budget"'), ["step 1", "equal_budget", "on/off"]),
    (STEP.replace('"community.staff"', '"seed"'), ["step 1", "seed", "not a slider"]),
    (STEP.replace('"community.staff"', '"deals.reps", "deals.reps"'), ["deals.reps", "twice"]),
    (STEP + STEP.replace("Trust", "Second") + "[step.values]\ncommunity.trust_month = 3\n",
     ['step 2 ("Second")', "[step.values]", "community.trust_month", "community.trust_months"]),
    (STEP + "[step.values]\ncommunity.staff = 500\n",
     ['step 1 ("Trust")', "community.staff", "500", "out of range", "0 to 200 FTE"]),
    (STEP + "[step.values]\ncommunity.conversion = nan\n",
     ["step 1", "community.conversion", "nan", "0 to 2 %/month"]),
    (STEP + "[step.values]\ndeals.reps = 'twelve'\n", ["step 1", "deals.reps", "twelve", "0 to 200"]),
    (STEP + "[step.values]\ndeals.reps = 12.5\n", ["step 1", "deals.reps", "whole number"]),
    (STEP + "[step.values]\nequal_budget = 1\n", ["step 1", "equal_budget", "true or false"]),
    (STEP + "[step.values]\nrun.community.staff = 3\n", ["step 1", "run.community.staff"]),
    (STEP + "values = 3\n", ["step 1", "values", "table"]),
    (STEP + "[step.values]\nequal_budget = true\n",
     ["step 1", "community.staff", "equal_budget", "deals.reps"]),
])
def test_bad_input_gets_one_clear_message(text, words):
    """Each bad input is refused with one line naming the file, the step, the key and the range."""
    message = _error(text)
    assert "\n" not in message
    for w in words:
        assert w in message, (w, message)


def test_unreadable_files_and_unknown_names():
    """A missing file or an unknown deck name gets a plain message naming it."""
    with pytest.raises(DeckError, match="nowhere.toml: no such file"):
        read_deck(Path("nowhere.toml"))
    with pytest.raises(DeckError, match="no deck or file called 'nope'; decks: dell-2009"):
        load_deck("nope")


def test_deck_errors_are_scenario_errors():
    """DeckError is a ScenarioError, so every caller that handles one handles both."""
    assert issubclass(DeckError, inches.ScenarioError)


def test_base_defaults_to_dell_preset():
    """Without scenario = ..., a deck starts from the dell-2009 preset."""
    assert _deck(STEP).base == inches.load_scenario("dell-2009")
    assert DEFAULTS["community.staff"] == _deck(STEP).values_at(0)["community.staff"]
