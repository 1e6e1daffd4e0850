"""The current scenario, its edits (with undo), its file, and the runs that follow each edit.

Data flows one way: widgets call the controller; the controller changes the scenario, asks
the worker for a run, and hands each new result to whoever listens. Widgets never talk to the
engine.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..files.scenarios import read_scenario
from ..model import threads
from ..model.engine import CHUNK, thread_engine
from ..model.outcome import Result
from ..model.params import BY_KEY
from ..model.scenario import Scenario, checked
from ..model.uncertainty import Range
from ..text import STRATEGIES
from .tasks import Task, TaskRunner

PREVIEW_TRIALS = 2_000  # while a slider is dragged; the full count follows on release
PROGRESS_TRIALS = 20_000  # runs this large show a progress bar


@dataclass(frozen=True)
class RunRequest:
    """What a run was asked for: ``trials`` may be fewer than the scenario's (a preview)."""

    scenario: Scenario
    trials: int

    @property
    def preview(self) -> bool:
        return self.trials < self.scenario.trials


def simulate_task(scenario: Scenario, trials: int, prepare, progress, cancel):
    """The background task of a run: simulate on this thread's engine, then ``prepare``.

    A preview (fewer trials than the scenario's) keeps the full run of any strategy whose
    parameters did not change, so the side the slider does not touch never moves (the two
    are compared over the trials both share), and runs on this thread alone (see threads.py).
    """
    engine = thread_engine()
    preview = trials < scenario.trials
    with threads.alone() if preview else contextlib.nullcontext():
        result = engine.simulate(scenario, trials=trials, progress=progress, cancel=cancel)
        if preview:
            parts = {name: engine.cached(scenario, name, scenario.trials)
                     or getattr(result, name) for name in STRATEGIES}
            result = Result(scenario, parts["community"], parts["deals"], trials,
                            result.months, result.seed)
        if prepare is not None:
            prepare(result)
    return result


class _Edit(QUndoCommand):
    """One change of the scenario's values; consecutive moves of one slider merge."""

    def __init__(self, controller: Controller, before: dict, after: dict, text: str,
                 merge_key: str | None):
        super().__init__(text)
        self._c, self._before, self._after, self._merge = controller, before, after, merge_key

    def id(self) -> int:
        return -1 if self._merge is None else hash(self._merge) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Edit) or other._merge != self._merge or self._merge is None:
            return False
        if time.monotonic() - self._stamp > 1.5:  # a new gesture after a pause
            return False
        self._before = {**other._before, **self._before}  # the first value of each key
        self._after = {**self._after, **other._after}
        self._stamp = other._stamp
        return True

    def redo(self) -> None:
        self._stamp = getattr(self, "_stamp", time.monotonic())
        self._c._apply(self._after)

    def undo(self) -> None:
        self._c._apply(self._before)


