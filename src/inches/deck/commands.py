"""Command-line sub-commands for story decks (``inches deck list|show|check|export``).

Qt-free: ``export`` imports the desktop app's renderer only when it runs.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

from ..format import number
from ..model.params import BY_KEY, Param
from .model import Deck, list_decks, load_deck

_SIZE = re.compile(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*")


def add_parsers(sub) -> None:
    """Add ``inches deck ...`` to the ``inches`` parser and register its handler."""
    from ..cli import command  # cli imports this module while building its parser

    deck = sub.add_parser("deck", help="list, show, check and export story decks",
                          description="Story decks: steps with captions and sliders that a "
                          "presenter walks a room through (see docs/decks.md).")
    # type(deck) is the cli's parser class, whose errors are one sentence, not a usage dump
    actions = deck.add_subparsers(dest="deck_action", metavar="ACTION", required=True,
                                  parser_class=type(deck))
    actions.add_parser("list", help="list the shipped decks")
    show = actions.add_parser("show", help="print a deck's steps, captions and changed values")
    show.add_argument("deck", metavar="DECK", help="a shipped deck's name or a deck file")
    check = actions.add_parser("check", help="check a deck file")
    check.add_argument("file", metavar="FILE", help="a deck file (.toml) or a shipped deck")
    export = actions.add_parser("export", help="write a deck's steps as a PDF or PNG images",
                                description="Render every step of a deck (needs the app's "
                                "Qt libraries).")
    export.add_argument("deck", metavar="DECK", help="a shipped deck's name or a deck file")
    export.add_argument("--pdf", metavar="FILE", help="one PDF, a page per step")
    export.add_argument("--png-dir", metavar="DIR", help="a folder of PNG images, one per step")
    export.add_argument("--size", default="1920x1080", metavar="WxH",
                        help="page size in pixels (default 1920x1080)")
    command("deck")(_deck)


def _deck(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "check": _check, "export": _export}[args.deck_action](
        args)


def _list(args: argparse.Namespace) -> int:
    rows = [(name, title, len(load_deck(name).steps), desc) for name, title, desc in list_decks()]
    w = max((len(r[0]) for r in rows), default=0)
    for name, title, n, desc in rows:
        print(f"{name:{w}}  {n} step{'s' if n != 1 else ''}  {title}")
        if desc:
            print(textwrap.fill(desc, 92, initial_indent=" " * (w + 2),
                                subsequent_indent=" " * (w + 2)))
    return 0


def _show(args: argparse.Namespace) -> int:
    print(show_text(load_deck(args.deck)))
    return 0


def show_text(deck: Deck) -> str:
    """A deck as text: title, base scenario, then each step's caption, sliders and changes."""
    n = len(deck.steps)
    lines = [f"{deck.title} ({deck.name}, {n} step{'s' if n != 1 else ''})"]
    if deck.description:
        lines += textwrap.wrap(deck.description, 92)
    lines.append(f"Base scenario: {deck.base.name}")
    pad = " " * 3
    for i, step in enumerate(deck.steps):
        lines += ["", f"{i + 1}. {step.title}"]
        lines += textwrap.wrap(step.caption, 92, initial_indent=pad, subsequent_indent=pad)
        lines += textwrap.wrap("Sliders: " + ", ".join(step.sliders), 92, initial_indent=pad,
                               subsequent_indent=pad + " " * 9)
        before = deck.values_at(i - 1) if i else deck.base.values
        changes = deck.changes_at(i)
        if not changes:
            lines.append(f"{pad}Changes: none")
        for key, value in changes.items():
            p = BY_KEY[key]
            lines.append(f"{pad}{key}: {_value(p, before[key])} -> {_value(p, value)}")
    return "\n".join(lines)


def _value(p: Param, v: float) -> str:
    """``18 months``, ``$250,000``, ``$8,000/month``, ``0.15 %/month``, ``3/year``, ``on``."""
    if p.boolean:
        return "on" if v else "off"
    if p.unit.startswith("$"):
        return f"${number(v)}{p.unit[1:]}"
    if p.unit.startswith("1/"):
        return f"{number(v)}{p.unit[1:]}"
    return f"{number(v)} {p.unit}".rstrip()


def _check(args: argparse.Namespace) -> int:
    deck = load_deck(args.file)
    n = len(deck.steps)
    print(f"{args.file}: valid deck {deck.title!r} with {n} step{'s' if n != 1 else ''} on "
          f"{deck.base.name!r}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..cli import UsageError

    if not (args.pdf or args.png_dir):
        raise UsageError("inches deck export: give --pdf FILE, --png-dir DIR or both")
    m = _SIZE.fullmatch(args.size)
    if not m or not all(16 <= int(x) <= 16384 for x in m.groups()):
        raise UsageError(f"inches deck export: --size {args.size!r} needs WIDTHxHEIGHT in "
                         f"pixels from 16 to 16384, e.g. 1920x1080")
    deck = load_deck(args.deck)
    try:
        from ..gui.handout import export_deck
    except ImportError as e:
        raise UsageError(f"inches deck export: needs the desktop app's Qt libraries ({e}); "
                         f"`inches deck show` works without them") from None
    written = export_deck(deck, pdf=args.pdf, png_dir=args.png_dir,
                          size=(int(m.group(1)), int(m.group(2))), progress=_progress())
    for path in written:
        print(f"wrote {path}")
    return 0


def _progress():
    """Steps rendered, on stderr (a handout takes a few seconds)."""
    def report(fraction: float) -> None:
        print(f"\rrendering steps: {fraction:4.0%}", end="\n" if fraction >= 1 else "",
              file=sys.stderr, flush=True)
    return report
