"""Calibrate to what you have seen: fit the community to observed cumulative revenue.

Enter (month, cumulative revenue) points, for example Dell's three; the fit moves conversion,
word of mouth and trust-building time (those ticked) so the median path runs through them.
The fitted curve is drawn against the points, with residuals and the fitted values, and
"Apply" makes them the scenario's (one undoable edit).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...analysis import calibrate
from ...analysis.calibrate import FIT_KEYS
from ...model.params import BY_KEY
from ...text import money, param_value
from ..charts.axes import MoneyAxis
from ..charts.plot import ChartPlot
from ..charts.style import pen
from .page import AnalysisPage

DELL = ((18, 1_000_000), (24, 3_000_000), (30, 6_500_000))


class CalibratePage(AnalysisPage):
    """The calibration tab."""

    title = "Calibrate"
    empty_text = "the model fitted to what was seen"
    function = staticmethod(calibrate)
    default_trials = 2000

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        self.fit = {}
        self.inputs.addWidget(QLabel("Fit", self))
        for key in FIT_KEYS:
            box = QCheckBox(BY_KEY[key].label, self)
            box.setChecked(True)
            box.setToolTip(BY_KEY[key].tooltip())
            self.fit[key] = box
            self.inputs.addWidget(box)
        self.inputs.addStretch(1)
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.points = QTableWidget(0, 2, self)
        self.points.setObjectName("observed")
        self.points.setHorizontalHeaderLabels(["Month", "Revenue to date ($)"])
        self.points.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.points.setToolTip("What you have seen: months since the start and the community's "
                               "cumulative revenue by then")
        for month, revenue in DELL:
            self._add_point(month, revenue)
        left.addWidget(QLabel("Observed points", self))
        left.addWidget(self.points, 1)
        buttons = QHBoxLayout()
        for text, slot in (("Add", lambda: self._add_point(0, 0)), ("Remove", self._remove),
                           ("Dell 2009", self._dell)):
            b = QPushButton(text, self)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        left.addLayout(buttons)
        self.fitted = QLabel("", self)
        self.fitted.setObjectName("fitted")
        self.fitted.setWordWrap(True)
        self.fitted.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.fitted)
        self.apply = QPushButton("Apply fitted values", self)
        self.apply.setEnabled(False)
        self.apply.setToolTip("Make the fitted values the scenario's (Ctrl+Z undoes it)")
        self.apply.clicked.connect(self._apply)
        left.addWidget(self.apply)
        row.addLayout(left, 1)
        self.plot = ChartPlot("calibration", "Fitted median against what was seen",
                              "Cumulative community revenue ($)", left=MoneyAxis())
        curve, seen = pg.PlotCurveItem(antialias=True), pg.ScatterPlotItem(symbol="o")
        self.curve = self.plot.styled(curve, lambda t, s: curve.setPen(pen(t.inches, 3 * s)))
        self.seen = self.plot.styled(seen, lambda t, s: (
            seen.setBrush(pg.mkBrush(t.text)), seen.setSize(14 * s)), z=5)
        row.addWidget(self.plot, 3)
        self.body.addLayout(row)

    def _add_point(self, month: float, revenue: float) -> None:
        r = self.points.rowCount()
        self.points.insertRow(r)
        self.points.setItem(r, 0, QTableWidgetItem(f"{month:g}"))
        self.points.setItem(r, 1, QTableWidgetItem(f"{revenue:,.0f}"))

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.points.selectedIndexes()}, reverse=True)
        for r in rows or [self.points.rowCount() - 1]:
            self.points.removeRow(r)

    def _dell(self) -> None:
        self.points.setRowCount(0)
        for month, revenue in DELL:
            self._add_point(month, revenue)

    def observed(self) -> list[tuple[float, float]]:
        """The table's points; ValueError naming the row when one is not a number."""
        out = []
        for r in range(self.points.rowCount()):
            cells = [self.points.item(r, c) for c in (0, 1)]
            texts = [c.text().replace(",", "").replace("$", "").strip() if c else ""
                     for c in cells]
            try:
                month, revenue = float(texts[0]), float(texts[1])
            except ValueError:
                raise ValueError(f"Observed point {r + 1}: give a month and a revenue in "
                                 f"dollars, e.g. 18 and 1,000,000.") from None
            out.append((month, revenue))
        if len(out) < 2:
            raise ValueError("Enter at least two observed points to fit to.")
        return out

    def run_kwargs(self) -> dict:
        keys = tuple(k for k, box in self.fit.items() if box.isChecked())
        if not keys:
            raise ValueError("Tick at least one parameter to fit.")
        return {"observed": self.observed(), "keys": keys}

    def show_result(self, result) -> None:
        path = np.asarray(result.path, float)
        self.curve.setData(np.arange(0.0, len(path) + 1), np.concatenate(([0.0], path)))
        months = [m for m, _ in result.observed]
        seen = [v for _, v in result.observed]
        self.seen.setData(months, seen)
        top = max(float(path.max()), max(seen)) if len(path) else max(seen)
        self.plot.set_ranges((0, len(path)), (0, top))
        lines = [f"{BY_KEY[k].label}: {param_value(BY_KEY[k], result.start[k])} → "
                 f"<b>{param_value(BY_KEY[k], v)}</b>" for k, v in result.values.items()]
        lines += [f"Month {m:g}: seen {money(o)}, fitted {money(f)}"
                  for (m, o), f in zip(result.observed, result.fitted)]
        lines.append(f"Typical error {100 * result.rms_relative_error:.0f}%")
        self.fitted.setText("<br>".join(lines))
        self.apply.setEnabled(not result.poor_fit)

    def summary(self, result) -> str:
        if result.poor_fit:
            return result.poor_fit_text() + " Apply is off: the values would not be a fit."
        return (f"Fitted; the median path misses the points by {100 * result.rms_relative_error:.0f}%"
                " on average. Apply to use the values.")

    def _apply(self) -> None:
        if self.result is not None:
            self.controller.set_values(dict(self.result.values), "Apply calibration")
