"""Work in turns: a long change to the window split into steps, one per turn of the event loop.

Between steps the window's thread answers the mouse and the keyboard, so a change that restyles
every surface (a theme switch) never holds it for the whole change. The windows named stop
repainting until the last step has run: nobody sees a half-coloured frame.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget


class InTurns(QObject):
    """Runs steps one per turn of the event loop, holding the repaint of ``windows``."""

    def __init__(self, windows: Callable[[], Iterable[QWidget]], parent: QObject | None = None):
        super().__init__(parent)
        self._windows = windows  # the windows to hold, asked for when a change starts
        self._steps: deque[Callable[[], None]] = deque()
        self._held: list[QWidget] = []
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self._next)

    @property
    def busy(self) -> bool:
        return bool(self._steps)

    def start(self, steps: Iterable[Callable[[], None]]) -> None:
        """Run ``steps`` in turns, the first now; steps of an earlier change not yet run are
        dropped (the new change redoes what they would have done)."""
        self._steps = deque(steps)
        if not self._held:
            self._held = [w for w in self._windows() if w.updatesEnabled()]
            for w in self._held:
                w.setUpdatesEnabled(False)
        self._next()

    def finish(self) -> None:
        """Run every step left, now (before something that needs the change complete)."""
        try:
            while self._steps:
                self._steps.popleft()()
        finally:
            self._release()

    def _next(self) -> None:
        try:
            if self._steps:
                self._steps.popleft()()
        finally:  # a step that fails never leaves the windows unpainted
            if self._steps:
                self._timer.start()
            else:
                self._release()

    def _release(self) -> None:
        self._timer.stop()
        held, self._held = self._held, []
        for w in held:
            w.setUpdatesEnabled(True)  # and repaints them whole
