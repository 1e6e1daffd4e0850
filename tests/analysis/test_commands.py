"""The analysis commands: tables or JSON on stdout, files written whole, one-line errors."""

import csv
import json

import pytest

from inches.cli import main
from inches.cli.options import Progress
from inches.files.scenarios import read_scenario


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_sensitivity_prints_the_tornado(capsys):
    """`inches sensitivity` prints the base gap and one row per parameter; --json the figures."""
    code, out, err = run(capsys, "sensitivity", "--trials", "200", "--seed", "1")
    assert code == 0 and err == ""
    assert "Base: median gap" in out and "Word of mouth" in out and "Sales reps" in out
    code, out, _ = run(capsys, "sensitivity", "--trials", "200", "--json",
                       "--set", "equal_budget=on")
    d = json.loads(out)
    assert code == 0 and d["trials"] == 200
    assert "community.staff" not in {r["key"] for r in d["rows"]}


def test_sweep_prints_a_grid_and_writes_csv(tmp_path, capsys):
    """`inches sweep` prints the map; --csv writes one row per grid point."""
    path = tmp_path / "map.csv"
    code, out, err = run(capsys, "sweep", "--x", "deals.reps=6:24:4", "--y",
                         "community.staff=10:40:3", "--trials", "200", "--csv", str(path),
                         "--scheduler", "serial")
    assert code == 0 and err == "" and "deals.reps ->" in out and str(path) in out
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["deals.reps", "community.staff", "prob_ahead", "median_gap"]
    assert len(rows) == 1 + 12
    code, out, _ = run(capsys, "sweep", "--x", "deals.win_rate=8:30:3", "--trials", "200",
                       "--json")
    d = json.loads(out)
    assert d["x_values"] == [8, 19, 30] and d["y_key"] is None and len(d["prob_ahead"]) == 1


def test_mix_prints_each_split(capsys):
    """`inches mix` prints one line per mix from 100 % to 0 % inches; --budget sets the money."""
    code, out, err = run(capsys, "mix", "--steps", "3", "--trials", "200")
    assert code == 0 and err == "" and "$300K a month" in out
    assert "100%" in out and " 0%" in out
    code, out, _ = run(capsys, "mix", "--steps", "3", "--trials", "200", "--budget", "200_000",
                       "--json")
    d = json.loads(out)
    assert d["budget"] == 200_000 and [m["reps"] for m in d["mixes"]] == [0, 4, 8]


def test_calibrate_fits_and_saves_the_scenario(tmp_path, capsys):
    """`inches calibrate` prints the fitted values and misses; --save writes a loadable file."""
    path = tmp_path / "fitted.toml"
    code, out, err = run(capsys, "calibrate", "--point", "18:1_000_000", "--point", "24:3e6",
                         "--point", "30:6.5e6", "--trials", "300", "--save", str(path))
    assert code == 0 and err == ""
    assert "Conversion" in out and "Miss" in out and str(path) in out
    saved = read_scenario(path)
    code, out, _ = run(capsys, "calibrate", "--point", "18:1e6", "--point", "24:3e6",
                       "--point", "30:6.5e6", "--trials", "300", "--json",
                       "--fit", "community.conversion")
    d = json.loads(out)
    assert list(d["values"]) == ["community.conversion"]
    assert saved["community.conversion"] != 0.25 and saved["deals.reps"] == 12


POOR = ["calibrate", "--point", "6:5e6", "--point", "36:5.1e6", "--trials", "200"]


def test_a_poor_fit_is_reported_with_status_1_and_not_saved(tmp_path, capsys):
    """A typical miss over 20% prints the table as "Poor fit", says so on stderr, exits 1 and
    refuses --save; --force saves it."""
    path = tmp_path / "fitted.toml"
    code, out, err = run(capsys, *POOR, "--save", str(path))
    assert code == 1 and out.startswith("Poor fit to 2 points")
    assert len(err.strip().splitlines()) == 1 and "Poor fit" in err and "--force" in err
    assert not path.exists()
    code, out, err = run(capsys, *POOR, "--save", str(path), "--force")
    assert code == 1 and path.exists() and str(path) in out
    code, out, _ = run(capsys, *POOR, "--json")
    assert code == 1 and json.loads(out)["poor_fit"] is True


def test_calibrate_extends_the_horizon_with_months(capsys):
    """A point past the scenario's horizon is refused; --months extends the horizon."""
    code, out, _ = run(capsys, "calibrate", "--point", "18:1e6", "--point", "48:9e6",
                       "--months", "48", "--trials", "200", "--json")
    assert code in (0, 1) and len(json.loads(out)["path"]) == 48


@pytest.mark.parametrize("args, words", [
    (["calibrate", "--point", "18:1e6"], ["1 --point given", "at least 2"]),
    (["calibrate", "--point", "18", "--point", "24:3e6"], ["MONTH:REVENUE"]),
    (["calibrate", "--point", "18:1e6", "--point", "24:3e6", "--fit", "deals.reps"],
     ["inches calibrate", "deals.reps does not change"]),
    (["sweep", "--x", "deals.reps=6:24"], ["KEY=LO:HI:N"]),
    (["sweep", "--x", "deals.reps=6:24:2.5"], ["not a whole number", "whole number of points"]),
    (["sweep", "--x", "deals.rep=6:24:5"], ["inches sweep", "unknown parameter 'deals.rep'"]),
    (["sweep", "--x", "deals.reps=6:240:5"], ["deals.reps", "0 to 200 people"]),
    (["sweep", "--x", "deals.reps=a:24:5"], ["'a' is not a number"]),
    (["sweep"], ["--x"]),
    (["mix", "--budget", "10M"], ["--budget", "not a number", "10000000"]),
    (["mix", "--budget", "1e7"], ["inches mix", "0 to 200 FTE"]),
    (["mix", "--workers", "0", "--scheduler", "process"], ["at least 1 worker"]),
    (["sensitivity", "--trials", "5"], ["trials", "100 to 1,000,000"]),
    (["sensitivity", "--set", "deals.reps=500"], ["deals.reps", "0 to 200"]),
])
def test_mistakes_exit_2_with_one_line(capsys, args, words):
    """Every mistake is one line on stderr and exit status 2, naming what is wrong."""
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    for w in words:
        assert w in err


def test_progress_waits_a_second_and_needs_a_terminal(monkeypatch):
    """Progress shows on a terminal only after a second; a pipe or a quick run sees nothing."""
    class Tty:
        def __init__(self, tty):
            self.text, self.tty = "", tty

        def isatty(self):
            return self.tty

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    quick, slow, piped = Progress("x", Tty(True)), Progress("x", Tty(True), delay=0), \
        Progress("x", Tty(False), delay=0)
    for p in (quick, slow, piped):
        p(0.5)
        p(1.0)
        p.finish()
    assert quick.stream.text == "" and piped.stream.text == ""
    assert slow.stream.text == "\rx...  50%\rx... 100%\n"
