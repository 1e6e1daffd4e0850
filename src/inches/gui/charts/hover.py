"""The hover readout of a chart: for the month under the mouse, each series' value."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg

from ..theme import Theme
from .style import alpha, font, pen

HOVER_HZ = 30
NOTE_PT = 11.0


class HoverSeries:
    """One line of the hover readout: ``label`` and ``fmt(y)`` at the hovered month ``x``.

    ``strategy`` ("community" or "deals") picks the line's colour from the current theme.
    """

    __slots__ = ("label", "strategy", "x", "y", "fmt")

    def __init__(self, label: str, strategy: str, x: np.ndarray, y: np.ndarray,
                 fmt: Callable[[float], str]):
        self.label, self.strategy, self.x, self.y, self.fmt = label, strategy, x, y, fmt


class HoverReadout:
    """A text box and a vertical line on ``plot`` (a :class:`~.plot.ChartPlot`), rate-limited."""

    def __init__(self, plot):
        self.plot = plot
        self.series: Sequence[HoverSeries] = ()
        self.text = pg.TextItem(anchor=(0, 0))
        self.line = pg.InfiniteLine(angle=90, movable=False)
        for it, z in ((self.text, 60), (self.line, 55)):
            it.setZValue(z)
            it.hide()
            plot.addItem(it, ignoreBounds=True)
        self._proxy = pg.SignalProxy(plot.scene().sigMouseMoved, rateLimit=HOVER_HZ,
                                     slot=self.mouse_moved)

    def restyle(self, theme: Theme, scale: float) -> None:
        self.text.fill = pg.mkBrush(alpha(theme.panel, 0.92))
        self.text.border = pen(theme.grid, 1)
        self.text.setFont(font(NOTE_PT * scale))
        self.line.setPen(pen(alpha(theme.muted, 0.6), max(1.0, scale)))

    def mouse_moved(self, args) -> None:
        """SignalProxy slot: ``args[0]`` is the mouse position in scene coordinates."""
        pos, plot = args[0], self.plot
        if not plot.vb.sceneBoundingRect().contains(pos):
            self.hide()
            return
        x = plot.vb.mapSceneToView(pos).x()
        lines = self.readout(x)
        if not lines:
            self.hide()
            return
        month = int(round(x))
        (x0, x1), (_, y1) = plot.vb.viewRange()
        rows = "".join(f"<br><span style='color:{c}'>{html.escape(t)}</span>" for c, t in lines)
        self.text.setHtml(f"<span style='color:{plot.theme.text}'><b>Month {month}"
                          f"</b>{rows}</span>")
        right = month > (x0 + x1) / 2
        self.text.setAnchor((1.0, 0.0) if right else (0.0, 0.0))
        gap = (x1 - x0) * 0.012
        below = 6 * plot.scale + (plot.legend.height() if plot.legend is not None else 0)
        self.text.setPos(month - gap if right else month + gap,
                         y1 - below * plot.vb.viewPixelSize()[1])
        self.line.setValue(month)
        self.text.show()
        self.line.show()
        plot.hovered.emit(f"Month {month}: " + ", ".join(t for _, t in lines))

    def readout(self, x: float) -> list[tuple[str, str]]:
        """(colour, "Inches $1.2M") for each series that has a value at month round(x)."""
        month = round(x)
        out = []
        for s in self.series:
            i = int(np.searchsorted(s.x, month))
            if i < len(s.x) and abs(s.x[i] - month) < 1e-9:
                color = self.plot.theme.color(s.strategy).name()
                out.append((color, f"{s.label} {s.fmt(float(s.y[i]))}"))
        return out

    def hide(self) -> None:
        self.text.hide()
        self.line.hide()
