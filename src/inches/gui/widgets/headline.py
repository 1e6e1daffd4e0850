"""The headline strip: the verdict in words a room understands, and each strategy's figures.

The figures sit in one small table, a row per strategy, so a room compares inches and miles
column by column: median and P5-P95 cumulative net, chance of loss, typical break-even month.
Columns are as wide as their widest likely figure and the verdict keeps room for its longest
sentence, so nothing shifts sideways or up and down as the numbers change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ... import text as fmt
from ...text import LABEL, SHORT, STORY
from ..theme import LIGHT, Theme

FIGURES = (("median", "Median net"), ("range", "P5 to P95"), ("loss", "Chance of loss"),
           ("breakeven", "Break-even"))
# The widest text each column is expected to show: its width is reserved.
WIDEST = {"median": "-$88.8M", "range": "-$88.8M to $88.8M", "loss": ">99%",
          "breakeven": "after 120"}
MIN_WIDTH = 600  # px: the strip's type shrinks (to 60%) rather than widen the window
LONGEST_VERDICT = max(("Too close to call at month 120: inches ahead in 100% of futures, ±10%",
                       "Miles ahead in 100% of futures by month 120 (inches in 10%, the rest tie)"),
                      key=len)
TIPS = {
    "median": "Median cumulative net (revenue less cost) at the horizon: half the futures end "
              "above it.",
    "range": "Cumulative net at the horizon in 90% of futures: 5% end below the first figure, "
             "5% above the second.",
    "loss": "Share of futures that end the horizon with a cumulative loss.",
    "breakeven": "Median month in which cumulative net first turns positive.",
}


class StrategyRow:
    """One strategy's name and headline figures, placed on row ``row`` of the strategy grid."""

    def __init__(self, strategy: str, grid: QGridLayout, row: int, parent: QWidget):
        self.strategy = strategy
        self.title = QLabel(SHORT[strategy], parent)
        self.title.setObjectName(f"title_{strategy}")
        self.title.setToolTip(f"{LABEL[strategy]}: {STORY[strategy]}")
        grid.addWidget(self.title, row, 0)
        self.values: dict[str, QLabel] = {}
        for col, (key, _caption) in enumerate(FIGURES, start=1):
            value = QLabel("-", parent)
            value.setObjectName("figure")
            value.setToolTip(TIPS[key])
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, row, col)
            self.values[key] = value

    def show_summary(self, summary: dict, months: int) -> None:
        s = summary
        self.values["median"].setText(fmt.money(s["cumulative_net_p50"]))
        self.values["range"].setText(
            f"{fmt.money(s['cumulative_net_p5'])} to {fmt.money(s['cumulative_net_p95'])}")
        self.values["loss"].setText(fmt.percent(s["prob_loss"]))
        be = s["break_even_month_p50"]
        self.values["breakeven"].setText(f"month {be}" if be else f"after {months}")
        self.values["breakeven"].setToolTip(
            f"{TIPS['breakeven']} {fmt.percent(s['never_break_even'])} of futures never break "
            f"even within {months} months.")


