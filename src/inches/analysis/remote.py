"""An analysis run in a child process, as if it were called here.

The app's analysis tabs run here: an analysis in the window's own process shares Python's
lock with the window (its paints then take two to three times as long) and leaves its
arrays in the window's heap. :func:`call` runs ``fn(progress=..., cancel=..., **kwargs)`` in
a child process and returns its result: progress and partial results come back over a pipe as
they happen, ``cancel()`` is asked here and passed on at once, and an error is raised here
(a :class:`~inches.model.scenario.ScenarioError` keeps its sentence;
:class:`~inches.model.engine.Cancelled` comes back as itself).

Children are started by a fork server that has already imported this package (forking the
app itself, which has threads, can deadlock), run at a lower priority than the window, and
are reused: one call at a time each, a new child when every child is busy, at most
:data:`KEEP` kept waiting. After every call a child drops its engine's caches and tables and
hands its free memory back. A child that dies (killed, out of memory) ends its call with one
sentence. The analysis functions and their arguments pickle; their results are small.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import Any

from ..model import draw_tables
from ..model.engine import Cancelled, thread_engine

POLL = 0.05  # how often a waiting call asks cancel() (seconds)
KEEP = 2  # children kept waiting for the next call
NICE = 10  # how much lower a child's priority is than the window's (measured: see docs)

_lock = threading.Lock()
_idle: list[_Child] = []
lost = 0  # children that ended when they should not have (the soak counts them)
_warming: threading.Thread | None = None  # starting a child for the first call (warm)


class ChildDied(RuntimeError):
    """The child process ended during a call (killed, or out of memory); the message is one
    sentence for the user."""


def call(fn: Callable[..., Any], kwargs: dict[str, Any],
         progress: Callable[[float], None] | None = None,
         cancel: Callable[[], bool] | None = None,
         partial_arg: str | None = None,
         on_partial: Callable[..., None] | None = None) -> Any:
    """``fn(progress=..., cancel=..., **kwargs)`` in a child process; see the module docstring.

    With ``partial_arg``, ``fn`` also gets a callback of that name whose calls arrive here as
    ``on_partial(*args)``.
    """
    global lost
    warming = _warming
    if warming is not None and not _idle:
        warming.join()  # a child is being started for the first call: take it
    with _lock:
        child = _idle.pop() if _idle else None
    if child is not None and not child.alive:
        lost += 1
        child = None
    if child is None:
        child = _Child()
    try:
        return child.call(fn, kwargs, progress, cancel, partial_arg, on_partial)
    except ChildDied:
        lost += 1
        raise
    finally:
        if child.ready and child.alive:
            _give_back(child)
        else:  # died, or left in the middle of a call
            child.close()


def warm() -> None:
    """Start a child in the background if none is waiting, so the first call does not wait
    as long for the fork server to start (about a second; a call made meanwhile takes it)."""
    global _warming
    with _lock:
        if _idle or (_warming is not None and _warming.is_alive()):
            return
        _warming = threading.Thread(target=lambda: _give_back(_Child()), name="inches-warm",
                                    daemon=True)
        _warming.start()  # under the lock: a call never sees it before it has started


def shutdown() -> None:
    """End the waiting children (each ends when its pipe closes)."""
    with _lock:
        children, _idle[:] = list(_idle), []
    for child in children:
        child.close()


def _give_back(child: _Child) -> None:
    with _lock:
        if len(_idle) < KEEP:
            _idle.append(child)
            return
    child.close()


def _context():
    """The fork server's context, with this package loaded once in the server."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["inches.analysis"])
    return ctx


class _Child:
    """One child process and our end of its pipe."""

    def __init__(self):
        ctx = _context()
        self.conn, theirs = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(theirs,), name="inches-analysis",
                                   daemon=True)
        self.process.start()
        theirs.close()
        self.ready = True  # between calls: the pipe holds nothing of an earlier one

    @property
    def alive(self) -> bool:
        return self.process.is_alive() and not self.conn.closed

    def call(self, fn, kwargs, progress, cancel, partial_arg, on_partial) -> Any:
        self.ready = False
        try:
            self.conn.send((fn, kwargs, partial_arg))
            asked = False
            while True:
                if not asked and cancel is not None and cancel():
                    self.conn.send("cancel")
                    asked = True
                if not self.conn.poll(POLL):
                    if not self.process.is_alive():
                        raise EOFError
                    continue
                kind, *data = self.conn.recv()
                if kind == "progress" and progress is not None:
                    progress(*data)
                elif kind == "partial" and on_partial is not None:
                    on_partial(*data[0])
                elif kind in ("done", "failed"):
                    self.ready = True
                    if kind == "failed":
                        raise data[0]
                    return data[0]
        except (EOFError, BrokenPipeError, ConnectionResetError):
            raise ChildDied("The analysis process ended before it finished (was it out of "
                            "memory?); press Run to try again.") from None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()  # the child's recv() ends: it returns
        self.process.join(0.5)
        if self.process.is_alive():
            self.process.kill()


# --- in the child ---------------------------------------------------------------------------

def _serve(conn) -> None:
    """The child's loop: one call at a time until the parent closes the pipe."""
    with contextlib.suppress(OSError):
        os.nice(NICE)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message == "cancel":  # asked as its call ended: that call is over
            continue
        try:
            _answer(conn, *message)
        except OSError:  # the parent has gone
            return
        finally:
            del message  # the arguments go before the memory is handed back
            _let_go()


def _answer(conn, fn, kwargs: dict, partial_arg: str | None) -> None:
    outcome = _outcome(conn, fn, kwargs, partial_arg)
    try:
        conn.send(outcome)  # pickled before anything is written
    except (pickle.PicklingError, TypeError, AttributeError) as e:
        conn.send(("failed", RuntimeError(f"its result could not be sent back ({e})")))


def _outcome(conn, fn, kwargs: dict, partial_arg: str | None) -> tuple:
    """Run one call; ("done", result) or ("failed", error). The parent sends nothing but
    one "cancel" until it has this (that one may come after it)."""
    cancelled = False

    def cancel() -> bool:
        nonlocal cancelled
        while not cancelled and conn.poll():
            cancelled = conn.recv() == "cancel"
        return cancelled

    if partial_arg is not None:
        kwargs[partial_arg] = lambda *args: conn.send(("partial", args))
    try:
        return "done", fn(progress=lambda f: conn.send(("progress", float(f))),
                          cancel=cancel, **kwargs)
    except Cancelled:
        return "failed", Cancelled()
    except Exception as e:  # noqa: BLE001 - raised again in the parent
        from ..model.scenario import ScenarioError

        if not isinstance(e, (ScenarioError, ValueError, MemoryError)):
            traceback.print_exc()
        return "failed", _picklable(e)


def _picklable(e: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(e))
        return e
    except Exception:  # noqa: BLE001 - any error that does not survive the pipe
        return RuntimeError(f"{type(e).__name__}: {e}")


def _let_go() -> None:
    """Drop the engine's caches and the draws' tables, and hand free pages back to the
    system: a child waiting for its next call holds about 50 MB."""
    thread_engine().forget()
    draw_tables.forget()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
