"""Property: any --set value either applies or is refused in one sentence naming the key.

Hypothesis tries 500 lists of --set items per run (the same ones each time): real keys with
numbers typed right or wrong (decimal commas, separators, units, text), and junk.
"""

import argparse

from hypothesis import given
from hypothesis import strategies as st

from inches.cli.options import UsageError, parse_value, scenario_from_args
from inches.model.params import BY_KEY
from inches.model.scenario import Scenario, ScenarioError
from tests.strategies import EXAMPLES, PROPERTY_SETTINGS, set_items


def test_set_values_apply_or_fail_in_one_sentence():
    """Never any other exception; a refusal names --set and the item, or the keys at fault."""
    outcomes = {"applied": 0, "refused": 0}

    @PROPERTY_SETTINGS
    @given(items=st.lists(set_items, min_size=1, max_size=3))
    def check(items):
        args = argparse.Namespace(command="run", preset=None, scenario=None, set=items)
        try:
            s = scenario_from_args(args)
        except (ScenarioError, UsageError) as e:
            message = str(e)
            assert "\n" not in message and "unexpected" not in message, message
            named = "--set" in message or "equal_budget" in message
            assert named and len(message) < 2000, message
            outcomes["refused"] += 1
            return
        assert isinstance(s, Scenario) and s.check() is s
        for item in items:  # what was typed is what is held, exactly
            key, _, text = item.partition("=")
            p = BY_KEY[key.strip().removeprefix("run.")]
            assert s[p.key] == (float(parse_value(p.key, text.strip(), "")) if p.boolean
                                else parse_value(p.key, text.strip(), "")) or \
                key.strip() in [i.partition("=")[0].strip() for i in items[items.index(item) + 1:]]
        outcomes["applied"] += 1

    check()
    assert sum(outcomes.values()) >= EXAMPLES and min(outcomes.values()) > 0, outcomes
