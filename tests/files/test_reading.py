"""Reading a user's file is bounded: refused at once when it is not a small text file, and
every message names the user's file (and the line) in one sentence."""

import os
import sys
import time

import pytest

import inches
from inches.decks import DeckError, read_deck
from inches.files.bounded import MAX_BYTES, MAX_DEPTH, nesting_line, read_text
from inches.files.scenarios import read_scenario


def _refused(path, *words, reader=read_scenario, error=inches.ScenarioError):
    with pytest.raises(error) as e:
        reader(path)
    message = str(e.value)
    assert "\n" not in message and "unexpected" not in message
    for w in words:
        assert w in message, (w, message)
    return message


def test_a_byte_order_mark_is_accepted(tmp_path):
    """Notepad saves UTF-8 with a byte-order mark; that file reads like any other."""
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + "name = \"Café\"\n[deals]\nreps = 3\n".encode())
    s = read_scenario(path)
    assert s.name == "Café" and s["deals.reps"] == 3


def test_an_empty_path_is_an_error():
    """An empty name is not the current folder."""
    _refused("", "no file given", "empty")


@pytest.mark.parametrize("path, words", [
    ("/dev/zero", ["/dev/zero is a device"]), ("/dev/null", ["a device"]),
    ("/", ["/ is a folder"]),
])
def test_devices_and_folders_are_refused_before_reading(path, words):
    """/dev/zero used to be read until memory ran out; now it is refused at once."""
    if not os.path.exists(path):
        pytest.skip(f"{path} does not exist here")
    start = time.monotonic()
    _refused(path, *words)
    assert time.monotonic() - start < 0.5


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs on Windows")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    """Opening a FIFO for reading would wait for a writer for ever; it is refused."""
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    start = time.monotonic()
    _refused(fifo, "plan.toml is a pipe")
    _refused(fifo, "pipe", reader=read_deck, error=DeckError)
    assert time.monotonic() - start < 0.5


def test_a_large_file_is_refused_before_it_is_read(tmp_path):
    """Over 1 MB is refused with the limit, from its size alone."""
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(50 * MAX_BYTES)  # sparse: no time spent writing it
    start = time.monotonic()
    _refused(big, "big.toml", "50.0 MB", "up to 1 MB")
    assert time.monotonic() - start < 0.5
    edge = tmp_path / "edge.toml"
    edge.write_bytes(b"#" * (MAX_BYTES - 1) + b"\n")  # exactly the limit: allowed
    assert read_text(edge).startswith("#")


@pytest.mark.parametrize("text, line", [
    ("a = 1\nx = " + "[" * 2000 + "]" * 2000 + "\n", 2),
    ("[community]\nstaff = 3\n" + "a" + ".a" * 3000 + " = 1\n", 3),
    ("\n\n\n[" + "t." * 40 + "t]\n", 4),
    ("x = " + "{a = " * 400 + "1" + "}" * 400 + "\n", 1),
])
def test_deep_nesting_is_refused_with_the_file_and_line(tmp_path, text, line):
    """tomllib used to raise RecursionError ("unexpected error"); now the file and line."""
    path = tmp_path / "deep.toml"
    path.write_text(text)
    _refused(path, "deep.toml", f"line {line}", f"nested more than {MAX_DEPTH} deep")
    _refused(path, "deep.toml", f"line {line}", reader=read_deck, error=DeckError)


def test_nesting_scan_skips_strings_and_comments():
    """Brackets and dots in strings, comments and numbers are not nesting."""
    text = ('x = "[[[[[[[[[[[[[[[[[[[[[[[[[[["  # [[[[[[[[[[[[[[[[[[[[[[[[\n'
            'y = """\n{{{{{{{{{{{{{{{{{{{{{{{{{{{\n"""\nz = [1.5, 2.5, 3.5]\n'
            "w = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n")
    assert nesting_line(text) is None


@pytest.mark.parametrize("text, words", [
    ("[community]\ntrust_months = 1,5\n", ["line 2", "trust_months = 1,5",
                                            "use a point for decimals: 1.5"]),
    ("[deals]\ndeal_size = 250,000\n", ["deal_size", "250.000 or 250000"]),
    ("[deals]\nwin_rate = 15%\n", ["win_rate = 15%", "without a unit", ": 15"]),
    ("[community]\nstaff = \"30\"\n", ["staff", "is text", "without quotes: 30"]),
    ("[community]\nstaff = \"1,5\"\n", ["staff", "use a point for decimals: 1.5"]),
    ("[run]\nseed = 9007199254740993.0\n", ["seed", "every digit"]),
    ("[run]\nequal_budget = true\n[community]\nstaff_cost = 500\n",
     ["plan.toml", "deals.reps", "deals.rep_cost", "community.staff_cost", "0 to 200 FTE"]),
    ("name = [" + ", ".join(["1"] * 5000) + "]\n", ["name", "not text"]),
])
def test_scenario_files_read_numbers_as_the_command_line_does(tmp_path, text, words):
    """A file's numbers get the same hints as --set; long values are cut short in messages."""
    path = tmp_path / "plan.toml"
    path.write_text(text)
    message = _refused(path, "plan.toml", *words)
    assert len(message) < 400


def test_seeds_keep_every_digit_in_files(tmp_path):
    """seed = 2^63-1 round-trips through a file as an exact integer."""
    path = tmp_path / "seed.toml"
    path.write_text(f"[run]\nseed = {2**63 - 1}\n")
    s = read_scenario(path)
    assert s.seed == 2**63 - 1 and type(s.values["seed"]) is int
    inches.save_scenario(s, path)
    assert f"seed = {2**63 - 1}" in path.read_text() and read_scenario(path).seed == 2**63 - 1
