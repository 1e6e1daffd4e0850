"""Story decks: TOML files of steps a presenter walks a room through (Qt-free)."""

from .deck import Deck, DeckError, Step
from .outline import outline
from .reading import list_decks, load_deck, parse_deck, read_deck

__all__ = ["Deck", "DeckError", "Step", "list_decks", "load_deck", "outline", "parse_deck",
           "read_deck"]
