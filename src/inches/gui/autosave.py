"""Autosave and crash recovery: unsaved work is written every few seconds and offered back
after a crash (see :mod:`.settings` for where it goes). The writes go through the window's
:class:`~.writer.Writer`, so a slow disk never freezes the window."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from ..model.scenario import Scenario
from . import dialogs, settings
from .writer import Writer

AUTOSAVE_MS = 5_000


class Autosave(QObject):
    """Writes ``controller``'s scenario to the recovery file while it has unsaved changes."""

    def __init__(self, window, controller, writer: Writer, enabled: bool = True):
        super().__init__(window)
        self.window, self.controller, self.writer = window, controller, writer
        self._saved: Scenario | None = None
        self.timer = QTimer(self, interval=AUTOSAVE_MS, timeout=self.tick)
        if enabled:
            self.timer.start()

    def tick(self) -> None:
        """Write the scenario now if it changed since the last autosave."""
        c = self.controller
        if c.modified and c.scenario is not self._saved:
            scenario, source = c.scenario, c.path
            self._saved = scenario
            self.writer.write(lambda: settings.autosave(scenario, source),
                              lambda error: self._written(scenario, error))

    def _written(self, scenario: Scenario, error: OSError | None) -> None:
        # Autosave is a safety net: a full disk must not interrupt the user. Try again later.
        if error is not None and self._saved is scenario:
            self._saved = None

    def clear(self) -> None:
        """Remove the recovery file once every autosave asked before has been written (after a
        save of the work it held)."""
        self._saved = None
        self.writer.write(settings.clear_autosave)

    def stop(self) -> None:
        """No more autosaves; wait for the one being written."""
        self.timer.stop()
        self.writer.flush()

    def offer_recovery(self) -> None:
        """After a crash, offer the unsaved work the last session left.

        Work its file already holds is not offered. When the file was saved after the
        autosave, the work comes back untitled, so saving it can never replace that newer
        file."""
        found = settings.pending_recovery()
        if found is None:
            return
        stamp = time.strftime("%d %b at %H:%M", time.localtime(found.when))
        when, path = f"on {stamp}", found.source
        if found.source_newer:
            when += (f"; {found.source.name} was saved after that, so the work opens as a "
                     f"new, untitled scenario")
            path = None
        if dialogs.ask_restore(self.window, when):
            self.controller.load(found.scenario, path, modified=True)
        found.file.unlink(missing_ok=True)  # offered once; kept work is autosaved anew
