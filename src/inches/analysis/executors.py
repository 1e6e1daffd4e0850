"""Where an analysis runs its simulations: in this process, a process pool or a Dask cluster.

Every analysis is a list of jobs: a module-level function called with plain data (a scenario's
values dict, trials, months, seed), so a job pickles to any worker and gives the same numbers
wherever it runs; the engine's common random numbers depend only on those arguments.

:func:`map_runs` runs the jobs on any :class:`concurrent.futures.Executor` (``None`` runs them
one after another here, which is fastest for small analyses); :func:`make_executor` makes one
from a scheduler name, the way ``--scheduler`` and ``--workers`` on the command line do.
Dask is optional (``pip install inches[distributed]``) and imported only when asked for.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..model.engine import Cancelled
from ..model.scenario import Scenario, ScenarioError

# How often a waiting run looks at cancel() while jobs are out on workers (seconds).
POLL = 0.1

class MissingDependency(ScenarioError):
    """An optional package an analysis needs is not installed; the message says what to install."""


def scenario_of(values: dict[str, float], changes: dict[str, Any] | None = None) -> Scenario:
    """A scenario from plain values (what a job receives), with ``changes`` validated on top."""
    s = Scenario(dict(values))
    return s.with_values(changes) if changes else s


def map_runs(fn: Callable[..., Any], items: Sequence[tuple], executor: cf.Executor | None = None,
             progress: Callable[[float], None] | None = None,
             cancel: Callable[[], bool] | None = None,
             on_result: Callable[[int, Any], None] | None = None) -> list[Any]:
    """``[fn(*item) for item in items]``, on ``executor`` when one is given.

    ``progress(fraction)`` reports the share of jobs done (0 to 1). ``cancel()`` is checked
    between jobs (and every :data:`POLL` seconds while waiting on workers); when it returns
    true, jobs not yet started are cancelled and :class:`~inches.model.engine.Cancelled` is
    raised. ``on_result(i, value)`` is called in the calling thread as job ``i`` finishes, in
    the order they finish, so a caller can show partial results.
    """
    items = list(items)
    n = len(items)
    out: list[Any] = [None] * n
    count = 0

    def done(i: int, value: Any) -> None:
        nonlocal count
        out[i] = value
        count += 1
        if on_result is not None:
            on_result(i, value)
        if progress is not None:
            progress(count / n)

    if executor is None:
        for i, item in enumerate(items):
            if cancel is not None and cancel():
                raise Cancelled
            done(i, fn(*item))
        return out
    futures = {executor.submit(fn, *item): i for i, item in enumerate(items)}
    pending = set(futures)
    try:
        while pending:
            if cancel is not None and cancel():
                raise Cancelled
            finished, pending = cf.wait(pending, timeout=POLL, return_when=cf.FIRST_COMPLETED)
            # sorted: jobs finishing together are reported in item order
            for f in sorted(finished, key=futures.__getitem__):
                done(futures[f], f.result())
    except BaseException:
        for f in pending:
            f.cancel()
        raise
    return out


@contextlib.contextmanager
def make_executor(scheduler: str | None = None, workers: int | None = None
                  ) -> Iterator[cf.Executor | None]:
    """An executor for :func:`map_runs`, shut down when the ``with`` block ends.

    ``scheduler``: ``None`` or ``"process"``, a pool of local processes (``workers`` of them,
    default one per CPU); ``"serial"``, none (jobs run in this process, one after another);
    ``"local"``, a Dask cluster started on this machine; anything else, the address of a
    running Dask scheduler (``tcp://host:8786``).
    """
    if workers is not None and workers < 1:
        raise ScenarioError(f"workers = {workers}: give at least 1 worker")
    if scheduler in (None, "process"):
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
            yield pool
    elif scheduler == "serial":
        yield None
    elif scheduler != "local" and ":" not in scheduler:  # an address has a port
        raise ScenarioError(f"unknown scheduler {scheduler!r}; use serial, process, local or a "
                            "Dask scheduler's address such as tcp://host:8786")
    else:
        with _dask_client(scheduler, workers) as client:
            yield client.get_executor()


def _context():
    """Start workers without fork: fork in a threaded program (the app) can deadlock."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@contextlib.contextmanager
def _dask_client(scheduler: str, workers: int | None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise MissingDependency(
            f"scheduler {scheduler!r} needs Dask: install inches[distributed] "
            "(pip install 'inches[distributed]')") from None
    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as e:
        raise ScenarioError(f"cannot reach the Dask scheduler at {scheduler!r} ({e})") from None
    with client:
        yield client
