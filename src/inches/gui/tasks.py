"""The one background task runner: the main window's simulations and every analysis tab use it.

A runner owns one worker thread. The GUI thread submits tasks; the thread always takes the
newest one, skipping any it never started, and a task that can be interrupted stops as soon
as a newer one arrives (at its next ``cancel()`` check). Outcomes come back on the GUI thread
through queued signals, tagged with their task, so a receiver drops anything older than what
it already shows (``task.id``) or anything not the latest (:meth:`TaskRunner.is_latest`).

A task is a plain function called on the worker thread as
``fn(progress=..., cancel=..., **kwargs)``: the analyses and :func:`inches.simulate` take
exactly these callbacks. Errors reach the GUI as one sentence; tracebacks only on stderr.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ..analysis.remote import ChildDied
from ..model.engine import Cancelled
from ..model.scenario import ScenarioError


@dataclass(frozen=True)
class Task:
    """One piece of background work. ``tag`` is the submitter's own note (what it asked for);
    an ``interruptible`` task stops when a newer one is submitted, others run to the end."""

    id: int
    fn: Callable
    kwargs: dict = field(repr=False)
    interruptible: bool = True
    tag: object = None


class TaskRunner(QObject):
    """Runs :class:`Task` s on its own thread, the latest request winning."""

    finished = Signal(object, object)  # Task, result
    failed = Signal(object, str)  # Task, one sentence
    progress = Signal(object, float)  # Task, fraction done
    partial = Signal(object, object)  # Task, whatever the task reports on the way

    def __init__(self, parent: QObject | None = None, name: str = "inches-task"):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._pending: Task | None = None
        self._running: Task | None = None
        self._latest = 0
        self._cancelled_upto = 0
        self._name = name
        self._thread: threading.Thread | None = None  # started with the first task; a thread
        # no longer named here (see stop) ends by itself

    def submit(self, fn: Callable, *, interruptible: bool = True, tag: object = None,
               partial_arg: str | None = None, **kwargs) -> Task:
        """Queue ``fn`` (replacing any queued task) and return its task.

        With ``partial_arg``, ``fn`` also gets a callback of that name whose calls arrive on the
        GUI thread as :attr:`partial` (the strategy map's rows as they finish).
        """
        with self._lock:
            task = Task(next(self._ids), fn, kwargs, interruptible, tag)
            if partial_arg is not None:
                kwargs[partial_arg] = lambda *data: self.partial.emit(task, data)
            self._pending = task
            self._latest = task.id
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name=self._name,
                                                daemon=True)
                self._thread.start()
            self._lock.notify()
        return task

    def is_latest(self, task: Task) -> bool:
        """True when ``task`` is the newest submitted and was not cancelled."""
        with self._lock:
            return task.id == self._latest and task.id > self._cancelled_upto

    def cancel(self) -> None:
        """Stop the running task and drop the queued one."""
        with self._lock:
            self._pending = None
            self._cancelled_upto = self._latest

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread and free what it holds (its engine's caches); the next
        :meth:`submit` starts a new one. Waits up to ``timeout`` seconds for the thread to
        end; with 0 it ends by itself, once its task notices the cancel (closing a window must
        not wait for that)."""
        with self._lock:
            self._pending = None
            self._cancelled_upto = self._latest
            thread, self._thread = self._thread, None
            self._lock.notify_all()
        if thread is not None and timeout > 0:
            thread.join(timeout)

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until nothing is queued or running (tests, shutdown); True if idle."""
        with self._lock:
            return self._lock.wait_for(
                lambda: self._pending is None and self._running is None, timeout)

    @property
    def busy(self) -> bool:
        """A task is queued or running and not cancelled."""
        with self._lock:
            live = [t for t in (self._pending, self._running) if t is not None]
            return any(t.id > self._cancelled_upto for t in live)

    def _stopped(self, task: Task) -> bool:
        """Should ``task`` stop? When cancelled (or stopped), or superseded and interruptible."""
        return (task.id <= self._cancelled_upto
                or (task.interruptible and task.id < self._latest))

    def _loop(self) -> None:
        me = threading.current_thread()
        while True:
            with self._lock:
                while self._pending is None and self._thread is me:
                    self._lock.wait()
                if self._thread is not me:  # stopped: a later submit has its own thread
                    return
                task, self._pending = self._pending, None
                self._running = task
            try:
                self._run(task)
            finally:
                with self._lock:
                    if self._running is task:
                        self._running = None
                    self._lock.notify_all()

    def _run(self, task: Task) -> None:
        try:
            result = task.fn(progress=lambda f: self.progress.emit(task, float(f)),
                             cancel=lambda: self._stopped(task), **task.kwargs)
        except Cancelled:
            return
        except Exception as e:  # noqa: BLE001 - one sentence on screen, never a traceback
            if not isinstance(e, (ScenarioError, ValueError, MemoryError, ChildDied)):
                traceback.print_exc()
            self.failed.emit(task, sentence(e))
            return
        if not self._stopped(task):
            self.finished.emit(task, result)


def sentence(error: BaseException) -> str:
    """An error as one sentence a user can act on."""
    if isinstance(error, MemoryError):
        return "Not enough memory for this many trials; try fewer."
    if isinstance(error, (ScenarioError, ValueError, ChildDied)):
        return str(error)
    return f"The run failed: {error}"
