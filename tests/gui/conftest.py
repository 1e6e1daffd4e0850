"""GUI test configuration: no dialog may ever wait for a click that will not come."""

import pytest

from inches.gui import dialogs
from inches.gui.analysis_tabs.window import AnalysisWindow
from inches.gui.controller import Controller


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


@pytest.fixture
def analysis_window(qtbot):
    """Makes an analysis window on a controller holding ``scenario``; its runs are waited for
    and the controller stopped when the test ends."""
    made = []

    def make(scenario) -> AnalysisWindow:
        c = Controller(scenario)
        w = AnalysisWindow(c)
        qtbot.addWidget(w)
        made.append((c, w))
        return w

    yield make
    for c, w in made:
        for page in w.pages.values():
            page.runner.wait()
        c.stop()
