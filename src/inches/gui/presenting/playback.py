"""Playback: the futures unfold month by month, from 0 to the horizon in about five seconds."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

PLAY_SECONDS = 5.0
FRAME_MS = 33


class Playback(QObject):
    """Drives ``reveal(month)`` on a timer; ``toggle`` plays or pauses, the end pauses itself.

    ``month`` is None when nothing is being played (the charts show every month).
    """

    playingChanged = Signal(bool)

    def __init__(self, reveal, horizon, parent: QObject | None = None):
        super().__init__(parent)
        self._reveal = reveal  # callable(month | None)
        self._horizon = horizon  # callable() -> months
        self.month: float | None = None
        self._clock = QElapsedTimer()
        self._from = 0.0
        self._timer = QTimer(self, interval=FRAME_MS, timeout=self._tick)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def toggle(self) -> None:
        """Play (from the start if finished or never played) or pause."""
        if self.playing:
            self._timer.stop()
            self.playingChanged.emit(False)
            return
        h = self._horizon()
        if self.month is None or self.month >= h:
            self.month = 0.0
        self._from = self.month
        self._clock.start()
        self._reveal(self.month)
        self._timer.start()
        self.playingChanged.emit(True)

    def stop(self) -> None:
        """Stop and show every month again."""
        was = self.playing
        self._timer.stop()
        if self.month is not None:  # else every month is shown already
            self.month = None
            self._reveal(None)
        if was:
            self.playingChanged.emit(False)

    def _tick(self) -> None:
        h = self._horizon()
        self.month = min(float(h), self._from + h * self._clock.elapsed() / 1000 / PLAY_SECONDS)
        self._reveal(self.month)
        if self.month >= h:  # reached the horizon: pause there
            self._timer.stop()
            self.playingChanged.emit(False)
