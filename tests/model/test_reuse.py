"""A kept run answers a shorter horizon, or another discount rate, without simulating again:
the model is causal, so the answer must be exactly what a fresh run gives."""

from __future__ import annotations

import numpy as np
import pytest

import inches
from inches.model import community, deals
from inches.model import engine as engine_module

ARRAYS = ("revenue", "cost", "net", "cumulative_revenue", "cumulative_net")


def _same(a, b) -> None:
    assert a.to_dict() == b.to_dict()
    for part in ("community", "deals"):
        x, y = getattr(a, part), getattr(b, part)
        for key in ARRAYS:
            np.testing.assert_array_equal(getattr(x, key), getattr(y, key), err_msg=key)
    np.testing.assert_array_equal(a.lead.ahead, b.lead.ahead)
    np.testing.assert_array_equal(a.lead.behind, b.lead.behind)


@pytest.mark.parametrize("preset", ["dell-2009", "dell-2009-uncertain", "enterprise-software"])
@pytest.mark.parametrize("changes", [{"months": 20}, {"discount_rate": 9},
                                     {"months": 7, "discount_rate": 4, "include_halo": True}])
def test_a_longer_run_answers_a_shorter_horizon_exactly(preset, changes, monkeypatch):
    s = inches.load_scenario(preset).with_values({"months": 48})
    e = inches.Engine()
    e.simulate(s, 3_000, seed=5).to_dict()  # its statistics too: a shorter run takes theirs
    ran = []
    for mod in (community, deals):
        real = mod.simulate
        monkeypatch.setitem(engine_module.STRATEGIES, mod.__name__.rsplit(".", 1)[1],
                            lambda *a, real=real: ran.append(1) or real(*a))
    shorter = s.with_values(changes)
    reused = e.simulate(shorter, 3_000, seed=5)
    assert ran == []  # nothing simulated again
    monkeypatch.undo()
    _same(reused, inches.Engine().simulate(shorter, 3_000, seed=5))


def test_a_longer_horizon_or_other_futures_are_simulated():
    s = inches.load_scenario("dell-2009").with_values({"months": 24})
    e = inches.Engine()
    e.simulate(s, 2_000, seed=5)
    for changes, trials, seed in (({"months": 30}, 2_000, 5), ({}, 3_000, 5), ({}, 2_000, 6),
                                  ({"deals.reps": 13}, 2_000, 5)):
        got = e.simulate(s.with_values(changes), trials, seed=seed)
        _same(got, inches.Engine().simulate(s.with_values(changes), trials, seed=seed))
