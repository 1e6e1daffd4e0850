"""A fan chart of one strategy: P5-P95 and P25-P75 bands and the median, made once, fed often."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6 import QtCore

from ..theme import INNER_ALPHA, OUTER_ALPHA, Theme
from .paths import PathItem
from .plot import ChartPlot
from .style import pen

MEDIAN_PX, GHOST_ALPHA, GHOST_BAND_ALPHA, EDGE_ALPHA = 3.0, 0.7, 0.10, 0.55
FAN_NOTE = "median, middle 50% and 90% of futures"


def reveal(x: np.ndarray, ys: list[np.ndarray], upto: float | None):
    """``x`` and each of ``ys`` (last axis along x) up to ``upto``, the end interpolated.

    ``None`` (or ``upto`` past the end) keeps everything, so a playback cursor between two
    months makes the curves grow smoothly rather than a month at a time.
    """
    if upto is None or upto >= x[-1]:
        return x, ys
    k = int(np.searchsorted(x, upto, side="right"))
    if k == 0:
        return x[:0], [y[..., :0] for y in ys]
    if x[k - 1] == upto:
        return x[:k], [y[..., :k] for y in ys]
    w = (upto - x[k - 1]) / (x[k] - x[k - 1])
    xx = np.append(x[:k], upto)
    out = [np.concatenate([y[..., :k], (y[..., k - 1] * (1 - w) + y[..., k] * w)[..., None]],
                          axis=-1) for y in ys]
    return xx, out


class FanItem:
    """The items of one strategy's fan on ``plot``: outer band (outlined), inner band, median.

    The outer band's edges are drawn as thin lines in the strategy's colour, so where the two
    strategies' bands overlap each still reads as blue or orange. Bands and edges are one Qt
    path each (paths.py); the median is a PlotDataItem named ``<strategy>.<quantity>.p50``
    (``community.cumulative_net.p50``) for tests and outside probes. ``ghost`` makes the faded
    version behind a live fan (dashed median, faint band, no inner band, no outline).
    """

    def __init__(self, plot: ChartPlot, strategy: str, quantity: str, ghost: bool = False,
                 inner: bool = True, width: float = MEDIAN_PX, z: float = 0.0):
        self.strategy, self.ghost = strategy, ghost
        self.outer = PathItem()
        self.inner = PathItem() if inner and not ghost else None
        self.edge = None if ghost else PathItem(antialias=False)  # the outer band's edges
        name = f"{strategy}.{quantity}.{'pinned.' if ghost else ''}p50"
        self.median = pg.PlotDataItem(antialias=True, name=name)
        self.median.setObjectName(name)
        self._width = width
        plot.styled(self.outer, self._style_bands, z=z - 3)
        if self.inner is not None:
            plot.styled(self.inner, None, z=z - 2)
        if self.edge is not None:
            plot.styled(self.edge, z=z - 1)
        plot.styled(self.median, self._style_median, z=z + 10)
        if ghost:
            self.set_visible(False)

    def _style_bands(self, theme: Theme, scale: float) -> None:
        outer = GHOST_BAND_ALPHA if self.ghost else OUTER_ALPHA
        self.outer.setBrush(theme.color(self.strategy, outer))
        if self.inner is not None:
            self.inner.setBrush(theme.color(self.strategy, INNER_ALPHA))
        if self.edge is not None:
            self.edge.setPen(pen(theme.color(self.strategy, EDGE_ALPHA), max(1.0, scale)))

    def _style_median(self, theme: Theme, scale: float) -> None:
        a = GHOST_ALPHA if self.ghost else 1.0
        width = self._width * scale * (0.8 if self.ghost else 1.0)
        self.median.setPen(pen(theme.color(self.strategy, a), width, dashed=self.ghost))

    def items(self) -> list:
        """The items drawn on the plot."""
        return [i for i in (self.outer, self.inner, self.edge, self.median) if i is not None]

    def set_data(self, x: np.ndarray, bands: dict[str, np.ndarray], upto: float | None = None,
                 factor: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """Show ``bands`` (p5 .. p95 over ``x``) times ``factor``, revealed up to ``upto``.

        Returns the median as drawn (x, y), for the hover readout.
        """
        keys = ("p5", "p95", "p50") + (("p25", "p75") if self.inner is not None else ())
        xs, ys = reveal(x, [np.asarray(bands[k], dtype=float) * factor for k in keys], upto)
        self.outer.set_band(xs, ys[0], ys[1])
        if self.edge is not None:
            self.edge.set_lines(xs, ys[:2])
        if self.inner is not None:
            self.inner.set_band(xs, ys[3], ys[4])
        self.median.setData(xs, ys[2])
        return xs, ys[2]

    def set_visible(self, visible: bool) -> None:
        """Show or hide the whole fan."""
        for item in self.items():
            item.setVisible(visible)


class FanSample(ItemSample):
    """A legend swatch for a fan: the outer and inner band behind the median line."""

    def __init__(self, fan: FanItem):
        super().__init__(fan.median)
        self.fan = fan
        self.setFixedWidth(30)

    def boundingRect(self):  # noqa: N802 - Qt's name
        """The swatch's area."""
        return QtCore.QRectF(0, 0, 30, 20)

    def paint(self, p, *args):
        """Bands as stacked rectangles, the median across them."""
        p.setRenderHint(p.RenderHint.Antialiasing)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(self.fan.outer.brush())
        p.drawRect(QtCore.QRectF(0, 2, 30, 16))
        if self.fan.inner is not None:
            p.setBrush(self.fan.inner.brush())
            p.drawRect(QtCore.QRectF(0, 6, 30, 8))
        p.setPen(self.fan.median.opts["pen"])
        p.drawLine(QtCore.QPointF(2, 10), QtCore.QPointF(28, 10))

    def mouseClickEvent(self, event):  # noqa: N802 - Qt's name
        """Clicking a legend entry does nothing: a presenter's stray click must not hide data."""
        event.accept()


class HistSample(ItemSample):
    """A legend swatch for a filled histogram: its fill with its outline."""

    def boundingRect(self):  # noqa: N802 - Qt's name
        """The swatch's area."""
        return QtCore.QRectF(0, 0, 20, 20)

    def paint(self, p, *args):
        """A filled square in the histogram's brush and pen."""
        p.setRenderHint(p.RenderHint.Antialiasing)
        p.setPen(pg.mkPen(self.item.opts["pen"]))
        p.setBrush(pg.mkBrush(self.item.opts["fillBrush"]))
        p.drawRect(QtCore.QRectF(2, 3, 16, 14))

    def mouseClickEvent(self, event):  # noqa: N802 - Qt's name
        """Clicking a legend entry does nothing: a presenter's stray click must not hide data."""
        event.accept()
