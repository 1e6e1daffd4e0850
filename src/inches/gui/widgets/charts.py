"""The chart area: an overview of both strategies, monthly revenue, and what drives each.

Every item is made once in ``__init__``; a result only feeds new arrays to ``setData``. Tabs
out of sight are brought up to date when they are shown, so a slider drag pays only for the
charts on screen.
"""

from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from ...format import money
from ..axes import CountAxis, MoneyAxis, PercentAxis
from ..theme import LIGHT, SHORT, Theme
from . import chart_export
from . import overview_data as data
from .chart_plot import NOTE_PT, ChartPlot, HoverSeries, font, pen, styled_line
from .fan import FanItem, FanSample, HistSample, reveal

STRATEGIES = data.STRATEGIES
SAMPLE_PX, SAMPLE_ALPHA, HIST_ALPHA, GHOST_ALPHA = 1.5, 0.8, 0.35, 0.45
NOT_KEPT = "Sample futures are not kept for runs this large"
FAN_NOTE = "median, middle 50% and 90% of futures"
OVERVIEW, MONTHLY, STATES = range(3)
STEP_MS = 4  # between the overview's charts in a staggered update


def _count(v: float) -> str:
    """A count in short form: 900, 250K, 1.2M."""
    return money(v).replace("$", "") if abs(v) >= 10 else f"{v:.1f}".removesuffix(".0")


