"""The chart area: an overview of both strategies, monthly revenue, and what drives each.

Every item is made once; a result only feeds new arrays to ``setData``. Tabs out of sight are
brought up to date when they are shown, so a slider drag pays only for the charts on screen.
"""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtCore import Signal

from ..theme import LIGHT, Theme
from . import export
from .chart_tab import ChartTab
from .monthly import MonthlyTab
from .overview import OverviewTab
from .plot import ChartPlot
from .states import StatesTab

OVERVIEW, MONTHLY, STATES = range(3)


class ChartsView(QtWidgets.QTabWidget):
    """Tabs of charts of one :class:`inches.Result`, optionally over a pinned earlier one."""

    hovered = Signal(str)
    drawn = Signal()  # every chart on the overview shows the latest result

    def __init__(self, theme: Theme = LIGHT, parent=None):
        super().__init__(parent)
        self.setObjectName("charts")
        self.setDocumentMode(True)
        self.theme, self._scale = theme, 1.0
        self._result = self._baseline = self._upto = None
        self._stagger = False
        self._dirty: set[int] = set()
        self.overview = OverviewTab()
        self.tabs: list[ChartTab] = [self.overview, MonthlyTab(), StatesTab()]
        for tab in self.tabs:
            self.addTab(tab, tab.title)
            for plot in tab.plots.values():
                plot.hovered.connect(self.hovered)
        self.overview.drawn.connect(self.drawn)
        self._open = OVERVIEW  # the tab on screen, read by prepare() on the worker thread
        self.currentChanged.connect(self._refresh)
        self.set_theme(theme)

    # --- public API -------------------------------------------------------------------------
    def plot_widgets(self) -> dict[str, ChartPlot]:
        """Every plot by its stable name ("cumulative_net", "samples", ..., "wins")."""
        return {name: plot for tab in self.tabs for name, plot in tab.plots.items()}

    def prepare(self, result) -> None:
        """Compute, on the worker thread, the statistics the charts on screen read from
        ``result`` (the overview's, and the open tab's): results compute percentiles lazily,
        so :meth:`show_result` is left with drawing, and tabs out of sight cost nothing until
        they are opened."""
        OverviewTab.prepare(result)
        self.tabs[self._open].prepare(result)

    def show_result(self, result, stagger: bool = False, hold: bool = False) -> None:
        """Show ``result`` on the visible tab now and on the others when they are opened.

        With ``stagger`` (every result in the window) the overview's four charts are redrawn
        one per turn of the event loop; ``drawn`` is emitted when all are.
        With ``hold`` (a slider is held) axes only grow; without, they settle to fit.
        """
        self._result, self._stagger = result, stagger
        for plot in self.plot_widgets().values():
            plot.set_holding(hold)
        self._dirty = {OVERVIEW, MONTHLY, STATES}
        self._refresh()

    @property
    def result(self):
        """The result these charts show (or will, on the tabs not yet brought up to date)."""
        return self._result

    def set_baseline(self, result, draw: bool = True) -> None:
        """Draw a faded ghost of ``result`` behind the overview (``None`` removes it); without
        ``draw``, with the next result shown."""
        if result is not self._baseline:
            self._baseline = result
            self._dirty.add(OVERVIEW)
        if draw:  # also a ghost set before without drawing (while these charts were hidden)
            self._refresh()

    def set_reveal(self, month: float | None) -> None:
        """Show the overview's time charts only up to ``month`` (0 .. H; ``None``: all)."""
        self._upto = None if month is None else max(0.0, float(month))
        drawn = self._result is not None and OVERVIEW not in self._dirty
        if drawn and self.currentIndex() == OVERVIEW:  # only the time charts change
            self.overview.reveal(self._upto)
        else:
            self._dirty.add(OVERVIEW)
            self._refresh()

    def set_theme(self, theme: Theme) -> None:
        """Recolour backgrounds, axes, text, lines and fills in place."""
        self.theme = theme
        for tab in self.tabs:
            tab.set_theme(theme, self._scale)

    def set_compact(self, compact: bool) -> None:
        """For presenting: the overview only, the fan chart beside the chance-ahead chart."""
        self.tabBar().setVisible(not compact)
        if compact:
            self.setCurrentIndex(OVERVIEW)
        self.overview.set_compact(compact)

    def set_scale(self, factor: float) -> None:
        """Multiply fonts and line widths by ``factor`` (about 1.6 on a projector)."""
        self._scale = float(factor)
        self.set_theme(self.theme)
        for plot in self.plot_widgets().values():
            plot.reapply_ranges()

    def export_png(self, path: str, width: int = 1600, height: int = 900) -> None:
        """Write the visible tab as a ``width`` x ``height`` PNG, laid out at that shape."""
        export.png(self, path, width, height)

    def export_svg(self, path: str) -> None:
        """Write the visible tab as an SVG drawing at its on-screen size."""
        export.svg(self, path)

    def prepare_export(self) -> None:
        """Bring the visible tab up to date, land axis glides and hide hover readouts."""
        self._refresh()
        self.overview.finish()
        for plot in self.plot_widgets().values():
            plot.finish_glide()
            plot.hide_hover()

    # --- updating ---------------------------------------------------------------------------
    def _refresh(self, *_args) -> None:
        i = self._open = self.currentIndex()
        if self._result is None or i not in self._dirty:
            return
        self._dirty.discard(i)
        stagger, self._stagger = self._stagger, False  # only for the result that asked
        self.tabs[i].draw(self._result, self._baseline, self._upto, stagger)
