"""What the app remembers between runs (platform settings location) and autosave recovery.

Settings go where Qt puts an application's settings on this platform (an INI file under
~/.config/Inches on Linux). Unsaved work is written every few seconds to the app's own
recovery file in its data location (one per running app, named by its process id); a clean
exit removes it, so finding one of an app no longer running at start-up means a crash.
Recovery never competes with a saved file: work the file already holds is not offered, and
work older than a save of its file is offered as a new, untitled scenario.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSettings, QStandardPaths

from ..files.atomic import write_atomic
from ..files.scenarios import read_scenario, scenario_to_toml
from ..model.scenario import Scenario
from .writer import later, settled

MAX_RECENT = 8


def settings() -> QSettings:
    """The app's settings store."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Inches", "Inches")


def recent_files() -> list[str]:
    """Recently opened or saved scenario files that still exist, newest first."""
    settled()  # a file just saved or opened is remembered on the settings thread
    return _recent(settings())


def _recent(s: QSettings) -> list[str]:
    files = s.value("recent", []) or []
    if isinstance(files, str):  # (a list of one reads back as its item)
        files = [files]
    return [f for f in files if os.path.exists(f)]


def remember_file(path: str | Path) -> None:
    """Put ``path`` at the top of the recent files and make it the last file, on the settings
    thread (writer.py): Qt syncs the settings file to the disk (``fdatasync``) as the settings
    object goes, on the thread that wrote it, the same wait a save's atomic write has."""
    path = str(Path(path).resolve())

    def write() -> None:
        s = settings()
        files = [f for f in _recent(s) if f != path]
        s.setValue("recent", [path] + files[: MAX_RECENT - 1])
        s.setValue("last_file", path)
    later(write)


def last_file() -> str | None:
    """The file open when the app last closed, if it still exists."""
    settled()
    f = settings().value("last_file", None)
    return f if f and os.path.exists(f) else None


def theme():
    """The theme chosen last (light until one is chosen)."""
    from .theme import LIGHT, THEMES

    settled()
    return THEMES.get(str(settings().value("theme", "light")), LIGHT)


def remember_theme(name: str) -> None:
    later(lambda: settings().setValue("theme", name))


def forget_last_file() -> None:
    later(lambda: settings().remove("last_file"))


def _recovery_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".inches")


def _recovery_path() -> Path:
    """This window's recovery file: one per running app, so two never share one."""
    return _recovery_folder() / f"recovery-{os.getpid()}.toml"


def _running(pid: int) -> bool:
    """Whether another process ``pid`` is running (on Windows: assumed not, as before)."""
    if pid == os.getpid() or sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers() -> list[Path]:
    """Recovery files of apps that are no longer running, newest first."""
    found = []
    for path in _recovery_folder().glob("recovery*.toml"):
        m = re.fullmatch(r"recovery(?:-(\d+))?\.toml", path.name)
        if m and not (m[1] and _running(int(m[1]))):
            found.append(path)
    return sorted(found, key=_mtime, reverse=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # gone meanwhile
        return 0.0


def autosave(scenario: Scenario, source: Path | None) -> None:
    """Write unsaved work to the recovery file (atomically)."""
    path = _recovery_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# recovered from: {source}\n" if source else ""
    write_atomic(path, header + scenario_to_toml(scenario))


def clear_autosave() -> None:
    """Remove the recovery file (after a save or a clean exit)."""
    _recovery_path().unlink(missing_ok=True)


class Recovery(NamedTuple):
    """Unsaved work a crash left: the scenario, the file it came from (or None), when it was
    autosaved (a time stamp), whether that file was saved after it (``source_newer``), and
    the recovery file itself (to remove once offered)."""

    scenario: Scenario
    source: Path | None
    when: float
    source_newer: bool
    file: Path


def pending_recovery() -> Recovery | None:
    """Unsaved work left by a crash (the newest, when several apps crashed), or None (also
    when its file already holds that work). Another app that is still running keeps its
    recovery file to itself."""
    for path in _leftovers():
        found = _recovered(path)
        if found is not None:
            return found
    return None


def _recovered(path: Path) -> Recovery | None:
    try:
        scenario = read_scenario(path)
        first = path.read_text(encoding="utf-8").partition("\n")[0]
        when = path.stat().st_mtime
    except Exception:  # noqa: BLE001 - a damaged recovery file is simply dropped
        path.unlink(missing_ok=True)
        return None
    source = Path(first.removeprefix("# recovered from: ")) \
        if first.startswith("# recovered from: ") else None
    newer = False
    if source is not None and source.is_file():
        try:
            saved = read_scenario(source)
            newer = source.stat().st_mtime > when  # saved after the autosave (a tie is not)
        except Exception:  # noqa: BLE001 - an unreadable file is no reason to lose the work
            saved = None
        if saved is not None and dict(saved.values) == dict(scenario.values):
            path.unlink(missing_ok=True)  # the work was saved: nothing to offer
            return None
    return Recovery(scenario, source, when, newer, path)