class ChartsView(QtWidgets.QTabWidget):
    """Tabs of charts of one :class:`inches.Result`, optionally over a pinned earlier one."""

    hovered = Signal(str)
    drawn = Signal()  # every chart on the overview shows the latest result

    def __init__(self, theme: Theme = LIGHT, parent=None):
        super().__init__(parent)
        self.setObjectName("charts")
        self._stagger, self._steps = False, []
        self._step_timer = QtCore.QTimer(self, interval=STEP_MS, timeout=self._next_step)
        self.setDocumentMode(True)
        self._theme, self._scale = theme, 1.0
        self._result = self._baseline = self._upto = None
        self._dirty: set[int] = set()
        self._cache: tuple | None = None  # (result, baseline, overview arrays)
        self._plots: dict[str, ChartPlot] = {}
        self._pages: list[QtWidgets.QWidget] = []
        self._build_overview()
        self._build_monthly()
        self._build_states()
        for plot in self._plots.values():
            plot.hovered.connect(self.hovered)
        self.currentChanged.connect(self._refresh)
        self.set_theme(theme)

    # --- building (once) --------------------------------------------------------------------
    def _page(self, title: str, names: list[list[str]]) -> QtWidgets.QGridLayout:
        page = QtWidgets.QWidget()
        page.setAutoFillBackground(True)
        grid = QtWidgets.QGridLayout(page)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(8)
        for r, row in enumerate(names):
            for c, name in enumerate(row):
                grid.addWidget(self._plots[name], r, c)
        self._pages.append(page)
        self.addTab(page, title)
        return grid

    def _plot(self, name: str, title: str, y_label: str, left=None, **kw) -> ChartPlot:
        self._plots[name] = ChartPlot(name, title, y_label, left=left, **kw)
        return self._plots[name]

    def _fans(self, plot: ChartPlot) -> dict[str, FanItem]:
        fans = {s: FanItem(plot, s, z=i) for i, s in enumerate(STRATEGIES)}
        plot.add_legend([(FanSample(fans[s]), SHORT[s]) for s in STRATEGIES])
        plot.enable_hover()
        return fans

    def _build_overview(self) -> None:
        cum = self._plot("cumulative_net", "Cumulative net", "Cumulative net ($)", MoneyAxis(),
                         detail=FAN_NOTE)
        self._ghost = {s: FanItem(cum, s, ghost=True, z=-20) for s in STRATEGIES}
        self._cum = self._fans(cum)
        styled_line(cum, pg.InfiniteLine(0, angle=0), "muted", 1.2, dashed=True, z=-1)

        samples = self._plot("samples", "Sample futures", "Cumulative revenue ($)", MoneyAxis(),
                             detail="cumulative revenue")
        self._sample_lines = {s: [styled_line(samples, pg.PlotCurveItem(antialias=True), s, SAMPLE_PX,
                                        SAMPLE_ALPHA, z=i) for _ in data.SAMPLE_RANKS]
                              for i, s in enumerate(STRATEGIES)}

        dist = self._plot("distribution", "Cumulative net at the horizon", "% of futures",
                          PercentAxis(), bottom=MoneyAxis("bottom"), x_label="Cumulative net ($)",
                          detail="share of futures")
        self._hist, self._ghost_hist, self._median_marks = {}, {}, {}
        for i, s in enumerate(STRATEGIES):
            hist = pg.PlotDataItem(stepMode="center", fillLevel=0, antialias=True)
            dist.styled(hist, lambda t, k, h=hist, s=s: (h.setPen(pen(t.color(s), 2 * k)),
                                                         h.setBrush(t.color(s, HIST_ALPHA))), z=i)
            self._hist[s] = hist
            self._ghost_hist[s] = styled_line(dist, pg.PlotDataItem(stepMode="center"), s, 2,
                                        GHOST_ALPHA, dashed=True, z=-10)
            hist.setObjectName(f"hist_{s}")
            self._ghost_hist[s].setObjectName(f"ghost_hist_{s}")
            self._median_marks[s] = styled_line(dist, pg.PlotCurveItem(), s, 2.5, z=20)
        dist.add_legend([(HistSample(self._hist[s]), f"{SHORT[s]} (median)") for s in STRATEGIES])
        styled_line(dist, pg.InfiniteLine(0, angle=90), "muted", 1.2, dashed=True, z=-1)

        ahead = self._plot("ahead", "Inches ahead", "% of futures", PercentAxis())
        self._ghost_ahead = styled_line(ahead, pg.PlotCurveItem(antialias=True), "community", 2.4,
                                  GHOST_ALPHA, dashed=True, z=-10)
        self._ahead = styled_line(ahead, pg.PlotCurveItem(antialias=True), "community", 3, z=10)
        styled_line(ahead, pg.InfiniteLine(50, angle=0), "muted", 1.2, dashed=True, z=-1)
        self._ahead_from = pg.InfiniteLine(angle=90, label="ahead from month {value:.0f}",
                                           labelOpts={"position": 0.12,
                                                      "anchors": [(0, 1), (1, 1)]})
        styled_line(ahead, self._ahead_from, "community", 1.6, 0.9, dashed=True, z=5)
        ahead.styled(self._ahead_from.label, lambda t, k: (
            self._ahead_from.label.setColor(t.color("community")),
            self._ahead_from.label.setFont(font(NOTE_PT * k, bold=True))), add=False)
        ahead.enable_hover()
        self._ahead_from.hide()
        for item in self._ghost_items():
            item.hide()

        grid = self._page("Overview", [["cumulative_net", "samples"], ["distribution", "ahead"]])
        self._overview_grid = grid
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

    def _build_monthly(self) -> None:
        revenue = self._plot("monthly_revenue", "Monthly revenue", "Revenue per month ($)",
                             MoneyAxis(), detail=FAN_NOTE)
        self._monthly = self._fans(revenue)
        self._page("Monthly revenue", [["monthly_revenue"]])

    def _build_states(self) -> None:
        specs = {"followers": ("Community followers", "Followers (people)", CountAxis(),
                               "community"),
                 "trust": ("Community trust", "Trust (% of full)", PercentAxis(), "community"),
                 "pipeline": ("Deals in the pipeline", "Open opportunities", CountAxis(), "deals"),
                 "wins": ("Deals won per month", "Deals won per month", CountAxis(), "deals")}
        self._state_fans = {}
        for name, (title, y_label, axis, strategy) in specs.items():
            plot = self._plot(name, title, y_label, axis, detail="median and middle 90% of futures"
                              if name in ("trust", "wins") else FAN_NOTE)
            self._state_fans[name] = FanItem(plot, strategy, inner=name not in ("trust", "wins"))
            plot.enable_hover()
        self._page("Followers, trust, pipeline", [["followers", "trust"], ["pipeline", "wins"]])

    # --- public API -------------------------------------------------------------------------
    def plot_widgets(self) -> dict[str, pg.PlotWidget]:
        """Every plot by its stable name ("cumulative_net", "samples", ..., "wins")."""
        return dict(self._plots)

    @staticmethod
    def prepare(result) -> None:
        """Compute, ideally on the worker thread, every statistic the charts read from ``result``.

        Results compute percentiles lazily; calling this before handing a result to the GUI
        keeps :meth:`show_result` to drawing.
        """
        for part in (result.community, result.deals):
            for key in ("cumulative_net", "revenue") + (
                    ("followers", "trust") if part.name == "community" else ("pipeline", "wins")):
                part.bands(key)
            part.horizon_net  # noqa: B018 - computes and caches
            part.cumulative_revenue  # noqa: B018
        result.prob_community_ahead  # noqa: B018

    def show_result(self, result, stagger: bool = False) -> None:
        """Show ``result`` on the visible tab now and on the others when they are opened.

        With ``stagger`` (for the stream of previews during a slider drag) the overview's four
        charts are redrawn one per turn of the event loop, a few milliseconds apart, so no
        single repaint holds the window for long; ``drawn`` is emitted when all are done.
        """
        self._result = result
        self._stagger = stagger
        self._dirty = {OVERVIEW, MONTHLY, STATES}
        self._refresh()

    def set_baseline(self, result) -> None:
        """Draw a faded ghost of ``result`` behind the overview (``None`` removes it)."""
        self._baseline = result
        if result is None:
            for item in self._ghost_items():
                item.hide()
        self._dirty.add(OVERVIEW)
        self._refresh()

    def set_reveal(self, month: float | None) -> None:
        """Show the overview's time charts only up to ``month`` (0 .. H; ``None``: all)."""
        self._upto = None if month is None else max(0.0, float(month))
        drawn = self._result is not None and OVERVIEW not in self._dirty
        if drawn and self.currentIndex() == OVERVIEW:  # only the time charts change
            self._draw_timeline(self._overview())
        else:
            self._dirty.add(OVERVIEW)
            self._refresh()

    def set_theme(self, theme: Theme) -> None:
        """Recolour backgrounds, axes, text, lines and fills in place."""
        self._theme = theme
        for page in self._pages:
            palette = page.palette()
            palette.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor(theme.background))
            page.setPalette(palette)
        for plot in self._plots.values():
            plot.restyle(theme, self._scale)

    def set_compact(self, compact: bool) -> None:
        """For presenting: the overview only, the fan chart beside the chance-ahead chart."""
        grid, p = self._overview_grid, self._plots
        self.tabBar().setVisible(not compact)
        if compact:
            self.setCurrentIndex(OVERVIEW)
        p["samples"].setVisible(not compact)
        p["distribution"].setVisible(not compact)
        grid.addWidget(p["ahead"], *((0, 1) if compact else (1, 1)))
        grid.addWidget(p["samples"], *((1, 1) if compact else (0, 1)))
        grid.setRowStretch(1, 0 if compact else 2)

    def set_scale(self, factor: float) -> None:
        """Multiply fonts and line widths by ``factor`` (about 1.6 on a projector)."""
        self._scale = float(factor)
        self.set_theme(self._theme)
        for plot in self._plots.values():
            plot.reapply_ranges()

    def export_png(self, path: str, width: int = 1600, height: int = 900) -> None:
        """Write the visible tab as a ``width`` x ``height`` PNG, laid out at that shape."""
        chart_export.png(self, path, width, height)

    def export_svg(self, path: str) -> None:
        """Write the visible tab as an SVG drawing at its on-screen size."""
        chart_export.svg(self, path)

    def prepare_export(self) -> None:
        """Bring the visible tab up to date and hide hover readouts before it is rendered."""
        self._refresh()
        for plot in self._plots.values():
            plot.hide_hover()

    # --- updating ---------------------------------------------------------------------------
    def _refresh(self, *_args) -> None:
        i = self.currentIndex()
        if self._result is None or i not in self._dirty:
            return
        self._dirty.discard(i)
        (self._update_overview, self._update_monthly, self._update_states)[i]()

    def _ghost_items(self) -> list:
        items = [i for f in self._ghost.values() for i in f.items()]
        return items + list(self._ghost_hist.values()) + [self._ghost_ahead]

    def _overview(self) -> dict:
        """The overview's arrays for the current result and baseline, computed once per pair."""
        r, b = self._result, self._baseline
        if self._cache is None or self._cache[0] is not r or self._cache[1] is not b:
            self._cache = (r, b, data.overview(r, b))
        return self._cache[2]

    def _detail(self, text: str | None) -> str | None:
        if self._baseline is None:
            return text
        return f"{text}; dashed: pinned run" if text else "dashed: pinned run"

    def _update_overview(self) -> None:
        d, p = self._overview(), self._plots
        p["cumulative_net"].set_title("Cumulative net", self._detail(FAN_NOTE))
        p["ahead"].set_title("Inches ahead", self._detail("chance by month"))
        ghost = "ghost" in d
        if ghost:
            for s in STRATEGIES:
                self._ghost[s].set_data(d["ghost_x"], d["ghost"][s])
            self._ghost_ahead.setData(d["ghost_x"][1:], d["ghost_ahead"])
        for item in self._ghost_items():
            item.setVisible(ghost)
        steps = [self._draw_cumulative, self._draw_ahead, self._draw_samples,
                 self._draw_distribution]
        stagger, self._stagger = self._stagger, False  # only for the result that asked
        if not stagger:
            self._step_timer.stop()
            self._steps = []
            for step in steps:
                step(d)
            self.drawn.emit()
            return
        # Round robin: charts still waiting keep their turn, the ones just drawn queue behind
        # them, so during a long drag every chart keeps moving.
        self._steps += [step for step in steps if step not in self._steps]
        if not self._step_timer.isActive():
            self._next_step()
            self._step_timer.start()

    def _next_step(self) -> None:
        """Draw the next of the overview's charts with the latest result (staggered updates)."""
        if self._steps:
            self._steps.pop(0)(self._overview())
        if not self._steps:
            self._step_timer.stop()
            self.drawn.emit()

    def _draw_timeline(self, d: dict) -> None:
        """The overview's time charts, revealed up to the playback month."""
        self._draw_cumulative(d)
        self._draw_samples(d)
        self._draw_ahead(d)

    def _draw_cumulative(self, d: dict) -> None:
        self._plots["cumulative_net"].set_ranges((0, d["months"]), d["cum_y"], legend=True)
        hover = []
        for s in STRATEGIES:
            xs, median = self._cum[s].set_data(d["x"], d["cum"][s], self._upto)
            hover.append(HoverSeries(SHORT[s], s, xs, median, money))
        self._plots["cumulative_net"].set_hover(hover)

    def _draw_samples(self, d: dict) -> None:
        tops = [a.max() for a in d["samples"].values() if a is not None]
        self._plots["samples"].set_ranges((0, d["months"]), (0, max(tops) if tops else 1.0))
        self._plots["samples"].show_note(None if tops else NOT_KEPT)
        for s in STRATEGIES:
            lines, samples = self._sample_lines[s], d["samples"][s]
            for line in lines:
                line.setVisible(samples is not None)
            if samples is not None:
                xs, (ys,) = reveal(d["x"], [samples], self._upto)
                for line, y in zip(lines, ys):
                    line.setData(xs, y)

    def _draw_ahead(self, d: dict) -> None:
        self._plots["ahead"].set_ranges((0, d["months"]), (0, 100))
        upto = self._upto
        xs, (ys,) = reveal(d["x1"], [d["ahead"]], upto)
        self._ahead.setData(xs, ys)
        self._plots["ahead"].set_hover([HoverSeries("Inches ahead in", "community", xs, ys,
                                                    lambda v: f"{v:.0f}% of futures")])
        month = d["ahead_from"]
        self._ahead_from.setVisible(month is not None and (upto is None or upto >= month))
        if month is not None:
            self._ahead_from.setValue(month)
            self._ahead_from.label.valueChanged()  # the label skips updates while hidden

    def _draw_distribution(self, d: dict) -> None:
        dist, edges = self._plots["distribution"], d["edges"]
        dist.set_title(f"Cumulative net at month {d['months']}", self._detail("share of futures"))
        for i, s in enumerate(STRATEGIES):
            self._hist[s].setData(edges, d["hist"][i])
            if "ghost" in d:
                self._ghost_hist[s].setData(edges, d["hist"][i + 2])
        peak = max(float(c.max()) for c in d["hist"]) or 1.0
        for row, s in enumerate(STRATEGIES):
            m = d["medians"][s]
            self._median_marks[s].setData([m, m], [0, peak * 1.04])
            label, text = dist.legend.items[row][1], f"{SHORT[s]} (median {money(m)})"
            if label.text != text:
                label.setText(text)
                dist.legend.updateSize()
        dist.set_ranges((edges[0], edges[-1]), (0, peak * 1.04), legend=True)

    def _update_monthly(self) -> None:
        r, h = self._result, self._result.months
        x = np.arange(1.0, h + 1.0)
        hover, lo, hi = [], 0.0, 0.0
        for s in STRATEGIES:
            bands = getattr(r, s).bands("revenue")
            xs, median = self._monthly[s].set_data(x, bands)
            hover.append(HoverSeries(SHORT[s], s, xs, median, money))
            lo, hi = min(lo, bands["p5"].min()), max(hi, bands["p95"].max())
        plot = self._plots["monthly_revenue"]
        plot.set_hover(hover)
        plot.set_ranges((0, h), (lo, hi), legend=True)

    def _update_states(self) -> None:
        r, h = self._result, self._result.months
        specs = {"followers": (r.community, "Followers", 1.0, _count),
                 "trust": (r.community, "Trust", 100.0, lambda v: f"{v:.0f}%"),
                 "pipeline": (r.deals, "Open", 1.0, _count),
                 "wins": (r.deals, "Wins", 1.0, _count)}
        for name, (part, label, factor, fmt) in specs.items():
            bands = part.bands(name)
            from_zero = name != "wins"  # a state starts at 0; wins are counted per month
            x = np.arange(0.0 if from_zero else 1.0, h + 1.0)
            xs, median = self._state_fans[name].set_data(
                x, data.from_zero(bands) if from_zero else bands, factor=factor)
            plot = self._plots[name]
            plot.set_hover([HoverSeries(label, part.name, xs, median, fmt)])
            top = 100.0 if name == "trust" else factor * float(bands["p95"].max())
            plot.set_ranges((0, h), (0, top))
