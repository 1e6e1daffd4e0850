"""The overview tab: cumulative-net fans, sample futures, the horizon distribution and the
chance inches is ahead, with an optional pinned ghost behind them.

In the window, every result (the stream of previews during a slider drag, and the full run
after it) redraws the four charts one per turn of the event loop, a few milliseconds apart
(round robin), so no single redraw and repaint holds the window for long and every chart
keeps moving; an export draws any still waiting first (:meth:`OverviewTab.finish`).
"""

from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore
from PySide6.QtCore import Signal

from ...text import SHORT, STRATEGIES, money
from ..theme import OUTER_ALPHA
from . import overview_data as data
from .axes import MoneyAxis, PercentAxis
from .chart_tab import ChartTab
from .fan import FAN_NOTE, FanItem, FanSample, HistSample, reveal
from .hover import HoverSeries
from .paths import PathItem
from .plot import ChartPlot, styled_line
from .style import NOTE_PT, font, pen

SAMPLE_PX, SAMPLE_ALPHA, HIST_ALPHA, GHOST_ALPHA = 1.5, 0.8, 0.22, 0.7
NOT_KEPT = "Sample futures are not kept for runs this large"
AHEAD_NOTE = "higher cumulative net; band ± 2 s.e."
DIST_NOTE = "share of futures; lines: medians"
STEP_MS = 4  # between the overview's charts in a staggered update
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # result: its arrays


