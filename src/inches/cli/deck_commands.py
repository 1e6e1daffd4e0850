"""``inches deck list|show|check|export``: story decks on the command line.

``export`` renders with the desktop app's code, imported only when it runs.
"""

from __future__ import annotations

import argparse
import textwrap

from ..decks import list_decks, load_deck, outline
from ..files.atomic import check_folder, check_writable
from .options import Parser, Progress, UsageError, parse_size


def add_parsers(sub) -> None:
    """Add ``inches deck ...`` to the ``inches`` parser."""
    deck = sub.add_parser("deck", help="list, show, check and export story decks",
                          description="Story decks: steps with captions and sliders that a "
                          "presenter walks a room through (see docs/decks.md).")
    actions = deck.add_subparsers(dest="deck_action", metavar="ACTION", required=True,
                                  parser_class=Parser)
    actions.add_parser("list", help="list the shipped decks").set_defaults(handler=_list)
    show = actions.add_parser("show", help="print a deck's steps, captions and changed values")
    show.add_argument("deck", metavar="DECK", help="a shipped deck's name or a deck file")
    show.set_defaults(handler=_show)
    check = actions.add_parser("check", help="check a deck file")
    check.add_argument("file", metavar="FILE", help="a deck file (.toml) or a shipped deck")
    check.set_defaults(handler=_check)
    export = actions.add_parser("export", help="write a deck's steps as a PDF or PNG images",
                                description="Render every step of a deck (needs the app's "
                                "Qt libraries).")
    export.add_argument("deck", metavar="DECK", help="a shipped deck's name or a deck file")
    export.add_argument("--pdf", metavar="FILE", help="one PDF, a page per step")
    export.add_argument("--png-dir", metavar="DIR", help="a folder of PNG images, one per step")
    export.add_argument("--size", default="1920x1080", metavar="WxH",
                        help="page size in pixels (default 1920x1080)")
    export.set_defaults(handler=_export)


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
    print(outline(load_deck(args.deck)))
    return 0


def _check(args: argparse.Namespace) -> int:
    deck = load_deck(args.file)
    n = len(deck.steps)
    print(f"{args.file}: valid deck {deck.title!r} with {n} step{'s' if n != 1 else ''} on "
          f"{deck.base.name!r}")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.pdf is None and args.png_dir is None:
        raise UsageError("inches deck export: give --pdf FILE, --png-dir DIR or both")
    size = parse_size(args.size)
    deck = load_deck(args.deck)
    if args.pdf is not None:
        check_writable(args.pdf)  # now, not after every step is rendered
    if args.png_dir is not None:
        check_folder(args.png_dir)
    try:
        from ..gui.presenting.handout import export_deck
    except ImportError as e:
        raise UsageError(f"inches deck export: needs the desktop app's Qt libraries ({e}); "
                         f"`inches deck show` works without them") from None
    show = Progress("rendering steps")
    written = export_deck(deck, pdf=args.pdf, png_dir=args.png_dir, size=size, progress=show)
    show.finish()
    for path in written:
        print(f"wrote {path}")
    return 0
