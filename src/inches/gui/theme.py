"""Colours and type: one colour family for inches, another for miles, everywhere in the app.

Okabe-Ito blue and vermillion stay apart for colour-blind viewers and on washed-out projectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor


@dataclass(frozen=True)
class Theme:
    """A palette: background, text, grid, and each strategy's line and band colours."""

    name: str
    background: str
    panel: str
    text: str
    muted: str
    grid: str
    inches: str
    miles: str

    def color(self, strategy: str, alpha: float = 1.0) -> QColor:
        """The strategy's colour ("community"/"inches" or "deals"/"miles") at ``alpha``."""
        c = QColor(self.inches if strategy in ("community", "inches") else self.miles)
        c.setAlphaF(alpha)
        return c


LIGHT = Theme("light", background="#ffffff", panel="#f4f5f7", text="#1d1f23", muted="#5b6270",
              grid="#d9dce1", inches="#0072b2", miles="#d55e00")
DARK = Theme("dark", background="#16181d", panel="#1f232a", text="#eef0f3", muted="#a3aab5",
             grid="#3a3f48", inches="#56b4e9", miles="#f0a04b")

# Band opacities: P5-P95 light, P25-P75 darker, the median a solid line.
OUTER_ALPHA = 0.16
INNER_ALPHA = 0.34
