"""Start-up: from launching the process to the first result painted, offscreen.

    python benchmarks/startup.py [--repeat 5]

Each run is a fresh process (QT_QPA_PLATFORM=offscreen) that does what the app does when it
starts: import the command line and the window, build the window with the default scenario,
show it, run the first simulation and paint its charts. It reports, from the moment the
parent launched it, when each step ended:
  * imports: Python, numpy, Qt, pyqtgraph and the app's modules imported;
  * window: the window built and shown (its first frame is drawn without results);
  * first run: the first result (10,000 futures) handed to the window;
  * first paint: the charts painted with that result (what the user waits for).
As a baseline measured in the same run, a bare PySide6 process shows an empty window and
paints it once; the ratio says how much of the start is ours.

The last line is machine-readable:
  startup_s=.. imports_s=.. window_s=.. first_run_s=.. first_paint_s=.. bare_s=.. ratio_bare=..
(medians; startup_s equals first_paint_s).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

APP = r"""
import json, sys, time
stamps = {}
from inches.cli import main  # noqa: F401  (what the `inches` command imports first)
from inches.gui.application import application
from inches.gui.main_window import MainWindow
from inches.gui.charts.plot import ChartPlot
from PySide6 import QtCore
stamps["imports"] = time.monotonic()
app = application()
window = MainWindow(persist=False)
window.resize(1600, 900)
window.show()
app.processEvents()
stamps["window"] = time.monotonic()
plot = next(p for p in window.findChildren(ChartPlot, "chart.cumulative_net") if p.isVisible())


class Painted(QtCore.QObject):
    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QtCore.QEvent.Type.Paint and "first_run" in stamps:
            stamps.setdefault("first_paint", time.monotonic())
        return False


painted = Painted()
plot.viewport().installEventFilter(painted)
# connected after the window's own handler: the charts have the result when this runs
window.controller.resultReady.connect(
    lambda *_: stamps.setdefault("first_run", time.monotonic()))
while "first_paint" not in stamps and time.monotonic() - stamps["window"] < 60:
    app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
window.controller.stop()
print(json.dumps(stamps))
"""

BARE = r"""
import json, time
from PySide6 import QtCore, QtWidgets
stamps = {"imports": time.monotonic()}
app = QtWidgets.QApplication([])
window = QtWidgets.QMainWindow()
window.setCentralWidget(QtWidgets.QLabel("Inches"))
window.resize(1600, 900)
window.show()
app.processEvents()
stamps["first_paint"] = time.monotonic()
print(json.dumps(stamps))
"""

STEPS = ("imports", "window", "first_run", "first_paint")


def launch(code: str) -> dict[str, float]:
    """Run ``code`` in a fresh offscreen process: seconds from launch to each of its stamps."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.monotonic()  # CLOCK_MONOTONIC is shared by every process on the machine
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=300)
    if proc.returncode != 0:
        sys.exit(f"startup.py: the child failed:\n{proc.stderr}")
    stamps = json.loads(proc.stdout.strip().splitlines()[-1])
    return {k: v - start for k, v in stamps.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    launch(BARE)  # warm the disk cache for both, so neither pays for it alone
    launch(APP)
    runs = [launch(APP) for _ in range(args.repeat)]
    bare = statistics.median(launch(BARE)["first_paint"] for _ in range(args.repeat))
    med = {k: statistics.median(r[k] for r in runs) for k in STEPS}
    print(f"Start-up, offscreen, median of {args.repeat} fresh processes (seconds from launch):")
    last = 0.0
    for k in STEPS:
        print(f"  {k.replace('_', ' '):<12} {med[k]:6.2f} s   (+{med[k] - last:.2f} s)")
        last = med[k]
    print(f"  bare PySide6 window painted: {bare:.2f} s (baseline); the app takes "
          f"{med['first_paint'] / bare:.1f} x that")
    print(f"startup_s={med['first_paint']:.2f} imports_s={med['imports']:.2f} "
          f"window_s={med['window']:.2f} first_run_s={med['first_run']:.2f} "
          f"first_paint_s={med['first_paint']:.2f} bare_s={bare:.2f} "
          f"ratio_bare={med['first_paint'] / bare:.2f}")


if __name__ == "__main__":
    main()
