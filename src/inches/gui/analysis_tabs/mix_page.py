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
        for item in self.texts:
            self.plot.removeItem(item)
        self.texts = []
        labels = {0: "", len(mixes) - 1: ""}
        labels.update({result.best_p5: "best bad case", result.best_median: "best median"})
        if result.best_p5 == result.best_median:
            labels[result.best_p5] = "best bad case and median"
        for i, m in enumerate(mixes):
            if i in labels or i % max(1, len(mixes) // 5) == 0:
                name = f"{m.share:.0%} inches" + (f": {labels[i]}" if labels.get(i) else "")
                text = pg.TextItem(name, color=t.text, anchor=(-0.08, 1.1))
                text.setFont(font(10 * self.plot.scale, bold=bool(labels.get(i))))
                text.setPos(x[i], y[i])
                self.plot.addItem(text, ignoreBounds=True)
                self.texts.append(text)
        pad_x, pad_y = 0.15 * (np.ptp(x) or 1.0), 0.12 * (np.ptp(y) or 1.0)
        self.plot.set_ranges((x.min() - pad_x, x.max() + 2.5 * pad_x),
                             (y.min() - pad_y, y.max() + pad_y))

    def summary(self, result) -> str:
        m, b = result.mixes[result.best_median], result.mixes[result.best_p5]
        return (f"Best median: {m.share:.0%} inches ({money(m.median)}); best bad case: "
                f"{b.share:.0%} inches (P5 {money(b.p5)}). Budget {money(result.budget)} a month.")
