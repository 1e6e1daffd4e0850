"""What the sub-commands share: the parser class, options declared once, reading --set,
numbers and --size, progress on a terminal, and the one-sentence error.

Numbers read the same everywhere: :func:`inches.text.parse_number` (a point for decimals;
commas, units and trailing text refused with a hint) and :func:`inches.text.parse_integer`
(exact, so a seed keeps every digit)."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from ..files.scenarios import read_scenario
from ..files.shipped import load_scenario
from ..model.params import BY_KEY, param
from ..model.scenario import Scenario, ScenarioError
from ..model.uncertainty import Range, check_range, parse_range
from ..text import parse_integer, parse_number, shown

# Image and page sizes (screenshots, handouts): one parser and one limit for every --size. The
# main window cannot be drawn smaller than 1000x700; 3840x2160 (4K) is the largest export.
SIZE_MIN, SIZE_MAX = (1000, 700), (3840, 2160)
_SIZE = re.compile(r"\s*([0-9]{1,6})\s*[xX×]\s*([0-9]{1,6})\s*")


class UsageError(Exception):
    """A mistake in how the command was called; the message is shown as it is."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one sentence, not a usage dump.

    A value starting with a minus and a digit (``--point -5:1e6``) is read as a value, so the
    command can say what is wrong with it rather than "expected one argument"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?[0-9]")

    def error(self, message: str):
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def scenario_options(p: argparse.ArgumentParser) -> None:
    """--preset NAME | --scenario FILE."""
    g = p.add_mutually_exclusive_group()
    g.add_argument("--preset", metavar="NAME", help="a shipped preset (see: inches presets)")
    g.add_argument("--scenario", metavar="FILE", help="a scenario file (.toml)")


def run_options(p: argparse.ArgumentParser, *, trials: int | None = None, months: bool = True,
                json: bool = True) -> None:
    """The scenario, --set, --trials, --months, --seed and --json, as every run command has them.

    ``trials`` is the command's own default (None: the scenario's).
    """
    scenario_options(p)
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="change one parameter, e.g. --set deals.reps=20 (repeatable)")
    p.add_argument("--trials", type=integer, default=trials,
                   help="futures to simulate (100 to 1,000,000)" if trials is None
                   else f"futures per run (default {trials:,})")
    if months:
        p.add_argument("--months", type=integer,
                       help="horizon in months (6 to 120; default the scenario's)")
    p.add_argument("--seed", type=integer,
                   help="random seed, 0 to 9223372036854775807 (default the scenario's)")
    if json:
        p.add_argument("--json", action="store_true", help="print every figure as JSON")


def integer(text: str) -> int:
    """An argparse type: a whole number, exactly (``--seed 9223372036854775807``)."""
    try:
        return parse_integer(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def scenario_from_args(args: argparse.Namespace, check: bool = True) -> Scenario:
    """The scenario named by --preset/--scenario (default dell-2009), with --set applied.

    With ``check``, values it derives must be in range too (:meth:`Scenario.check`)."""
    if getattr(args, "scenario", None) is not None:
        s = read_scenario(args.scenario)
    elif getattr(args, "preset", None) is not None:
        s = load_scenario(args.preset)
    else:
        s = load_scenario("dell-2009")
    changes = {}
    for item in getattr(args, "set", []):
        key, sep, text = item.partition("=")
        where = f"--set {shown(item)[1:-1]}"  # one line, however odd the item
        if not sep:
            raise UsageError(f"inches {args.command}: {where} needs KEY=VALUE, "
                             "e.g. deals.reps=20")
        try:
            p = param(key.strip())
        except KeyError:
            raise ScenarioError(f"{where}: unknown parameter {shown(key.strip())}; "
                                f"known: {', '.join(BY_KEY)}") from None
        try:
            value = parse_value(p.key, text.strip(), where)
            changes[p.key] = (check_range(p, value) if isinstance(value, Range)
                              else p.check(value))
        except ValueError as e:  # out of range (ScenarioError from parse_value says it all)
            raise (e if isinstance(e, ScenarioError) else ScenarioError(f"{where}: {e}")) \
                from None
    s = s.with_values(changes)
    return s.check() if check else s


def run_scenario(args: argparse.Namespace) -> Scenario:
    """:func:`scenario_from_args` with --trials, --months and --seed applied as run settings."""
    s = scenario_from_args(args, check=False)
    changes = {k: getattr(args, k, None) for k in ("trials", "months", "seed")}
    return s.with_values({k: v for k, v in changes.items() if v is not None}).check()


def parse_value(key: str, text: str, where: str) -> float | int | bool | Range:
    """A typed value for ``key`` from text: numbers as :func:`inches.text.parse_number` reads
    them (exact whole numbers for whole-number keys), true/false/on/off for switches, and a
    range as ``LOW..LIKELY..HIGH`` (PERT) or ``LOW..HIGH`` (uniform), checked by the caller."""
    p = BY_KEY[key]
    low = text.lower()
    if ".." in text:
        return _range(p, text, where)
    if p.boolean:
        if low in ("true", "on", "yes", "1"):
            return True
        if low in ("false", "off", "no", "0"):
            return False
        raise ScenarioError(f"{where}: {shown(text)} is not true or false (allowed on or off)")
    try:
        return parse_integer(text) if p.integer else parse_number(text)
    except ValueError as e:
        raise ScenarioError(f"{where}: {e}; allowed {p.range_text()}") from None


def _range(p, text: str, where: str) -> Range:
    """``6..12..24`` or ``6..24`` as a (not yet checked) :class:`Range`."""
    try:
        return parse_range(p, text)
    except ValueError as e:
        raise ScenarioError(f"{where}: {e}") from None


def parse_size(text: str, option: str = "--size") -> tuple[int, int]:
    """``1920x1080`` as (1920, 1080), within :data:`SIZE_MIN` .. :data:`SIZE_MAX`."""
    m = _SIZE.fullmatch(text)
    (w0, h0), (w1, h1) = SIZE_MIN, SIZE_MAX
    allowed = f"from {w0}x{h0} to {w1}x{h1} pixels"
    if not m:
        raise UsageError(f"inches: {option} {shown(text)} needs WIDTHxHEIGHT, e.g. 1920x1080 "
                         f"({allowed})")
    w, h = int(m.group(1)), int(m.group(2))
    if not (w0 <= w <= w1 and h0 <= h <= h1):
        raise UsageError(f"inches: {option} {w}x{h} is outside the allowed sizes ({allowed})")
    return w, h


def number_option(option: str, text: str, example: str, command: str = "inches") -> float:
    """A number given to ``option`` (``--budget``, ``--point``, ``--x``), read as --set reads
    one; a mistake is a :class:`UsageError` with the hint and an example."""
    try:
        return parse_number(text)
    except ValueError as e:
        raise UsageError(f"{command}: {option} {e}; e.g. {example}") from None


def print_json(data: dict) -> None:
    """``data`` on standard output as JSON (never NaN: every figure is a real number)."""
    json.dump(data, sys.stdout, indent=1, allow_nan=False)
    print()


class Progress:
    """``progress`` callback: a percentage on stderr, shown only on a terminal after ``delay`` s."""

    def __init__(self, label: str, stream=None, delay: float = 1.0):
        self.label, self.stream, self.delay = label, stream or sys.stderr, delay
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, fraction: float) -> None:
        if not self.shown:
            if time.monotonic() - self.start < self.delay or not self.stream.isatty():
                return
            self.shown = True
        print(f"\r{self.label}... {fraction:4.0%}", end="", file=self.stream, flush=True)

    def finish(self) -> None:
        if self.shown:
            print(file=self.stream, flush=True)
