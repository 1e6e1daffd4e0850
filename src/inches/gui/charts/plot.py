"""One chart of the chart area: a themed, scalable pyqtgraph plot with a hover readout.

Items are added once through :meth:`ChartPlot.styled`, which also records how to colour and
size them, so a theme or presentation-scale change restyles items in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from ..theme import LIGHT, Theme
from .axes import MonthAxis
from .hover import HoverReadout, HoverSeries
from .legends import fit_columns, free_corner
from .plot_texts import PlotTexts, never_wider
from .ranges import Glide, fitted, grow
from .style import (
    LEGEND_PT,
    NOTE_PT,
    TICK_PT,
    alpha,
    color_of,
    font,
    pen,
)

Styler = Callable[[Theme, float], None]
LEGEND_ROOM = 0.3  # the most of a plot's height a legend may claim above the data


class ChartPlot(pg.PlotWidget):
    """A plot with title, axis labels, light grid, fixed ranges and an optional hover readout."""

    hovered = Signal(str)

    def __init__(self, name: str, title: str, y_label: str, left: pg.AxisItem | None = None,
                 bottom: pg.AxisItem | None = None, x_label: str = "Month",
                 detail: str | None = None, short: str | None = None, parent=None):
        axes = {"left": left or pg.AxisItem("left"), "bottom": bottom or MonthAxis("bottom")}
        super().__init__(parent=parent, axisItems=axes, enableMenu=False)  # (no menus built)
        self.name = name
        self.setObjectName(f"chart.{name}")
        self.texts = PlotTexts(self, title, detail, {"left": y_label, "bottom": x_label},
                               short)
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
        never_wider(item.titleLabel)
        self.vb: pg.ViewBox = item.getViewBox()
        self.legend: pg.LegendItem | None = None
        self.note = pg.TextItem(anchor=(0.5, 0.5))
        self.note.setZValue(50)
        self.note.hide()
        self.addItem(self.note, ignoreBounds=True)
        self._ranges: tuple | None = None
        self.holding = self._settle = False
        self._empty = False
        self._glide = Glide(self._apply_range, self)
        # the title's room depends on the value axis, which widens when its first ticks come
        self._refit = QtCore.QTimer(self, singleShot=True, interval=0, timeout=self.texts.refit)
        item.getAxis("left").geometryChanged.connect(self._refit.start)
        self._built = True
        self.hover: HoverReadout | None = None

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
        """A legend in a top corner that no data reaches (else above the data: see
        :meth:`set_ranges`)."""
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
        self.texts.fit()
        self._refit.start()  # again once the axes have their new widths
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
        if self.hover is not None:
            self.hover.restyle(theme, scale)
        for styler in self._stylers:
            styler(theme, scale)

    def set_axis_labels(self, left: str, bottom: str) -> None:
        """New axis titles (the strategy map's axes follow the chosen parameters)."""
        self.texts.labels = {"left": left, "bottom": bottom}
        self.texts.fit()

    def set_title(self, title: str, detail: str | None = None) -> None:
        """Title (bold) and an optional detail after a colon, dropped or elided to fit."""
        self.texts.title, self.texts.detail = title, detail
        self.texts.fit()

    # --- ranges -----------------------------------------------------------------------------
    def set_holding(self, holding: bool) -> None:
        """While a slider is held, axes only grow (see :mod:`.ranges`); let go, they glide to
        their fitted range once. Changes made without holding (a click, a typed value) move
        the axes at once: one repaint, not a glide's many."""
        self._settle = self._settle or (self.holding and not holding)
        self.holding = holding

    def set_ranges(self, x: tuple[float, float], y: tuple[float, float],
                   legend: bool = False, envelope=None) -> None:
        """Show data spanning ``x`` and ``y``. With ``legend``, the legend goes to a top corner
        that the data's ``envelope`` (x values and the highest y at each) leaves free, or,
        when neither is free, the view keeps its height free above the data.

        Held, the view only grows, and at once: a glide repaints the chart on every frame
        while previews keep coming, which made dragging half as smooth. On release the view
        glides to the fitted range.
        """
        self._ranges = (x, y, legend, envelope)
        self._filled()
        glide, self._settle = self._settle, False
        self._show(self._target(x, y, legend, envelope), glide=glide)

    def _target(self, x, y, legend: bool, envelope=None) -> tuple:
        xr = (float(x[0]), float(x[1]))
        room = 0.0
        if legend and self.legend is not None:
            fit_columns(self)
            room = self.legend.height() + 8 * self.scale
            if envelope is not None and free_corner(self, xr, fitted(*y), envelope):
                room = 0.0
            # On a plot too short to spare the room, the legend goes: the same colours are
            # explained beside it (the fan chart's legend, the headline's names).
            squeezed = room > LEGEND_ROOM * max(self.vb.height(), 1.0)
            self.legend.setVisible(not squeezed)
            room = 0.0 if squeezed else room
        fit = (xr, fitted(float(y[0]), float(y[1]), room, self.vb.height()))
        held = self._glide.target
        if self.holding and held is not None:
            return tuple(grow(h, f) for h, f in zip(held, fit))
        return fit

    def _show(self, target: tuple, glide: bool) -> None:
        if glide:
            self._glide.glide(target)
        else:
            self._glide.jump(target)

    def _apply_range(self, x, y) -> None:
        self.vb.setRange(xRange=x, yRange=y, padding=0)

    def finish_glide(self) -> None:
        """Land any axis glide now (before an export)."""
        self._glide.finish()

    @property
    def shown_ranges(self):
        """The (x, y) ranges on screen now."""
        return self._glide.shown

    @property
    def target_ranges(self):
        """The (x, y) ranges the view is gliding to (or shows, when still)."""
        return self._glide.target

    def reapply_ranges(self) -> None:
        """Recompute the legend's room after a resize or a change of scale (no glide)."""
        ranges = getattr(self, "_ranges", None)  # resizeEvent comes during construction
        if ranges is not None:
            self._show(self._target(*ranges), glide=False)

    def resizeEvent(self, ev):  # noqa: N802 - Qt's name
        """Keep the legend's room and the title's fit right at the new size."""
        super().resizeEvent(ev)
        if getattr(self, "_built", False):  # resizeEvent comes during construction too
            self.texts.fit()
        self.reapply_ranges()

    def show_empty(self, text: str) -> None:
        """No data yet: a short sentence in the middle and no numbers on the axes (an empty
        chart must not show made-up ticks)."""
        self._empty = True
        for side in ("left", "bottom"):
            self.getPlotItem().getAxis(side).setStyle(showValues=False)
        self.show_note(text)

    def _filled(self) -> None:
        if self._empty:
            self._empty = False
            for side in ("left", "bottom"):
                self.getPlotItem().getAxis(side).setStyle(showValues=True)
            self.show_note(None)

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
        self.hover = HoverReadout(self)
        self.hover.restyle(self.theme, self.scale)

    def set_hover(self, series: Sequence[HoverSeries]) -> None:
        """The series the readout reports; arrays are read at hover time, not copied."""
        self.hover.series = series

    def mouse_moved(self, args) -> None:
        """As the mouse moves over the scene (``args[0]``, scene coordinates)."""
        if self.hover is not None:
            self.hover.mouse_moved(args)

    def hide_hover(self) -> None:
        """Hide the readout (the mouse left the data area)."""
        if self.hover is not None:
            self.hover.hide()

    def leaveEvent(self, ev):  # noqa: N802 - Qt's name
        """Hide the readout when the mouse leaves the widget."""
        self.hide_hover()
        super().leaveEvent(ev)


def styled_line(plot: ChartPlot, item, key: str, width: float, a: float = 1.0,
                dashed: bool = False, z: float = 0.0):
    """Add ``item`` to ``plot`` drawn in ``key``'s colour, ``width`` px at scale 1."""
    return plot.styled(item, lambda t, s: item.setPen(pen(color_of(t, key, a), width * s, dashed)),
                       z=z)
