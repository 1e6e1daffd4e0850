"""Horizontal bars with their Monte Carlo error: what knowing each range is worth ($), and
each range's share of the spread (%). The largest bar is at the top; a whisker either side
of a bar's end spans two standard errors, so a bar within its whisker of zero is noise."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ... import text
from ..charts.axes import MoneyAxis, PercentAxis
from ..charts.plot import ChartPlot
from ..charts.style import font, pen


class NamesAxis(pg.AxisItem):
    """Names down the left side, one per bar (bar i at y = i)."""

    def __init__(self):
        super().__init__("left")
        self.names: list[str] = []

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        return [(1.0, list(range(len(self.names))))]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        return [self.names[int(v)] if 0 <= int(v) < len(self.names) else "" for v in values]


class BarsChart(ChartPlot):
    """Named bars from zero with ±2 standard-error whiskers; ``money`` or percent values."""

    def __init__(self, name: str, title: str, x_label: str, money: bool, detail=None,
                 parent=None):
        axis = NamesAxis()
        super().__init__(name, title, "", left=axis,
                         bottom=MoneyAxis("bottom") if money else PercentAxis("bottom"),
                         x_label=x_label, detail=detail, parent=parent)
        self.axis, self._kinds, self.money = axis, [], money
        self.values: list[pg.TextItem] = []
        self._stylers.append(lambda t, s: [text.setColor(t.text) for text in self.values])
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.25)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.62, width=[])
        self.styled(self.bars, lambda t, s: self.bars.setOpts(
            brushes=self._brushes(t), pen=pen(t.muted, 1)))
        self.whiskers = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), beam=0.25)
        self.styled(self.whiskers, lambda t, s: self.whiskers.setData(pen=pen(t.text, 1.5 * s)),
                    z=5)
        zero = pg.InfiniteLine(0, angle=90)
        self.styled(zero, lambda t, s: zero.setPen(pen(t.muted, 1.5 * s)))

    def _brushes(self, theme) -> list:
        """Each bar's colour: ``muted`` bars (luck, all together) grey, the rest neutral."""
        return [pg.mkBrush(theme.muted if k == "muted" else theme.grid) if k in ("muted", "")
                else theme.color(k, 0.85) for k in self._kinds]

    def show_bars(self, names: list[str], values: list[float], errors: list[float],
                  kinds: list[str] | None = None) -> None:
        """Bars top to bottom as given; ``kinds`` colour them ("inches", "miles", "muted" or
        "" for the neutral colour)."""
        n = len(names)
        self.axis.names = list(reversed(names))
        self.axis.WIDEST = max(names, key=len, default="-8.88")
        v = np.array(values[::-1], float)
        e = 2.0 * np.array(errors[::-1], float)
        y = np.arange(n, dtype=float)
        self._kinds = list(reversed(kinds or [""] * n))
        self.bars.setOpts(x0=np.zeros(n), y=y, width=v, height=0.62,
                          brushes=self._brushes(self.theme))
        self.whiskers.setData(x=v, y=y, left=e, right=e)
        for item in self.values:
            self.removeItem(item)
        self.values = []
        for i in range(n):  # each bar's value in words, just past its whisker
            text = pg.TextItem(shown(v[i], self.money), color=self.theme.text, anchor=(0, 0.5))
            text.setFont(font(10 * self.scale))
            text.setPos(max(v[i], 0.0) + e[i], y[i])
            self.addItem(text, ignoreBounds=True)
            self.values.append(text)
        self.restyle(self.theme, self.scale)  # the names' room follows the longest name
        self._filled()
        top = float(np.max(np.abs(v) + e)) if n else 1.0
        low = min(0.0, float(np.min(v - e))) if n else 0.0
        self.vb.setRange(xRange=(low * 1.1, 1.25 * (top or 1.0)), yRange=(-0.7, n - 0.3),
                         padding=0)


def shown(value: float, money: bool) -> str:
    """A bar's value as a room reads it: $114K, 26%."""
    return text.money(value) if money else f"{value:.0f}%"
