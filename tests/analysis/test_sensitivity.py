"""Sensitivity: every plausible parameter moved to both ends, ranked by how far it moves the gap."""

import json

import numpy as np
import pytest

import inches
from inches import ScenarioError
from inches.analysis import sensitivity
from inches.analysis.sensitivity import KEYS, default_keys
from inches.model.params import BY_KEY

# Conversion at 2 %/month, far above its plausible 0.1-0.5 %, with the growth levers high:
# either end of its range removes at least 75 % of the community's revenue, the low end 95 %,
# more than any other parameter's range can (a 20 % margin takes 80 %).
CONVERSION_RULES = {"community.conversion": 2.0, "community.word_of_mouth": 0.25,
                    "community.order_value": 800, "community.staff": 40,
                    "community.reach_per_staff": 400}


def test_conversion_zero_means_no_community_revenue(dell):
    """With conversion 0 nobody buys: community revenue is 0 in every month of every future."""
    r = inches.simulate(dell.with_values({"community.conversion": 0}), trials=300, seed=2)
    assert np.all(r.community.revenue == 0)


def test_the_dominant_parameter_comes_first(dell):
    """The tornado ranks conversion first where it dominates; rows are sorted by swing."""
    t = sensitivity(dell.with_values(CONVERSION_RULES), trials=300, seed=4)
    assert t.rows[0].key == "community.conversion"
    swings = [r.swing for r in t.rows]
    assert swings == sorted(swings, reverse=True)
    assert t.rows[0].gap_low < 0 and t.rows[0].gap_high < 0  # 2 % is above both ends


def test_rows_are_changes_from_the_base_at_the_plausible_ends(dell):
    """A row's figures are its end-point runs minus the base run, at the declared ends."""
    t = sensitivity(dell, trials=300, seed=4, keys=["deals.win_rate", "community.churn"])
    assert [r.key for r in t.rows] == ["deals.win_rate", "community.churn"]
    row = t.rows[0]
    assert (row.low, row.high) == BY_KEY["deals.win_rate"].plausible
    assert (row.label, row.unit) == ("Win rate", "%")

    def gap_ahead(s):
        r = inches.simulate(s, trials=300, seed=4)
        return (r.community.summary["cumulative_net_p50"] - r.deals.summary["cumulative_net_p50"],
                r.prob_community_ahead[-1])

    base = gap_ahead(dell)
    high = gap_ahead(dell.with_values({"deals.win_rate": 30}))
    assert (t.base_gap, t.base_ahead) == pytest.approx(base, rel=1e-12)
    assert row.gap_high == pytest.approx(high[0] - base[0], rel=1e-9)
    assert row.ahead_high == pytest.approx(high[1] - base[1], abs=1e-12)
    assert row.gap_high < 0 < row.gap_low  # winning more deals helps miles


def test_default_keys_skip_settings_and_what_the_scenario_ignores(dell):
    """Run settings and switches are never moved; staff is left out under equal budget."""
    keys = default_keys(dell)
    assert "deals.reps" in keys and "community.staff" in keys
    assert not {"months", "trials", "seed", "discount_rate", "equal_budget"} & set(keys)
    assert "community.halo_per_follower" not in keys  # halo is not counted in net
    assert "community.staff" not in default_keys(dell.with_values({"equal_budget": True}))
    assert set(keys) <= set(KEYS)


def test_progress_table_and_json(dell):
    """Progress rises to 1; the table lists every row; to_dict() is plain JSON."""
    seen = []
    t = sensitivity(dell, trials=200, seed=1, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == len(default_keys(dell)) + 1
    text = t.table()
    assert all(r.label in text for r in t.rows) and "Word of mouth" in text
    d = json.loads(json.dumps(t.to_dict(), allow_nan=False))
    assert d["rows"][0]["swing"] == t.rows[0].swing and d["trials"] == 200


@pytest.mark.parametrize("key, words", [
    ("deals.rep", ["unknown parameter 'deals.rep'", "deals.reps"]),
    ("trials", ["trials has no plausible range"]),
    ("equal_budget", ["equal_budget has no plausible range"]),
])
def test_bad_keys_are_named(dell, key, words):
    """Asking for a key the tornado cannot move raises ScenarioError naming it."""
    with pytest.raises(ScenarioError) as e:
        sensitivity(dell, trials=100, keys=[key])
    for w in words:
        assert w in str(e.value)
