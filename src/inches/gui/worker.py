"""One background worker that runs simulations; the latest request wins.

The GUI thread posts requests; the worker thread always takes the newest one, skipping any it
never started, and stops a run it is doing as soon as a newer request arrives (at the
engine's next chunk). Results come back on the GUI thread through a queued signal, tagged
with their request id so the receiver can drop anything older than what it already shows.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from ..model.engine import CHUNK, Cancelled, Engine
from ..model.scenario import Scenario


@dataclass(frozen=True)
class Request:
    """One simulation to run: ``trials`` may be fewer than the scenario's for a quick preview."""

    id: int
    scenario: Scenario
    trials: int

    @property
    def preview(self) -> bool:
        return self.trials < self.scenario.trials


class SimulationWorker(QObject):
    """Runs :class:`Request` s on its own thread with its own :class:`Engine`."""

    finished = Signal(object, object)  # Request, Result
    failed = Signal(object, str)  # Request, message
    progress = Signal(object, float)  # Request, fraction done
    started = Signal(object)  # Request

    def __init__(self, parent: QObject | None = None,
                 prepare: Callable[[object], None] | None = None):
        super().__init__(parent)
        self.prepare = prepare  # called with each result on this thread, before it is sent
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._pending: Request | None = None
        self._latest_id = 0
        self._cancelled_upto = 0
        self._stopping = False
        self._running: Request | None = None
        self._thread = threading.Thread(target=self._loop, name="inches-simulation", daemon=True)
        self._thread.start()

    def submit(self, scenario: Scenario, trials: int | None = None) -> Request:
        """Queue a run (replacing any queued one) and return its request."""
        trials = scenario.trials if trials is None else min(trials, scenario.trials)
        with self._lock:
            req = Request(next(self._ids), scenario, trials)
            self._pending = req
            self._latest_id = req.id
            self._lock.notify()
        return req

    def cancel(self) -> None:
        """Stop the running request and drop the queued one."""
        with self._lock:
            self._pending = None
            self._cancelled_upto = self._latest_id

    def stop(self, timeout: float = 5.0) -> None:
        """End the worker thread (at the end of the application)."""
        with self._lock:
            self._stopping = True
            self._pending = None
            self._cancelled_upto = self._latest_id
            self._lock.notify()
        self._thread.join(timeout)

    @property
    def busy(self) -> bool:
        """A request is queued or running."""
        with self._lock:
            return self._pending is not None or self._running is not None

    def _cancelled(self, req: Request) -> bool:
        """Stop ``req``? When cancelled, or when superseded and long (more than one chunk).

        A short run (one chunk, tens of milliseconds) is let finish even when superseded: during
        a slider drag its result is still newer than what the window shows.
        """
        return (self._stopping or req.id <= self._cancelled_upto
                or (req.trials > CHUNK and req.id < self._latest_id))

    def _loop(self) -> None:
        engine = Engine()
        while True:
            with self._lock:
                while self._pending is None and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                req, self._pending = self._pending, None
                self._running = req
            try:
                self._run(engine, req)
            finally:
                with self._lock:
                    self._running = None

    def _run(self, engine: Engine, req: Request) -> None:
        self.started.emit(req)
        try:
            result = engine.simulate(
                req.scenario, trials=req.trials,
                progress=lambda f: self.progress.emit(req, f),
                cancel=lambda: self._cancelled(req))
            if self.prepare is not None:
                self.prepare(result)
        except Cancelled:
            return
        except MemoryError:
            self.failed.emit(req, "Not enough memory for this many trials; try fewer.")
            return
        except Exception as e:  # noqa: BLE001 - reported in the window, never a traceback
            traceback.print_exc()
            self.failed.emit(req, f"The simulation failed: {e}")
            return
        if not self._cancelled(req):
            self.finished.emit(req, result)
