"""What every analysis tab shares: its settings row, Run / Cancel, progress, a status line.

A page runs its analysis on the current scenario through its own
:class:`~inches.gui.tasks.TaskRunner`; when the scenario changes afterwards the page says its
figures are for the earlier one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...analysis import remote
from ..tasks import TaskRunner
from ..theme import LIGHT


class AnalysisPage(QWidget):
    """Base of the analysis tabs. Subclasses add inputs, ``run_kwargs`` and ``show``."""

    title = ""
    function = None  # the model-layer analysis, called with progress= and cancel=
    default_trials = 1000

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.theme = LIGHT
        self.result = None
        self._scenario = None  # the scenario the result is for
        self.runner = TaskRunner(self, name=f"inches-{self.title.lower()}")
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.progress.connect(self._progress)
        self.runner.partial.connect(self._partial)
        box = QVBoxLayout(self)
        self.inputs = QHBoxLayout()
        box.addLayout(self.inputs)
        box.addLayout(self._controls())
        self.body = QVBoxLayout()
        box.addLayout(self.body, 1)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.run,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        controller.scenarioChanged.connect(self._scenario_changed)

    def _controls(self) -> QHBoxLayout:
        """Trials, Run, Cancel, the progress bar and the status line."""
        self.trials = QSpinBox(self)
        self.trials.setRange(100, 100_000)
        self.trials.setSingleStep(500)
        self.trials.setGroupSeparatorShown(True)
        self.trials.setValue(self.default_trials)
        self.trials.setSuffix(" futures")
        self.trials.setToolTip("Futures per point. More is steadier and slower; common random "
                               "numbers keep differences between points clean even when few.")
        self.run_button = QPushButton("Run", self)
        self.run_button.setObjectName("run")
        self.run_button.setToolTip("Run on the current scenario (Ctrl+Return)")
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop this analysis (Esc)")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setFormat("%p% (Esc cancels)")
        self.bar.hide()
        self.status = QLabel("Press Run to analyse the current scenario.", self)
        self.status.setObjectName("analysisStatus")
        self.status.setWordWrap(True)
        controls = QHBoxLayout()
        for w, stretch in ((QLabel("Trials", self), 0), (self.trials, 0), (self.run_button, 0),
                           (self.cancel_button, 0), (self.bar, 1), (self.status, 2)):
            controls.addWidget(w, stretch)
        return controls

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Until the first run, the chart says what it will show instead of empty axes."""
        super().showEvent(event)
        if getattr(self, "_redraw", False):
            self._redraw = False
            self.show_result(self.result)
        if self.result is None and not self.runner.busy:
            self.plot.show_empty(f"Press Run to see {self.empty_text}.")

    empty_text = "this analysis of the current scenario"
    redraws_on_theme = True  # False where the chart recolours everything itself

    def set_theme(self, theme) -> None:
        """Colour the chart; pages that draw their own colours redraw their result, now if
        the page is on screen, else when it is next shown."""
        self.theme = theme
        self.plot.restyle(theme, self.plot.scale)
        self._redraw = self.result is not None and self.redraws_on_theme
        if self._redraw and self.isVisible():
            self._redraw = False
            self.show_result(self.result)

    # --- for subclasses ---------------------------------------------------------------------
    partial_arg: str | None = None  # the function's callback for partial results, if any

    def task(self):
        """The analysis to run: ``function``, unless the page's settings choose another."""
        return type(self).function

    def run_kwargs(self) -> dict:
        """Arguments for ``function`` besides scenario, trials, progress and cancel."""
        return {}

    def show_result(self, result) -> None:
        raise NotImplementedError

    def show_partial(self, *data) -> None:
        """Part of a result arrived (the strategy map fills in row by row)."""

    def summary(self, result) -> str:
        return "Done."

    # --- running ----------------------------------------------------------------------------
    def run(self) -> None:
        try:
            kwargs = self.run_kwargs()
        except ValueError as e:
            self.status.setText(str(e))
            return
        self._scenario = self.controller.scenario
        self.runner.submit(_elsewhere(self.task(), self.partial_arg), partial_arg=self.partial_arg,
                           scenario=self._scenario, trials=self.trials.value(), **kwargs)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setValue(0)
        self.bar.show()
        self.status.setText("Running…")

    def cancel(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
            self._idle("Cancelled; the figures shown are from the last finished run.")

    def _idle(self, text: str) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bar.hide()
        self.status.setText(text)

    def _finished(self, task, result) -> None:
        if self.runner.is_latest(task):
            self.result = result
            self.show_result(result)
            self._idle(self.summary(result))

    def _failed(self, task, message: str) -> None:
        if self.runner.is_latest(task):
            self._idle(message)

    def _progress(self, task, fraction: float) -> None:
        if self.runner.is_latest(task):
            self.bar.setValue(round(100 * fraction))

    def _partial(self, task, data) -> None:
        if self.runner.is_latest(task):
            self.show_partial(*data)

    def _scenario_changed(self, scenario) -> None:
        if self.result is not None and scenario is not self._scenario \
                and not self.runner.busy:
            self.status.setText("The scenario has changed since this run: press Run to update.")


def _elsewhere(analysis, partial_arg: str | None):
    """``analysis`` as a task that runs it in a child process (:mod:`inches.analysis.remote`):
    the window keeps Python's lock, and the analysis's arrays never enter the window's heap."""
    def run(progress, cancel, **kwargs):
        on_partial = kwargs.pop(partial_arg) if partial_arg else None
        return remote.call(analysis, kwargs, progress, cancel, partial_arg, on_partial)
    return run
