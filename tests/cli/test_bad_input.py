"""Bad input of every class the field test found, each refused in one sentence with exit 2.

Each row is what a new user typed and the words the sentence must contain; none may run a
simulation first, say "unexpected error", name a temporary file or show a traceback.
"""

import json
import os
import sys
import time
import types

import pytest

from inches.cli import main

BIG = 16384
ONE_SENTENCE_RULES = ("Traceback", "unexpected error", ".tmp")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "", (code, out, err)
    assert len(err.strip().splitlines()) == 1, err
    for bad in ONE_SENTENCE_RULES:
        assert bad not in err, err
    for w in words:
        assert w in err, (w, err)
    return err


EQUAL = ["--set", "equal_budget=on"]
DERIVED = ["deals.reps", "deals.rep_cost", "community.staff_cost", "0 to 200 FTE"]


@pytest.mark.parametrize("args, words", [
    # Numbers mean what they say: a decimal comma is never a thousands separator.
    (["run", "--set", "community.trust_months=1,5"],
     ["community.trust_months", "'1,5'", "use a point for decimals: 1.5"]),
    (["run", "--set", "deals.win_rate=2,5"], ["deals.win_rate", "2.5"]),
    (["run", "--set", "community.conversion=0,3"], ["'0,3'", "0.3", "0 to 2"]),
    (["run", "--set", "deals.deal_size=1,000,000"], ["thousands separators", "1000000"]),
    (["run", "--set", "deals.deal_size=$250K"], ["without a unit", "250000"]),
    (["run", "--set", "deals.win_rate=15%"], ["without a unit", ": 15"]),
    (["run", "--set", "community.trust_months=12 months"], ["without a unit", ": 12"]),
    (["run", "--set", "deals.reps=12abc"], ["'12abc'", ": 12"]),
    (["run", "--set", "deals.reps=12.5"], ["deals.reps", "whole number"]),
    (["run", "--set", "community.staff="], ["empty"]),
    (["run", "--set", "community.staff=nan"], ["finite"]),
    (["run", "--set", "equal_budget=maybe"], ["equal_budget", "on or off"]),
    (["run", "--trials", "10,000"], ["--trials", "10000"]),
    (["run", "--months", "2.5"], ["--months", "whole number"]),
    (["mix", "--budget", "$300K"], ["--budget", "300000"]),
    (["mix", "--budget", "300.000,50"], ["--budget", "300000.50"]),
    (["sweep", "--x", "deals.reps=6:24:2,5"], ["--x", "N", "2.5"]),
    (["sweep", "--x", "deals.win_rate=1,5:30:5"], ["--x", "1.5"]),
    # Seeds are exact integers from 0 to 2^63-1.
    (["run", "--seed", "9223372036854775808"],
     ["9,223,372,036,854,775,808", "0 to 9,223,372,036,854,775,807"]),
    (["run", "--set", "seed=1e19"], ["seed", "out of range"]),
    (["run", "--seed", "-1"], ["seed", "out of range"]),
    # Derived values are checked like typed ones.
    (["run", *EQUAL, "--set", "community.staff_cost=500"], DERIVED + ["600"]),
    (["run", *EQUAL, "--set", "community.staff_cost=1"], DERIVED + ["300,000"]),
    (["run", *EQUAL, "--set", "community.staff_cost=1499.99"], DERIVED + ["200.001"]),
    (["sweep", *EQUAL, "--x", "community.staff_cost=500:8000:3"], DERIVED + ["at community"]),
    (["report", "--pdf", "r.pdf", *EQUAL, "--set", "deals.reps=200"], DERIVED),
    # Calibration refuses impossible data.
    (["calibrate", "--point", "18:6e6", "--point", "24:1e6"], ["falls", "month 18", "month 24"]),
    (["calibrate", "--point", "18:1e6", "--point", "60:3e6"], ["month 60", "horizon, 36"]),
    (["calibrate", "--point", "18:1e6", "--point", "24:1e30"], ["$1e+30", "up to $1.0T"]),
    (["calibrate", "--point", "-5:1e6", "--point", "24:3e6"], ["month -5", "from 1"]),
    (["calibrate", "--point", "0:1e6", "--point", "24:3e6"], ["month 0"]),
    (["calibrate", "--point", "18:0", "--point", "24:3e6"], ["positive"]),
    (["calibrate", "--point", "18.5:1e6", "--point", "24:3e6"], ["month", "whole number"]),
    (["calibrate", "--point", "18:1,5e6", "--point", "24:3e6"], ["revenue", "'1,5e6'"]),
    # Reading is bounded; an empty path is an error.
    (["run", "--scenario", ""], ["no file given", "empty"]),
    (["run", "--preset", ""], ["empty", "dell-2009"]),
    (["validate", ""], ["no file given"]),
    (["validate", "/dev/zero"], ["/dev/zero", "device"]),
    (["validate", "/"], ["/ is a folder"]),
    (["deck", "check", ""], ["empty"]),
    (["deck", "check", "/dev/zero"], ["/dev/zero", "device"]),
    # Writing: outputs checked first, errors name the user's path.
    (["run", "--csv", "/nonexistent/dir/b.csv"], ["/nonexistent/dir/b.csv", "does not exist"]),
    (["run", "--csv", "/tmp"], ["/tmp", "is a folder"]),
    (["run", "--csv", ""], ["empty"]),
    (["sweep", "--x", "deals.reps=6:24:3", "--csv", "/nonexistent/m.csv"], ["/nonexistent/m.csv"]),
    (["calibrate", "--point", "18:1e6", "--point", "24:3e6", "--save", "/nonexistent/f.toml"],
     ["/nonexistent/f.toml", "does not exist"]),
    (["report", "--pdf", "/nonexistent/d/r.pdf"], ["/nonexistent/d/r.pdf", "does not exist"]),
    (["deck", "export", "dell-2009", "--pdf", "/nonexistent/d/h.pdf"], ["/nonexistent/d/h.pdf"]),
    (["deck", "export", "dell-2009", "--png-dir", "/dev/null/pages"], ["/dev/null", "not a folder"]),
    (["deck", "export", "dell-2009", "--pdf", "h.pdf", "--size", f"{BIG}x{BIG}"],
     ["3840x2160"]),
    (["--screenshot", "x.gif"], ["x.gif", ".png, .jpg or .jpeg"]),
    (["--screenshot", "shot"], ["has no image type"]),
    (["--screenshot", "x.png", "--size", "320x240"], ["320x240", "from 1000x700 to 3840x2160"]),
    (["--screenshot", "/nonexistent/x.png"], ["/nonexistent/x.png", "does not exist"]),
    (["--screenshot", "x.png", "--size", "big"], ["WIDTHxHEIGHT"]),
    # The app's own options fail on the command line, before any window.
    (["--present", "nosuch"], ["nosuch", "dell-2009"]),
    (["--preset", "nosuch"], ["nosuch", "dell-2009"]),
    (["--scenario", "/no/such.toml"], ["/no/such.toml", "no such file"]),
    (["--scenario", ""], ["empty"]),
])
def test_bad_input_is_one_sentence_with_status_2(capsys, args, words):
    """Each bad input is refused in one sentence with the words a user needs, exit 2."""
    _refused(capsys, args, words)


