"""The monthly-revenue tab: each strategy's revenue per month as a fan."""

from __future__ import annotations

import numpy as np

from ...text import SHORT, STRATEGIES, money
from .axes import MoneyAxis
from .chart_tab import ChartTab
from .fan import FAN_NOTE, FanItem, FanSample
from .hover import HoverSeries
from .plot import ChartPlot


class MonthlyTab(ChartTab):
    """Revenue per month, both strategies' fans on one chart."""

    title = "Monthly revenue"

    def __init__(self, parent=None):
        super().__init__(parent)
        plot = self.add_plot(ChartPlot("monthly_revenue", "Monthly revenue",
                                       "Revenue per month ($)", MoneyAxis(), detail=FAN_NOTE), 0, 0)
        self.fans = {s: FanItem(plot, s, "revenue", z=i) for i, s in enumerate(STRATEGIES)}
        plot.add_legend([(FanSample(self.fans[s]), SHORT[s]) for s in STRATEGIES])
        plot.enable_hover()

    @staticmethod
    def prepare(result) -> None:
        for s in STRATEGIES:
            getattr(result, s).bands("revenue")

    def draw(self, result, baseline=None, upto=None, stagger=False) -> None:
        h = result.months
        x = np.arange(1.0, h + 1.0)
        hover, lo, hi = [], 0.0, 0.0
        for s in STRATEGIES:
            bands = getattr(result, s).bands("revenue")
            xs, median = self.fans[s].set_data(x, bands)
            hover.append(HoverSeries(SHORT[s], s, xs, median, money))
            lo, hi = min(lo, bands["p5"].min()), max(hi, bands["p95"].max())
        plot = self.plots["monthly_revenue"]
        plot.set_hover(hover)
        plot.set_ranges((0, h), (lo, hi), legend=True)
