"""Reading and checking story decks (see :mod:`.deck` for the format); the shipped decks.

Anything wrong is refused with one :class:`~.deck.DeckError` message naming the file, the step
(number and title), the key, the value and what is allowed.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from ..files.bounded import parse_toml, read_text
from ..files.scenarios import read_scenario, scenario_from_dict
from ..files.shipped import list_shipped, read_preset
from ..model.params import BY_KEY, PARAMS, Param, Role
from ..model.scenario import Scenario, ScenarioError
from ..model.uncertainty import check_value
from ..text import shown
from .deck import (
    DEFAULT_SCENARIO,
    FORMAT,
    MAX_CAPTION,
    MAX_SLIDERS,
    MAX_TITLE,
    Deck,
    DeckError,
    Step,
)

_TOP = ("format", "title", "description", "scenario", "run", "step")
_STEP = ("title", "caption", "sliders", "values")


def load_deck(source: str | os.PathLike) -> Deck:
    """A deck from a file path or a shipped deck's name (``inches deck list`` lists them)."""
    text = os.fspath(source)
    if not text:
        raise DeckError("no deck or file given: the name is empty; decks: "
                        + ", ".join(n for n, _, _ in list_decks()))
    path = Path(source)
    if path.suffix.lower() == ".toml" or path.exists() or os.sep in text or "/" in text:
        return read_deck(path)
    return read_shipped_deck(text)


def read_deck(path: str | os.PathLike) -> Deck:
    """Read and validate one deck file; raises :class:`DeckError` on any fault."""
    path = Path(path)
    deck = parse_deck(read_text(path, DeckError), str(path), path.parent)
    return replace(deck, name=path.stem, path=path)


def parse_deck(text: str, origin: str = "<text>", base_dir: str | os.PathLike | None = None
               ) -> Deck:
    """A deck from TOML text; ``origin`` names it in messages, ``base_dir`` anchors ``scenario``.

    A relative scenario path is read from ``base_dir`` (the current folder when None).
    """
    return deck_from_dict(parse_toml(text, origin, DeckError), origin, base_dir)


def deck_from_dict(data: dict, origin: str = "<data>",
                   base_dir: str | os.PathLike | None = None) -> Deck:
    """Validate a parsed deck document (the TOML as dicts)."""
    for key in data:
        if key not in _TOP:
            raise DeckError(f"{origin}: unknown key {shown(key)}{_hint(key, _TOP)} at the top; "
                            f"allowed: format, title, description, scenario, [run], [[step]]")
    fmt = data.get("format", FORMAT)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise DeckError(f"{origin}: format = {shown(fmt)} is not a format version "
                        f"(allowed {FORMAT})")
    if fmt > FORMAT:
        raise DeckError(f"{origin}: format = {fmt} was written by a newer Inches "
                        f"(this one reads deck format {FORMAT}); update Inches to open it")
    title = _text(data, "title", origin, required=True, limit=MAX_TITLE)
    description = _text(data, "description", origin, required=False, limit=None)
    base = _base(data.get("scenario", DEFAULT_SCENARIO), origin, base_dir)
    if "run" in data:
        run = data["run"]
        try:  # the same checks and messages as [run] in a scenario file
            checked = scenario_from_dict({"run": run}, origin)
        except ScenarioError as e:
            raise DeckError(str(e)) from None
        base = base.with_values({name: checked[name] for name in run})
    steps = data.get("step")
    if isinstance(steps, dict):
        raise DeckError(f"{origin}: write each step as [[step]] (double brackets), not [step]")
    if not isinstance(steps, list) or not steps:
        raise DeckError(f"{origin}: the deck has no steps; add [[step]] tables, each with "
                        f"title, caption and sliders")
    parsed = tuple(_step(body, n, origin) for n, body in enumerate(steps, 1))
    deck = Deck(title, description, parsed, base, Path(origin).stem)
    _check_dead_sliders(deck, origin)
    _check_derived(deck, origin)
    return deck


def _text(table: dict, key: str, where: str, *, required: bool, limit: int | None) -> str:
    if key not in table:
        if required:
            raise DeckError(f"{where}: {key} is missing; every deck and step needs a {key}")
        return ""
    value = table[key]
    if not isinstance(value, str):
        raise DeckError(f"{where}: {key} = {shown(value)} is not text")
    value = " ".join(value.split())  # a multi-line TOML string reads as one paragraph
    if required and not value:
        raise DeckError(f"{where}: {key} is empty")
    if limit and len(value) > limit:
        raise DeckError(f"{where}: {key} has {len(value)} characters (allowed up to {limit}); "
                        f"a room reads it in one breath")
    return value


def _base(ref: object, origin: str, base_dir) -> Scenario:
    if not isinstance(ref, str) or not ref.strip():
        raise DeckError(f"{origin}: scenario = {shown(ref)} is not a preset name or a "
                        f"scenario file")
    path = Path(ref)
    if base_dir is not None and not path.is_absolute():
        path = Path(base_dir) / path
    try:
        if ref.lower().endswith(".toml") or "/" in ref or os.sep in ref or path.is_file():
            return read_scenario(path)
        return read_preset(ref)
    except ScenarioError as e:
        raise DeckError(f"{origin}: scenario = {shown(ref)}: {e}") from None


