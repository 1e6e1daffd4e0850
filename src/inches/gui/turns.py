"""Work in turns: a long change to the window split into steps, one per turn of the event loop.

Between steps the window's thread answers the mouse and the keyboard, so a change that restyles
every surface (a theme switch) or builds a whole page (entering presentation mode) never holds
it for the whole change. The windows named stop repainting until the last step has run: nobody
sees a half-coloured frame. Paint holds are counted per window, so a page switch's own hold
(:func:`paint_when_laid_out`) and a change's never let each other's go early.

While a change is drawn the engine's threads wait (:func:`make_way`): they share Python's lock
with the window, and a run beside a whole-page relayout made it take 1.5 to 2 times as long.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ..model import threads

_asked = 0  # make_way calls so far
_passed = 0  # the last make_way call whose two turns have gone by
_unpainted: set[QWidget] = set()  # windows whose paint is let go, not yet painted


def make_way() -> None:
    """The window's next layout and paint come before the engine: runs wait at their next
    month until the event loop has gone round twice since the last call, and while a window's
    paint is held or not yet done (a quarter of a second at most)."""
    global _asked
    _asked += 1
    threads.hold()
    asked = _asked
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: _turns_gone(asked)))


def _turns_gone(asked: int) -> None:
    global _passed
    _passed = max(_passed, asked)
    _let_runs_go()


def _let_runs_go() -> None:
    if _passed != _asked:
        return  # a later call lets them go
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not w.isMinimized()]
    if not any(not w.updatesEnabled() or w in _unpainted for w in shown):
        threads.release()  # else the window's paint lets them go (_Painted)


class _Painted(QObject):
    """Lets the runs go once a window let go of has been painted: its repaint is asked for
    with a low priority, and two turns of the event loop sometimes passed before it came."""

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.UpdateRequest:  # the whole window is painted now
            obj.removeEventFilter(self)
            _unpainted.discard(obj)
            QTimer.singleShot(0, _let_runs_go)  # once the paint is done
        return False


_painted = _Painted()


def hold_paint(window: QWidget) -> None:
    """Stop repainting ``window`` until every hold on it is let go (:func:`let_paint`)."""
    window._paint_holds = getattr(window, "_paint_holds", 0) + 1
    window.setUpdatesEnabled(False)


def let_paint(window: QWidget) -> None:
    """Let go of one hold; the last one on ``window`` repaints it whole, and the engine's runs
    wait until it is painted (a quarter of a second at most; a window hidden or minimized
    meanwhile no longer holds them)."""
    window._paint_holds -= 1
    if window._paint_holds == 0:
        window.setUpdatesEnabled(True)
        if window.isVisible() and window not in _unpainted:
            _unpainted.add(window)
            window.installEventFilter(_painted)
    make_way()


def paint_when_laid_out(window: QWidget) -> None:
    """Paint ``window`` only once the layouts a page switch posts have run: it holds its
    paint until the event loop has gone round twice. Entering presentation mode otherwise
    painted the presenter's charts five times at three passing sizes, leaving it the window's
    charts three times. The engine's runs wait on until the window is painted."""
    hold_paint(window)
    QTimer.singleShot(0, window, lambda: QTimer.singleShot(0, window, lambda: let_paint(window)))


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
        threads.hold()  # until the change is painted (_release)
        if not self._held:
            self._held = list(self._windows())
            for w in self._held:
                hold_paint(w)
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
            let_paint(w)
        make_way()  # also when no window was held
