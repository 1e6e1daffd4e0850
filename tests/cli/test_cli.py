"""The command line: output a strategist scripts against, and one-sentence errors."""

import csv
import json
import subprocess
import sys

import pytest

from inches.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_prints_the_verdict_and_figures(capsys):
    """`inches run` prints the verdict, medians, P5-P95, chance of loss and break-even."""
    code, out, err = run(capsys, "run", "--trials", "1000")
    assert code == 0 and err == ""
    assert "month 36" in out and "futures" in out.splitlines()[1]
    for words in ("Median cumulative net", "P5 to P95", "Chance of loss", "Typical break-even"):
        assert words in out


def test_json_has_the_documented_fields(capsys):
    """--json prints to_dict(): bands per month for both strategies and the comparison."""
    code, out, _ = run(capsys, "run", "--trials", "500", "--months", "24", "--seed", "7", "--json",
                       "--set", "deals.reps=20")
    d = json.loads(out)
    assert (d["months"], d["trials"], d["seed"]) == (24, 500, 7)
    assert d["parameters"]["deals.reps"] == 20
    for name, extra in (("community", ("followers", "trust")), ("deals", ("pipeline", "wins"))):
        for q in ("revenue", "cumulative_revenue", "cumulative_net") + extra:
            assert set(d[name][q]) == {"p5", "p25", "p50", "p75", "p95", "mean"}
            assert len(d[name][q]["p50"]) == 24
        assert {"prob_loss", "break_even_month_p50", "never_break_even", "expected_shortfall_5",
                "zero_revenue_month_share"} <= set(d[name]["summary"])
    assert len(d["prob_community_ahead"]) == 24 and "crossover_month" in d


def test_set_changes_the_run(capsys):
    """--set KEY=VALUE changes exactly that parameter; booleans take true/false."""
    _, out, _ = run(capsys, "run", "--trials", "300", "--json", "--set", "community.conversion=0",
                    "--set", "equal_budget=true")
    d = json.loads(out)
    assert d["parameters"]["equal_budget"] is True
    assert max(d["community"]["revenue"]["p95"]) == 0.0


def test_csv_is_one_table_a_spreadsheet_opens(tmp_path, capsys):
    """--csv writes one row per month with a header naming strategy, quantity and band."""
    path = tmp_path / "bands.csv"
    code, out, _ = run(capsys, "run", "--trials", "300", "--months", "12", "--csv", str(path))
    rows = list(csv.reader(path.open()))
    assert code == 0 and str(path) in out
    assert rows[0][0] == "month" and "community.cumulative_net.p50" in rows[0]
    assert "deals.wins.p95" in rows[0] and "prob_community_ahead" in rows[0]
    assert [r[0] for r in rows[1:]] == [str(m) for m in range(1, 13)]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_presets_and_validate(tmp_path, capsys):
    """`inches presets` lists names with descriptions; `inches validate` accepts a good file."""
    code, out, _ = run(capsys, "presets")
    assert code == 0 and out.splitlines()[0].startswith("dell-2009 ")
    good = tmp_path / "good.toml"
    good.write_text("[deals]\nreps = 3\n")
    code, out, _ = run(capsys, "validate", str(good))
    assert code == 0 and "valid" in out and "1 value differ" in out


@pytest.mark.parametrize("args, words", [
    (["run", "--set", "deals.reps=abc"], ["deals.reps", "abc", "0 to 200"]),
    (["run", "--set", "deals.rep=3"], ["unknown parameter", "deals.rep"]),
    (["run", "--set", "deals.reps"], ["KEY=VALUE"]),
    (["run", "--trials", "5"], ["trials", "100 to 1,000,000"]),
    (["run", "--preset", "nope"], ["nope", "dell-2009"]),
    (["run", "--scenario", "/no/such.toml"], ["/no/such.toml", "no such file"]),
    (["run", "--months", "x"], ["--months", "'x' is not a number"]),
    (["bogus"], ["bogus"]),
    (["validate"], ["file"]),
])
def test_errors_are_one_sentence_with_status_2(capsys, args, words):
    """Every error goes to stderr as one line with exit status 2, never a traceback."""
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for w in words:
        assert w in err, (w, err)


def test_validate_reports_bad_file(tmp_path, capsys):
    """A malformed scenario is reported with its file, key and allowed range."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[community]\nchurn = 50\n")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 2 and "bad.toml" in err and "churn" in err and "0 to 20" in err


def test_installed_command_and_module_agree():
    """`python -m inches` runs the same command line as the installed `inches`."""
    out = subprocess.run([sys.executable, "-m", "inches", "presets"], capture_output=True,
                         text=True, check=True).stdout
    assert "dell-2009" in out


def test_cli_never_imports_qt():
    """The headless commands work without loading Qt."""
    code = ("import sys, inches.cli as c; c.main(['run', '--trials', '200']); "
            "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
