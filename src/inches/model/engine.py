"""Runs both strategies for N trials: streams, chunks, caches, progress and cancel.

A run is split in chunks of :data:`CHUNK` trials (a large run in longer ones, up to
:data:`LARGE_CHUNK`). Each chunk draws its base numbers (see
:mod:`.streams`), runs the two strategies and writes into the run's months-first arrays.
Runs up to :data:`KEEP_CELLS` trial-months keep float64 per-trial arrays on the result; larger
runs simulate one strategy at a time into float32 arrays, compute its statistics, and keep only
its cumulative net for the comparison, so a 1,000,000-trial run stays well under 1.5 GiB at 36
months and under 3 GiB at 120.

An :class:`Engine` remembers recent base numbers and strategy outputs, so moving a slider
re-runs only the strategy it touches and only transforms base numbers it already has.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from . import community, deals, memory, threads
from .outcome import Result
from .results import StrategyResult
from .scenario import Scenario, checked
from .streams import BLOCK, Streams
from .uncertainty import draw_inputs

CHUNK = 10_000
KEEP_CELLS = 4_000_000
LARGE_CHUNK, LARGE_CHUNK_CELLS = 50_000, 1_800_000  # a large run's chunks: at most this many
# trials, or cells (trials x months): fewer, longer numpy calls share Python's lock better
STREAM_CACHE_BYTES = 300 * 2**20
RESULT_CACHE = 6  # strategy results kept for slider moves, and at most this much memory:
RESULT_CACHE_BYTES = 250 * 2**20  # (the latest two always: one of each strategy, say)

STRATEGIES = {"community": community.simulate, "deals": deals.simulate}
STORED = {"community": ("revenue", "followers", "trust"), "deals": ("revenue", "pipeline", "wins")}


class Cancelled(Exception):
    """Raised inside :meth:`Engine.simulate` when the cancel callback asks to stop."""


class Engine:
    """Simulates scenarios, remembering recent work. Not thread-safe: one per thread.

    The work itself runs on a small pool of threads (threads.py): the two strategies side by
    side, and the chunks of a large run. Each piece writes only its own trials, so the numbers
    are the same, bit for bit, whatever the number of threads.
    """

    def __init__(self):
        memory.keep_freed_memory()
        self._streams: OrderedDict[tuple, Streams] = OrderedDict()
        self._runs: OrderedDict[tuple, StrategyResult] = OrderedDict()

    def simulate(self, scenario: Scenario, trials: int | None = None, months: int | None = None,
                 seed: int | None = None, *,
                 progress: Callable[[float], None] | None = None,
                 cancel: Callable[[], bool] | None = None, first: int = 0) -> Result:
        """Run both strategies; arguments left ``None`` come from the scenario's run settings.

        ``progress(fraction)`` is called as chunks finish; when ``cancel()`` returns true the run
        stops at the next chunk boundary and raises :class:`Cancelled`. Both are called on the
        caller's thread. ``first`` (a multiple of 1,000) runs the seed's futures ``first ..
        first + trials`` instead of the first ones: each is exactly that future of a longer run,
        so an analysis can split one run into pieces (inches.analysis.uncertain).
        """
        trials = int(checked("trials", scenario.trials if trials is None else trials))
        months = int(checked("months", scenario.months if months is None else months))
        seed = int(checked("seed", scenario.seed if seed is None else seed))
        if first < 0 or first % BLOCK:
            raise ValueError(f"first = {first}: runs start at a multiple of {BLOCK:,} futures")
        threads.lower()  # behind the window's thread, in the window's process
        keep = trials * months <= KEEP_CELLS
        inputs = draw_inputs(scenario.ranges, seed, first, trials)
        keys = {name: self._key(scenario, name, trials, months, seed, first)
                for name in STRATEGIES}
        parts = self._known(keys, scenario, months) if keep else {}
        todo = [name for name in STRATEGIES if name not in parts]
        chunk = CHUNK if keep else max(CHUNK, min(LARGE_CHUNK, LARGE_CHUNK_CELLS // months)
                                        // BLOCK * BLOCK)
        tick = _Ticker(max(1, len(todo) * -(-trials // chunk)), progress, cancel)
        tick.check()
        run = (scenario, trials, months, seed, first, inputs, chunk)
        if keep:
            data = self._run(todo, run, np.float64, tick)
            for name in todo:
                parts[name] = StrategyResult(name, data[name], scenario, inputs=inputs)
                self._remember(keys[name], parts[name])
        else:  # one strategy at a time, keeping only what the comparison needs
            for name in todo:
                data = self._run([name], run, np.float32, tick)
                parts[name] = StrategyResult(name, data[name], scenario, transient=True,
                                             inputs=inputs)
                parts[name].finish(keep=False, hold=("cumulative_net",))
        result = Result(scenario, parts["community"], parts["deals"], trials, months, seed,
                        inputs)
        if not keep:
            result.compare()
            for part in parts.values():
                part.release()
        if progress is not None:
            progress(1.0)
        return result

    def cached(self, scenario: Scenario, name: str, trials: int, months: int | None = None,
               seed: int | None = None) -> StrategyResult | None:
        """Strategy ``name``'s kept result for exactly this run, or None (nothing is run)."""
        months = scenario.months if months is None else months
        key = self._key(scenario, name, trials, months, scenario.seed if seed is None else seed,
                        0)
        part = self._runs.get(key)
        if part is not None:
            self._runs.move_to_end(key)
        return part

    def _remember(self, key: tuple, part: StrategyResult) -> None:
        self._runs[key] = part
        while len(self._runs) > 2 and (len(self._runs) > RESULT_CACHE or sum(
                r.nbytes for r in self._runs.values()) > RESULT_CACHE_BYTES):
            self._runs.popitem(last=False)

    def _known(self, keys: dict, scenario: Scenario, months: int) -> dict:
        """The strategies this engine can answer without simulating: runs it kept, or the
        first months of a longer run of the same futures."""
        parts, longer = {}, {}
        for name, key in keys.items():  # every source found (and made recent) before any
            if key in self._runs:       # new result can push one out of the cache
                self._runs.move_to_end(key)
                parts[name] = self._runs[key]
            elif (source := self._longer(key)) is not None:
                longer[name] = source
        for name, source in longer.items():
            parts[name] = source.rerun(scenario, months)
            self._remember(keys[name], parts[name])
        return parts

    def _longer(self, key: tuple) -> StrategyResult | None:
        """A kept run that simulated the same futures for at least as many months (its
        discounting or halo may differ: they are derived afterwards), or None."""
        name, values, _, trials, months, seed, first = key
        for k in reversed(self._runs):
            if k[4] >= months and (k[0], k[1], k[3], k[5], k[6]) == (name, values, trials, seed,
                                                                     first):
                self._runs.move_to_end(k)
                return self._runs[k]
        return None

    def forget(self) -> None:
        """Drop every cache (an analysis that has finished: its futures are not needed)."""
        self._streams.clear()
        self._runs.clear()

    @staticmethod
    def _key(scenario: Scenario, name: str, trials: int, months: int, seed: int,
             first: int) -> tuple:
        v = scenario.values
        run = (v["discount_rate"], v["include_halo"] if name == "community" else 0)
        return (name, tuple(sorted(scenario.strategy_values(name).items())), run,
                trials, months, seed, first)

    def _run(self, names, run, dtype, tick) -> dict[str, dict]:
        """Simulate the strategies ``names`` chunk by chunk on the pool; arrays by strategy.

        ``run`` is (scenario, trials, months, seed, first trial, ranged inputs per trial,
        trials per chunk)."""
        scenario, trials, months, seed, offset, inputs, chunk = run
        one = trials <= chunk  # one chunk: its arrays are the run's
        out = {name: {} if one else {k: np.empty((months, trials), dtype) for k in STORED[name]}
               for name in names}
        jobs = []
        for name in names:
            for first in range(0, trials, chunk):
                n = min(chunk, trials - first)
                values = scenario.strategy_values(
                    name, {k: a[first: first + n] for k, a in inputs.items()})
                streams = (self._chunk_streams(seed, offset + first, n, name)
                           if dtype == np.float64 else (seed, offset + first, n))
                jobs.append((STRATEGIES[name], values, streams, out[name], first, one))
        threads.run(jobs, lambda job: _chunk(months, *job), tick)
        return out

    def _chunk_streams(self, seed: int, first: int, n: int, name: str) -> Streams:
        key = (seed, first, n, name)
        s = self._streams.get(key)
        if s is None:
            s = self._streams[key] = Streams(seed, first, n)
        self._streams.move_to_end(key)
        total = sum(x.nbytes() for x in self._streams.values())
        while total > STREAM_CACHE_BYTES and len(self._streams) > 1:
            _, old = self._streams.popitem(last=False)
            total -= old.nbytes()
        return s