class OverviewTab(ChartTab):
    """Both strategies at a glance; ``drawn`` is emitted when all four charts show the result."""

    title = "Overview"
    drawn = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result = self._baseline = None
        self._upto: float | None = None
        self._cache: tuple | None = None  # (result, baseline, overview arrays)
        self._steps: list = []
        self._step_timer = QtCore.QTimer(self, interval=STEP_MS, timeout=self._next_step)
        self._build_cumulative()
        self._build_samples()
        self._build_distribution()
        self._build_ahead()
        for item in self._ghost_items():
            item.hide()
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.grid.setRowStretch(0, 3)
        self.grid.setRowStretch(1, 2)

    # --- building (once) --------------------------------------------------------------------
    def _build_cumulative(self) -> None:
        cum = self.add_plot(ChartPlot("cumulative_net", "Cumulative net", "Cumulative net ($)",
                                      MoneyAxis(), detail=FAN_NOTE), 0, 0)
        self._ghost = {s: FanItem(cum, s, "cumulative_net", ghost=True, z=-20)
                       for s in STRATEGIES}
        self._cum = {s: FanItem(cum, s, "cumulative_net", z=i)
                     for i, s in enumerate(STRATEGIES)}
        cum.add_legend([(FanSample(self._cum[s]), SHORT[s]) for s in STRATEGIES])
        cum.enable_hover()
        styled_line(cum, pg.InfiniteLine(0, angle=0), "muted", 1.2, dashed=True, z=-1)

    def _build_samples(self) -> None:
        samples = self.add_plot(ChartPlot("samples", "Sample futures", "Cumulative revenue ($)",
                                          MoneyAxis(), detail="cumulative revenue",
                                          short="Futures"), 0, 1)
        self._sample_lines = {  # each strategy's futures (data.SAMPLE_RANKS) as one path
            s: styled_line(samples, PathItem(antialias=True), s, SAMPLE_PX, SAMPLE_ALPHA, z=i)
            for i, s in enumerate(STRATEGIES)}

    def _build_distribution(self) -> None:
        dist = self.add_plot(ChartPlot("distribution", "Cumulative net at the horizon",
                                       "% of futures", PercentAxis(), bottom=MoneyAxis("bottom"),
                                       x_label="Cumulative net ($)", detail=DIST_NOTE),
                             1, 0)
        self._hist, self._ghost_hist, self._median_marks = {}, {}, {}
        for i, s in enumerate(STRATEGIES):
            hist = pg.PlotDataItem(stepMode="center", fillLevel=0, antialias=False)
            dist.styled(hist, lambda t, k, h=hist, s=s: (h.setPen(pen(t.color(s), 2 * k)),
                                                         h.setBrush(t.color(s, HIST_ALPHA))), z=i)
            hist.setObjectName(f"hist_{s}")
            self._hist[s] = hist
            ghost = styled_line(dist, pg.PlotDataItem(stepMode="center"), s, 2, GHOST_ALPHA,
                                dashed=True, z=-10)
            ghost.setObjectName(f"ghost_hist_{s}")
            self._ghost_hist[s] = ghost
            self._median_marks[s] = styled_line(dist, PathItem(antialias=False), s, 2.5, z=20)
        dist.add_legend([(HistSample(self._hist[s]), SHORT[s]) for s in STRATEGIES])
        styled_line(dist, pg.InfiniteLine(0, angle=90), "muted", 1.2, dashed=True, z=-1)

    def _build_ahead(self) -> None:
        ahead = self.add_plot(ChartPlot("ahead", "Inches ahead", "% of futures", PercentAxis(),
                                        detail=AHEAD_NOTE), 1, 1)
        self._ghost_ahead = styled_line(ahead, PathItem(antialias=True), "community",
                                        2.4, GHOST_ALPHA, dashed=True, z=-10)
        band = self._ahead_band = PathItem()
        ahead.styled(band, lambda t, k: band.setBrush(t.color("community", OUTER_ALPHA)), z=-5)
        self._ahead = styled_line(ahead, PathItem(antialias=True), "community", 3, z=10)
        styled_line(ahead, pg.InfiniteLine(50, angle=0), "muted", 1.2, dashed=True, z=-1)
        line = self._ahead_from = pg.InfiniteLine(
            angle=90, label="ahead from month {value:.0f}",
            labelOpts={"position": 0.88, "anchors": [(0, 0.5), (0, 0.5)]})
        styled_line(ahead, line, "community", 1.6, 0.9, dashed=True, z=5)
        ahead.styled(line.label, lambda t, k: (line.label.setColor(t.color("community")),
                                               line.label.setFont(font(NOTE_PT * k, bold=True))),
                     add=False)
        ahead.enable_hover()
        line.hide()

    def _ghost_items(self) -> list:
        items = [i for f in self._ghost.values() for i in f.items()]
        return items + list(self._ghost_hist.values()) + [self._ghost_ahead]

    # --- layout -----------------------------------------------------------------------------
    def set_compact(self, compact: bool) -> None:
        """For presenting: the fan chart beside the chance-ahead chart, nothing else."""
        p = self.plots
        p["samples"].setVisible(not compact)
        p["distribution"].setVisible(not compact)
        self.grid.addWidget(p["ahead"], *((0, 1) if compact else (1, 1)))
        self.grid.addWidget(p["samples"], *((1, 1) if compact else (0, 1)))
        self.grid.setRowStretch(1, 0 if compact else 2)

    @staticmethod
    def prepare(result) -> None:
        """Everything the overview draws from ``result`` alone (fans, sample futures,
        histograms, the lead), and the headline's figures, computed on the worker thread so
        the window's thread only draws."""
        for part in (result.community, result.deals):
            part.summary  # noqa: B018 - computes and caches
        _PREPARED[result] = data.overview(result)

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, result, baseline=None, upto=None, stagger=False) -> None:
        """Show ``result``; with ``stagger``, one chart per turn of the event loop."""
        self._result, self._baseline, self._upto = result, baseline, upto
        d = self._data()
        self._draw_ghost(d)
        steps = [self._draw_cumulative, self._draw_ahead, self._draw_samples,
                 self._draw_distribution]
        if not stagger:
            self._step_timer.stop()
            self._steps = []
            for step in steps:
                step(d)
            self.drawn.emit()
            return
        # Round robin: charts still waiting keep their turn, the ones just drawn queue behind.
        self._steps += [step for step in steps if step not in self._steps]
        if not self._step_timer.isActive():
            self._next_step()
            self._step_timer.start()

    def reveal(self, upto: float | None) -> None:
        """Redraw only the time charts, up to month ``upto`` (playback)."""
        self._upto = upto
        d = self._data()
        self._draw_cumulative(d)
        self._draw_samples(d)
        self._draw_ahead(d)

    @property
    def drawing(self) -> bool:
        """Some charts still wait for their turn to show the latest result."""
        return bool(self._steps)

    def finish(self) -> None:
        """Draw the charts still waiting for their turn, now (before an export)."""
        while self._steps:
            self._next_step()

    def _next_step(self) -> None:
        if self._steps:
            self._steps.pop(0)(self._data())
        if not self._steps:
            self._step_timer.stop()
            self.drawn.emit()

    def _data(self) -> dict:
        """The overview's arrays for the current result and baseline, computed once per pair."""
        r, b = self._result, self._baseline
        if self._cache is None or self._cache[0] is not r or self._cache[1] is not b:
            ready = _PREPARED.get(r) if b is None else None  # a pinned ghost: drawn here
            self._cache = (r, b, ready if ready is not None else data.overview(r, b))
        return self._cache[2]

    def _draw_ghost(self, d: dict) -> None:
        ghost = "ghost" in d
        if ghost:
            for s in STRATEGIES:
                self._ghost[s].set_data(d["ghost_x"], d["ghost"][s])
            self._ghost_ahead.set_lines(d["ghost_x"][1:], [d["ghost_ahead"]])
        for item in self._ghost_items():
            item.setVisible(ghost)

    def _draw_cumulative(self, d: dict) -> None:
        tops = np.maximum.reduce([d["cum"][s]["p95"] for s in STRATEGIES])
        self.plots["cumulative_net"].set_ranges((0, d["months"]), d["cum_y"], legend=True,
                                                envelope=(d["x"], tops))
        hover = []
        for s in STRATEGIES:
            xs, median = self._cum[s].set_data(d["x"], d["cum"][s], self._upto)
            hover.append(HoverSeries(SHORT[s], s, xs, median, money))
        self.plots["cumulative_net"].set_hover(hover)

    def _draw_samples(self, d: dict) -> None:
        tops = [a.max() for a in d["samples"].values() if a is not None]
        self.plots["samples"].set_ranges((0, d["months"]), (0, max(tops) if tops else 1.0))
        self.plots["samples"].show_note(None if tops else NOT_KEPT)
        for s in STRATEGIES:
            lines, samples = self._sample_lines[s], d["samples"][s]
            lines.setVisible(samples is not None)
            if samples is not None:
                lines.set_lines(*reveal(d["x"], samples, self._upto))

    def _draw_ahead(self, d: dict) -> None:
        self.plots["ahead"].set_ranges((0, d["months"]), (0, 100))
        upto = self._upto
        p, band = d["ahead"], d["ahead_band"]
        xs, (ys, lo, hi) = reveal(d["x1"], [p, np.maximum(p - band, 0), np.minimum(p + band, 100)],
                                  upto)
        self._ahead.set_lines(xs, [ys])
        self._ahead_band.set_band(xs, lo, hi)
        self.plots["ahead"].set_hover([HoverSeries("Inches ahead in", "community", xs, ys,
                                                   lambda v: f"{v:.0f}% of futures")])
        month = d["ahead_from"]
        self._ahead_from.setVisible(month is not None and (upto is None or upto >= month))
        if month is not None:
            self._place_ahead_label(month, p, d["months"])

    def _place_ahead_label(self, month: int, ahead: np.ndarray, months: int) -> None:
        """Put "ahead from month" beside its line, on the side away from the curve and
        above or below it, wherever the curve is not."""
        line, label = self._ahead_from, self._ahead_from.label
        line.setValue(month)
        right = month < months / 2  # text reaches right of the line when there is room
        near = ahead[max(0, month - 1): min(len(ahead), month + months // 4)]
        high = float(np.max(near, initial=50.0)) < 60.0  # the curve stays low: text goes high
        label.setPosition(0.85 if high else 0.15)
        label.anchors = [(0 if right else 1, 0.5)] * 2
        label.valueChanged()  # the label skips updates while hidden

    def _draw_distribution(self, d: dict) -> None:
        dist, edges = self.plots["distribution"], d["edges"]
        dist.set_title(f"Cumulative net at month {d['months']}", DIST_NOTE)
        for i, s in enumerate(STRATEGIES):
            self._hist[s].setData(edges, d["hist"][i])
            if "ghost" in d:
                self._ghost_hist[s].setData(edges, d["hist"][i + 2])
        peak = max(float(c.max()) for c in d["hist"]) or 1.0
        for s in STRATEGIES:
            m = d["medians"][s]
            self._median_marks[s].set_lines([m, m], [[0, peak * 1.04]])
        bars = np.maximum(*d["hist"][:2])
        dist.set_ranges((edges[0], edges[-1]), (0, peak * 1.04), legend=True,
                        envelope=(np.repeat(edges, 2)[1:-1], np.repeat(bars, 2)))
