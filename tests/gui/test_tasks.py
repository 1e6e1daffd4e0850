"""The background task runner (gui/tasks.py): the newest task wins, and stopping never makes
the window wait for a task that is still running."""

import threading
import time

import pytest

from inches.gui.tasks import TaskRunner


def _slow(release: threading.Event, value, started: threading.Event | None = None):
    def fn(progress, cancel):
        if started is not None:
            started.set()
        while not release.is_set():  # a long analysis that checks for cancel now and then
            if cancel():
                release.wait()
            time.sleep(0.005)
        return value
    return fn


@pytest.fixture
def runner():
    """A runner whose results are collected in ``runner.got``; stopped at the end."""
    r = TaskRunner()
    r.got = []
    r.finished.connect(lambda task, result: r.got.append(result))
    yield r
    r.stop()


def test_stopping_without_waiting_returns_at_once_and_a_new_task_runs(qtbot, runner):
    got, release, started = runner.got, threading.Event(), threading.Event()
    runner.submit(_slow(release, "old", started))
    assert started.wait(5)  # the task is running on the runner's thread
    old = runner._thread
    runner.stop(timeout=0)
    assert old.is_alive()  # returned without waiting: the task cannot end before release
    runner.submit(lambda progress, cancel: "new")
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    assert runner._thread is not old and old.is_alive()  # the old one is still finishing
    release.set()
    old.join(5)
    assert not old.is_alive()
    qtbot.wait(50)
    assert got == ["new"]  # the stopped task's result never arrives
    runner.submit(lambda progress, cancel: "again")  # the new thread takes further tasks
    qtbot.waitUntil(lambda: got == ["new", "again"], timeout=5000)
    new = runner._thread
    runner.stop()  # by default waits for the thread to end
    assert not new.is_alive()


def test_the_newest_task_wins(qtbot, runner):
    got, release, started = runner.got, threading.Event(), threading.Event()
    runner.submit(_slow(release, "first", started))
    assert started.wait(5)
    for value in ("skipped", "last"):  # queued while the first runs: each replaces the last
        runner.submit(lambda progress, cancel, v=value: v)
    release.set()
    qtbot.waitUntil(lambda: "last" in got, timeout=5000)
    qtbot.wait(50)
    assert got == ["last"]  # the first was superseded (interruptible), the second never ran
