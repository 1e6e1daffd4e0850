"""Runs one analysis at a time on a background thread, with progress and cancel.

The analyses are pure functions of the model layer that take ``progress`` and ``cancel``
callbacks; this wraps one call in a thread and hands its outcome back on the GUI thread
through queued signals. A new run cancels the one before it.
"""

from __future__ import annotations

import itertools
import threading
import traceback

from PySide6.QtCore import QObject, Signal

from ...model.engine import Cancelled
from ...model.scenario import ScenarioError


class AnalysisRunner(QObject):
    """``start(fn, **kwargs)`` calls ``fn(progress=..., cancel=..., **kwargs)`` on a thread."""

    finished = Signal(int, object)  # run id, result
    failed = Signal(int, str)  # run id, message
    progress = Signal(int, float)  # run id, fraction done
    partial = Signal(int, object)  # run id, anything the analysis reports on the way

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._current = 0
        self._cancelled: set[int] = set()
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive() \
            and self._current not in self._cancelled

    def start(self, fn, **kwargs) -> int:
        """Start ``fn``; any run still going is cancelled. Returns the run's id."""
        self.cancel()
        run = next(self._ids)
        self._current = run
        self._thread = threading.Thread(target=self._run, args=(run, fn, kwargs),
                                        name="inches-analysis", daemon=True)
        self._thread.start()
        return run

    def cancel(self) -> None:
        if self._current:
            self._cancelled.add(self._current)

    def wait(self, timeout: float = 10.0) -> None:
        """Block until the thread ends (tests, shutdown)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, run: int, fn, kwargs: dict) -> None:
        try:
            result = fn(progress=lambda f: self.progress.emit(run, float(f)),
                        cancel=lambda: run in self._cancelled, **kwargs)
        except Cancelled:
            return
        except (ScenarioError, ValueError) as e:
            self.failed.emit(run, str(e))
            return
        except MemoryError:
            self.failed.emit(run, "Not enough memory for this analysis; use fewer trials.")
            return
        except Exception as e:  # noqa: BLE001 - shown in the window, never a traceback
            traceback.print_exc()
            self.failed.emit(run, f"The analysis failed: {e}")
            return
        if run not in self._cancelled:
            self.finished.emit(run, result)
