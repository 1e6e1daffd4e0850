"""Slider-to-repaint latency and GUI-thread stalls, offscreen, at the default 10,000 trials.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py [--drag 10] [--quick]

1. Jumps: every headline and run-setting slider is set to points across its whole range
   (reps 0 to 200, staff 0 to 200, conversion to 2 %, deal size, win rate, trust time, horizon
   6 to 120, discount rate) at 10,000 trials, each jump as a user's release: the time from the
   change to the charts repainted with its full result. Prints p50, p95 and the worst slider.
   The trials slider is jumped across its range too and printed on its own line (not in p95:
   a million futures take seconds, behind a progress bar).
2. Drags: each headline slider is swept end to end over ``--drag`` seconds (a move every
   16 ms, previews while held, then released); a 10 ms timer on the GUI thread records how late
   it fires (the worst is the stall) and the previews shown per second are counted, beside the
   new values the slider offered per second (80 % of a slider's travel is its plausible range,
   in the field's steps: an end-to-end sweep of reps offers about 125 values in all, fewer
   than 25 a second, and in bursts where a step is one rep). So the rate that says whether
   the charts keep up is the one while the slider is ahead of them: previews per second
   counted over the time from each preview that arrives with a newer value already waiting
   to the next preview.
The last line reads ``p95_ms=<n> stall_ms=<n> worst_key=<key> worst_ms=<n>`` (plus
``previews_per_s=<n>``, the slowest drag's rate while its slider was ahead of the charts).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402

import inches  # noqa: E402
from inches.gui.application import application, keep_long_lived_after  # noqa: E402
from inches.gui.main_window import MainWindow  # noqa: E402
from inches.model.params import BY_KEY, Role, keys_with  # noqa: E402

HEADLINE = keys_with(Role.HEADLINE)
RUN_SLIDERS = ("months", "discount_rate")
OTHER_COUNTS = "trials"  # timed too, but not in p95: its jumps are runs of other sizes


class Bench:
    """A shown window, its repaint times and a watchdog timer on the GUI thread."""

    def __init__(self):
        self.app = application()  # as the app's
        self.w = w = MainWindow(persist=False)
        w.resize(1600, 900)
        w.show()
        self.c = w.controller
        self.painted: list[tuple[float, object]] = []  # (when, the result painted)
        w.charts.drawn.connect(self._paint)
        keep_long_lived_after(self.c.resultReady)  # as the app does (gui/startup.py)
        self.base = inches.load_scenario("dell-2009")
        self.c.load(self.base)
        self.wait(lambda: self.settled())

    def _paint(self) -> None:  # every overview chart has the latest result: paint them now
        self.w.charts.repaint()
        self.w.headline.repaint()
        self.painted.append((time.perf_counter(), self.w.charts.result))

    def settled(self) -> bool:
        r = self.c.result
        return r is not None and not self.c.refining and r.scenario.values == self.c.scenario.values

    def wait(self, cond, limit: float = 60.0) -> None:
        """Run the event loop, idle in Qt's wait as the app is, until ``cond()`` holds; woken
        by the window's own signals (no polling timer competing with the worker)."""
        end = time.perf_counter() + limit
        loop = QEventLoop()
        wake = [self.w.charts.drawn, self.c.refiningChanged, self.c.resultReady]
        for signal in wake:
            signal.connect(loop.quit)
        guard = QTimer(singleShot=True, interval=int(limit * 1000), timeout=loop.quit)
        guard.start()
        while not cond() and time.perf_counter() < end:
            loop.exec()
        guard.stop()
        for signal in wake:
            signal.disconnect(loop.quit)

    def jump(self, key: str, value: float) -> float:
        """Set a slider as a release would; ms until the charts show its full result."""
        slider = self.w.panel.rows[key].slider
        t0 = time.perf_counter()
        slider.set_param_value(value)
        # charts are drawn one per turn: the last paint must be of this change's own result
        self.wait(lambda: self.settled() and bool(self.painted) and self.painted[-1][0] > t0
                  and self.painted[-1][1] is self.c.result)
        return (self.painted[-1][0] - t0) * 1e3


def targets(key: str) -> list[float]:
    """Points across the slider's whole range, from the far ends in."""
    p = BY_KEY[key]
    pts = np.geomspace(max(p.lo, p.hi / 1e4), p.hi, 6) if p.log else np.linspace(p.lo, p.hi, 6)
    return [float(v) for v in (pts[-1], pts[0], pts[3], pts[1], pts[4], pts[2])]


