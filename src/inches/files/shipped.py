"""The shipped TOML files: presets (scenarios) here, story decks in :mod:`inches.decks`."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path

from ..model.scenario import Scenario, ScenarioError
from ..text import shown
from .scenarios import parse_scenario, read_scenario


def load_scenario(source: str | os.PathLike) -> Scenario:
    """A scenario from a file path or a shipped preset's name (``inches presets`` lists them)."""
    if not os.fspath(source):
        raise ScenarioError("no preset or file given: the name is empty; presets: "
                            + ", ".join(n for n, _, _ in list_presets()))
    path = Path(source)
    if path.suffix.lower() == ".toml" or path.exists() or os.sep in str(source):
        return read_scenario(path)
    return read_preset(str(source))


def _preset_dir():
    return resources.files("inches.files") / "presets"


def list_presets() -> list[tuple[str, str, str]]:
    """Shipped presets as (name, title, one-line description), ``dell-2009`` first."""
    return list_shipped(_preset_dir(), "name")


def list_shipped(folder, title_key: str) -> list[tuple[str, str, str]]:
    """The TOML files shipped in ``folder`` as (name, title, description), ``dell-2009`` first.

    Shared by presets and story decks; ``title_key`` names the field that holds the title.
    """
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            out.append((entry.name[:-5], data.get(title_key, ""), data.get("description", "")))
    out.sort(key=lambda t: t[0] != "dell-2009")
    return out


def read_preset(name: str) -> Scenario:
    """The shipped preset called ``name``."""
    entry = _preset_dir() / f"{name}.toml"
    if not entry.is_file():
        names = ", ".join(n for n, _, _ in list_presets())
        raise ScenarioError(f"no preset or file called {shown(name)}; presets: {names}")
    return parse_scenario(entry.read_text(encoding="utf-8"), f"preset {name}")
