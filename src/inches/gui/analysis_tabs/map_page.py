"""The strategy map: where inches wins, over any two parameters.

A heatmap of the chance inches is ahead at the horizon over a grid (25 x 25 by default), blue
where inches leads and orange where miles does, the 50% boundary drawn and the current
scenario marked. It fills in row by row as the sweep runs and can be cancelled.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from ...analysis import strategy_map
from ...model.params import BY_KEY, Role, keys_with
from ...model.uncertainty import point
from ..charts.plot import ChartPlot
from ..charts.style import pen
from ..theme import diverging
from .page import AnalysisPage

CHOICES = [BY_KEY[k] for k in keys_with(Role.SWEEP)]  # what a map can run across


class MapPage(AnalysisPage):
    """The strategy-map tab."""

    title = "Strategy map"
    empty_text = "where inches is ahead over two parameters"
    function = staticmethod(strategy_map)
    default_trials = 500
    partial_arg = "on_row"

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        self.x_key, self.y_key = self._combo("deals.reps"), self._combo("community.staff")
        self.size = QSpinBox(self)
        self.size.setRange(3, 60)
        self.size.setValue(25)
        self.size.setToolTip("Grid points along each axis (25 x 25 = 625 runs)")
        for text, w in (("Across", self.x_key), ("Up", self.y_key), ("Grid", self.size)):
            self.inputs.addWidget(QLabel(text, self))
            self.inputs.addWidget(w)
        self.inputs.addStretch(1)
        self.plot = ChartPlot("map", "Where inches is ahead", "", bottom=pg.AxisItem("bottom"),
                              x_label="", detail="chance inches is ahead at the horizon")
        self.image = pg.ImageItem()
        self.plot.styled(self.image)
        self.scale_bar = pg.ColorBarItem(values=(0, 100), interactive=False, width=18)
        self.scale_bar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        self.plot.styled(self.scale_bar, self._style_scale, add=False)
        self.boundary = pg.IsocurveItem(level=0.5)
        self.boundary.setParentItem(self.image)
        self.plot.styled(self.boundary, lambda t, s: self.boundary.setPen(pen(t.text, 2.5 * s)),
                         add=False)
        here = self.here = pg.ScatterPlotItem(size=16, symbol="x")
        self.plot.styled(here, lambda t, s: (here.setPen(pen(t.text, 3 * s)),
                                             here.setSize(16 * s)), z=10)
        self.body.addWidget(self.plot)
        self._grid = None

    def _style_scale(self, theme, scale) -> None:
        """The colour scale in the theme's colours, its numbers in the theme's text."""
        lut = diverging(theme)
        self.scale_bar.setColorMap(pg.ColorMap(np.linspace(0, 1, len(lut)), lut))
        axis = self.scale_bar.axis
        axis.setTextPen(theme.text)
        axis.setPen(pen(theme.muted, 1))
        axis.setLabel("chance inches is ahead (%)", color=theme.muted)

    def _combo(self, default: str) -> QComboBox:
        box = QComboBox(self)
        for p in CHOICES:
            box.addItem(f"{p.label} ({p.unit})" if p.unit else p.label, p.key)
        box.setCurrentIndex(box.findData(default))
        box.setToolTip("A parameter for this axis; the sweep covers its plausible range")
        return box

    def run_kwargs(self) -> dict:
        x, y = self.x_key.currentData(), self.y_key.currentData()
        if x == y:
            raise ValueError("Choose two different parameters for the two axes.")
        n = self.size.value()
        axes = [(k, *_span(k), n) for k in (x, y)]
        self._grid = np.full((n, n), np.nan)
        self._axes = axes
        self._draw_grid()
        return {"x": axes[0], "y": axes[1]}

    def show_partial(self, j, row) -> None:
        row = np.asarray(row, float)
        if self._grid is not None and 0 <= j < self._grid.shape[0] \
                and row.shape == self._grid[j].shape:
            self._grid[j] = row
            self._draw_grid()

    def show_result(self, result) -> None:
        self._grid = np.asarray(result.prob_ahead, float)
        self._axes = [(result.x_key, result.x_values[0], result.x_values[-1],
                       len(result.x_values)),
                      (result.y_key, result.y_values[0], result.y_values[-1],
                       len(result.y_values))]
        self._draw_grid()

    def _draw_grid(self) -> None:
        (xk, x0, x1, nx), (yk, y0, y1, ny) = self._axes
        percent = 100.0 * np.nan_to_num(self._grid, nan=50.0)
        dx, dy = (x1 - x0) / max(nx - 1, 1), (y1 - y0) / max(ny - 1, 1)
        self.image.setImage(percent.T, levels=(0.0, 100.0), autoLevels=False)
        self.image.setRect(x0 - dx / 2, y0 - dy / 2, dx * nx, dy * ny)
        self._draw_boundary()
        v = self.controller.scenario.values  # a ranged axis is marked at its likely value
        self.here.setData([point(v[xk])], [point(v[yk])])
        px, py = BY_KEY[xk], BY_KEY[yk]
        self.plot.set_axis_labels(f"{py.label} ({py.unit})", f"{px.label} ({px.unit})")
        self.plot.set_ranges((x0 - dx / 2, x0 - dx / 2 + dx * nx),
                             (y0 - dy / 2, y0 - dy / 2 + dy * ny))

    def _draw_boundary(self) -> None:
        """The 50% line over the rows computed so far (the longest run of them), never
        through rows still to come."""
        done = ~np.isnan(self._grid).any(axis=1)
        best, start = (0, 0), None
        for j, ok in enumerate(list(done) + [False]):
            if ok and start is None:
                start = j
            elif not ok and start is not None:
                best = max(best, (j - start, start))
                start = None
        rows, first = best
        self.boundary.setVisible(rows >= 2)
        if rows >= 2:
            self.boundary.setData(self._grid[first:first + rows].T)
            self.boundary.setPos(0, first)  # in the image's cells

    def summary(self, result) -> str:
        share = float(np.mean(np.asarray(result.prob_ahead) >= 0.5))
        return (f"Inches is ahead in {share:.0%} of this map (blue); the line is the 50% "
                f"boundary, the cross the current scenario.")


def _span(key: str) -> tuple[float, float]:
    """The sweep's range for ``key``: its plausible range, or its whole range."""
    p = BY_KEY[key]
    return tuple(p.plausible) if p.plausible else (p.lo, p.hi)
