"""An afternoon of use in a few minutes: the real main window, offscreen, driven by seeded
random actions, watching for exceptions, GUI stalls and memory growth.

    python benchmarks/soak.py [--seconds 60] [--seed 1]

Actions, each followed by a random pause of 20 to 200 ms in the event loop: slider drags and
jumps (trials at most 50,000, so a run stays interactive), typed values good and bad (Esc
puts a bad one back), ranges on and off, undo and redo, presets, save and open in a
temporary folder (a damaged file too), pin, playback, presentation mode in and out, deck
steps, theme, analysis tabs started and cancelled, new seeds and autosave ticks. Settings,
recent files and the recovery file go to a temporary home, never the user's.

Recorded: every Python exception (``sys.excepthook`` and any raised by an action), every
critical or fatal Qt message and every analysis child process that ended when it should not;
the worst stall of the GUI thread (how late a 10 ms timer fires, after the first fifth of
the run); and memory growth from the end of the first fifth to the end (every analysis page
and presentation mode's page made by then, as they are made once and kept), each with the
default scenario shown and every run finished, after collecting garbage and trimming the
allocator's free pages, and after letting go of what is bounded but fills over a session:
the window's engine (as closing the window does; its caches hold up to 550 MiB), the draw
tables (128 MiB) and the analyses' waiting children (about 50 MB each). The growth with all
of them as they were is printed too. Memory is the proportional set size of the app and the
processes it started (the analyses run in child processes), so no page is counted twice. The
last line is machine-readable:
  exceptions=<n> stall_ms=<n> rss_growth_mb=<n>
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

TYPED_BAD = ("1,5", "abc", "-5", "1e999", "nan", "12 months", "", "6..2")
MAX_TRIALS = 50_000


def rss_mb(settle: bool = False) -> float:
    """Memory held by this process and every process it started (the analyses' children and
    their fork server), MB: the proportional set size, so pages a forked child shares with
    its server count once. With ``settle``, after collecting garbage and handing the
    allocator's free pages back (what the processes hold, not their slack)."""
    if settle:
        gc.collect()
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass
    return sum(_pss_kb(pid) for pid in _family(os.getpid())) / 1024


