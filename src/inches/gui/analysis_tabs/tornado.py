"""Sensitivity as a tornado: which parameters move the answer, and which way.

Each parameter is set to the low and the high end of its plausible range with the same futures
(common random numbers), so a bar is the parameter's effect and not noise. Bars show the change
in the median cumulative-net gap (inches minus miles) or in the chance inches is ahead; blue
where the change favours inches, orange where it favours miles.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QLabel, QStackedWidget

from ...analysis import VarianceShares, sensitivity, variance_shares
from ...model.params import BY_KEY
from ...text import money, param_value
from ..charts.axes import MoneyAxis
from ..charts.plot import ChartPlot
from ..charts.style import font, pen
from .bars import BarsChart, NamesAxis
from .page import AnalysisPage

MEASURES = {"gap": "Change in median net gap (inches − miles)",
            "ahead": "Change in chance inches is ahead",
            "spread": "Each range's share of the spread (needs ranges)"}
NO_RANGES = ("Shares of the spread need ranges: click ± beside a parameter to give it one, or "
             "open Presets > dell-2009-uncertain.")


class _ChangeAxis(MoneyAxis):
    """Dollars for the gap, percentage points for the chance inches is ahead."""

    points = False

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        if self.points:
            return [f"{v * scale:+.0f} pts" if v else "0" for v in values]
        return super().tickStrings(values, scale, spacing)


class TornadoChart(ChartPlot):
    """The tornado itself (also drawn on the one-page report)."""

    def __init__(self, parent=None):
        axis = NamesAxis()
        super().__init__("tornado", "What drives the answer", "", left=axis,
                         bottom=_ChangeAxis("bottom"), x_label="Change in median net gap ($)",
                         detail="each parameter at the low and high end of its plausible range",
                         parent=parent)
        self.axis = axis
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.25)
        self.bars = {side: pg.BarGraphItem(x0=[], y=[], height=0.62, width=[])
                     for side in ("inches", "miles")}
        for side, item in self.bars.items():
            self.styled(item, lambda t, s, i=item, k=side: (
                i.setOpts(brush=t.color(k, 0.85), pen=pen(t.color(k), 1))))
        zero = pg.InfiniteLine(0, angle=90)
        self.zero = self.styled(zero, lambda t, s: zero.setPen(pen(t.muted, 1.5 * s)))
        self.labels: list[pg.TextItem] = []
        self._stylers.append(lambda t, s: [label.setColor(t.muted) for label in self.labels])
        # The smallest bars are at the bottom: the legend sits in that corner, clear of them.
        self.add_legend([(self.bars["inches"], "favours inches"),
                         (self.bars["miles"], "favours miles")])
        self.legend.setColumnCount(1)
        self.legend.anchor(itemPos=(1, 1), parentPos=(1, 1), offset=(-8, -8))

    def show_result(self, result, key: str = "gap", top: int | None = None) -> None:
        """Bars of ``result`` (a Sensitivity) for measure ``key``; ``top`` largest only."""
        rows = sorted(result.rows, key=lambda r: -_swing(r, key))[:top]
        n = len(rows)
        self.axis.names = [f"{r.label}  ({param_value(BY_KEY[r.key], r.low)} → "
                           f"{param_value(BY_KEY[r.key], r.high)})" for r in reversed(rows)]
        self.axis.WIDEST = max(self.axis.names, key=len, default="-8.88")  # room for names
        ends = np.array([(_value(r, key, "low"), _value(r, key, "high"))
                         for r in reversed(rows)]).reshape(n, 2)
        y = np.repeat(np.arange(n, dtype=float), 2)
        v = ends.ravel()
        for side, sign in (("inches", 1.0), ("miles", -1.0)):
            # each end is a bar from zero: blue where it favours inches, orange for miles
            keep = sign * v > 0
            self.bars[side].setOpts(x0=np.zeros(keep.sum()), y=y[keep], width=v[keep],
                                    height=0.62)
        for item in self.labels:
            self.removeItem(item)
        self.labels = []
        for i, (lo, hi) in enumerate(ends):
            for val, other, end in ((lo, hi, "low"), (hi, lo, "high")):
                # an end with no effect is named on the side the other end's bar leaves free
                right = val > 0 if val else other < 0 if other else end == "high"
                at = val
                if val * other > 0 and abs(val) < abs(other):
                    # both ends on one side: the shorter bar lies within the longer one, so
                    # its end is named beside zero on the free side, clear of the other name
                    right, at = not right, 0.0
                text = pg.TextItem(end, color=self.theme.muted,
                                   anchor=(0, 0.5) if right else (1, 0.5))
                text.setFont(font(9 * self.scale))
                text.setPos(at, i)
                self.addItem(text, ignoreBounds=True)
                self.labels.append(text)
        span = float(np.abs(ends).max()) if n else 1.0
        span = span or 1.0
        axis = self.getAxis("bottom")
        axis.points = key == "ahead"
        self.texts.labels["bottom"] = ("Change in median net gap ($)" if key == "gap"
                                  else "Change in chance inches is ahead (points)")
        self.restyle(self.theme, self.scale)
        axis.picture = None  # tick labels change with the measure
        self._filled()
        self.vb.setRange(xRange=(-1.25 * span, 1.25 * span), yRange=(-0.7, n - 0.3), padding=0)


class TornadoPage(AnalysisPage):
    """The sensitivity tab: the one-at-a-time tornado, or (with ranges) each range's share of
    the spread of the gap at the horizon, variance-based, from the same futures."""

    title = "Sensitivity"
    empty_text = "which parameters move the answer most"
    function = staticmethod(sensitivity)
    default_trials = 2000
    redraws_on_theme = False  # both charts recolour their bars and labels themselves

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        self.measure = QComboBox(self)
        for key, text in MEASURES.items():
            self.measure.addItem(text, key)
        self.measure.setToolTip("What the bars measure: one parameter at a time over its "
                                "plausible range, or how much of the spread each range makes")
        self.measure.currentIndexChanged.connect(self._measure_changed)
        self.inputs.addWidget(QLabel("Bars show", self))
        self.inputs.addWidget(self.measure)
        self.inputs.addStretch(1)
        self.plot = TornadoChart()
        self.shares = BarsChart("shares", "Where the spread comes from", "Share of the spread "
                                "of the gap at the horizon (%)", money=False,
                                detail="luck, and each range's share ± 2 s.e.")
        self.charts = QStackedWidget(self)
        self.charts.addWidget(self.plot)
        self.charts.addWidget(self.shares)
        self.body.addWidget(self.charts)
        self._last: dict[bool, object] = {}  # the last result of each mode (ranges: True)

    @property
    def _ranges_mode(self) -> bool:
        return self.measure.currentData() == "spread"

    def task(self):
        return variance_shares if self._ranges_mode else sensitivity

    def run_kwargs(self) -> dict:
        if self._ranges_mode and not self.controller.scenario.ranges:
            raise ValueError(NO_RANGES)
        return {}

    def set_theme(self, theme) -> None:
        self.shares.restyle(theme, self.shares.scale)
        super().set_theme(theme)

    def _measure_changed(self, _index: int) -> None:
        """Show the chart of the chosen measure: its last result, or what Run will show."""
        ranges = self._ranges_mode
        self.charts.setCurrentWidget(self.shares if ranges else self.plot)
        last = self._last.get(ranges)
        if last is not None:
            self.show_result(last)
        elif not self.runner.busy:
            (self.shares if ranges else self.plot).show_empty(
                "Press Run to see " + ("each range's share of the spread." if ranges
                                       else f"{self.empty_text}."))

    def show_result(self, result) -> None:
        ranges = isinstance(result, VarianceShares)
        self._last[ranges] = result
        if ranges != self._ranges_mode:
            return  # the other mode's result: kept for when it is chosen again
        if ranges:
            parts = result.bars()
            self.shares.show_bars([p.label for p in parts], [100 * p.share for p in parts],
                                  [100 * p.se for p in parts],
                                  ["muted" if p.key in ("luck", "together") else
                                   "inches" if p.key.startswith("community.") else "miles"
                                   for p in parts])
        else:
            self.plot.show_result(result, self.measure.currentData())

    def summary(self, result) -> str:
        if isinstance(result, VarianceShares):
            return result.summary()
        top = max(result.rows, key=lambda r: _swing(r, "gap"), default=None)
        base = (f"Base gap {money(result.base_gap)}, inches ahead in "
                f"{100 * result.base_ahead:.0f}% of futures.")
        return base + (f" {top.label} moves the answer most." if top else "")


def _value(row, key: str, end: str) -> float:
    v = getattr(row, f"{key}_{end}")
    return 100.0 * v if key == "ahead" else v


def _swing(row, key: str) -> float:
    return max(abs(_value(row, key, "low")), abs(_value(row, key, "high")))
