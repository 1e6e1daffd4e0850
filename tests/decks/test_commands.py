"""`inches deck list|show|check|export`: what they print, and one line with exit 2 on errors."""

import sys
import types

import pytest

from inches.cli import main

GOOD = ('title = "A short talk"\n[[step]]\ntitle = "Fewer people"\ncaption = "Halve the team."\n'
        'sliders = ["community.staff"]\n[step.values]\ncommunity.staff = 10\n')


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(code, out, err):
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_list_names_each_deck_with_title_and_step_count(capsys):
    """`inches deck list` prints name, step count, title and description of each shipped deck."""
    code, out, err = run(capsys, "deck", "list")
    assert code == 0 and err == ""
    first = out.splitlines()[0]
    assert first.startswith("dell-2009") and "9 steps" in first and "Dell Outlet story" in first
    assert "dozen salespeople" in out


def test_show_prints_steps_captions_sliders_and_changes(capsys):
    """`inches deck show` prints every step's title, caption, sliders and the values it changes."""
    code, out, err = run(capsys, "deck", "show", "dell-2009")
    assert code == 0 and err == ""
    for words in ("1. Trust takes time", "18 months to sell", "Sliders: community.trust_months",
                  "months: 36 months -> 18 months", "community.staff: 20 FTE -> 10 FTE",
                  "equal_budget: off -> on", "8. The verdict and its risk"):
        assert words in out, words


def test_show_reads_a_file(tmp_path, capsys):
    """A deck file works wherever a shipped deck's name does."""
    path = tmp_path / "talk.toml"
    path.write_text(GOOD)
    code, out, _ = run(capsys, "deck", "show", str(path))
    assert code == 0 and "A short talk (talk, 1 step)" in out and "1. Fewer people" in out


def test_check_accepts_a_good_deck(tmp_path, capsys):
    """`inches deck check FILE` says the deck is valid and how many steps it has."""
    path = tmp_path / "talk.toml"
    path.write_text(GOOD)
    code, out, err = run(capsys, "deck", "check", str(path))
    assert code == 0 and err == ""
    assert out == f"{path}: valid deck 'A short talk' with 1 step on 'Dell Outlet 2009'\n"


@pytest.mark.parametrize("body, words", [
    (GOOD.replace("= 10", "= 500"), ['step 1 ("Fewer people")', "community.staff", "0 to 200"]),
    (GOOD.replace('"community.staff"]', '"community.stuff"]'), ["community.stuff", "staff"]),
    (GOOD.replace("[[step]]", "[[steps]]"), ["'steps'", "did you mean 'step'?"]),
    ("title = 'x'\n[[step]\n", ["not valid TOML", "line 2"]),
])
def test_check_refuses_a_bad_deck_in_one_line(tmp_path, capsys, body, words):
    """A bad deck gives exit 2 and one line naming the file, the step and the key."""
    path = tmp_path / "talk.toml"
    path.write_text(body)
    err = _one_line_error(*run(capsys, "deck", "check", str(path)))
    for w in [str(path), *words]:
        assert w in err, (w, err)


@pytest.mark.parametrize("args, words", [
    (["deck", "check", "missing.toml"], ["missing.toml", "no such file"]),
    (["deck", "show", "nope"], ["no deck or file called 'nope'", "dell-2009"]),
    (["deck"], ["inches deck", "required"]),
    (["deck", "export", "dell-2009"], ["--pdf", "--png-dir"]),
    (["deck", "export", "dell-2009", "--pdf", "x.pdf", "--size", "big"], ["--size", "1920x1080"]),
])
def test_usage_mistakes_are_one_line(capsys, args, words):
    """Missing files, unknown decks and wrong arguments give exit 2 and one sentence."""
    err = _one_line_error(*run(capsys, *args))
    for w in words:
        assert w in err, (w, err)


def test_export_hands_the_deck_to_the_app_and_lists_files(tmp_path, capsys, monkeypatch):
    """`inches deck export` calls gui.handout.export_deck and prints each file it wrote."""
    calls = []

    def export_deck(deck, pdf=None, png_dir=None, size=(1920, 1080), progress=None):
        calls.append((deck.name, pdf, png_dir, size))
        return [f"{png_dir}/step-{i + 1}.png" for i in range(len(deck.steps))]

    fake = types.ModuleType("inches.gui.presenting.handout")
    fake.export_deck = export_deck
    monkeypatch.setitem(sys.modules, "inches.gui.presenting.handout", fake)
    code, out, err = run(capsys, "deck", "export", "dell-2009", "--png-dir", str(tmp_path),
                         "--size", "1280x720")
    assert code == 0 and "wrote" not in err
    assert calls == [("dell-2009", None, str(tmp_path), (1280, 720))]
    assert out.splitlines() == [f"wrote {tmp_path}/step-{i}.png" for i in range(1, 10)]


def test_export_without_the_app_is_one_clear_line(capsys, monkeypatch):
    """When the app's renderer cannot be imported, export says so in one line, exit 2."""
    monkeypatch.setitem(sys.modules, "inches.gui.presenting.handout", None)  # import raises ImportError
    err = _one_line_error(*run(capsys, "deck", "export", "dell-2009", "--pdf", "x.pdf"))
    assert "inches deck export" in err and "deck show" in err
