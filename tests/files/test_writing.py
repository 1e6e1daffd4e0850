"""Writing is safe and polite: all or nothing (even under kill -9), permissions a teammate can
use, symlinks written through, and errors that name the user's path before any work."""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

import inches
from inches.files.atomic import (
    WriteError,
    check_folder,
    check_writable,
    image_format,
    write_atomic,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and signals")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_002():
    old = os.umask(0o002)
    yield
    os.umask(old)


@posix_only
def test_new_files_follow_the_umask(tmp_path, umask_002):
    """A new scenario is 0664 under umask 002 (it was always 0600)."""
    path = tmp_path / "shared.toml"
    inches.save_scenario(inches.Scenario.default(), path)
    write_atomic(tmp_path / "image.png", lambda tmp: open(tmp, "wb").write(b"png") > 0)
    assert _mode(path) == 0o664 and _mode(tmp_path / "image.png") == 0o664


@posix_only
def test_an_existing_file_keeps_its_permissions(tmp_path, umask_002):
    """Re-saving a 0640 file (or a 0664 one) leaves its mode as it was."""
    for mode in (0o640, 0o664, 0o600):
        path = tmp_path / f"plan-{mode:o}.toml"
        path.write_text("old")
        os.chmod(path, mode)
        write_atomic(path, "new")
        assert path.read_text() == "new" and _mode(path) == mode


@posix_only
def test_a_symlink_is_written_through_to_its_target(tmp_path):
    """Saving through a link replaces the target's content and keeps the link a link."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "plan.toml"
    target.write_text("old")
    os.chmod(target, 0o644)
    link = tmp_path / "plan.toml"
    link.symlink_to(target)
    inches.save_scenario(inches.Scenario.default(), link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "format = 1" in target.read_text() and _mode(target) == 0o644
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["plan.toml"]


@pytest.mark.parametrize("name, words", [
    ("missing/dir/b.csv", ["missing/dir/b.csv", "does not exist"]),
    ("", ["empty"]),
    (".", ["is a folder"]),
    ("file.txt/inside.csv", ["file.txt/inside.csv", "not a folder"]),
])
def test_errors_name_the_users_path_never_a_temporary_file(tmp_path, monkeypatch, name, words):
    """Both the early check and the write say the same sentence about the path as given."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file.txt").write_text("x")
    for attempt in (lambda: check_writable(name), lambda: write_atomic(name, "data")):
        with pytest.raises(WriteError) as e:
            attempt()
        message = str(e.value)
        assert ".tmp" not in message and "\n" not in message
        for w in words:
            assert w in message, (w, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_devices_are_never_replaced(tmp_path):
    """Writing to /dev/null must not replace it with a file, even as root."""
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(WriteError, match="not a file"):
        check_writable("/dev/null")


def test_a_failed_write_names_the_path_and_leaves_nothing(tmp_path):
    """A writer that fails (Qt returns False) leaves the old file and no temporary file."""
    path = tmp_path / "chart.png"
    path.write_bytes(b"old")
    with pytest.raises(WriteError, match="chart.png: could not be written"):
        write_atomic(path, lambda tmp: False)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_check_writable_is_cheap_and_leaves_nothing(tmp_path):
    """The early check takes milliseconds and leaves the folder as it was."""
    start = time.monotonic()
    for i in range(100):
        check_writable(tmp_path / f"out-{i}.csv")
    assert time.monotonic() - start < 1.0 and list(tmp_path.iterdir()) == []
    assert check_folder(tmp_path / "pages" / "deeper") == tmp_path / "pages" / "deeper"
    assert not (tmp_path / "pages").exists()


@pytest.mark.parametrize("name, kind", [
    ("a.png", "PNG"), ("a.PNG", "PNG"), ("a.jpg", "JPEG"), ("a.jpeg", "JPEG"),
    ("a.gif", None), ("a", None), ("a.png.txt", None),
])
def test_image_type_follows_the_suffix(name, kind):
    """PNG or JPEG by the suffix; anything else is refused naming the allowed ones."""
    if kind:
        assert image_format(name) == kind
    else:
        with pytest.raises(WriteError, match=r"\.png, \.jpg or \.jpeg"):
            image_format(name)


SLOW_WRITER = """
import sys, time
from inches.files.atomic import write_atomic

def slow(tmp):
    with open(tmp, "wb") as f:
        f.write(b"half of the new file")
        f.flush()
        print("writing", flush=True)
        time.sleep(60)
    return True

content = slow if sys.argv[2] == "hook" else b"N" * int(sys.argv[2])
print("ready", flush=True)
write_atomic(sys.argv[1], content)
print("done", flush=True)
"""


@posix_only
def test_kill_9_in_the_middle_of_saving_leaves_the_old_file(tmp_path):
    """A process killed while writing (the writer is mid-file) leaves the old file whole."""
    path = tmp_path / "plan.toml"
    inches.save_scenario(inches.Scenario.default(), path)
    before = path.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(path), "hook"],
                             stdout=subprocess.PIPE, text=True)
    assert [child.stdout.readline().strip() for _ in range(2)] == ["ready", "writing"]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert inches.load_scenario(path).name == "Defaults"


@posix_only
def test_kill_9_during_a_large_write_leaves_old_or_new_never_half(tmp_path):
    """Killed at some moment of a 40 MB write, the file is the old one or all of the new."""
    path = tmp_path / "big.bin"
    path.write_bytes(b"O" * 1000)
    size = 40_000_000
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(path), str(size)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.02)  # mid-write on this machine: 40 MB and an fsync take longer
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    data = path.read_bytes()
    assert data == b"O" * 1000 or data == b"N" * size


def test_temporary_files_of_a_killed_writer_are_swept(tmp_path):
    """A temporary file an hour old (a writer killed mid-write) goes with the next write of
    the same file; a fresh one (a write under way elsewhere) and other files stay."""
    target = tmp_path / "plan.toml"
    stale = tmp_path / ".plan.toml.0badc0de.tmp"
    fresh = tmp_path / ".plan.toml.12345678.tmp"
    other = tmp_path / ".other.toml.0badc0de.tmp"
    for f in (stale, fresh, other):
        f.write_text("half")
    hour_ago = time.time() - 3700
    for f in (stale, other):
        os.utime(f, (hour_ago, hour_ago))
    write_atomic(target, "whole")
    assert target.read_text() == "whole"
    assert not stale.exists() and fresh.exists() and other.exists()
