"""How a chart's axes move: fitted to the data when settled, held while a slider is held.

While a slider is held an axis only grows, and then in steps to a rounded bound with at least
a quarter of headroom, so the room sees curves move against still labels; a step is taken at
once (a glide would repaint the chart on every frame beside the stream of previews). When the
hand lets go, the axis glides to its fitted range in one move of :data:`SETTLE_MS`. The
fitted range is a function of the data alone, so coming back to the same figures brings back
the same axes. A glide shows a frame at most every :data:`FRAME_MS`, and all glides share one
clock that shows one glide's frame per tick (:data:`TICK_MS`): each frame repaints its chart,
and the overview's four charts gliding at once, at 60 frames a second, all in the same turn
of the event loop, kept the window's thread busier than it has time for.
"""

from __future__ import annotations

import math
import time

import shiboken6
from PySide6.QtCore import QEasingCurve, QObject, QTimer

Range = tuple[float, float]
SETTLE_MS = 300
FRAME_MS = 40  # the shortest time between two frames of a glide (25 a second)
TICK_MS = 16  # the glides' clock: at most one glide's frame per tick
HEADROOM = 0.5  # of the data's span when a held axis has to grow (the issue asks 25% at least)
PAD = 0.03  # below and above the data, of its span
NICE = (1.0, 2.0, 2.5, 5.0, 10.0)


def nice_ceil(x: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``x`` (x > 0)."""
    if x <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(x))
    return next(n * power for n in NICE if n * power >= x * (1 - 1e-12))


def fitted(lo: float, hi: float, room_px: float = 0.0, view_px: float = 0.0) -> Range:
    """The view for data from ``lo`` to ``hi``, padded, with ``room_px`` pixels kept free
    above the data (for a legend) in a view ``view_px`` pixels tall."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi <= lo:
        hi = lo + max(1.0, abs(lo) * 0.1)
    span = hi - lo
    bottom, top = lo - PAD * span, hi + PAD * span
    if room_px > 0 and view_px > room_px:
        # the data must end room_px below the top: (top - hi) / (top - bottom) >= share
        share = min(0.8, room_px / view_px)
        top = max(top, (hi - share * bottom) / (1.0 - share))
    return bottom, top


def grow(held: Range, needed: Range) -> Range:
    """``held`` unchanged when ``needed`` fits inside it, else widened on the side that
    overflows, by at least :data:`HEADROOM` of the data's span, to a multiple of a round
    step (a tenth of the new span, rounded up to 1, 2, 2.5 or 5)."""
    lo, hi = held
    if needed[0] >= lo and needed[1] <= hi:
        return held
    spare = HEADROOM * (needed[1] - needed[0])
    new_lo = min(lo, needed[0] - spare) if needed[0] < lo else lo
    new_hi = max(hi, needed[1] + spare) if needed[1] > hi else hi
    step = nice_ceil((new_hi - new_lo) / 10) or 1.0
    if needed[0] < lo:
        new_lo = math.floor(new_lo / step) * step
    if needed[1] > hi:
        new_hi = math.ceil(new_hi / step) * step
    return new_lo, new_hi


class _Frames(QObject):
    """One clock for every glide: each tick shows one frame, the landing of the glide that
    should have landed first, else a frame of the glide that has waited the longest, so
    charts gliding together repaint one per turn of the event loop instead of all in one
    (a glide may land a few ticks late)."""

    def __init__(self):
        super().__init__()
        self.moving: list[Glide] = []
        self._timer = QTimer(self, interval=TICK_MS, timeout=self._tick)

    def add(self, glide: Glide) -> None:
        if glide not in self.moving:
            self.moving.append(glide)
        if not self._timer.isActive():
            self._timer.start()

    def remove(self, glide: Glide) -> None:
        if glide in self.moving:
            self.moving.remove(glide)
        if not self.moving:
            self._timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        self.moving = [g for g in self.moving if shiboken6.isValid(g)]  # (a chart closed)
        if not self.moving:
            self._timer.stop()
        landing = [g for g in self.moving if now >= g.ends]
        due = [g for g in self.moving if now - g.last >= FRAME_MS / 1000]
        if landing:  # the one that should have landed first
            min(landing, key=lambda g: g.ends).finish()
        elif due:
            min(due, key=lambda g: g.last).step(now)


_frames: _Frames | None = None


def _clock() -> _Frames:
    global _frames
    if _frames is None:
        _frames = _Frames()
    return _frames


class Glide(QObject):
    """Moves a view from where it is to a target range over :data:`SETTLE_MS`.

    ``apply(x_range, y_range)`` is called on every frame shown; a new target mid-way restarts
    the glide from where the view is now, so it never jumps.
    """

    def __init__(self, apply, parent: QObject | None = None):
        super().__init__(parent)
        self._apply = apply
        self.shown: tuple[Range, Range] | None = None
        self._from = self._to = None
        self.last = 0.0  # when the last frame was shown (time.monotonic())
        self.ends = 0.0  # when the glide under way lands
        self._ease = QEasingCurve(QEasingCurve.Type.InOutCubic)

    @property
    def target(self) -> tuple[Range, Range] | None:
        """Where the view is going (or is, when still)."""
        return self._to if self.moving else self.shown

    @property
    def moving(self) -> bool:
        return self in _clock().moving

    def jump(self, target: tuple[Range, Range]) -> None:
        """Show ``target`` at once."""
        _clock().remove(self)
        self._set(target)

    def glide(self, target: tuple[Range, Range]) -> None:
        """Move to ``target`` smoothly (at once if nothing is shown yet)."""
        if self.shown is None:
            self.jump(target)
            return
        if target == self.target:
            return
        self._from, self._to = self.shown, target
        self.ends = time.monotonic() + SETTLE_MS / 1000
        _clock().add(self)

    def finish(self) -> None:
        """Land a glide now (before an export or a screenshot)."""
        if self.moving:
            self.jump(self._to)

    def step(self, now: float) -> None:
        """Show the frame for ``now`` (called by the clock)."""
        self.last = now
        done = 1.0 - (self.ends - now) * 1000 / SETTLE_MS
        t = self._ease.valueForProgress(min(1.0, max(0.0, done)))
        self._set(tuple(tuple(a + (b - a) * t for a, b in zip(r0, r1))
                        for r0, r1 in zip(self._from, self._to)))

    def _set(self, ranges) -> None:
        if ranges != self.shown:
            self.shown = ranges
            self._apply(*ranges)
