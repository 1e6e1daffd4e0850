"""What the app remembers between runs (platform settings location) and autosave recovery.

Settings go where Qt puts an application's settings on this platform (an INI file under
~/.config/Inches on Linux). Unsaved work is written every few seconds to a recovery file in
the app's data location; a clean exit removes it, so finding it at start-up means a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from ..files.atomic import write_atomic
from ..files.scenarios import parse_scenario, scenario_to_toml
from ..model.scenario import Scenario

MAX_RECENT = 8


def settings() -> QSettings:
    """The app's settings store."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Inches", "Inches")


def recent_files() -> list[str]:
    """Recently opened or saved scenario files that still exist, newest first."""
    files = settings().value("recent", []) or []
    if isinstance(files, str):
        files = [files]
    return [f for f in files if os.path.exists(f)]


def remember_file(path: str | Path) -> None:
    """Put ``path`` at the top of the recent files and make it the last file."""
    path = str(Path(path).resolve())
    files = [f for f in recent_files() if f != path]
    s = settings()
    s.setValue("recent", [path] + files[: MAX_RECENT - 1])
    s.setValue("last_file", path)


def last_file() -> str | None:
    """The file open when the app last closed, if it still exists."""
    f = settings().value("last_file", None)
    return f if f and os.path.exists(f) else None


def theme():
    """The theme chosen last (light until one is chosen)."""
    from .theme import LIGHT, THEMES

    return THEMES.get(str(settings().value("theme", "light")), LIGHT)


def remember_theme(name: str) -> None:
    settings().setValue("theme", name)


def forget_last_file() -> None:
    settings().remove("last_file")


def _recovery_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".inches") / "recovery.toml"


def autosave(scenario: Scenario, source: Path | None) -> None:
    """Write unsaved work to the recovery file (atomically)."""
    path = _recovery_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# recovered from: {source}\n" if source else ""
    write_atomic(path, header + scenario_to_toml(scenario))


def clear_autosave() -> None:
    """Remove the recovery file (after a save or a clean exit)."""
    _recovery_path().unlink(missing_ok=True)


def pending_recovery() -> tuple[Scenario, Path | None, float] | None:
    """Unsaved work left by a crash: (scenario, the file it came from, when), or None."""
    path = _recovery_path()
    if not path.exists():
        return None
    try:
        text = path.read_text(encoding="utf-8")
        scenario = parse_scenario(text, str(path))
    except Exception:  # noqa: BLE001 - a damaged recovery file is simply dropped
        path.unlink(missing_ok=True)
        return None
    first = text.splitlines()[0] if text else ""
    source = Path(first.removeprefix("# recovered from: ")) if first.startswith("# recovered") \
        else None
    return scenario, source, path.stat().st_mtime
