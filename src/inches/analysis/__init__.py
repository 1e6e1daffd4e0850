"""Analyses built on the engine: sensitivity, strategy map, budget mix, calibration, and for
scenarios with ranges the value of information and the spread's shares.

Pure numpy (and scipy for the fit); never imports Qt. Each analysis is one function taking a
:class:`~inches.Scenario` and returning a small result object with ``to_dict()`` and a
plain-text ``table()``, with optional ``progress(fraction)`` and ``cancel()`` callbacks
(cancelling raises :class:`inches.Cancelled`)::

    from inches.analysis import sensitivity, strategy_map, budget_mix, calibrate
    t = sensitivity(s, trials=2000)                  # tornado rows, largest swing first
    m = strategy_map(s, x=("deals.reps", 6, 24, 25), y=("community.staff", 10, 40, 25))
    b = budget_mix(s, steps=11)                      # all inches .. all miles, one budget
    c = calibrate(s, observed=[(18, 1e6), (24, 3e6), (30, 6.5e6)])
    u = inches.load_scenario("dell-2009-uncertain")
    w = value_of_information(u)                      # EVPI and each range's EVPPI, in $
    v = variance_shares(u)                           # luck and each range's share of the spread

The runs of all but calibration can go to any :class:`concurrent.futures.Executor`
(``executor=``); :func:`~inches.analysis.executors.make_executor` makes a process pool or a
Dask client's executor. Not imported by ``import inches``, and scipy.optimize, Dask and the
worker processes load only when used, to keep start-up fast (the command line imports this
package for its sub-commands).
"""

from .calibrate import Calibration, calibrate
from .executors import make_executor, map_runs
from .information import ValueOfInformation, Worth, value_of_information
from .mix import BudgetMix, Mix, budget_mix
from .sensitivity import Sensitivity, SensitivityRow, sensitivity
from .sweep import StrategyMap, strategy_map
from .variance import VarianceShares, variance_shares

__all__ = [
    "BudgetMix", "Calibration", "Mix", "Sensitivity", "SensitivityRow", "StrategyMap",
    "ValueOfInformation", "VarianceShares", "Worth", "budget_mix", "calibrate",
    "make_executor", "map_runs", "sensitivity", "strategy_map", "value_of_information",
    "variance_shares",
]
