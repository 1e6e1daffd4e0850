"""Slider-to-repaint latency and GUI-thread stalls, offscreen, at the default 10,000 trials.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_latency.py [--changes 50] [--drag 5]

1. 50 slider changes, one after another: time from the change to the charts repainted with its
   result (the charts' ``drawn`` signal plus a synchronous repaint). Prints p50 and p95.
2. A continuous simulated drag for 5 seconds (a slider moved every 16 ms, previews while held):
   a 10 ms timer on the GUI thread records how late it fires; the worst is the stall.
The last line reads ``p95_ms=<number> stall_ms=<number>``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import inches  # noqa: E402
from inches.gui.main_window import MainWindow  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=50)
    ap.add_argument("--drag", type=float, default=5.0, help="seconds of simulated drag")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    w = MainWindow(persist=False)
    w.resize(1600, 900)
    w.show()
    c = w.controller
    c.load(inches.load_scenario("dell-2009"))
    painted: list[float] = []

    def paint():  # every overview chart has the latest result: paint them now
        w.charts.repaint()
        w.headline.repaint()
        painted.append(time.perf_counter())

    w.charts.drawn.connect(paint)

    def wait_until(cond, limit=30.0):
        end = time.perf_counter() + limit
        while not cond() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)

    wait_until(lambda: c.result is not None and not c.refining)
    slider = w.panel.rows["community.trust_months"].slider
    latencies = []
    for i in range(args.changes + 3):
        target = 10.0 + (i % 2) * 0.5 + i * 0.01
        n = len(painted)
        t0 = time.perf_counter()
        slider.setValue(target)
        wait_until(lambda: len(painted) > n and not c.refining)
        if i >= 3:  # the first few warm caches
            latencies.append((painted[-1] - t0) * 1e3)
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"slider change -> charts repainted, {len(latencies)} changes at 10,000 trials: "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, worst {latencies[-1]:.1f} ms")

    # Continuous drag: move a deals slider every 16 ms while a 10 ms timer watches the GUI thread.
    clock = QElapsedTimer()
    last = [0.0]
    late = []

    def tick():
        now = clock.nsecsElapsed() / 1e6
        if last[0]:
            late.append(now - last[0] - 10.0)
        last[0] = now

    step = [0]
    deal = w.panel.rows["deals.win_rate"].slider

    def move():
        step[0] += 1
        deal.setValue(10.0 + (step[0] % 100) * 0.1)

    watch = QTimer(interval=10, timeout=tick)
    mover = QTimer(interval=16, timeout=move)
    shown = []
    c.resultReady.connect(lambda *_: shown.append(1))
    c.set_dragging(True)
    clock.start()
    watch.start()
    mover.start()
    end = time.perf_counter() + args.drag
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    mover.stop()
    watch.stop()
    c.set_dragging(False)
    wait_until(lambda: not c.refining)
    frames = len(shown)
    stall = max(late) if late else 0.0
    print(f"{args.drag:.0f} s drag: {step[0]} slider moves, {frames} results shown "
          f"({frames / args.drag:.1f} per second); 10 ms timer late by at most {stall:.1f} ms "
          f"(median {statistics.median(late):.1f} ms)")
    c.stop()
    print(f"p95_ms={p95:.1f} stall_ms={stall:.1f}")


if __name__ == "__main__":
    main()
