"""Saves and autosaves are written off the window's thread: a slow disk never freezes the window,
nothing shows as saved before it is, and a failed write says why and leaves the work unsaved."""

import threading

import pytest

import inches
from inches.gui import dialogs, file_actions, settings
from inches.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    w = MainWindow()
    qtbot.addWidget(w)
    w.controller.load(inches.load_scenario("dell-2009").with_values({"trials": 500}))
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(tmp_path / "plan.toml"))
    yield w
    w.controller.stop()


@pytest.fixture
def slow_disk(monkeypatch):
    """Scenario writes wait until the test lets them go (``release.set()``)."""
    release = threading.Event()
    real = file_actions.save_scenario

    def save(scenario, path):
        assert release.wait(10)
        real(scenario, path)

    monkeypatch.setattr(file_actions, "save_scenario", save)
    yield release
    release.set()


def test_a_slow_save_leaves_the_window_free(qtbot, window, tmp_path, slow_disk):
    """Save As returns at once while the disk is slow; the scenario shows as saved (title,
    status bar, no autosave) only once the file is written."""
    c = window.controller
    c.set_value("deals.reps", 7)
    assert window.files.save_as()
    assert c.modified and not (tmp_path / "plan.toml").exists()
    slow_disk.set()
    qtbot.waitUntil(lambda: not c.modified, timeout=5000)
    assert inches.load_scenario(tmp_path / "plan.toml")["deals.reps"] == 7
    assert "plan.toml" in window.windowTitle() and "Saved" in window.statusBar().currentMessage()


def test_an_edit_during_the_write_stays_unsaved(qtbot, window, tmp_path, slow_disk):
    """A value changed while the file is written is not in the file, so the window still says
    the work is unsaved (the file is the scenario's own, though)."""
    c = window.controller
    c.set_value("deals.reps", 7)
    window.files.save_as()
    c.set_value("deals.reps", 9)
    slow_disk.set()
    window.writer.flush()
    assert c.modified and c.path == tmp_path / "plan.toml"
    assert inches.load_scenario(c.path)["deals.reps"] == 7 and c.scenario["deals.reps"] == 9


def test_a_failed_save_says_why_and_keeps_the_work_unsaved(qtbot, window, tmp_path,
                                                        monkeypatch, _answering_dialogs):
    """A folder that is not there: the error names the path; nothing is marked saved."""
    missing = tmp_path / "gone" / "plan.toml"
    monkeypatch.setattr(dialogs, "save_path", lambda *a, **k: str(missing))
    c = window.controller
    c.set_value("deals.reps", 7)
    window.files.save_as()
    window.writer.flush()
    assert c.modified and c.path is None
    assert len(_answering_dialogs) == 1 and str(missing) in _answering_dialogs[0]


def test_saving_before_discarding_waits_for_the_file(qtbot, window, tmp_path, monkeypatch,
                                                     slow_disk):
    """Answering "Save" to the unsaved-changes question writes the file before going on."""
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda *a: "save")
    window.controller.set_value("deals.reps", 7)
    threading.Timer(0.2, slow_disk.set).start()
    assert window.files.may_discard()
    assert inches.load_scenario(tmp_path / "plan.toml")["deals.reps"] == 7


def test_a_save_removes_the_autosave_asked_before_it(qtbot, window, slow_disk):
    """An autosave still being written when the save follows it is removed after it, in turn:
    no recovery file is left behind for work that is saved."""
    window.controller.set_value("deals.reps", 7)
    window.files.save_as()  # waits on the slow disk
    window.autosave.tick()  # nothing to do: not yet marked saved, so this one is written
    slow_disk.set()
    window.writer.flush()
    window.writer.flush()  # the removal asked once the save was reported
    assert not window.controller.modified and settings.pending_recovery() is None


def test_what_the_app_remembers_is_written_off_the_windows_thread(qtbot, window, tmp_path,
                                                                  monkeypatch):
    """Qt syncs its settings file to the disk as each settings object goes: remembering a file
    opened or saved, or the theme, happens on the writer thread, and reads see it."""
    from inches.gui.theme import DARK

    writers = []
    real = settings.settings

    class Watched:
        def __init__(self):
            self._s = real()

        def __getattr__(self, name):
            if name in ("setValue", "remove"):
                writers.append(threading.current_thread())
            return getattr(self._s, name)

    monkeypatch.setattr(settings, "settings", Watched)
    path = tmp_path / "plan.toml"
    assert window.files.save_as()
    window.writer.flush()
    assert window.files.open_file(str(path), ask=False)
    window.set_theme(DARK)
    assert settings.recent_files()[0] == str(path.resolve()) and settings.theme() is DARK
    assert writers and threading.main_thread() not in writers


def test_reading_the_settings_never_waits_for_a_save(qtbot, window):
    """The Open Recent menu reads the settings: with a scenario's save stuck on a slow disk it
    still opens at once (it waits only for settings writes)."""
    import time

    gate = threading.Event()
    window.writer.write(lambda: gate.wait(5))  # a save held up by the disk
    start = time.monotonic()
    settings.recent_files()
    took = time.monotonic() - start
    gate.set()
    window.writer.flush()
    assert took < 2.5  # waiting for the save would take the full 5 s