def _step(body: object, n: int, origin: str) -> Step:
    where = f"{origin}: step {n}"
    if not isinstance(body, dict):
        raise DeckError(f"{where}: is {shown(body)}, not a [[step]] table")
    if isinstance(body.get("title"), str) and body["title"].strip():
        title = " ".join(body["title"].split())
        where += f' ("{title[:MAX_TITLE]}{"..." if len(title) > MAX_TITLE else ""}")'
    for key in body:
        if key not in _STEP:
            raise DeckError(f"{where}: unknown key {shown(key)}{_hint(key, _STEP)}; "
                            f"allowed: title, caption, sliders, [step.values]")
    title = _text(body, "title", where, required=True, limit=MAX_TITLE)
    caption = _text(body, "caption", where, required=True, limit=MAX_CAPTION)
    return Step(title, caption, MappingProxyType(_values(body.get("values", {}), where)),
                _sliders(body.get("sliders"), where))


def _sliders(sliders: object, where: str) -> tuple[str, ...]:
    example = 'e.g. sliders = ["community.staff", "deals.reps"]'
    if sliders is None:
        raise DeckError(f"{where}: sliders is missing; list 1 to {MAX_SLIDERS} parameter keys, "
                        f"{example}")
    if not isinstance(sliders, list) or not all(isinstance(s, str) for s in sliders):
        raise DeckError(f"{where}: sliders = {shown(sliders)} is not a list of parameter keys "
                        f"({example})")
    if not 1 <= len(sliders) <= MAX_SLIDERS:
        raise DeckError(f"{where}: sliders has {len(sliders)} keys (allowed 1 to {MAX_SLIDERS})")
    keys = []
    for name in sliders:
        p = _param(name, f"{where}: sliders")
        if p.boolean:
            raise DeckError(f"{where}: sliders: {p.key} is on/off, not a slider; "
                            f"set it in [step.values], e.g. {p.key} = true")
        if not p.has(Role.DECK):
            raise DeckError(f"{where}: sliders: {p.key} is a run setting, not a slider; "
                            f"set it in [run] or [step.values]")
        if p.key in keys:
            raise DeckError(f"{where}: sliders: {p.key} is listed twice")
        keys.append(p.key)
    return tuple(keys)


def _values(table: object, where: str) -> dict[str, float]:
    if not isinstance(table, dict):
        raise DeckError(f"{where}: values = {shown(table)} is not a table; write [step.values] "
                        f"with lines such as community.staff = 30")
    out = {}
    for name, value in _flatten(table):
        p = _param(name, f"{where}: [step.values]")
        if p.key in out:
            raise DeckError(f"{where}: [step.values] {p.key} is set twice")
        try:
            out[p.key] = check_value(p, value)
        except ValueError as e:
            raise DeckError(f"{where}: [step.values] {name} = {e}") from None
    return out


def _flatten(table: dict, prefix: str = ""):
    """``{"community": {"staff": 30}}`` as ``("community.staff", 30)``: dotted TOML keys. A
    table under a parameter's own key is its range (``{ low = 6, likely = 12, high = 24 }``)."""
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name.removeprefix("run.") not in BY_KEY:
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def _param(name: str, where: str) -> Param:
    """The parameter ``name`` names (``run.months`` or ``months``), or a DeckError with hints."""
    p = BY_KEY.get(name) or BY_KEY.get(name.removeprefix("run."))
    if p is not None and (not name.startswith("run.") or p.group == "run"):
        return p
    keys = [q.key for q in PARAMS]
    hint = _hint(name, keys, [q.key for q in PARAMS if q.name == name.rsplit(".", 1)[-1]])
    group = name.split(".", 1)[0] if "." in name else ""
    known = (f"; {group} keys: {', '.join(q.key for q in PARAMS if q.group == group)}"
             if group in ("community", "deals", "run") and not hint else "")
    if not hint and not known:
        known = "; keys look like community.staff, deals.reps or months (see docs/decks.md)"
    raise DeckError(f"{where}: unknown parameter {shown(name)}{hint}{known}")


def _hint(word: str, allowed, first=()) -> str:
    """`` (did you mean 'x'?)`` from close spellings, or an empty string."""
    close = list(dict.fromkeys([*first, *difflib.get_close_matches(word, list(allowed), 2, 0.6)]))
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close[:2]) + "?)"


def _check_dead_sliders(deck: Deck, origin: str) -> None:
    """A staff slider while equal_budget sets staff would do nothing on screen: refuse it."""
    for i, step in enumerate(deck.steps):
        v = deck.scenario_at(i).plain().values
        if ("community.staff" in step.sliders and v["equal_budget"]
                and v["community.staff_cost"] > 0):
            raise DeckError(f'{origin}: step {i + 1} ("{step.title}"): sliders: community.staff '
                            f"does nothing while equal_budget is on (staff is set to cost what "
                            f"the reps cost); show deals.reps or community.staff_cost instead")


def _check_derived(deck: Deck, origin: str) -> None:
    """Every step must be a scenario that can run: values it derives are in range too."""
    for i, step in enumerate(deck.steps):
        try:
            deck.scenario_at(i).check()
        except ScenarioError as e:
            raise DeckError(f'{origin}: step {i + 1} ("{step.title}"): {e}') from None


# --- shipped decks ----------------------------------------------------------------------------

def _deck_dir():
    return resources.files("inches.decks") / "shipped"


def list_decks() -> list[tuple[str, str, str]]:
    """Shipped decks as (name, title, one-line description), ``dell-2009`` first."""
    return list_shipped(_deck_dir(), "title")


def read_shipped_deck(name: str) -> Deck:
    """The shipped deck called ``name``."""
    entry = _deck_dir() / f"{name}.toml"
    if not entry.is_file():
        names = ", ".join(n for n, _, _ in list_decks())
        raise DeckError(f"no deck or file called {shown(name)}; decks: {names}")
    deck = parse_deck(entry.read_text(encoding="utf-8"), f"deck {name}", Path(str(_deck_dir())))
    return replace(deck, name=name)
