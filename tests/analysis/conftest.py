"""Shared scenarios for the analysis tests: small, seeded, fast."""

import pytest

import inches


@pytest.fixture(scope="session")
def dell():
    """The dell-2009 preset: Dell Outlet's community against a dozen reps."""
    return inches.load_scenario("dell-2009")
