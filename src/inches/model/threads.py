"""A small pool of threads for the engine: numpy and scipy release the GIL inside their loops.

Work is split into pieces whose results do not depend on which thread runs them or in which
order, so a run gives the same numbers, bit for bit, on one thread or on several
(tests/model/test_threads.py). ``INCHES_THREADS`` sets the number of threads (default: two,
or one on a one-core machine); :func:`workers` changes it at run time.

Between numpy's calls the threads take turns at Python's global lock. Python hands it over
every 5 ms by default; the pool asks for every 1 ms (:data:`SWITCH_S`, never a longer
interval than the process had), which makes a fresh run about a fifth faster here and lets
the window's thread in sooner while a run is under way.

The window can ask for the machine for a moment (:func:`hold`): before it lays out and paints
a whole page (presentation mode in or out, a deck step, a theme), the strategies' threads wait
at the start of their next month (:func:`give_way`) until :func:`release`, or a quarter of a
second at most. A run in the window's process shares Python's lock with the window; holding
the runs back while the page is drawn keeps presentation mode's entry at about the time it
takes on an idle machine (docs/model.md). Results do not change: only when months are run.

In the window's process the engine's threads run at a lower priority than the window's own
(:func:`behind_window`, called when the app's QApplication is made; each engine thread
lowers itself once, :func:`lower`): when both cores are busy, the window's thread gets one
first. A process that makes no QApplication (the command line's runs, scripts) is left as
it is.

A thread can also keep its work to itself (:func:`alone`): the window's previews (2,000
trials while a slider is held) run on the runner's thread only, so the window's thread
shares Python's lock with one thread, not two or three, through a drag (docs/model.md).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed, wait

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_count = max(1, int(os.environ.get("INCHES_THREADS", min(2, os.cpu_count() or 1))))
SWITCH_S = 0.001  # how often a thread waiting for Python's lock gets it (see above)
HOLD_S = 0.25  # the longest a hold keeps the engine waiting
BEHIND = 5  # how much lower the engine's threads' priority is in the window's process
_behind = None  # set by behind_window(): the niceness lower() gives a thread
_clear = threading.Event()  # set: the engine runs; cleared by hold()
_clear.set()
_until = 0.0  # when the current hold ends on its own (time.monotonic())
_here = threading.local()  # ``alone``: this thread does its work itself


def hold(seconds: float = HOLD_S) -> None:
    """Make the engine's threads wait at their next month until :func:`release`, or for
    ``seconds`` at most (the window is about to draw a whole page)."""
    global _until
    _until = time.monotonic() + seconds
    _clear.clear()


def release() -> None:
    """End a :func:`hold`: waiting threads go on at once."""
    _clear.set()


def give_way() -> None:
    """Wait here while a :func:`hold` lasts; never on the main thread (a script, the command
    line or a test that runs the engine there is never held)."""
    if not _clear.is_set() and threading.current_thread() is not threading.main_thread():
        left = _until - time.monotonic()
        if left > 0:
            _clear.wait(left)


def behind_window(nice: int = BEHIND) -> None:
    """From now on, the engine's threads in this process run ``nice`` steps below the
    window's thread (Linux schedules each thread with its own niceness; elsewhere nothing
    changes): when both cores are busy, the window gets one first."""
    global _behind
    with contextlib.suppress(AttributeError, OSError):
        _behind = min(19, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) + nice)


def lower() -> None:
    """Give the calling thread the engine's priority (:func:`behind_window`), once; never the
    main thread, which is the window's (or the command line's)."""
    if _behind is None or getattr(_here, "lowered", None) == _behind or \
            threading.current_thread() is threading.main_thread():
        return
    _here.lowered = _behind
    me = threading.get_native_id()  # a thread started by a lowered one is lowered already
    with contextlib.suppress(OSError):
        if os.getpriority(os.PRIO_PROCESS, me) < _behind:
            os.setpriority(os.PRIO_PROCESS, me, _behind)


def workers(n: int | None = None) -> int:
    """The number of threads used; with ``n``, set it first (1 runs everything in the caller)."""
    global _count, _pool
    if n is not None and n != _count:
        with _lock:
            _count, old, _pool = max(1, int(n)), _pool, None
        if old is not None:
            old.shutdown(wait=False)
    return _count


def active() -> int:
    """The number of threads this thread's work is shared among (1 inside :func:`alone`)."""
    return 1 if getattr(_here, "alone", False) else _count


@contextlib.contextmanager
def alone() -> Iterator[None]:
    """Within this block, work this thread asks for runs on this thread only."""
    before = getattr(_here, "alone", False)
    _here.alone = True
    try:
        yield
    finally:
        _here.alone = before


def pool() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_S))
            _pool = ThreadPoolExecutor(max_workers=_count, thread_name_prefix="inches")
        return _pool


def each(items: Iterable, fn: Callable) -> None:
    """Call ``fn(item)`` for every item, on the caller's thread and idle pool threads.

    The caller takes items itself, so this never waits for a busy pool: helpers that have not
    started when the items run out are cancelled, and hold nothing while they wait in the
    pool's queue. Exceptions reach the caller.
    """
    items = list(items)
    if active() == 1 or len(items) < 2:
        for item in items:
            fn(item)
        return
    state = {"fn": fn, "items": iter(items)}
    take = threading.Lock()
    failed: list[BaseException] = []

    def work() -> None:
        lower()
        while not failed:
            with take:
                do, item = state.get("fn"), next(state.get("items", iter(())), None)
            if do is None or item is None:
                return
            try:
                do(item)
            except BaseException as e:  # noqa: BLE001 - handed to the caller below
                failed.append(e)

    helpers: list[Future] = [pool().submit(work) for _ in range(min(_count, len(items)) - 1)]
    work()
    with take:
        state.clear()
    for h in helpers:
        if not h.cancel():
            h.result()
    if failed:
        raise failed[0]


def _lowered(fn: Callable, job) -> None:
    lower()
    fn(job)


def run(jobs: list, fn: Callable, tick: Callable[[], None]) -> None:
    """Call ``fn(job)`` for every job on the pool; ``tick()`` on the caller's thread after each.

    ``tick`` may raise (a cancelled run): jobs not yet started are then dropped, running ones
    are waited for, and the exception reaches the caller.
    """
    if active() == 1 or len(jobs) < 2:
        for job in jobs:
            fn(job)
            tick()
        return
    futures = [pool().submit(_lowered, fn, job) for job in jobs]
    try:
        for f in as_completed(futures):
            f.result()
            tick()
    except BaseException:
        for f in futures:
            f.cancel()
        wait(futures)
        raise
