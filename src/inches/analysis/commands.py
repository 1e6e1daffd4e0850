"""Command-line sub-commands for the analyses (filled in by the analysis work)."""


def add_parsers(sub) -> None:
    """Add this module's sub-commands to the ``inches`` parser."""
