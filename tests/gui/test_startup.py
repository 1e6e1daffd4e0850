"""Starting the app from the command line: screenshots follow their suffix and size exactly,
and the app's own options fail before any window opens."""

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from inches.cli import main


@pytest.mark.parametrize("name, magic", [("shot.png", b"\x89PNG"), ("shot.jpg", b"\xff\xd8"),
                                         ("shot.JPEG", b"\xff\xd8")])
def test_screenshot_type_follows_the_suffix_and_size_is_exact(qapp, tmp_path, capsys, name,
                                                              magic):
    """x.jpg is a JPEG (it used to be PNG bytes under a .jpg name), exactly W x H."""
    out = tmp_path / name
    assert main(["--screenshot", str(out), "--preset", "local-shop", "--size", "1280x720"]) == 0
    assert out.read_bytes().startswith(magic)
    assert QImage(str(out)).size().toTuple() == (1280, 720)
    assert f"saved {out} (1280x720)" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--present", "nosuch"], ["--preset", "nosuch"],
                                  ["--scenario", "/no/such.toml"], ["--screenshot", "x.gif"]])
def test_the_apps_options_fail_before_any_window(qapp, capsys, args):
    """An unknown deck, preset or file is a command-line error; no window is made."""
    before = set(QApplication.topLevelWidgets())  # an earlier test's may go meanwhile
    assert main(args) == 2
    assert not set(QApplication.topLevelWidgets()) - before
    assert capsys.readouterr().err.count("\n") == 1
