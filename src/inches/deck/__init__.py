"""Story decks: TOML files of steps a presenter walks a room through (Qt-free)."""

from .model import Deck, DeckError, Step, list_decks, load_deck, parse_deck, read_deck

__all__ = ["Deck", "DeckError", "Step", "list_decks", "load_deck", "parse_deck", "read_deck"]
