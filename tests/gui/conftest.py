"""GUI test configuration: no dialog may ever wait for a click that will not come."""

import pytest

from inches.gui import dialogs


@pytest.fixture(autouse=True)
def _answering_dialogs(monkeypatch):
    """Answer every question the app asks as a cautious user would; record every error shown.

    A test that cares about an answer sets its own with ``monkeypatch``; without this, a modal
    box (for example the unsaved-changes question when pytest-qt closes a window) would block
    the run for ever.
    """
    errors = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *a: "discard")
    monkeypatch.setattr(dialogs, "ask_restore", lambda *a: False)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(dialogs, "open_path", lambda *a, **k: "")
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: "")
    return errors
