"""Scenario files from the main window: new, open, recent, save, and the unsaved-changes question."""

from __future__ import annotations

from pathlib import Path

from ..files.scenarios import save_scenario
from ..files.shipped import read_preset
from ..model.scenario import Scenario, ScenarioError
from . import dialogs, settings
from .writer import Writer


class FileActions:
    """What the File menu does for ``window`` (a :class:`~.main_window.MainWindow`)."""

    def __init__(self, window, writer: Writer):
        self.window, self.writer = window, writer
        self.controller = window.controller

    def may_discard(self) -> bool:
        """Ask about unsaved changes; True when it is fine to replace the scenario."""
        if not self.controller.modified:
            return True
        answer = dialogs.ask_unsaved(self.window, self.controller.title)
        if answer == "save":
            return self.save(wait=True)
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

    def save(self, wait: bool = False) -> bool:
        """Save to the scenario's own file (asking for one when it has none). True once the
        write is on its way; with ``wait``, True only once it is written."""
        if self.controller.path is None:
            return self.save_as(wait)
        return self._save_to(self.controller.path, wait)

    def save_as(self, wait: bool = False) -> bool:
        suggested = str(self.controller.path or Path.home() / f"{self.controller.title}.toml")
        path = dialogs.save_path(self.window, suggested)
        return bool(path) and self._save_to(Path(path).with_suffix(".toml"), wait)

    def _save_to(self, path: Path, wait: bool) -> bool:
        """Write the scenario on the writer's thread; once written, mark it saved and say so,
        or say why not."""
        c = self.controller
        asked = c.scenario
        scenario, target = c.to_save(path)
        outcome = []

        def then(error: OSError | None) -> None:
            outcome.append(error is None)
            if error is not None:
                dialogs.show_error(self.window, "Cannot save", f"{path}: {error.strerror or error}")
                return
            c.mark_saved(scenario, target, asked)
            settings.remember_file(target)
            if not c.modified:
                self.window.autosave.clear()
            self.window.show_message(f"Saved {target}")

        self.writer.write(lambda: save_scenario(scenario, target), then, wait)
        return outcome == [True] if wait else True

    def fill_recent(self, menu) -> None:
        """Fill the Open Recent menu."""
        menu.clear()
        files = settings.recent_files()
        for f in files:
            menu.addAction(Path(f).name, lambda p=f: self.open_file(p)).setToolTip(f)
        if not files:
            menu.addAction("No recent files").setEnabled(False)
