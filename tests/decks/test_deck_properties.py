"""Property: any deck file either loads or is refused in one sentence naming the file.

Hypothesis writes 500 deck files per run (the same ones each time): decks with likely and
unlikely titles, bases, run settings and steps, edited by hand, or junk.
"""

from hypothesis import given

from inches.decks import DeckError, read_deck
from tests.strategies import EXAMPLES, PROPERTY_SETTINGS, deck_documents, file_bytes


def test_deck_files_load_or_fail_in_one_sentence(tmp_path):
    """Never any other exception; every step of a loaded deck is a scenario that can run."""
    path = tmp_path / "talk.toml"
    outcomes = {"loaded": 0, "refused": 0}

    @PROPERTY_SETTINGS
    @given(data=file_bytes(deck_documents()))
    def check(data):
        path.write_bytes(data)
        try:
            deck = read_deck(path)
        except DeckError as e:
            message = str(e)
            assert "\n" not in message and str(path) in message, message
            assert "unexpected" not in message and len(message) < 2000
            outcomes["refused"] += 1
            return
        for i in range(len(deck.steps)):
            deck.scenario_at(i).check()
        outcomes["loaded"] += 1

    check()
    assert sum(outcomes.values()) >= EXAMPLES and min(outcomes.values()) > 0, outcomes
