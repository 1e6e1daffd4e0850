"""Inches: many small community wins against a few large deals, as Monte Carlo futures.

The public, Qt-free API for notebooks and scripts::

    import inches
    s = inches.load_scenario("dell-2009")
    r = inches.simulate(s.with_values({"deals.reps": 20}), trials=10_000, seed=1)
    r.verdict(), r.community.bands("cumulative_net")["p50"]
    u = s.with_values({"community.trust_months": inches.Range(6, 12, 24)})  # not known exactly
    inches.simulate(u).inputs["community.trust_months"]   # each future's own value
"""

from .files.scenarios import save_scenario
from .files.shipped import list_presets, load_scenario
from .model.engine import Cancelled, Engine, simulate
from .model.outcome import Result
from .model.params import PARAMS, Param
from .model.results import StrategyResult
from .model.scenario import Scenario, ScenarioError
from .model.uncertainty import Range

__all__ = [
    "Cancelled", "Engine", "PARAMS", "Param", "Range", "Result", "Scenario", "ScenarioError",
    "StrategyResult", "list_presets", "load_scenario", "save_scenario", "simulate",
]
__version__ = "0.1.0"