def _chunk(months: int, run, values: dict, streams: Streams | tuple, out: dict, first: int,
           one: bool) -> None:
    """Simulate one chunk of one strategy and write its trials into ``out``."""
    if isinstance(streams, tuple):
        streams = Streams(*streams)
    if one:
        out.update(run(values, months, streams))
        return
    into = {k: a[:, first: first + streams.n] for k, a in out.items() if k != "cost"}
    part = run(values, months, streams, into)
    for k, a in part.items():
        if a is into.get(k):  # written in place
            continue
        if k == "cost" and a.ndim == 1:
            out[k] = a
            continue
        if k == "cost":  # one per trial: setdefault makes one array for every chunk's thread
            rows = out.setdefault(k, np.empty((1, out["revenue"].shape[1]), a.dtype))
        else:
            rows = out[k]
        rows[:, first: first + streams.n] = a[:months]


class _Ticker:
    """Counts finished chunks: reports progress and raises :class:`Cancelled` when asked to."""

    def __init__(self, steps: int, progress, cancel):
        self.steps, self.done, self.progress, self.cancel = steps, 0, progress, cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled

    def __call__(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(1.0, self.done / self.steps))
        self.check()


_local = threading.local()


def thread_engine() -> Engine:
    """This thread's engine: engines are not thread-safe, and one per thread keeps its caches."""
    e = getattr(_local, "engine", None)
    if e is None:
        e = _local.engine = Engine()
    return e


def simulate(scenario: Scenario, trials: int | None = None, months: int | None = None,
             seed: int | None = None, *, progress: Callable[[float], None] | None = None,
             cancel: Callable[[], bool] | None = None, first: int = 0) -> Result:
    """Simulate both strategies of ``scenario`` (see :meth:`Engine.simulate`).

    Uses one engine per thread, so repeated calls reuse base random numbers.
    """
    return thread_engine().simulate(scenario, trials, months, seed, progress=progress,
                                    cancel=cancel, first=first)