def test_a_decimal_comma_is_never_quoted_back_as_another_number(capsys):
    """conversion=0,3 was quoted back as "= 3"; now the sentence quotes what was typed."""
    err = _refused(capsys, ["run", "--set", "community.conversion=0,3"], ["0.3"])
    assert "= 3 " not in err and " 3 is out of range" not in err


@pytest.mark.parametrize("args", [
    ["report", "--pdf", "/nonexistent/d/r.pdf", "--trials", "100000"],
    ["deck", "export", "dell-2009", "--pdf", "/nonexistent/d/h.pdf"],
    ["run", "--csv", "/nonexistent/d/b.csv", "--trials", "1000000"],
    ["sweep", "--x", "deals.reps=6:24:200", "--y", "community.staff=10:40:200", "--csv",
     "/nonexistent/d/m.csv"],
])
def test_a_bad_output_path_fails_within_a_second(capsys, args):
    """The output is checked before the work: no sensitivity, render or run first."""
    start = time.monotonic()
    _refused(capsys, args, ["/nonexistent/d/"])
    assert time.monotonic() - start < 1.0


def test_nothing_is_left_behind_by_a_refused_write(tmp_path, capsys):
    """`run --csv FOLDER` used to make a temporary file in the folder's parent."""
    folder = tmp_path / "out"
    folder.mkdir()
    _refused(capsys, ["run", "--csv", str(folder)], ["is a folder"])
    assert [p.name for p in tmp_path.iterdir()] == ["out"] and not any(folder.iterdir())


