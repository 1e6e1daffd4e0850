"""Presentation mode: the full-screen page, story decks, playback and the handout."""
