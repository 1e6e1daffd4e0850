"""Test configuration: Qt offscreen, and nothing written to the user's real settings."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, monkeypatch):
    """Point Qt's settings and data locations at a temporary folder for every test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    try:
        from PySide6.QtCore import QSettings, QStandardPaths
    except ImportError:  # the model tests run without Qt
        yield
        return
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "config"))
    yield
