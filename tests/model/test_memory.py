"""The engine asks glibc's malloc to keep freed memory (memory.py), once, and only on Linux."""

from __future__ import annotations

import sys

import pytest

from inches.model import memory


class _Libc:
    def __init__(self):
        self.calls = []

    def mallopt(self, option, value):
        self.calls.append((option, value))
        return 1


@pytest.fixture
def libc(monkeypatch):
    fake = _Libc()
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: fake)
    monkeypatch.setattr(memory, "_done", False)
    return fake


def test_the_thresholds_are_set_once_on_linux(libc, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    memory.keep_freed_memory()
    memory.keep_freed_memory()
    assert libc.calls == [(-3, 32 * 2**20), (-1, 128 * 2**20), (-2, 32 * 2**20)]


def test_nothing_is_asked_elsewhere(libc, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    memory.keep_freed_memory()
    assert libc.calls == []


def test_a_c_library_without_mallopt_is_left_alone(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: object())
    monkeypatch.setattr(memory, "_done", False)
    memory.keep_freed_memory()  # no AttributeError


def test_an_engine_asks_for_it(libc, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    import inches

    inches.Engine()
    assert len(libc.calls) == 3
