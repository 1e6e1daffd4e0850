"""Where the runs go: a process pool or a Dask cluster gives exactly the serial numbers."""

import concurrent.futures as cf
import sys
import threading

import numpy as np
import pytest

from inches import Cancelled, ScenarioError
from inches.analysis import (
    budget_mix,
    make_executor,
    map_runs,
    sensitivity,
    strategy_map,
)
from inches.analysis.executors import MissingDependency

AXES = {"x": ("deals.reps", 6, 24, 4), "y": ("community.conversion", 0.1, 0.4, 3)}


def _square(x):
    return x * x


def test_map_runs_serially_reports_progress_in_order():
    """With no executor jobs run here, in order, progress rising by one job at a time to 1."""
    seen, order = [], []
    out = map_runs(_square, [(i,) for i in range(4)], progress=seen.append,
                   on_result=lambda i, v: order.append(i))
    assert out == [0, 1, 4, 9] and order == [0, 1, 2, 3] and seen == [0.25, 0.5, 0.75, 1.0]


def test_cancel_stops_waiting_and_cancels_pending_jobs():
    """cancel() is honoured while jobs are out: Cancelled is raised, queued jobs never start."""
    gate, started = threading.Event(), []

    def job(i):
        started.append(i)
        gate.wait(5)
        return i

    with cf.ThreadPoolExecutor(max_workers=1) as pool:
        with pytest.raises(Cancelled):
            map_runs(job, [(i,) for i in range(5)], pool, cancel=lambda: bool(started))
        gate.set()
    assert started == [0]


def test_process_pool_gives_the_serial_numbers(dell):
    """A map run on a 2-process pool equals the serial map exactly (same seed, same numbers)."""
    serial = strategy_map(dell, **AXES, trials=200, seed=11)
    with make_executor("process", 2) as pool:
        pooled = strategy_map(dell, **AXES, trials=200, seed=11, executor=pool)
    np.testing.assert_array_equal(serial.prob_ahead, pooled.prob_ahead)
    np.testing.assert_array_equal(serial.median_gap, pooled.median_gap)


def test_dask_local_cluster_gives_the_serial_numbers(dell):
    """Map, tornado and mix run on a local Dask cluster (reached by address, as --scheduler
    does) equal the serial results exactly."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with make_executor(cluster.scheduler_address) as ex:
            m = strategy_map(dell, **AXES, trials=200, seed=11, executor=ex)
            t = sensitivity(dell, trials=200, seed=11, executor=ex,
                            keys=["deals.win_rate", "community.churn"])
            b = budget_mix(dell, steps=3, trials=200, seed=11, executor=ex)
    serial = strategy_map(dell, **AXES, trials=200, seed=11)
    np.testing.assert_array_equal(m.prob_ahead, serial.prob_ahead)
    np.testing.assert_array_equal(m.median_gap, serial.median_gap)
    assert t == sensitivity(dell, trials=200, seed=11, keys=["deals.win_rate", "community.churn"])
    assert b.mixes == budget_mix(dell, steps=3, trials=200, seed=11).mixes


def test_serial_scheduler_is_no_executor():
    """"serial" runs jobs in this process."""
    with make_executor("serial") as ex:
        assert ex is None


def test_missing_dask_says_what_to_install(monkeypatch):
    """Without Dask, a Dask scheduler raises one sentence naming inches[distributed]."""
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingDependency, match=r"install inches\[distributed\]"):
        with make_executor("local"):
            pass


@pytest.mark.parametrize("scheduler, workers, words", [
    ("process", 0, "at least 1 worker"),
    ("proces", None, "unknown scheduler 'proces'; use serial, process, local or"),
])
def test_bad_schedulers_and_workers_are_refused(scheduler, workers, words):
    """Zero workers, or a scheduler that is neither a name nor an address, is refused."""
    with pytest.raises(ScenarioError, match=words):
        with make_executor(scheduler, workers):
            pass