def jumps(b: Bench, keys) -> dict[str, list[float]]:
    """Each slider jumped across its range, then put back (the put-back is not timed)."""
    out = {}
    for key in keys:
        out[key] = [b.jump(key, v) for v in targets(key)]
        b.c.set_value(key, b.base.values[key])
        b.wait(b.settled)
    return out


def drag(b: Bench, key: str, seconds: float) -> tuple[float, float, float, float]:
    """Sweep ``key`` end to end while held: (worst timer lateness ms, previews per second,
    new values the slider offered per second, previews per second while the slider was ahead
    of the charts). A slider offers fewer values than positions where its steps are whole
    numbers or rounded (reps, conversion): no preview is due between."""
    slider = b.w.panel.rows[key].slider
    clock, last, late, shown, offered = QElapsedTimer(), [0.0], [], [], set()

    def tick():
        now = clock.nsecsElapsed() / 1e6
        if last[0]:
            late.append(now - last[0] - 10.0)
        last[0] = now

    start = time.perf_counter()

    def move():
        f = min(1.0, (time.perf_counter() - start) / seconds)
        slider.setValue(round(slider.minimum() + f * (slider.maximum() - slider.minimum())))
        offered.add(slider.param_value())

    watch, mover = QTimer(interval=10, timeout=tick), QTimer(interval=16, timeout=move)
    def count(result, _refined):  # when, and whether a newer value was already waiting
        shown.append((time.perf_counter(), result.scenario.values != b.c.scenario.values))

    b.c.resultReady.connect(count)
    slider.setSliderDown(True)
    clock.start()
    watch.start()
    mover.start()
    b.wait(lambda: time.perf_counter() - start >= seconds, limit=seconds)
    mover.stop()
    watch.stop()
    slider.setSliderDown(False)
    b.wait(b.settled)
    b.c.resultReady.disconnect(count)  # only this counter: the window's own slots stay
    b.c.set_value(key, b.base.values[key])
    b.wait(b.settled)
    gaps = [t1 - t0 for (t0, behind), (t1, _) in zip(shown, shown[1:]) if behind]
    ahead = len(gaps) / sum(gaps) if gaps else float("inf")
    return (max(late) if late else 0.0), len(shown) / seconds, len(offered) / seconds, ahead


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drag", type=float, default=10.0, help="seconds per slider's sweep")
    ap.add_argument("--quick", action="store_true", help="headline sliders only, 3 s drags")
    args = ap.parse_args()
    b = Bench()
    keys = HEADLINE if args.quick else HEADLINE + RUN_SLIDERS
    b.jump("community.trust_months", 12.5)  # warm the caches once
    times = jumps(b, keys)
    every = sorted(t for ts in times.values() for t in ts)
    p50 = statistics.median(every)
    p95 = every[min(len(every) - 1, int(round(0.95 * (len(every) - 1))))]
    worst_key = max(times, key=lambda k: max(times[k]))
    print(f"jumps across every slider's range at 10,000 trials ({len(every)} changes): "
          f"p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    for key, ts in times.items():
        print(f"  {key:28s} worst {max(ts):6.0f} ms   median {statistics.median(ts):5.0f} ms")
    if not args.quick:
        counts = jumps(b, (OTHER_COUNTS,))[OTHER_COUNTS]
        print(f"  {OTHER_COUNTS:28s} worst {max(counts):6.0f} ms   median "
              f"{statistics.median(counts):5.0f} ms   (runs of 100 to 1,000,000 trials: not in p95)")
    seconds = 3.0 if args.quick else args.drag
    stall, rates = 0.0, []
    for key in HEADLINE:
        late, rate, offered, ahead = drag(b, key, seconds)
        stall = max(stall, late)
        rates.append(ahead)
        print(f"  drag {key:23s} {rate:5.1f} previews/s of {offered:5.1f} new values/s, "
              f"{ahead:5.1f}/s while behind, GUI thread late by at most {late:.0f} ms")
    b.c.stop()
    print(f"p95_ms={p95:.1f} stall_ms={stall:.1f} worst_key={worst_key} "
          f"worst_ms={max(times[worst_key]):.1f} previews_per_s={min(rates):.1f}")


if __name__ == "__main__":
    main()
