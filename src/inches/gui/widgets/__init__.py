"""Widgets of the main window: the parameter panel, the headline strip, big numbers."""