@pytest.mark.parametrize("flag, value", [
    ("--seed", "9223372036854775807"), ("--seed", "9007199254740993"),
    ("--set", "seed=9223372036854775807"), ("--set", "seed=9_007_199_254_740_993"),
])
def test_seeds_keep_every_digit(capsys, flag, value):
    """The documented largest seed runs, and a seed above 2^53 is not rounded to a float."""
    seed = int(value.removeprefix("seed=").replace("_", ""))
    code, out, _ = run(capsys, "run", "--trials", "100", "--months", "6", "--json", flag, value)
    d = json.loads(out)
    assert code == 0 and d["seed"] == seed and d["parameters"]["seed"] == seed


def test_a_tie_at_the_end_of_a_derived_range_runs(capsys):
    """Equal budget giving exactly 200 FTE (12 x $25,000 / $1,500) is allowed: a tie is a tie."""
    code, out, _ = run(capsys, "run", "--trials", "100", "--months", "6", *EQUAL,
                       "--set", "community.staff_cost=1500")
    assert code == 0 and "community staff set to 200.0 FTE" in out


def test_no_display_says_so_and_exits_2():
    """Without a display `inches` says what to do instead of aborting inside Qt."""
    import subprocess

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "inches"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    for w in ("no display", "--screenshot", "QT_QPA_PLATFORM=offscreen"):
        assert w in done.stderr


def test_missing_x11_libraries_are_named_with_the_package_to_install(capsys, monkeypatch):
    """A display but not the system libraries Qt's X11 plugin needs (a fresh Debian or
    Ubuntu): one sentence naming them and the packages, exit 2, not Qt's abort."""
    from inches.cli import app_command

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(app_command, "X11_LIBRARIES",
                        ("libinches-absent.so.7", "libc.so.6", "libinches-gone2.so.0"))
    monkeypatch.setattr(app_command.sys, "platform", "linux")
    monkeypatch.setitem(sys.modules, "inches.gui.startup", types.SimpleNamespace(
        run_app=lambda *a: pytest.fail("the app started")))  # never Qt's abort on :0
    err = _refused(capsys, [], ["libinches-absent.so.7 and libinches-gone2.so.0",
                                "sudo apt install libinches-absent7 libinches-gone2-0",
                                "--screenshot"])
    assert "libc" not in err


def test_the_x11_plugin_itself_names_what_it_lacks():
    """Every listed library present, but the plugin fails to load: the library its loader
    names is reported; no display, or another platform, is not this check's business."""
    from inches.cli.app_command import x11_library_problem

    def load(name):
        if name.endswith("libqxcb.so"):
            raise OSError("libxcb-util.so.1: cannot open shared object file: No such file")

    problem = x11_library_problem({"DISPLAY": ":0"}, "linux", load)
    assert problem is not None and "libxcb-util.so.1, which is missing" in problem
    assert "sudo apt install libxcb-util1" in problem
    assert x11_library_problem({"DISPLAY": ":0"}, "linux", lambda name: None) is None
    for env in ({}, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"},
                {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}):
        assert x11_library_problem(env, "linux", load) is None
    assert x11_library_problem({"DISPLAY": ":0"}, "darwin", load) is None


@pytest.mark.parametrize("env, ok", [
    ({}, False), ({"DISPLAY": ":0"}, True), ({"WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, True), ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, True),
    ({"QT_QPA_PLATFORM": "xcb"}, False), ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, True),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":1"}, False),
])
def test_display_is_decided_before_qt(env, ok):
    """Which environments can open a window; decided from the environment alone."""
    from inches.cli.app_command import display_problem

    assert (display_problem(env, "linux") is None) == ok
    assert display_problem({}, "darwin") is None and display_problem({}, "win32") is None
