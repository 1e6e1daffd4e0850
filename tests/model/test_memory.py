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


class _Multiarray:
    def __init__(self):
        self.huge = []

    def _set_madvise_hugepage(self, on):
        self.huge.append(on)
        return True


@pytest.fixture
def libc(monkeypatch):
    fake = _Libc()
    monkeypatch.setattr(memory.ctypes, "CDLL", lambda name: fake)
    monkeypatch.setattr(memory, "_done", False)
    fake.numpy = _Multiarray()
    monkeypatch.setattr(memory, "_numpy_multiarray", lambda: fake.numpy)
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    return fake


def test_the_thresholds_are_set_once_on_linux(libc, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    memory.keep_freed_memory()
    memory.keep_freed_memory()
    assert libc.calls == [(-3, 32 * 2**20), (-1, 128 * 2**20), (-2, 32 * 2**20)]
    assert libc.numpy.huge == [False]


def test_numpy_is_left_its_huge_pages_when_the_user_chose(libc, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    memory.keep_freed_memory()
    assert libc.numpy.huge == []
    assert len(libc.calls) == 3


def test_numpys_switch_is_where_memory_looks_for_it():
    assert callable(memory._numpy_multiarray()._set_madvise_hugepage)


def test_nothing_is_asked_elsewhere(libc, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    memory.keep_freed_memory()
    assert libc.calls == []
    assert libc.numpy.huge == []


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
