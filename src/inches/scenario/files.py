"""Scenario files: TOML with [community], [deals] and [run] tables, and the shipped presets.

A file may leave out any key (it takes the default) and may carry comments. Everything else
is refused with one message that names the file, the key, the value and the allowed range.
Files are written atomically: a crash mid-write leaves the old file or the new one, never half.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import tomli_w

from ..model.params import PARAMS, param
from ..model.scenario import Scenario, ScenarioError

FORMAT = 1
TABLES = ("community", "deals", "run")
_TOP = {"format", "name", "description", *TABLES}


def load_scenario(source: str | os.PathLike) -> Scenario:
    """A scenario from a file path or a shipped preset's name (``inches presets`` lists them)."""
    path = Path(source)
    if path.suffix.lower() == ".toml" or path.exists() or os.sep in str(source):
        return read_scenario(path)
    return read_preset(str(source))


def read_scenario(path: str | os.PathLike) -> Scenario:
    """Read and validate one scenario file; raises :class:`ScenarioError` on any fault."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ScenarioError(f"{path}: cannot be read ({e})") from None
    return parse_scenario(text, str(path))


def parse_scenario(text: str, origin: str = "<text>") -> Scenario:
    """A scenario from TOML text; ``origin`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{origin}: not valid TOML ({e})") from None
    return scenario_from_dict(data, origin)


def scenario_from_dict(data: dict, origin: str = "<data>") -> Scenario:
    """Validate a parsed scenario document (the TOML tables as dicts)."""
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise ScenarioError(f"{origin}: unknown key {unknown[0]!r} at the top; allowed: "
                            f"format, name, description and the tables [community], [deals], [run]")
    fmt = data.get("format", FORMAT)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise ScenarioError(f"{origin}: format = {fmt!r} is not a format version (allowed 1)")
    if fmt > FORMAT:
        raise ScenarioError(f"{origin}: format = {fmt} was written by a newer Inches "
                            f"(this one reads format {FORMAT}); update Inches to open it")
    meta = {}
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise ScenarioError(f"{origin}: {key} = {data[key]!r} is not text")
        meta[key] = data.get(key, "")
    values = {}
    for table in TABLES:
        body = data.get(table, {})
        if not isinstance(body, dict):
            raise ScenarioError(f"{origin}: {table} must be a table ([{table}]), not {body!r}")
        for name, value in body.items():
            key = name if table == "run" else f"{table}.{name}"
            try:
                p = param(key)
            except KeyError:
                known = ", ".join(p.name for p in PARAMS if p.group == table)
                raise ScenarioError(f"{origin}: unknown key {name!r} in [{table}]; "
                                    f"known: {known}") from None
            if p.group != table:
                raise ScenarioError(f"{origin}: unknown key {name!r} in [{table}]")
            try:
                values[p.key] = p.check(value)
            except ValueError as e:
                raise ScenarioError(f"{origin}: [{table}] {name} = {e}") from None
    return Scenario(MappingProxyType({**Scenario().values, **values}),
                    meta["name"] or Path(origin).stem, meta["description"])


def scenario_to_toml(scenario: Scenario) -> str:
    """The scenario as commented TOML holding every value."""
    lines = ["# Inches scenario: shares are in percent; see `inches presets` and the README.",
             f"format = {FORMAT}", _kv("name", scenario.name),
             _kv("description", scenario.description)]
    for table in TABLES:
        lines += ["", f"[{table}]"]
        for p in PARAMS:
            if p.group != table:
                continue
            v = scenario.values[p.key]
            value = bool(v) if p.boolean else int(v) if p.integer or v == int(v) else v
            lines.append(f"{_kv(p.name, value)}  # {p.label}, {p.unit or 'on/off'}".rstrip(", "))
    return "\n".join(lines) + "\n"


def save_scenario(scenario: Scenario, path: str | os.PathLike) -> None:
    """Write the scenario to ``path`` atomically."""
    write_atomic(Path(path), scenario_to_toml(scenario))


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves either the old or the new file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _kv(key: str, value) -> str:
    return tomli_w.dumps({key: value}).strip()


# --- presets --------------------------------------------------------------------------------

def _preset_dir():
    return resources.files("inches.scenario") / "presets"


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
        raise ScenarioError(f"no preset or file called {name!r}; presets: {names}")
    return parse_scenario(entry.read_text(encoding="utf-8"), f"preset {name}")
