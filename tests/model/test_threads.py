"""The engine gives the same numbers, bit for bit, on one thread or several (model/threads.py)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import inches
from inches.model import engine as engine_module
from inches.model import threads
from inches.model.results import BAND_KEYS

BASE = inches.load_scenario("dell-2009")
ARRAYS = {"community": ("revenue", "followers", "trust", "cumulative_net"),
          "deals": ("revenue", "pipeline", "wins", "cumulative_net")}


def on_threads(n: int, *args):
    before = threads.workers()
    try:
        threads.workers(n)
        return inches.Engine().simulate(*args)
    finally:
        threads.workers(before)


@pytest.mark.parametrize("scenario, trials, months", [
    (BASE, 2_000, 24),  # one chunk: the strategies side by side
    (BASE, 23_000, 12),  # three chunks of each strategy
    (BASE.with_values({"deals.reps": 200, "deals.opportunities_per_rep": 4}), 3_000, 24),
])
def test_kept_runs_are_identical_on_one_thread_or_two(scenario, trials, months):
    """Per-trial arrays and the comparison do not depend on the number of threads."""
    one, two = on_threads(1, scenario, trials, months, 9), on_threads(2, scenario, trials, months, 9)
    for name, keys in ARRAYS.items():
        for key in keys:
            a, b = getattr(getattr(one, name), key), getattr(getattr(two, name), key)
            assert np.array_equal(a, b), f"{name}.{key}"
    np.testing.assert_array_equal(one.prob_community_ahead, two.prob_community_ahead)


def test_large_runs_report_the_same_on_one_thread_or_two(monkeypatch):
    """A run too large to keep (chunks on the pool, statistics only) reports identical figures."""
    monkeypatch.setattr(engine_module, "KEEP_CELLS", 0)
    one, two = on_threads(1, BASE, 25_000, 12, 4), on_threads(2, BASE, 25_000, 12, 4)
    assert one.community.revenue is None
    for a, b in ((one.community, two.community), (one.deals, two.deals)):
        for key in a.quantities:
            for band in BAND_KEYS:
                np.testing.assert_array_equal(a.bands(key)[band], b.bands(key)[band])
        assert a.summary == b.summary
        assert a.median_se() == b.median_se()
    np.testing.assert_array_equal(one.prob_community_ahead, two.prob_community_ahead)


def test_a_large_runs_arrays_are_the_kept_runs_rounded_to_single_precision():
    """A large run's chunks write into its float32 arrays (engine._chunk): the same numbers as
    a kept run's float64 arrays, rounded once, whatever the chunk."""
    run = (BASE, 25_000, 12, 4, 0, {}, 10_000)
    large = inches.Engine()._run(list(ARRAYS), run, np.float32, lambda: None)
    kept = inches.Engine().simulate(BASE, 25_000, 12, 4)
    for name, keys in ARRAYS.items():
        for key in keys[:3]:
            assert large[name][key].dtype == np.float32
            np.testing.assert_array_equal(
                large[name][key], getattr(kept, name).monthly(key).astype(np.float32))


def test_cancel_with_threads_stops_and_reports_once():
    """Cancelling a chunked run on the pool stops it after the first report, on any thread count."""
    calls: list[float] = []
    before = threads.workers()
    try:
        threads.workers(2)
        with pytest.raises(inches.Cancelled):
            inches.Engine().simulate(BASE, 100_000, 36, 3, progress=calls.append,
                                     cancel=lambda: bool(calls))
    finally:
        threads.workers(before)
    assert calls == [1 / 20]


def test_a_hold_keeps_runs_waiting_until_released_and_never_longer_than_asked():
    """The window's hold (threads.hold) stops a run at its next month, on any thread but the
    main one, until release or the hold's own end; the numbers are those of a run never held."""
    import threading
    import time

    done: dict[str, object] = {}

    def run():
        done["result"] = inches.Engine().simulate(BASE, trials=1_000, months=12)
        done["at"] = time.monotonic()

    threads.hold(5.0)
    try:
        start = time.monotonic()
        threads.give_way()  # the main thread is never held
        assert time.monotonic() - start < 0.5
        worker = threading.Thread(target=run)
        worker.start()
        worker.join(0.6)
        assert worker.is_alive(), "a held run went on"
        released = time.monotonic()
        threads.release()
        worker.join(30)
        assert not worker.is_alive() and done["at"] >= released
    finally:
        threads.release()
    free = inches.Engine().simulate(BASE, trials=1_000, months=12)
    np.testing.assert_array_equal(done["result"].community.revenue, free.community.revenue)
    np.testing.assert_array_equal(done["result"].deals.revenue, free.deals.revenue)

    threads.hold(0.3)  # never released: the run waits no longer than the hold
    try:
        start = time.monotonic()
        worker = threading.Thread(target=run)
        worker.start()
        worker.join(30)
        assert not worker.is_alive() and done["at"] - start >= 0.25
    finally:
        threads.release()


def test_work_asked_alone_stays_on_its_thread_and_gives_the_same_numbers():
    """Inside ``threads.alone()`` (the window's previews) no pool thread takes any of the
    work, and the run is the one two threads give."""
    import threading

    here, seen = threading.get_ident(), set()
    before = threads.workers()
    threads.workers(2)
    try:
        with threads.alone():
            threads.each(range(8), lambda i: seen.add(threading.get_ident()))
            threads.run(list(range(4)), lambda job: seen.add(threading.get_ident()), lambda: None)
            alone = inches.Engine().simulate(BASE, 2_000, 12, 5)
        shared = inches.Engine().simulate(BASE, 2_000, 12, 5)
    finally:
        threads.workers(before)
    assert seen == {here}
    assert threads.active() == 2
    for name, keys in ARRAYS.items():
        for key in keys:
            assert np.array_equal(getattr(getattr(alone, name), key),
                                  getattr(getattr(shared, name), key)), f"{name}.{key}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")
def test_in_the_windows_process_the_engines_threads_run_behind_the_window(monkeypatch):
    """After ``behind_window`` (the app's QApplication calls it), a run on a worker thread
    and the pool's threads that share its work run at a lower priority; the main thread (the
    window's) keeps its own, and a run on the main thread changes nothing."""
    import os
    import threading
    import time

    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    main = niceness()
    monkeypatch.setattr(threads, "_behind", None)
    threads.behind_window(3)
    seen: dict[int, int] = {}

    def job(_i) -> None:
        seen[threading.get_native_id()] = niceness()
        time.sleep(0.005)  # long enough for the pool's thread to take some

    def worker() -> None:
        inches.Engine().simulate(BASE, 2_000, 6, 5)
        seen["runner"] = niceness()
        threads.each(range(12), job)
        threads.run(list(range(6)), job, lambda: None)

    before = threads.workers()
    threads.workers(1)
    threads.workers(2)  # a new pool: its threads start at the window's priority
    try:
        inches.Engine().simulate(BASE, 2_000, 6, 5)
        t = threading.Thread(target=worker)
        t.start()
        t.join()
    finally:
        threads.workers(before)
    assert niceness() == main
    assert len(seen) >= 3  # the runner, and at least one of the pool's threads
    assert set(seen.values()) == {min(19, main + 3)}
