"""One chart of the chart area: a themed, scalable pyqtgraph plot with a hover readout.

Items are added once through :meth:`ChartPlot.styled`, which also records how to colour and
size them, so a theme or presentation-scale change restyles items in place.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from ..axes import MonthAxis
from ..theme import LIGHT, Theme

Styler = Callable[[Theme, float], None]

TICK_PT, LABEL_PT, TITLE_PT, LEGEND_PT, NOTE_PT = 11.0, 12.0, 13.0, 11.5, 11.0
HOVER_HZ = 30


def pen(color: QtGui.QColor | str, width: float, dashed: bool = False) -> QtGui.QPen:
    """A cosmetic pen ``width`` px wide, dashed on request, with round joins."""
    p = pg.mkPen(color, width=width)
    p.setCapStyle(QtCore.Qt.PenCapStyle.FlatCap if dashed else QtCore.Qt.PenCapStyle.RoundCap)
    p.setJoinStyle(QtCore.Qt.PenJoinStyle.RoundJoin)
    if dashed:
        p.setStyle(QtCore.Qt.PenStyle.DashLine)
    return p


def font(points: float, bold: bool = False) -> QtGui.QFont:
    """The application font at ``points`` pt."""
    f = QtGui.QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def alpha(color: str, a: float) -> QtGui.QColor:
    """``color`` at opacity ``a``."""
    c = QtGui.QColor(color)
    c.setAlphaF(a)
    return c


def color_of(theme: Theme, key: str, a: float = 1.0) -> QtGui.QColor:
    """A strategy's colour ("community"/"deals") or a theme role ("text", "muted") at ``a``."""
    return theme.color(key, a) if key in ("community", "deals") else alpha(getattr(theme, key), a)


def styled_line(plot: ChartPlot, item, key: str, width: float, a: float = 1.0,
          dashed: bool = False, z: float = 0.0):
    """Add ``item`` to ``plot`` drawn in ``key``'s colour, ``width`` px at scale 1."""
    return plot.styled(item, lambda t, s: item.setPen(pen(color_of(t, key, a), width * s, dashed)),
                       z=z)


class HoverSeries:
    """One line of the hover readout: ``label`` and ``fmt(y)`` at the hovered month ``x``.

    ``strategy`` ("community" or "deals") picks the line's colour from the current theme.
    """

    __slots__ = ("label", "strategy", "x", "y", "fmt")

    def __init__(self, label: str, strategy: str, x: np.ndarray, y: np.ndarray,
                 fmt: Callable[[float], str]):
        self.label, self.strategy, self.x, self.y, self.fmt = label, strategy, x, y, fmt


