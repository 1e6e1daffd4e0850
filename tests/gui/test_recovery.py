"""Nothing lost: an edit survives the app being killed, and recovery never competes with a
file saved after it."""

import os
import signal
import subprocess
import sys
import time

import pytest

import inches
from inches.gui import dialogs, settings
from inches.gui.main_window import MainWindow

# The real main window, offscreen, in its own process: open a file, make an edit, let the
# autosave timer (made quick) write the recovery file, then wait to be killed.
EDIT_THEN_WAIT = """
import sys, time
from pathlib import Path
from inches.gui.application import application
from inches.gui import settings
from inches.gui.main_window import MainWindow
import inches

settings._recovery_path = lambda: Path(sys.argv[2])  # where the test's next start looks
app = application()
w = MainWindow()
w.autosave.timer.setInterval(100)
w.controller.load(inches.load_scenario(sys.argv[1]), sys.argv[1])
w.show()
w.controller.set_value("community.staff", 33)
deadline = time.monotonic() + 30
while not settings._recovery_path().exists() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
print("autosaved" if settings._recovery_path().exists() else "timeout", flush=True)
while True:
    app.processEvents()
    time.sleep(0.05)
"""


def _offer(qtbot, monkeypatch, answer=True):
    """A new window's start-up recovery offer; returns (window, the questions asked)."""
    asked = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, when: asked.append(when) or answer)
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    fresh.autosave.offer_recovery()
    return fresh, asked


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_an_edit_survives_kill_9_and_is_offered_back(qtbot, tmp_path, monkeypatch):
    """Kill the app after an edit; the next start offers the edit back, on its file."""
    plan = tmp_path / "plan.toml"
    inches.save_scenario(inches.load_scenario("dell-2009"), plan)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    recovery = settings._recovery_path()
    recovery.parent.mkdir(parents=True, exist_ok=True)
    child = subprocess.Popen([sys.executable, "-c", EDIT_THEN_WAIT, str(plan), str(recovery)],
                             env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    fresh, asked = _offer(qtbot, monkeypatch)
    assert len(asked) == 1
    c = fresh.controller
    assert c.scenario["community.staff"] == 33 and c.modified and c.path == plan
    assert inches.load_scenario(plan)["community.staff"] == 20  # the file is untouched
    assert settings.pending_recovery() is None
    c.stop()


def _autosaved_edit(qtbot, tmp_path):
    """A window editing plan.toml whose edit has been autosaved (then it "crashes")."""
    plan = tmp_path / "plan.toml"
    inches.save_scenario(inches.load_scenario("dell-2009"), plan)
    w = MainWindow()
    qtbot.addWidget(w)
    w.controller.load(inches.load_scenario(plan), plan)
    w.controller.set_value("community.staff", 33)
    w.autosave.tick()
    w.writer.flush()
    w.controller.stop()
    return plan


def test_work_that_was_saved_is_not_offered(qtbot, tmp_path, monkeypatch):
    """A crash after the file was saved with the same work: no question, nothing restored."""
    plan = _autosaved_edit(qtbot, tmp_path)
    inches.save_scenario(inches.load_scenario(plan).with_values({"community.staff": 33}), plan)
    fresh, asked = _offer(qtbot, monkeypatch)
    assert asked == [] and settings.pending_recovery() is None
    fresh.controller.stop()


def test_recovery_never_replaces_a_file_saved_after_it(qtbot, tmp_path, monkeypatch):
    """The file was saved (elsewhere) after the autosave: the work comes back untitled, so
    Save asks for a name and the newer file stays as it is."""
    plan = _autosaved_edit(qtbot, tmp_path)
    newer = inches.load_scenario(plan).with_values({"deals.reps": 3})
    inches.save_scenario(newer, plan)
    later = time.time() + 10
    os.utime(plan, (later, later))
    fresh, asked = _offer(qtbot, monkeypatch)
    assert len(asked) == 1 and "plan.toml was saved after that" in asked[0]
    c = fresh.controller
    assert c.scenario["community.staff"] == 33 and c.path is None and c.modified
    assert fresh.files.save() is False  # the save dialog (answered "cancel") was asked
    assert inches.load_scenario(plan)["deals.reps"] == 3
    c.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="process ids")
def test_a_running_apps_work_is_not_offered_to_another(qtbot, tmp_path, monkeypatch):
    """Two apps at once each autosave to their own file; a second app starting is not offered
    the first one's work while it runs, only once it has gone (crashed)."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        folder = settings._recovery_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        theirs = folder / f"recovery-{other.pid}.toml"
        inches.save_scenario(inches.load_scenario("dell-2009").with_values(
            {"community.staff": 44}), theirs)
        assert settings._recovery_path() != theirs
        assert settings.pending_recovery() is None
    finally:
        other.kill()
        other.wait(timeout=30)
    found = settings.pending_recovery()
    assert found is not None and found.file == theirs
    assert found.scenario["community.staff"] == 44
    fresh, asked = _offer(qtbot, monkeypatch, answer=False)
    assert len(asked) == 1 and not theirs.exists()
    fresh.controller.stop()
