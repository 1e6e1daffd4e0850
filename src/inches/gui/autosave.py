"""Autosave and crash recovery: unsaved work is written every few seconds and offered back
after a crash (see :mod:`.settings` for where it goes)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from ..model.scenario import Scenario
from . import dialogs, settings

AUTOSAVE_MS = 5_000


class Autosave(QObject):
    """Writes ``controller``'s scenario to the recovery file while it has unsaved changes."""

    def __init__(self, window, controller, enabled: bool = True):
        super().__init__(window)
        self.window, self.controller = window, controller
        self._saved: Scenario | None = None
        self.timer = QTimer(self, interval=AUTOSAVE_MS, timeout=self.tick)
        if enabled:
            self.timer.start()

    def tick(self) -> None:
        """Write the scenario now if it changed since the last autosave."""
        c = self.controller
        if c.modified and c.scenario is not self._saved:
            try:
                settings.autosave(c.scenario, c.path)
                self._saved = c.scenario
            except OSError:
                pass  # autosave is a safety net; a full disk must not interrupt the user

    def stop(self) -> None:
        self.timer.stop()

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
