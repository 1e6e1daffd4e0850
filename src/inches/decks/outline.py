"""A deck as plain text: what ``inches deck show`` prints."""

from __future__ import annotations

import textwrap

from ..model.params import BY_KEY
from ..text import param_value
from .deck import Deck

WIDTH = 92


def outline(deck: Deck) -> str:
    """A deck as text: title, base scenario, then each step's caption, sliders and changes."""
    n = len(deck.steps)
    lines = [f"{deck.title} ({deck.name}, {n} step{'s' if n != 1 else ''})"]
    if deck.description:
        lines += textwrap.wrap(deck.description, WIDTH)
    lines.append(f"Base scenario: {deck.base.name}")
    pad = " " * 3
    for i, step in enumerate(deck.steps):
        lines += ["", f"{i + 1}. {step.title}"]
        lines += textwrap.wrap(step.caption, WIDTH, initial_indent=pad, subsequent_indent=pad)
        lines += textwrap.wrap("Sliders: " + ", ".join(step.sliders), WIDTH, initial_indent=pad,
                               subsequent_indent=pad + " " * 9)
        before = deck.values_at(i - 1) if i else deck.base.values
        changes = deck.changes_at(i)
        if not changes:
            lines.append(f"{pad}Changes: none")
        for key, value in changes.items():
            p = BY_KEY[key]
            lines.append(f"{pad}{key}: {param_value(p, before[key])} -> {param_value(p, value)}")
    return "\n".join(lines)
