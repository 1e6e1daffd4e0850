"""Ranges in decks: a step sets one as an inline table, and the Dell deck's last step gives the
least certain numbers the ranges of the dell-2009-uncertain preset."""

import pytest

import inches
from inches import Range
from inches.decks import DeckError, load_deck, parse_deck

STEP = '[[step]]\ntitle = "Unknowns"\ncaption = "We do not know."\nsliders = ["deals.reps"]\n'


@pytest.mark.parametrize("values", [
    "[step.values]\ncommunity.trust_months = { low = 6, likely = 12, high = 24 }\n",
    '[step.values]\n"community.trust_months" = { low = 6, likely = 12, high = 24 }\n',
    "[step.values.community]\ntrust_months = { low = 6, likely = 12, high = 24 }\n",
])
def test_a_step_sets_a_range_as_an_inline_table(values):
    deck = parse_deck('title = "Talk"\n' + STEP + values, "talk.toml")
    assert deck.values_at(0)["community.trust_months"] == Range(6, 12, 24)
    assert deck.scenario_at(0).ranges == {"community.trust_months": Range(6, 12, 24)}


@pytest.mark.parametrize("line, words", [
    ("community.trust_months = { low = 24, high = 6 }", ["low 24 is above high 6"]),
    ("months = { low = 12, high = 24 }", ["months takes one value, not a range"]),
    ("community.trust_months = { low = 6, high = 24, shape = \"bell\" }", ["shape 'bell'"]),
])
def test_a_bad_range_in_a_step_names_the_step_and_the_key(line, words):
    with pytest.raises(DeckError) as e:
        parse_deck('title = "Talk"\n' + STEP + "[step.values]\n" + line + "\n", "talk.toml")
    for w in ["talk.toml: step 1 (\"Unknowns\")", "[step.values]", *words]:
        assert w in str(e.value)


def test_the_dell_decks_last_step_is_the_uncertain_preset():
    """'What we don't know' sets exactly the preset's ranges (and counts the halo), so the
    deck and the preset never drift apart."""
    deck = load_deck("dell-2009")
    last = deck.steps[-1]
    assert last.title == "What we don't know" and len(last.caption) <= 300
    assert dict(deck.scenario_at(len(deck.steps) - 1).values) == \
        dict(inches.load_scenario("dell-2009-uncertain").values)
    assert len(deck.scenario_at(len(deck.steps) - 1).ranges) == 7


def test_the_uncertain_preset_ranges_the_numbers_the_issue_names():
    """Staff cost between the two sourced figures, conversion, trust-building time, win rate
    15-30 %, deal size, incremental share and halo, each with its source in the file."""
    s = inches.load_scenario("dell-2009-uncertain")
    r = s.ranges
    assert set(r) == {"community.staff_cost", "community.conversion", "community.trust_months",
                      "deals.win_rate", "deals.deal_size", "community.incremental_share",
                      "community.halo_per_follower"}
    assert (r["community.staff_cost"].low, r["community.staff_cost"].high) == (2_100, 8_000)
    assert (r["deals.win_rate"].low, r["deals.win_rate"].high) == (15, 30)
    assert s["include_halo"] == 1.0 and s.plain().values["deals.deal_size"] == 250_000
    from importlib import resources
    text = (resources.files("inches.files") / "presets" / "dell-2009-uncertain.toml").read_text()
    for source in ("outside estimate", "15-30 %", "shifted", "incalculable", "18 months"):
        assert source in text
