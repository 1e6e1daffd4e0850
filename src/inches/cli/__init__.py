"""The command line: one module per group of sub-commands, wired in :mod:`.main`."""

from .main import main

__all__ = ["main"]
