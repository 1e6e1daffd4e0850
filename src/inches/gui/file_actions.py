"""Scenario files from the main window: new, open, recent, save, and the unsaved-changes question."""

from __future__ import annotations

from pathlib import Path

from ..files.shipped import read_preset
from ..model.scenario import Scenario, ScenarioError
from . import dialogs, settings


class FileActions:
    """What the File menu does for ``window`` (a :class:`~.main_window.MainWindow`)."""

    def __init__(self, window):
        self.window = window
        self.controller = window.controller

    def may_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to replace the scenario."""
        if not self.controller.modified:
            return True
        answer = dialogs.ask_unsaved(self.window, self.controller.title)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_file(self) -> None:
        if self.may_discard():
            self.controller.load(Scenario.default().with_values({}, name="Untitled"))
            settings.forget_last_file()

    def open_preset(self, name: str) -> None:
        if self.may_discard():
            self.controller.load(read_preset(name))

    def open_dialog(self) -> None:
        if not self.may_discard():
            return
        start = str(self.controller.path.parent) if self.controller.path else ""
        path = dialogs.open_path(self.window, start)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, ask: bool = True) -> bool:
        """Open a scenario file; a bad file leaves the current scenario and says why."""
        if ask and not self.may_discard():
            return False
        try:
            self.controller.open(path)
        except ScenarioError as e:
            dialogs.show_error(self.window, "Cannot open scenario", str(e))
            return False
        settings.remember_file(path)
        return True

    def save(self) -> bool:
        if self.controller.path is None:
            return self.save_as()
        return self._save_to(self.controller.path)

    def save_as(self) -> bool:
        suggested = str(self.controller.path or Path.home() / f"{self.controller.title}.toml")
        path = dialogs.save_path(self.window, suggested)
        return bool(path) and self._save_to(Path(path).with_suffix(".toml"))

    def _save_to(self, path: Path) -> bool:
        try:
            self.controller.save(path)
        except OSError as e:
            dialogs.show_error(self.window, "Cannot save", f"{path}: {e.strerror or e}")
            return False
        settings.remember_file(path)
        settings.clear_autosave()
        self.window.show_message(f"Saved {path}")
        return True

    def fill_recent(self, menu) -> None:
        """Fill the Open Recent menu."""
        menu.clear()
        files = settings.recent_files()
        for f in files:
            menu.addAction(Path(f).name, lambda p=f: self.open_file(p)).setToolTip(f)
        if not files:
            menu.addAction("No recent files").setEnabled(False)
