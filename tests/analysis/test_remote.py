"""An analysis in a child process behaves as if called here: same numbers, progress, partial
rows, cancel, errors as sentences, and a child that dies ends its call, not the app."""

import os
import signal

import pytest

import inches
from inches import Cancelled, ScenarioError
from inches.analysis import remote, sensitivity, strategy_map

AXES = {"x": ("deals.reps", 6, 24, 3), "y": ("community.staff", 10, 40, 4)}


@pytest.fixture(scope="module")
def scenario():
    return inches.load_scenario("dell-2009")


def _child_pid() -> int:
    """The pid of the child the next call will take (one is made and kept if none waits)."""
    remote.call(sensitivity, {"scenario": inches.Scenario.default(), "trials": 100,
                              "keys": ["deals.reps"]})
    return remote._idle[-1].process.pid


def test_same_numbers_and_progress_as_here(scenario):
    """The child's result equals the one computed here; progress rises to 1, and the child
    is another process that is kept for the next call."""
    seen = []
    there = remote.call(sensitivity, {"scenario": scenario, "trials": 300}, seen.append)
    assert there.to_dict() == sensitivity(scenario, trials=300).to_dict()
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3
    pid = remote._idle[-1].process.pid
    assert pid != os.getpid()
    remote.call(sensitivity, {"scenario": scenario, "trials": 100, "keys": ["deals.reps"]})
    assert remote._idle[-1].process.pid == pid


def test_partial_rows_arrive_here_as_they_finish(scenario):
    """The strategy map's rows come back one by one, then the whole map, equal to here's."""
    rows = []
    there = remote.call(strategy_map, {"scenario": scenario, "trials": 200, **AXES},
                        partial_arg="on_row", on_partial=lambda j, cells: rows.append(j))
    assert sorted(rows) == [0, 1, 2, 3]
    assert there.to_dict() == strategy_map(scenario, trials=200, **AXES).to_dict()


def test_cancel_reaches_the_child_which_is_kept(scenario):
    """cancel() turning true raises Cancelled here; the same child takes the next call."""
    pid = _child_pid()
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Cancelled):
        remote.call(sensitivity, {"scenario": scenario, "trials": 100_000}, cancel=cancel)
    assert remote._idle[-1].process.pid == pid


def test_an_error_comes_back_as_its_sentence(scenario):
    """Bad input is refused in the child and raised here, with the user's sentence."""
    with pytest.raises(ScenarioError, match="trials = -5 is out of range"):
        remote.call(sensitivity, {"scenario": scenario, "trials": -5})


def test_a_child_that_dies_ends_its_call_with_a_sentence(scenario):
    """A child killed mid-call (as by the out-of-memory killer) raises ChildDied with a
    sentence; it is not kept, and the next call gets a new child."""
    pid, lost = _child_pid(), remote.lost
    with pytest.raises(remote.ChildDied, match="press Run to try again"):
        remote.call(sensitivity, {"scenario": scenario, "trials": 100_000},
                    progress=lambda f: os.kill(pid, signal.SIGKILL))
    assert all(child.process.pid != pid for child in remote._idle)
    assert remote.lost == lost + 1
    assert remote.call(sensitivity, {"scenario": scenario, "trials": 100,
                                     "keys": ["deals.reps"]}).rows


def test_shutdown_ends_the_waiting_children():
    """shutdown() ends every kept child (the app's exit does too: they are daemons)."""
    _child_pid()
    children = list(remote._idle)
    remote.shutdown()
    assert remote._idle == [] and not any(c.process.is_alive() for c in children)


def test_a_cancel_that_comes_after_its_call_ended_is_ignored(scenario):
    """cancel() can turn true just as the child sends its result: the child then finds the
    cancel between calls, ignores it and takes the next call."""
    pid = _child_pid()
    remote._idle[-1].conn.send("cancel")
    assert remote.call(sensitivity, {"scenario": scenario, "trials": 100,
                                     "keys": ["deals.reps"]}).rows
    assert remote._idle[-1].process.pid == pid


def test_a_call_made_while_warming_takes_the_warmed_child(scenario):
    """warm() starts a child in the background; a call made meanwhile waits for that child
    instead of starting a second one."""
    remote.shutdown()
    remote.warm()
    remote.call(sensitivity, {"scenario": scenario, "trials": 100, "keys": ["deals.reps"]})
    assert len(remote._idle) == 1
