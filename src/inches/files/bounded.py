"""Reading a user's text file: the one way scenario and deck files are read and parsed.

Every fault is one sentence naming the user's file, raised as ``error`` (a
:class:`~inches.model.scenario.ScenarioError` subclass of the caller's choosing).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from ..model.scenario import ScenarioError


def read_text(path: str | os.PathLike, error: type[ScenarioError] = ScenarioError) -> str:
    """The UTF-8 text of ``path``, or ``error`` saying why it cannot be read."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise error(f"{path}: cannot be read ({e})") from None


def parse_toml(text: str, origin: str, error: type[ScenarioError] = ScenarioError) -> dict:
    """TOML text as dicts, or ``error`` naming ``origin`` and what is wrong."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise error(f"{origin}: not valid TOML ({e})") from None