class Controller(QObject):
    """Owns the scenario, its undo history and file, and asks for a run after every change."""

    scenarioChanged = Signal(object)  # Scenario
    resultReady = Signal(object, bool)  # Result, refined (False for a preview)
    refiningChanged = Signal(bool)  # a newer or fuller result is on its way
    progress = Signal(float)  # fraction of a long run done
    runFailed = Signal(str)
    fileChanged = Signal()  # path, name or modified flag changed

    def __init__(self, scenario: Scenario | None = None,
                 prepare: Callable[[object], None] | None = None, parent: QObject | None = None):
        """``prepare(result)`` runs on the background thread before a result is handed over
        (the charts use it to compute their percentiles off the GUI thread)."""
        super().__init__(parent)
        self._prepare = prepare
        self.runner = TaskRunner(self, name="inches-simulation")
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.progress.connect(self._progress)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._scenario = scenario or Scenario.default()
        self.path: Path | None = None
        self.result = None
        self._shown_id = 0
        self._wanted: Task | None = None
        self._shown_preview = False
        self._dragging = False
        self._restored = False  # holds restored, never-saved work
        self._aside: dict | None = None  # values before a deck took over (see begin_aside)

    # --- state ------------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def modified(self) -> bool:
        return self._restored or not self.undo_stack.isClean()

    @property
    def title(self) -> str:
        return self.path.name if self.path else self._scenario.name

    @property
    def refining(self) -> bool:
        """True while the result shown is a preview or older than the scenario."""
        behind = self._wanted is not None and self._wanted.id > self._shown_id
        return behind or self._shown_preview

    def _clean_changed(self, _clean: bool) -> None:
        # A bound slot (not a lambda) so Qt disconnects it when the controller goes away.
        self.fileChanged.emit()

    # --- edits ------------------------------------------------------------------------------
    def set_value(self, key: str, value: float) -> None:
        """Change one parameter (validated); a slider's moves merge into one undo step."""
        p = BY_KEY[key]
        value, old = checked(key, value), self._scenario.values[key]
        if old != value:
            # a number becoming a range (or back) is a step of its own, never merged
            same_kind = isinstance(value, Range) == isinstance(old, Range)
            text = (f"Change {p.label}" if same_kind else
                    f"Give {p.label} a range" if isinstance(value, Range) else
                    f"Give {p.label} one value")
            self._push({key: value}, text, merge_key=key if same_kind else None)

    def set_values(self, changes: dict[str, float], text: str,
                   merge_key: str | None = None) -> None:
        """Change several parameters in one undo step (steps with one ``merge_key`` merge)."""
        changes = {k: checked(k, v) for k, v in changes.items()}
        if any(self._scenario.values[k] != v for k, v in changes.items()):
            self._push(changes, text, merge_key=merge_key)

    def reset(self, key: str) -> None:
        """Put one parameter back to its default."""
        self.set_values({key: BY_KEY[key].default}, f"Reset {BY_KEY[key].label}")

    @property
    def dragging(self) -> bool:
        """A slider (or a deck's glide) is being held: runs are previews."""
        return self._dragging

    def set_dragging(self, dragging: bool) -> None:
        """A slider is held (run previews) or was released (run the full count)."""
        if self._dragging != dragging:
            self._dragging = dragging
            if not dragging:
                self.run()

    def begin_aside(self) -> None:
        """From now on edits leave no undo history (a deck is being presented): the scenario
        as it is now comes back with :meth:`end_aside`."""
        if self._aside is None:
            self._aside = dict(self._scenario.values)

    def end_aside(self, keep: bool) -> None:
        """Put back the scenario :meth:`begin_aside` saw, or with ``keep`` make what is shown
        now one undoable edit."""
        before, self._aside = self._aside, None
        if before is None:
            return
        changed = {k: v for k, v in self._scenario.values.items() if before[k] != v}
        if not changed:
            return
        if keep:
            self.undo_stack.push(_Edit(self, {k: before[k] for k in changed}, changed,
                                       "Keep deck step", None))
        else:
            self._apply({k: before[k] for k in changed})

    def _push(self, changes: dict, text: str, merge_key: str | None) -> None:
        if self._aside is not None:
            self._apply(changes)
            return
        before = {k: self._scenario.values[k] for k in changes}
        self.undo_stack.push(_Edit(self, before, dict(changes), text, merge_key))

    def _apply(self, values: dict) -> None:
        self._scenario = self._scenario.with_values(values)
        self.scenarioChanged.emit(self._scenario)
        self.run()

    # --- files ------------------------------------------------------------------------------
    def load(self, scenario: Scenario, path: Path | None = None, *, modified: bool = False) -> None:
        """Replace the scenario (a file, a preset or a restored autosave) and start afresh."""
        self._scenario = scenario
        self.path = Path(path) if path else None
        self.undo_stack.clear()
        self._restored = modified
        self.scenarioChanged.emit(scenario)
        self.fileChanged.emit()
        self.run()

    def open(self, path: str | Path) -> None:
        """Read a scenario file; on any fault raise ScenarioError and keep the current one."""
        self.load(read_scenario(path), Path(path))

    def to_save(self, path: str | Path | None = None) -> tuple[Scenario, Path]:
        """What saving to ``path`` (or the scenario's own file) writes: the scenario, named
        after a new file, and the file."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file to save to")
        scenario = self._scenario
        if self.path is None or target != self.path:
            scenario = scenario.with_values({}, name=target.stem)
        return scenario, target

    def mark_saved(self, written: Scenario, target: Path, asked: Scenario) -> None:
        """``written`` (from :meth:`to_save` while ``asked`` was the scenario) is now in
        ``target``: that is its file, and it shows as saved unless edited since."""
        self.path = target
        self._restored = False
        if self._scenario is asked:
            self._scenario = written
            self.undo_stack.setClean()
        elif self._scenario.name != written.name:  # edited while the file was written
            self._scenario = self._scenario.with_values({}, name=written.name)
        self.fileChanged.emit()

    # --- runs -------------------------------------------------------------------------------
    def run(self) -> Task:
        """Ask for a run of the current scenario (a preview while a slider is dragged)."""
        s = self._scenario
        trials = min(PREVIEW_TRIALS, s.trials) if self._dragging else s.trials
        # A short run (one chunk, tens of milliseconds) is let finish even when superseded:
        # during a slider drag its result is still newer than what the window shows.
        self._wanted = self.runner.submit(simulate_task, interruptible=trials > CHUNK,
                                          tag=RunRequest(s, trials), scenario=s, trials=trials,
                                          prepare=self._prepare)
        self.refiningChanged.emit(True)
        return self._wanted

    def cancel(self) -> None:
        """Stop a long run (Escape); the charts keep the last result."""
        self.runner.cancel()
        self._wanted = None
        self.refiningChanged.emit(self.refining)

    def stop(self) -> None:
        """End the background thread (the window is closing)."""
        self.runner.stop()

    def _finished(self, task: Task, result) -> None:
        if task.id <= self._shown_id:  # never let an older result overwrite a newer one
            return
        preview = task.tag.preview
        self._shown_id, self._shown_preview = task.id, preview
        self.result = result
        self.resultReady.emit(result, not preview)
        if self._wanted is task and preview and not self._dragging:
            self.run()  # the drag ended while this preview ran: refine now
        self.refiningChanged.emit(self.refining)

    def _failed(self, task: Task, message: str) -> None:
        if self._wanted is task:
            self._wanted = None
            self.runFailed.emit(message)
            self.refiningChanged.emit(self.refining)

    def _progress(self, task: Task, fraction: float) -> None:
        if self._wanted is task and task.tag.trials > PROGRESS_TRIALS:
            self.progress.emit(fraction)