class ChartPlot(pg.PlotWidget):
    """A plot with title, axis labels, light grid, fixed ranges and an optional hover readout."""

    hovered = Signal(str)

    def __init__(self, name: str, title: str, y_label: str, left: pg.AxisItem | None = None,
                 bottom: pg.AxisItem | None = None, x_label: str = "Month",
                 detail: str | None = None, parent=None):
        axes = {"left": left or pg.AxisItem("left"), "bottom": bottom or MonthAxis("bottom")}
        super().__init__(parent=parent, axisItems=axes)
        self.name = name
        self.setObjectName(f"chart_{name}")
        self._title, self._detail = title, detail
        self._labels = {"left": y_label, "bottom": x_label}
        self._stylers: list[Styler] = []
        self.theme, self.scale = LIGHT, 1.0
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, y=True, alpha=0.25)
        item.disableAutoRange()
        for side in ("left", "bottom"):  # axes repaint from a cached pixmap while unchanged
            item.getAxis(side).setCacheMode(
                QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.titleLabel.setAttr("justify", "left")
        self.vb: pg.ViewBox = item.getViewBox()
        self.legend: pg.LegendItem | None = None
        self.note = pg.TextItem(anchor=(0.5, 0.5))
        self.note.setZValue(50)
        self.note.hide()
        self.addItem(self.note, ignoreBounds=True)
        self._series: Sequence[HoverSeries] = ()
        self._ranges: tuple | None = None
        self._built = True
        self._hover_text = self._hover_line = self._proxy = None

    # --- items and styling ------------------------------------------------------------------
    def styled(self, item, styler: Styler | None = None, z: float | None = None, add: bool = True):
        """Add ``item`` once (unless ``add`` is False) and remember how to style it."""
        if add:
            self.addItem(item, ignoreBounds=True)
        if z is not None:
            item.setZValue(z)
        if styler is not None:
            self._stylers.append(styler)
            styler(self.theme, self.scale)
        return item

    def add_legend(self, entries: Sequence[tuple[pg.GraphicsObject, str]]) -> None:
        """A one-row legend in the top-left corner; y ranges keep headroom for it."""
        self.legend = pg.LegendItem(offset=(8, 4), colCount=len(entries), horSpacing=18)
        self.legend.setParentItem(self.vb)
        for item, label in entries:
            self.legend.addItem(item, label)

    def restyle(self, theme: Theme, scale: float) -> None:
        """Recolour and resize everything for ``theme`` at presentation ``scale``."""
        self.theme, self.scale = theme, scale
        self.setBackground(theme.background)
        item = self.getPlotItem()
        ticks = font(TICK_PT * scale)
        metrics = QtGui.QFontMetricsF(ticks)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pen(theme.muted, 1))
            axis.setTickPen(pen(theme.text, 1))
            axis.setTextPen(theme.text)
            # Room for tick labels comes from the font, not from the last paint, so the first
            # frame (and an export) at a new scale is laid out right.
            axis.setStyle(tickFont=ticks, tickTextOffset=int(6 * scale), tickLength=int(5 * scale),
                          maxTickLevel=0, autoExpandTextSpace=False,
                          tickTextWidth=int(metrics.horizontalAdvance(
                              getattr(axis, "WIDEST", "-8.88")) + 4),
                          tickTextHeight=int(metrics.height()))
            if side == "left":
                axis.setTickDensity(1.6)  # a tick every $5M rather than every $10M
            axis.setLabel(self._labels[side], color=theme.muted,
                          **{"font-size": f"{LABEL_PT * scale:.1f}pt"})
        self._fit_title()
        item.layout.setContentsMargins(2, 2, 14 * scale, 2)  # room for the last month's label
        if self.legend is not None:
            self.legend.setLabelTextColor(theme.text)
            self.legend.setLabelTextSize(f"{LEGEND_PT * scale:.1f}pt")
            for _, label in self.legend.items:  # setAttr alone does not redraw the text
                label.setText(label.text)
            self.legend.setBrush(alpha(theme.background, 0.85))
            self.legend.setPen(None)
            self.legend.updateSize()
        self.note.setColor(theme.muted)
        self.note.setFont(font(NOTE_PT * scale + 1))
        if self._hover_text is not None:
            self._hover_text.fill = pg.mkBrush(alpha(theme.panel, 0.92))
            self._hover_text.border = pen(theme.grid, 1)
            self._hover_text.setFont(font(NOTE_PT * scale))
            self._hover_line.setPen(pen(alpha(theme.muted, 0.6), max(1.0, scale)))
        for styler in self._stylers:
            styler(theme, scale)

    def set_title(self, title: str, detail: str | None = None) -> None:
        """Title (bold) and an optional detail after a colon, dropped or elided to fit."""
        self._title, self._detail = title, detail
        self._fit_title()

    def _fit_title(self) -> None:
        item = self.getPlotItem()
        metrics = QtGui.QFontMetricsF(font(TITLE_PT * self.scale, bold=True))
        room = max(40.0, self.width() - item.getAxis("left").width() - 24 * self.scale)
        text = f"{self._title}: {self._detail}" if self._detail else self._title
        if metrics.horizontalAdvance(text) > room:
            text = metrics.elidedText(self._title, QtCore.Qt.TextElideMode.ElideRight, room)
        key = (text, self.theme.text, self.scale)
        if key == getattr(self, "_shown_title", None):
            return
        self._shown_title = key
        item.setTitle(html.escape(text), color=self.theme.text,
                      size=f"{TITLE_PT * self.scale:.1f}pt", bold=True)
        height = int(item.titleLabel.itemRect().height() + 4 * self.scale)
        item.layout.setRowFixedHeight(0, height)
        item.titleLabel.setMaximumHeight(height)
        # The title is fitted to the width, so it must not set the plot's minimum width: a
        # top-level graphics widget grows to its minimum and never shrinks back, which would
        # push the right edge of the data out of the widget.
        item.titleLabel.setMinimumWidth(0)
        item.setGeometry(self.range)

    # --- ranges -----------------------------------------------------------------------------
    def set_ranges(self, x: tuple[float, float], y: tuple[float, float],
                   legend: bool = False) -> None:
        """Fix the view to ``x`` and ``y``; with ``legend``, leave room above the data for it."""
        self._ranges = (x, y, legend)
        lo, hi = float(y[0]), float(y[1])
        if not np.isfinite(lo) or not np.isfinite(hi):
            lo, hi = 0.0, 1.0
        if hi <= lo:
            hi = lo + max(1.0, abs(lo) * 0.1)
        span, room = hi - lo, 0.03
        if legend and self.legend is not None:
            self._fit_legend()
            # the legend's height in pixels, as a share of the height left for data
            px = self.legend.height() + 8 * self.scale
            room += min(1.5, max(0.1, px / max(self.vb.height() - px, 1.0)))
        target = (tuple(map(float, x)), (lo - 0.03 * span, hi + room * span))
        applied = getattr(self, "_applied", None)
        if applied is not None:
            target = tuple(_steady(old, new) for old, new in zip(applied, target))
        if target != applied:  # an unchanged range costs nothing
            self._applied = target
            self.vb.setRange(xRange=target[0], yRange=target[1], padding=0)

    def _fit_legend(self) -> None:
        """One row of legend entries when it fits across the plot, else one entry per row."""
        items = self.legend.items
        row = sum(sample.width() + label.width() + 6 for sample, label in items)
        row += self.legend.layout.horizontalSpacing() * (len(items) - 1) + 12
        columns = len(items) if row <= self.vb.width() - 16 * self.scale else 1
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)

    def reapply_ranges(self) -> None:
        """Recompute the legend's room after a resize or a change of scale."""
        ranges = getattr(self, "_ranges", None)  # resizeEvent comes during construction
        if ranges is not None:
            self.set_ranges(*ranges)

    def resizeEvent(self, ev):  # noqa: N802 - Qt's name
        """Keep the legend's room and the title's fit right at the new size."""
        super().resizeEvent(ev)
        if getattr(self, "_built", False):  # resizeEvent comes during construction too
            self._fit_title()
        self.reapply_ranges()

    def show_note(self, text: str | None) -> None:
        """A centred message instead of data (``None`` hides it)."""
        if text is None:
            self.note.hide()
            return
        (x0, x1), (y0, y1) = self.vb.viewRange()
        self.note.setText(text)
        self.note.setPos((x0 + x1) / 2, (y0 + y1) / 2)
        self.note.show()

    # --- hover ------------------------------------------------------------------------------
    def enable_hover(self) -> None:
        """Show, for the month under the mouse, each hover series' value (30 Hz at most)."""
        self._hover_text = pg.TextItem(anchor=(0, 0))
        self._hover_line = pg.InfiniteLine(angle=90, movable=False)
        for it, z in ((self._hover_text, 60), (self._hover_line, 55)):
            it.setZValue(z)
            it.hide()
            self.addItem(it, ignoreBounds=True)
        self._proxy = pg.SignalProxy(self.scene().sigMouseMoved, rateLimit=HOVER_HZ,
                                     slot=self.mouse_moved)
        self.restyle(self.theme, self.scale)

    def set_hover(self, series: Sequence[HoverSeries]) -> None:
        """The series the readout reports; arrays are read at hover time, not copied."""
        self._series = series

    def mouse_moved(self, args) -> None:
        """SignalProxy slot: ``args[0]`` is the mouse position in scene coordinates."""
        pos = args[0]
        if self._hover_text is None:
            return
        if not self.vb.sceneBoundingRect().contains(pos):
            self.hide_hover()
            return
        x = self.vb.mapSceneToView(pos).x()
        lines = self.readout(x)
        if not lines:
            self.hide_hover()
            return
        month = int(round(x))
        (x0, x1), (_, y1) = self.vb.viewRange()
        rows = "".join(f"<br><span style='color:{c}'>{html.escape(t)}</span>" for c, t in lines)
        self._hover_text.setHtml(f"<span style='color:{self.theme.text}'><b>Month {month}"
                                 f"</b>{rows}</span>")
        right = month > (x0 + x1) / 2
        self._hover_text.setAnchor((1.0, 0.0) if right else (0.0, 0.0))
        gap = (x1 - x0) * 0.012
        below = 6 * self.scale + (self.legend.height() if self.legend is not None else 0)
        self._hover_text.setPos(month - gap if right else month + gap,
                                y1 - below * self.vb.viewPixelSize()[1])
        self._hover_line.setValue(month)
        self._hover_text.show()
        self._hover_line.show()
        self.hovered.emit(f"Month {month}: " + ", ".join(t for _, t in lines))

    def readout(self, x: float) -> list[tuple[str, str]]:
        """(colour, "Inches $1.2M") for each hover series that has a value at month round(x)."""
        month = round(x)
        out = []
        for s in self._series:
            i = int(np.searchsorted(s.x, month))
            if i < len(s.x) and abs(s.x[i] - month) < 1e-9:
                color = self.theme.color(s.strategy).name()
                out.append((color, f"{s.label} {s.fmt(float(s.y[i]))}"))
        return out

    def hide_hover(self) -> None:
        """Hide the readout (the mouse left the data area)."""
        if self._hover_text is not None:
            self._hover_text.hide()
            self._hover_line.hide()

    def leaveEvent(self, ev):  # noqa: N802 - Qt's name
        """Hide the readout when the mouse leaves the widget."""
        self.hide_hover()
        super().leaveEvent(ev)


def _steady(old: tuple[float, float], new: tuple[float, float]) -> tuple[float, float]:
    """Keep the shown range while the new one fits inside it and fills most of it.

    While a slider moves, axes that jump at every result are hard to read (and each jump
    redraws the axis); the range changes only when the data leaves it or shrinks to less
    than 80% of it.
    """
    inside = old[0] <= new[0] and new[1] <= old[1]
    return old if inside and (new[1] - new[0]) >= 0.8 * (old[1] - old[0]) else new
