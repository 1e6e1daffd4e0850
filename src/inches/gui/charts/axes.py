"""Axes that read like the rest of the app: $250K, 1.2M people, 63 %, month 24."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF

from ...text import tick


class _Axis(pg.AxisItem):
    """An axis that labels the ticks at its very ends (0 and H, 0% and 100%) too.

    pyqtgraph drops a tick label that pokes out of the axis; the first and last months sit
    exactly on the ends when the range is fixed to 0..H, so the axis claims a little room
    beyond them.
    """

    EDGE = 24  # px
    WIDEST = "-8.88"  # the widest tick label expected; sizes a vertical axis before it paints

    def __init__(self, orientation: str = "left", **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self._rect = self._rect_of = None  # the bounding rectangle, and what it was made of

    def boundingRect(self):  # noqa: N802 - Qt's name
        """The usual area, extended by EDGE px past both ends of the axis.

        Qt asks for it many times per repaint and pyqtgraph works it out in Python each time
        (a tenth of a chart's repaint during a drag); it depends only on where the axis and
        its chart's view are laid out, the grid and the tick length, so it is kept until one
        of those changes.
        """
        view = self.linkedView()
        of = (self.geometry(), None if view is None else view.geometry(), self.grid,
              self.style["tickLength"])
        if of != self._rect_of:
            r, m = super().boundingRect(), self.EDGE
            self._rect = r.adjusted(-m, 0, m, 0) if self.orientation in ("top", "bottom") \
                else r.adjusted(0, -m, 0, m)
            self._rect_of = of
        return QRectF(self._rect)


class MoneyAxis(_Axis):
    """An axis in dollars: $0, $250K, $1.2M, -$500K (never an SI "x1e6" factor)."""

    WIDEST = "-$8.88M"

    def tickStrings(self, values, scale, spacing):
        """Tick labels in short dollars, precise enough to tell neighbouring ticks apart."""
        return [tick(v * scale, spacing * scale, "$") for v in values]


class CountAxis(_Axis):
    """An axis of counts (people, opportunities): 0, 900, 250K, 1.2M."""

    WIDEST = "888.8K"

    def tickValues(self, minVal, maxVal, size):
        """Whole numbers only: a count of 2.5 people reads wrong."""
        levels = super().tickValues(minVal, maxVal, size)
        whole = [(s, [v for v in vals if abs(v - round(v)) < 1e-9]) for s, vals in levels if s >= 1]
        return whole or levels  # a range below one keeps its fractional ticks

    def tickStrings(self, values, scale, spacing):
        """Tick labels as short counts without a currency sign."""
        return [tick(v * scale, spacing * scale, "") for v in values]


class PercentAxis(_Axis):
    """An axis of shares given in percent: 0%, 25%, 50%."""

    WIDEST = "100%"

    def tickStrings(self, values, scale, spacing):
        """Tick labels with a percent sign and only the decimals the spacing needs."""
        places = max(0, math.ceil(-math.log10(spacing * scale) - 1e-9)) if spacing else 0
        return [f"{v * scale:.{places}f}%" for v in values]


class MonthAxis(_Axis):
    """A time axis in whole months, ticked every 1, 3, 6, 12 ... months; labelled "Month"."""

    STEPS = (1, 3, 6, 12, 24, 60, 120, 240)  # months, quarters, half-years, years
    MIN_PIXELS = 60  # between labelled ticks, so two- and three-digit months never crowd

    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, **kwargs)
        self.setLabel("Month")

    def tickSpacing(self, minVal, maxVal, size):
        """Ticks on the smallest month step that leaves room for labels (no minor ticks)."""
        span = abs(maxVal - minVal)
        if span == 0 or size <= 0:
            return []
        return [(next((s for s in self.STEPS if size * s / span >= self.MIN_PIXELS),
                      self.STEPS[-1]), 0)]

    def tickStrings(self, values, scale, spacing):
        """Plain whole months: 0, 6, 12."""
        return [str(int(round(v * scale))) for v in values]
