"""Test configuration: Qt offscreen, and nothing written to the user's real settings."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("INCHES_NO_SETTINGS", "")
