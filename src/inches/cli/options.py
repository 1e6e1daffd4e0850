"""What the sub-commands share: the parser class, options declared once, reading --set and
--size, progress on a terminal, and the one-sentence error."""

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

# Image and page sizes (screenshots, handouts): one limit for every --size.
SIZE_MIN, SIZE_MAX = (640, 480), (3840, 2160)
_SIZE = re.compile(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*")


class UsageError(Exception):
    """A mistake in how the command was called; the message is shown as it is."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one sentence, not a usage dump."""

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
    p.add_argument("--trials", type=int, default=trials,
                   help="futures to simulate (100 to 1,000,000)" if trials is None
                   else f"futures per run (default {trials:,})")
    if months:
        p.add_argument("--months", type=int,
                       help="horizon in months (6 to 120; default the scenario's)")
    p.add_argument("--seed", type=int, help="random seed (default the scenario's)")
    if json:
        p.add_argument("--json", action="store_true", help="print every figure as JSON")


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario named by --preset/--scenario (default dell-2009), with --set applied."""
    if getattr(args, "scenario", None):
        s = read_scenario(args.scenario)
    else:
        s = load_scenario(args.preset or "dell-2009")
    changes = {}
    for item in getattr(args, "set", []):
        key, sep, text = item.partition("=")
        if not sep:
            raise UsageError(f"inches {args.command}: --set {item!r} needs KEY=VALUE, "
                             "e.g. deals.reps=20")
        try:
            p = param(key.strip())
        except KeyError:
            raise ScenarioError(f"--set {item}: unknown parameter {key.strip()!r}; "
                                f"known: {', '.join(BY_KEY)}") from None
        changes[p.key] = parse_value(p.key, text.strip(), f"--set {item}")
    return s.with_values(changes)


def run_scenario(args: argparse.Namespace) -> Scenario:
    """:func:`scenario_from_args` with --trials, --months and --seed applied as run settings."""
    s = scenario_from_args(args)
    changes = {k: getattr(args, k, None) for k in ("trials", "months", "seed")}
    return s.with_values({k: v for k, v in changes.items() if v is not None})


def parse_value(key: str, text: str, where: str) -> float | bool:
    """A typed value for ``key`` from text: numbers (1e6, 250_000), true/false/on/off."""
    p = BY_KEY[key]
    low = text.lower()
    if p.boolean:
        if low in ("true", "on", "yes", "1"):
            return True
        if low in ("false", "off", "no", "0"):
            return False
        raise ScenarioError(f"{where}: {text!r} is not true or false")
    try:
        return float(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise ScenarioError(f"{where}: {text!r} is not a number "
                            f"(allowed {p.range_text()})") from None


def parse_size(text: str, option: str = "--size") -> tuple[int, int]:
    """``1920x1080`` as (1920, 1080), within :data:`SIZE_MIN` .. :data:`SIZE_MAX`."""
    m = _SIZE.fullmatch(text)
    (w0, h0), (w1, h1) = SIZE_MIN, SIZE_MAX
    allowed = f"from {w0}x{h0} to {w1}x{h1} pixels"
    if not m:
        raise UsageError(f"inches: {option} {text!r} needs WIDTHxHEIGHT, e.g. 1920x1080 "
                         f"({allowed})")
    w, h = int(m.group(1)), int(m.group(2))
    if not (w0 <= w <= w1 and h0 <= h <= h1):
        raise UsageError(f"inches: {option} {text} is outside the allowed sizes ({allowed})")
    return w, h


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
