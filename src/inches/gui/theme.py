"""Colours and type: one colour family for inches, another for miles, everywhere in the app.

Okabe-Ito blue and vermillion stay apart for colour-blind viewers and on washed-out projectors.
Every text colour meets WCAG AA (4.5:1) against the backgrounds it is drawn on, in both
themes; the strategies have a darker text shade in the light theme where the line colour
would be too pale for words (tests/gui/test_themes.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class Theme:
    """A palette: background, text, grid, and each strategy's line and text colours."""

    name: str
    background: str
    panel: str
    text: str
    muted: str
    grid: str
    inches: str
    miles: str
    inches_text: str
    miles_text: str
    field: str  # the background of value fields and buttons

    def color(self, strategy: str, alpha: float = 1.0) -> QColor:
        """The strategy's line colour ("community"/"inches" or "deals"/"miles") at ``alpha``."""
        c = QColor(self.inches if strategy in ("community", "inches") else self.miles)
        c.setAlphaF(alpha)
        return c

    def text_color(self, strategy: str) -> str:
        """The strategy's colour for words (headline names, big numbers, group titles)."""
        return self.inches_text if strategy in ("community", "inches") else self.miles_text

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def palette(self) -> QPalette:
        """A Qt palette in these colours, for every widget that draws from the palette."""
        p = QPalette()
        roles = QPalette.ColorRole
        for role, color in ((roles.Window, self.background), (roles.WindowText, self.text),
                            (roles.Base, self.field), (roles.AlternateBase, self.panel),
                            (roles.Text, self.text), (roles.Button, self.panel),
                            (roles.ButtonText, self.text), (roles.ToolTipBase, self.panel),
                            (roles.ToolTipText, self.text), (roles.PlaceholderText, self.muted),
                            (roles.Highlight, self.inches), (roles.Link, self.inches_text),
                            (roles.Mid, self.grid), (roles.Dark, self.grid),
                            (roles.Light, self.panel), (roles.Midlight, self.panel)):
            p.setColor(role, QColor(color))
        p.setColor(roles.HighlightedText, QColor(self.background))
        for group in (QPalette.ColorGroup.Disabled,):
            for role in (roles.WindowText, roles.Text, roles.ButtonText):
                p.setColor(group, role, QColor(self.muted))
        return p


LIGHT = Theme("light", background="#ffffff", panel="#f4f5f7", text="#1d1f23", muted="#555c69",
              grid="#d9dce1", inches="#0072b2", miles="#d55e00", inches_text="#00679f",
              miles_text="#ad4c00", field="#ffffff")
DARK = Theme("dark", background="#16181d", panel="#1f232a", text="#eef0f3", muted="#a9b0bb",
             grid="#3a3f48", inches="#56b4e9", miles="#f0a04b", inches_text="#6cbfee",
             miles_text="#f2a85a", field="#262b33")
THEMES = {t.name: t for t in (LIGHT, DARK)}

# Band opacities: P5-P95 light, P25-P75 darker, the median a solid line.
OUTER_ALPHA = 0.16
INNER_ALPHA = 0.34


def diverging(theme: Theme, steps: int = 256) -> np.ndarray:
    """RGB ramp from miles' colour (0) through a neutral middle (a coin flip) to inches' (1):
    the strategy map's colours and the budget mix's, readable at every step."""
    miles = np.array(theme.color("deals").getRgb()[:3], float)
    inches = np.array(theme.color("community").getRgb()[:3], float)
    middle = np.array([60.0] * 3 if theme.dark else [246.0] * 3)
    t = np.linspace(0, 1, steps)[:, None]
    low = miles + (middle - miles) * np.clip(t * 2, 0, 1)
    high = middle + (inches - middle) * np.clip(t * 2 - 1, 0, 1)
    return np.where(t < 0.5, low, high).astype(np.uint8)


def apply(theme: Theme) -> None:
    """Make ``theme`` the whole application's palette (windows, menus, dialogs)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        if app.style().name().lower() != "fusion":  # restyling every widget is slow: once
            app.setStyle("Fusion")
        app.setPalette(theme.palette())