class HeadlineStrip(QWidget):
    """Verdict sentence on top, then a row per strategy and the Monte Carlo error."""

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 6, 14, 6)
        outer.setSpacing(2)
        self.verdict = QLabel("Simulating…", self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        outer.addWidget(self.verdict)
        grid = QGridLayout()
        grid.setHorizontalSpacing(22)
        grid.setVerticalSpacing(0)
        for col, (key, caption) in enumerate(FIGURES, start=1):
            head = QLabel(caption, self)
            head.setObjectName("caption")
            head.setToolTip(TIPS[key])
            grid.addWidget(head, 0, col)
        grid.setColumnStretch(len(FIGURES) + 1, 1)
        # The run's size and Monte Carlo error: the window places it (beside the chart tabs).
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status.setToolTip(
            "Monte Carlo standard error of the medians at the horizon: more trials would move "
            "them by about this much. Raise Trials in Run settings to shrink it.")
        self.rows = {s: StrategyRow(s, grid, i, self)
                     for i, s in enumerate(("community", "deals"), start=1)}
        outer.addLayout(grid)
        self._grid = grid
        self._fitted = 1.0  # type scale the width allows (below 1 on narrow windows)
        self.set_theme(theme)

    def show_result(self, result) -> None:
        """Update the verdict, the figures and the Monte Carlo error line."""
        self.verdict.setText(result.verdict())
        for name, row in self.rows.items():
            row.show_summary(getattr(result, name).summary, result.months)
        se = max(result.community.median_se(), result.deals.median_se())
        self._status = f"{result.trials:,} futures · medians ± {fmt.money(se)}"
        self.status.setText(self._status)

    def set_refining(self, refining: bool) -> None:
        """Show a small marker while a newer or fuller result is on its way."""
        text = getattr(self, "_status", "")
        self.status.setText(f"Refining…  {text}" if refining else text)

    def set_theme(self, theme: Theme, scale: float = 1.0) -> None:
        """Colours and type; ``scale`` enlarges everything for a projector (times the
        narrowing a narrow window needs, see :meth:`resizeEvent`)."""
        self._theme, self._scale = theme, scale
        self._style(scale * self._fitted)

    def _style(self, scale: float) -> None:
        theme = self._theme

        def pt(x):
            return round(x * scale)
        css = [f"HeadlineStrip {{ background: {theme.panel}; }}",
               f"QLabel {{ color: {theme.text}; }}",
               f"QLabel#verdict {{ font-size: {pt(21)}pt; font-weight: 700; }}",
               f"QLabel#figure {{ font-size: {pt(15)}pt; font-weight: 600; }}",
               f"QLabel#caption {{ font-size: {pt(10)}pt; color: {theme.muted}; }}"]
        for name in self.rows:
            line, color = theme.color(name).name(), theme.text_color(name)
            css.append(f"QLabel#title_{name} {{ color: {color}; font-size: {pt(15)}pt;"
                       f" font-weight: 700; border-left: {pt(6)}px solid {line};"
                       f" padding-left: {pt(8)}px; }}")
        self.status.setStyleSheet(f"QLabel {{ font-size: {pt(10)}pt; color: {theme.muted};"
                                  f" padding: 0 {pt(10)}px; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("\n".join(css))
        self._reserve()

    def _reserve(self) -> None:
        """Fix each column to its widest expected figure and the verdict to its longest."""
        for col, (key, _caption) in enumerate(FIGURES, start=1):
            label = self.rows["community"].values[key]
            label.ensurePolished()
            width = label.fontMetrics().horizontalAdvance(WIDEST[key]) + 4
            self._grid.setColumnMinimumWidth(col, width)
        self.verdict.ensurePolished()
        self.verdict.setMinimumHeight(self._verdict_height(max(self.width() - 28, 200)))

    def _verdict_height(self, width: int) -> int:
        metrics = self.verdict.fontMetrics()
        rect = metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap),
                                    LONGEST_VERDICT)
        return rect.height() + 2

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Type a size smaller on a narrow window so every column fits; the verdict's room
        follows the width (two lines when one would not hold it)."""
        super().resizeEvent(event)
        fit = 1.0
        while fit > 0.6 and self._needed_width(self._scale * fit) > event.size().width():
            fit -= 0.1
        if abs(self._fitted - fit) > 1e-9:
            self._fitted = fit
            self._style(self._scale * fit)
        self.verdict.setMinimumHeight(self._verdict_height(max(event.size().width() - 28, 200)))

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        """Narrow enough for a 1024-pixel screen: the type shrinks to fit (see resizeEvent)."""
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), MIN_WIDTH))
        return hint

    def _needed_width(self, scale: float) -> float:
        """The strip's width at type ``scale``: names, reserved columns, spacing, margins."""
        from PySide6.QtGui import QFont, QFontMetricsF

        font = QFont(self.font())
        font.setPointSizeF(15 * scale)
        font.setWeight(QFont.Weight.DemiBold)
        m = QFontMetricsF(font)
        columns = [m.horizontalAdvance(t) + 4 for t in WIDEST.values()]
        return sum(columns) + m.horizontalAdvance("Inches") + 20 * scale + 22 * 5 + 28