def _family(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    family, todo = [], [pid]
    while todo:
        p = todo.pop()
        family.append(p)
        todo += parents.get(p, [])
    return family


def _pss_kb(pid: int) -> int:
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:  # ended meanwhile
        pass
    return 0


class Soak:
    """The window, the actions and what was recorded."""

    def __init__(self, rng: random.Random, folder: Path):
        from PySide6.QtCore import QTimer, qInstallMessageHandler

        from inches.gui import dialogs
        from inches.gui.application import application, keep_long_lived_after
        from inches.gui.main_window import MainWindow

        self.rng, self.folder = rng, folder
        self.exceptions, self.warnings, self.stall = 0, 0, 0.0
        self.warned: dict[str, int] = {}  # Qt's warnings, by text
        self.watch, self.current, self.worst = False, "start", {}  # worst stall per action
        self.app = application()
        qInstallMessageHandler(self._qt_message)
        sys.excepthook = self._excepthook
        dialogs.ask_unsaved = lambda *a: "discard"
        dialogs.ask_restore = lambda *a: False
        dialogs.show_error = lambda parent, title, text: None  # errors the user is shown
        dialogs.save_path = lambda *a, **k: str(folder / f"plan-{rng.randrange(5)}.toml")
        dialogs.open_path = lambda *a, **k: self._some_file()
        self.w = MainWindow()
        keep_long_lived_after(self.w.controller.resultReady)  # as the app does (run_app)
        self.w.resize(1366, 768)
        self.w.show()
        self._last_tick = time.perf_counter()
        self.timer = QTimer(interval=10, timeout=self._tick)
        self.timer.start()

    # --- recording --------------------------------------------------------------------------
    def _excepthook(self, kind, value, tb) -> None:
        self.exceptions += 1
        traceback.print_exception(kind, value, tb)

    def _qt_message(self, mode, context, message) -> None:
        from PySide6.QtCore import QtMsgType

        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.exceptions += 1
            print(f"Qt: {message}", file=sys.stderr)
        elif mode == QtMsgType.QtWarningMsg:
            self.warnings += 1
            self.warned[message[:80]] = self.warned.get(message[:80], 0) + 1

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.watch:
            late = (now - self._last_tick) * 1000 - 10
            self.stall = max(self.stall, late)
            self.worst[self.current] = max(self.worst.get(self.current, 0.0), late)
        self._last_tick = now

    def pause(self, seconds: float) -> None:
        """Let the event loop run for ``seconds`` (the user looks at the screen)."""
        from PySide6.QtCore import QEvent

        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            # as app.exec() would: processEvents() alone never deletes what deleteLater() let go
            self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.002)

    def _some_file(self) -> str:
        files = sorted(self.folder.glob("*.toml"))
        return str(self.rng.choice(files)) if files else ""

    # --- actions ----------------------------------------------------------------------------
    def _row(self):
        rows = [r for r in self.w.panel.rows.values() if r.slider.isEnabled()]
        return self.rng.choice(rows)

    def _position(self, row) -> int:
        top = row.slider.scale.position(MAX_TRIALS) if row.param.key == "trials" else 1000
        return self.rng.randrange(top + 1)

    def drag(self) -> None:
        row = self._row()
        track = row.ranger if row.ranged else row.slider
        track.setSliderDown(True)  # as a mouse press does: the slider is held
        for _ in range(self.rng.randrange(5, 15)):
            if row.ranged:
                ends = sorted(self.rng.sample(range(1001), len(track.value())))
                track.setValue(tuple(ends))
            else:
                track.setValue(self._position(row))
            self.pause(0.03)
        track.setSliderDown(False)

    def jump(self) -> None:
        row = self._row()
        if not row.ranged:
            row.slider.setValue(self._position(row))

    def type_value(self) -> None:
        row = self._row()
        p = row.param
        good = row.slider.scale.snap(row.slider.scale.value(self._position(row)))
        text = str(good) if self.rng.random() < 0.6 else self.rng.choice(TYPED_BAD)
        row.field.setText(text)
        row.field.editingFinished.emit()
        if row.field.property("bad"):
            from PySide6.QtCore import QEvent, Qt
            from PySide6.QtGui import QKeyEvent

            escape = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier(0))
            row.field.keyPressEvent(escape)
        assert p.key in self.w.controller.scenario.values

    def toggle_range(self) -> None:
        rows = [r for r in self.w.panel.rows.values() if r.toggle is not None]
        self.rng.choice(rows).toggle.click()

    def undo_redo(self) -> None:
        stack = self.w.controller.undo_stack
        (stack.undo if self.rng.random() < 0.6 else stack.redo)()

    def preset(self) -> None:
        from inches import list_presets

        self.w.files.open_preset(self.rng.choice(list_presets())[0])

    def save_open(self) -> None:
        if self.rng.random() < 0.5:
            self.w.files.save_as()
            return
        if self.rng.random() < 0.2:  # somebody's half-written file
            (self.folder / "damaged.toml").write_text("[community]\nstaff = [1, ")
        self.w.files.open_dialog()

    def present(self) -> None:
        p = self.w.presentation
        if p.active:
            for _ in range(self.rng.randrange(4)):
                p.player.step(self.rng.choice((1, -1))) if p.player.deck else p.toggle_pin()
                self.pause(0.1)
            p.leave(keep=self.rng.random() < 0.2)
        elif self.rng.random() < 0.5:
            p.present_deck("dell-2009", self.rng.randrange(9))
        else:
            p.enter()

    def pin_play(self) -> None:
        p = self.w.presentation
        p.toggle_pin() if self.rng.random() < 0.5 else p.playback.toggle()

    def theme(self) -> None:
        from inches.gui.theme import DARK, LIGHT

        self.w.set_theme(self.rng.choice((LIGHT, DARK)))

    def analysis(self) -> None:
        from inches.gui.menus import ANALYSES

        title = self.rng.choice(ANALYSES)
        self.w.show_analysis(title)
        page = self.w.analysis.pages[title]
        page.trials.setValue(300)
        page.run()
        self.pause(self.rng.uniform(0.05, 0.6))
        page.cancel()
        if self.rng.random() < 0.3:
            self.w.analysis.close()

    def small(self) -> None:
        """A new seed, an autosave tick or Escape."""
        self.rng.choice((self.w.new_seed, self.w.autosave.tick, self.w.escape))()

    ACTIONS = {"drag": 8, "jump": 8, "type_value": 6, "toggle_range": 3, "undo_redo": 5,
               "preset": 2, "save_open": 3, "present": 3, "pin_play": 2, "theme": 1,
               "analysis": 2, "small": 3}

    def _make_once(self) -> None:
        """Make what the window makes once and keeps: every analysis page, run once, and
        presentation mode's page, with and without a deck (about 95 MB on this machine).
        Made before the first measurement, they count at both ends, so growth is what
        accumulates, not which pages the first fifth of the run happened to open."""
        from inches.gui.menus import ANALYSES

        for title in ANALYSES:
            self.w.show_analysis(title)
            page = self.w.analysis.pages[title]
            page.trials.setValue(300)
            page.run()
            self.pause(0.1)
            page.cancel()
        self.w.analysis.close()
        p = self.w.presentation
        if p.active:
            p.leave()
        p.enter()
        self.pause(0.3)
        p.leave()
        p.present_deck("dell-2009", 0)
        self.pause(0.3)
        p.leave()

    def _settled_rss(self) -> tuple[float, float]:
        """Memory (see :func:`rss_mb`) with the default scenario shown, once every run under
        way has finished: as things are, and after letting go of what is bounded but fills.

        The result on screen is held as long as it is shown (a 50,000-trial run at 120 months
        holds over a gigabyte), so both ends show the same one. The engine's caches and the
        draw tables are bounded (docs/model.md) but fill over a session, and the analyses'
        children hold about 50 MB each once they have run, so the second figure, measured
        after letting all of these go, is the one that shows a leak.
        """
        from inches import load_scenario
        from inches.analysis import remote
        from inches.model import draw_tables

        def shown() -> float:
            self.w.controller.load(load_scenario("dell-2009"))
            runners = [self.w.controller.runner]
            if self.w.analysis is not None:
                runners += [page.runner for page in self.w.analysis.pages.made().values()]
            for runner in runners:
                runner.wait(60)
            self.pause(0.2)  # the result reaches the window, the last one is let go
            return rss_mb(settle=True)

        warm = shown()
        self.w.controller.stop()  # the next run starts a thread with an empty engine
        draw_tables.forget()
        remote.shutdown()  # the analyses' waiting children; the next Run starts one
        return warm, shown()

    def run(self, seconds: float, every: float = 0.0) -> None:
        """Act for ``seconds``; with ``every``, print the memory that often."""
        names, weights = zip(*self.ACTIONS.items())
        start = time.perf_counter()
        base, shown = None, 0.0
        while (elapsed := time.perf_counter() - start) < seconds:
            if every and elapsed - shown >= every:
                shown = elapsed
                print(f"  {elapsed:5.0f} s  {rss_mb():6.0f} MB  stall {self.stall:4.0f} ms",
                      flush=True)
            if base is None and elapsed > seconds / 5:
                self._make_once()
                base, self.watch = self._settled_rss(), True
                self._last_tick = time.perf_counter()  # settling is not the window's stall
            name = self.current = self.rng.choices(names, weights)[0]
            try:
                getattr(self, name)()
            except Exception:  # noqa: BLE001 - every exception is what we are counting
                self.exceptions += 1
                print(f"during {name}:", file=sys.stderr)
                traceback.print_exc()
            self.pause(self.rng.uniform(0.02, 0.2))
        self.pause(0.5)
        self.watch = False  # waiting for the last runs to measure memory is not a stall
        end = self._settled_rss()
        base = base or end
        self.warm_growth, self.growth = end[0] - base[0], end[1] - base[1]
        from inches.analysis import remote

        if remote.lost:  # an analysis's child process ended when it should not have
            print(f"{remote.lost} analysis processes lost", file=sys.stderr)
            self.exceptions += remote.lost
        self.w.controller.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--every", type=float, default=0.0, help="print memory every N seconds")
    args = ap.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="inches-soak-"))
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = home / "files"
    folder.mkdir()
    soak = Soak(random.Random(args.seed), folder)
    soak.run(args.seconds, args.every)
    print(f"{args.seconds:.0f} s of use (seed {args.seed}): {soak.exceptions} exceptions, "
          f"worst GUI stall {soak.stall:.0f} ms, memory growth {soak.growth:.0f} MB "
          f"({soak.warm_growth:.0f} MB with the caches and children as they were), "
          f"{soak.warnings} Qt warnings")
    for text, n in sorted(soak.warned.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  Qt warning x{n}: {text}")
    print("worst stall after each kind of action: " + ", ".join(
        f"{k} {v:.0f} ms" for k, v in sorted(soak.worst.items(), key=lambda kv: -kv[1])))
    print(f"exceptions={soak.exceptions} stall_ms={soak.stall:.0f} "
          f"rss_growth_mb={soak.growth:.0f}")
    return 0 if soak.exceptions == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
