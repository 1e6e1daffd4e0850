"""What every tab of the chart area shares: a grid of named plots on a themed page."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from ..theme import Theme
from .plot import ChartPlot


class ChartTab(QtWidgets.QWidget):
    """A page of the chart area. Subclasses make their plots once and ``draw`` results on them.

    ``draw(result, baseline, upto, stagger)`` shows ``result`` (over a pinned ``baseline``
    when not None, revealed up to month ``upto`` when not None).
    """

    title = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setContentsMargins(6, 6, 6, 6)
        self.grid.setSpacing(8)
        self.plots: dict[str, ChartPlot] = {}

    def add_plot(self, plot: ChartPlot, row: int, col: int) -> ChartPlot:
        """Place ``plot`` on the grid; it is found again by its name in :attr:`plots`."""
        self.plots[plot.name] = plot
        self.grid.addWidget(plot, row, col)
        plot.show_empty("Simulating…")
        return plot

    def draw(self, result, baseline=None, upto: float | None = None,
             stagger: bool = False) -> None:
        raise NotImplementedError

    @staticmethod
    def prepare(result) -> None:
        """Compute what :meth:`draw` reads from ``result`` (called on a worker thread)."""

    def set_theme(self, theme: Theme, scale: float) -> None:
        """Recolour the page and restyle every plot."""
        palette = self.palette()
        palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor(theme.background))
        self.setPalette(palette)
        for plot in self.plots.values():
            plot.restyle(theme, scale)
