"""The drivers tab: community followers and trust, the deals pipeline and wins, as fans."""

from __future__ import annotations

import numpy as np

from ...text import count
from .axes import CountAxis, PercentAxis
from .chart_tab import ChartTab
from .fan import FAN_NOTE, FanItem
from .hover import HoverSeries
from .overview_data import from_zero
from .plot import ChartPlot

# name: (title, y label, axis, strategy, readout label, factor, format)
SPECS = {
    "followers": ("Community followers", "Followers (people)", CountAxis, "community", "Followers",
                  1.0, count),
    "trust": ("Community trust", "Trust (% of full)", PercentAxis, "community", "Trust", 100.0,
              lambda v: f"{v:.0f}%"),
    "pipeline": ("Deals in the pipeline", "Open opportunities", CountAxis, "deals", "Open", 1.0,
                 count),
    "wins": ("Deals won per month", "Deals won per month", CountAxis, "deals", "Wins", 1.0, count),
}
NARROW = ("trust", "wins")  # median and P5-P95 only: the middle band would crowd them


class StatesTab(ChartTab):
    """What drives each strategy: followers and trust, pipeline and wins."""

    title = "Followers, trust, pipeline"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fans = {}
        for i, (name, (title, y_label, axis, strategy, *_)) in enumerate(SPECS.items()):
            detail = "median and middle 90% of futures" if name in NARROW else FAN_NOTE
            plot = self.add_plot(ChartPlot(name, title, y_label, axis(), detail=detail),
                                 i // 2, i % 2)
            self.fans[name] = FanItem(plot, strategy, name, inner=name not in NARROW)
            plot.enable_hover()

    @staticmethod
    def prepare(result) -> None:
        for name, (*_, strategy, _label, _factor, _fmt) in SPECS.items():
            getattr(result, strategy).bands(name)

    def draw(self, result, baseline=None, upto=None, stagger=False) -> None:
        h = result.months
        for name, (*_, strategy, label, factor, fmt) in SPECS.items():
            part = getattr(result, strategy)
            bands = part.bands(name)
            starts = name != "wins"  # a state starts at 0; wins are counted per month
            x = np.arange(0.0 if starts else 1.0, h + 1.0)
            xs, median = self.fans[name].set_data(x, from_zero(bands) if starts else bands,
                                                  factor=factor)
            plot = self.plots[name]
            plot.set_hover([HoverSeries(label, strategy, xs, median, fmt)])
            top = 100.0 if name == "trust" else factor * float(bands["p95"].max())
            plot.set_ranges((0, h), (0, top))
