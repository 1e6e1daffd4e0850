"""The budget mix: one monthly budget split between community staff and sales reps.

Each split is a point: its P5 cumulative net across (the risk) and its median up (the return),
joined from all-inches to all-miles, so the frontier shows what a little of each buys. The mix
with the best P5 and the one with the best median are marked.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel, QSpinBox

from ...analysis import budget_mix
from ...text import money
from ..charts.axes import MoneyAxis
from ..charts.plot import ChartPlot
from ..charts.style import font, pen
from ..theme import diverging
from .page import AnalysisPage


class MixPage(AnalysisPage):
    """The budget-mix tab."""

    title = "Budget mix"
    empty_text = "what each split of one budget returns and risks"
    function = staticmethod(budget_mix)
    default_trials = 2000

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        self.steps = QSpinBox(self)
        self.steps.setRange(3, 41)
        self.steps.setValue(11)
        self.steps.setToolTip("Mixes from all-inches to all-miles (11: steps of 10%)")
        self.inputs.addWidget(QLabel("Mixes", self))
        self.inputs.addWidget(self.steps)
        self.inputs.addStretch(1)
        self.plot = ChartPlot("mix", "Risk and return of each mix", "Median cumulative net ($)",
                              left=MoneyAxis(), bottom=MoneyAxis("bottom"),
                              x_label="P5 cumulative net: the bad-case outcome ($)",
                              detail="from all inches to all miles")
        line = pg.PlotCurveItem(antialias=True)
        self.line = self.plot.styled(line, lambda t, s: line.setPen(pen(t.muted, 2 * s)))
        self.points = self.plot.styled(pg.ScatterPlotItem(), z=5)
        self.best = {k: self.plot.styled(pg.ScatterPlotItem(symbol=sym), z=8)
                     for k, sym in (("p5", "s"), ("median", "t1"))}
        self.texts: list[pg.TextItem] = []
        self.body.addWidget(self.plot)

    def run_kwargs(self) -> dict:
        return {"steps": self.steps.value()}

    def show_result(self, result) -> None:
        t = self.plot.theme
        mixes = result.mixes
        x = np.array([m.p5 for m in mixes], float)
        y = np.array([m.median for m in mixes], float)
        share = np.array([m.share for m in mixes], float)
        self.line.setData(x, y)
        ramp = diverging(t)  # orange (all miles) through a pale middle to blue (all inches)
        brushes = [pg.mkBrush(*ramp[round(s * (len(ramp) - 1))]) for s in share]
        self.points.setData(x, y, brush=brushes, size=13 * self.plot.scale,
                            pen=pen(t.text, 1))
        for key, idx in (("p5", result.best_p5), ("median", result.best_median)):
            self.best[key].setData([x[idx]], [y[idx]], size=26 * self.plot.scale,
                                   brush=pg.mkBrush(None), pen=pen(t.text, 2.5))
        xr = (x.min() - 0.15 * (np.ptp(x) or 1.0), x.max() + 0.375 * (np.ptp(x) or 1.0))
        yr = (y.min() - 0.12 * (np.ptp(y) or 1.0), y.max() + 0.12 * (np.ptp(y) or 1.0))
        self._label(result, x, y, ((xr[1] - xr[0]) / max(self.plot.vb.width(), 100.0),
                                   (yr[1] - yr[0]) / max(self.plot.vb.height(), 100.0)))
        self.plot.set_ranges(xr, yr)

    def _label(self, result, x: np.ndarray, y: np.ndarray, pixel: tuple[float, float]) -> None:
        """Name the best mixes, the ends and about every fifth mix, each beside its point
        where it covers no point and no label already placed (the best ones first)."""
        for item in self.texts:
            self.plot.removeItem(item)
        self.texts = []
        r = 6 * self.plot.scale  # a point's radius in pixels: labels leave the points free
        dots = [(a - r * pixel[0], b - r * pixel[1], a + r * pixel[0], b + r * pixel[1])
                for a, b in zip(x, y)]
        taken = []
        mixes = result.mixes
        named = {result.best_p5: "best bad case", result.best_median: "best median"}
        if result.best_p5 == result.best_median:
            named[result.best_p5] = "best bad case and median"
        every = max(1, len(mixes) // 5)
        order = [*named, 0, len(mixes) - 1, *range(0, len(mixes), every)]
        for i in dict.fromkeys(order):  # each once, in order of importance
            name = f"{mixes[i].share:.0%} inches" + (f": {named[i]}" if i in named else "")
            text = pg.TextItem(name, color=self.plot.theme.text)
            text.setFont(font(10 * self.plot.scale, bold=i in named))
            w = text.boundingRect().width() * pixel[0]
            h = text.boundingRect().height() * pixel[1]
            for ax, ay in ((-0.08, 1.1), (-0.08, -0.1), (1.08, 1.1), (1.08, -0.1)):
                left, top = x[i] - ax * w, y[i] + ay * h  # data y grows upwards
                box = (left, top - h, left + w, top)
                if not any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3]
                           for b in taken + dots[:i] + dots[i + 1:]):
                    break
            else:
                if i not in named:
                    continue  # a plain label that fits nowhere is left out
                ax, ay = -0.08, 1.1
            taken.append(box)
            text.setAnchor((ax, ay))
            text.setPos(x[i], y[i])
            self.plot.addItem(text, ignoreBounds=True)
            self.texts.append(text)

    def summary(self, result) -> str:
        m, b = result.mixes[result.best_median], result.mixes[result.best_p5]
        return (f"Best median: {m.share:.0%} inches ({money(m.median)}); best bad case: "
                f"{b.share:.0%} inches (P5 {money(b.p5)}). Budget {money(result.budget)} a month.")
