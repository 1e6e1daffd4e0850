"""Scenario files: TOML with [community], [deals] and [run] tables.

A file may leave out any key (it takes the default) and may carry comments. A parameter nobody
knows exactly may be a range, an inline table: ``trust_months = { low = 6, likely = 12, high =
24 }`` (PERT; ``shape = "triangular"`` or ``"uniform"``, which needs only low and high).
Everything else is refused with one message that names the file, the key, the value and the
allowed range.
Files are written atomically: a crash mid-write leaves the old file or the new one, never half.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType

import tomli_w

from ..model.params import PARAMS, param
from ..model.scenario import Scenario, ScenarioError
from ..model.uncertainty import Range, check_value
from ..text import shown
from .atomic import write_atomic
from .bounded import parse_toml, read_text

FORMAT = 1
TABLES = ("community", "deals", "run")
_TOP = {"format", "name", "description", *TABLES}


def read_scenario(path: str | os.PathLike) -> Scenario:
    """Read and validate one scenario file; raises :class:`ScenarioError` on any fault."""
    return parse_scenario(read_text(path), str(path))


def parse_scenario(text: str, origin: str = "<text>") -> Scenario:
    """A scenario from TOML text; ``origin`` names it in error messages."""
    return scenario_from_dict(parse_toml(text, origin), origin)


def scenario_from_dict(data: dict, origin: str = "<data>") -> Scenario:
    """Validate a parsed scenario document (the TOML tables as dicts)."""
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise ScenarioError(f"{origin}: unknown key {shown(unknown[0])} at the top; allowed: "
                            f"format, name, description and the tables [community], [deals], [run]")
    fmt = data.get("format", FORMAT)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise ScenarioError(f"{origin}: format = {shown(fmt)} is not a format version "
                            f"(allowed 1)")
    if fmt > FORMAT:
        raise ScenarioError(f"{origin}: format = {fmt} was written by a newer Inches "
                            f"(this one reads format {FORMAT}); update Inches to open it")
    meta = {}
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise ScenarioError(f"{origin}: {key} = {shown(data[key])} is not text")
        meta[key] = data.get(key, "")
    values = {}
    for table in TABLES:
        body = data.get(table, {})
        if not isinstance(body, dict):
            raise ScenarioError(f"{origin}: {table} must be a table ([{table}]), "
                                f"not {shown(body)}")
        for name, value in body.items():
            key = name if table == "run" else f"{table}.{name}"
            try:
                p = param(key)
            except KeyError:
                known = ", ".join(p.name for p in PARAMS if p.group == table)
                raise ScenarioError(f"{origin}: unknown key {shown(name)} in [{table}]; "
                                    f"known: {known}") from None
            if p.group != table:
                raise ScenarioError(f"{origin}: unknown key {shown(name)} in [{table}]")
            try:
                values[p.key] = check_value(p, value)
            except ValueError as e:
                raise ScenarioError(f"{origin}: [{table}] {name} = {e}") from None
    scenario = Scenario(MappingProxyType({**Scenario().values, **values}),
                        meta["name"] or Path(origin).stem, meta["description"])
    try:
        return scenario.check()  # values it derives (equal_budget's staff) are in range too
    except ScenarioError as e:
        raise ScenarioError(f"{origin}: {e}") from None


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
            text = _range(p, v) if isinstance(v, Range) else _kv(p.name, _number(p, v))
            lines.append(f"{text}  # {p.label}, {p.unit or 'on/off'}".rstrip(", "))
    return "\n".join(lines) + "\n"


def save_scenario(scenario: Scenario, path: str | os.PathLike) -> None:
    """Write the scenario to ``path`` atomically."""
    write_atomic(Path(path), scenario_to_toml(scenario))


def _kv(key: str, value) -> str:
    return tomli_w.dumps({key: value}).strip()


def _number(p, v):
    """A value as TOML writes it exactly: whole numbers without a point (a seed keeps every
    digit), switches as true/false."""
    return bool(v) if p.boolean else int(v) if p.integer or v == int(v) else v


def _range(p, r: Range) -> str:
    """A range as an inline table, ``trust_months = { low = 6, likely = 12, high = 24 }``; the
    shape is written when it is not the one its values imply (PERT with a likely value, else
    uniform)."""
    parts = [_kv(k, _number(p, v)) for k, v in r.as_dict().items() if k != "shape"]
    if r.shape != ("pert" if r.likely is not None else "uniform"):
        parts.append(_kv("shape", r.shape))
    return f"{p.name} = {{ {', '.join(parts)} }}"
