"""A chart's words: its title (with an optional detail) and axis titles, fitted to its size.

A title drops its detail, then takes its short form, then is elided to the width it has; it
must never set the plot's minimum width. An axis title too long for its axis is shortened to
its unit ("$", "%").
"""

from __future__ import annotations

import html

from PySide6 import QtCore, QtGui
from shiboken6 import isValid

from .style import LABEL_PT, TITLE_PT, font


def _unit(title: str) -> str:
    """An axis title's unit: "$" of "Cumulative net ($)", else its first word."""
    return title[title.rindex("(") + 1:].rstrip(")") if "(" in title else title.split()[0] \
        if title else title


def never_wider(label) -> None:
    """Keep a title ``label`` (a pyqtgraph LabelItem) from setting its plot's minimum width.

    pyqtgraph sets a label's minimum width to its text's on every resize, and a top-level
    graphics widget grows to its minimum and never shrinks back, which would push the right
    edge of the data out of the widget; the title is fitted to the width instead (PlotTexts).
    """
    update = label.updateMin

    def update_min() -> None:
        update()
        label.setMinimumWidth(0)

    label.updateMin = update_min


class PlotTexts:
    """The title and axis titles of ``plot`` (a :class:`~.plot.ChartPlot`)."""

    def __init__(self, plot, title: str, detail: str | None, labels: dict[str, str],
                 short: str | None = None):
        self.plot, self.title, self.detail, self.labels = plot, title, detail, labels
        self.short = short  # the title's short form, shown before eliding it
        self._shown_title = None

    def fit(self) -> None:
        """Fit both to the plot's current size, theme and scale."""
        self._fit_axis_labels()
        self._fit_title()

    def refit(self) -> None:
        """:meth:`fit`, later (a timer): once the axes have their new widths."""
        if isValid(self.plot):
            self.fit()

    def _fit_axis_labels(self) -> None:
        """Each axis title, or its unit alone ("$", "%") when the title would not fit."""
        style = {"color": self.plot.theme.muted,
                 "font-size": f"{LABEL_PT * self.plot.scale:.1f}pt"}
        for side in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(side)
            length = (self.plot.vb.height() if side == "left" else self.plot.vb.width()) or 1e9
            full = self.labels[side]
            for text in (full, _unit(full)):
                if axis.labelText != text or axis.labelStyle != style:
                    axis.setLabel(text, **style)
                if axis.label.boundingRect().width() <= length:  # as drawn, margins included
                    break
            # pyqtgraph centres the title only on a resize: centre it for its new length
            axis.resizeEvent()

    def _fit_title(self) -> None:
        item = self.plot.getPlotItem()
        metrics = QtGui.QFontMetricsF(font(TITLE_PT * self.plot.scale, bold=True))
        left = item.getAxis("left")
        room = max(40.0, self.plot.width() - max(left.width(), left.minimumWidth())
                   - 24 * self.plot.scale)
        text = f"{self.title}: {self.detail}" if self.detail else self.title
        if metrics.horizontalAdvance(text) > room:
            text = self.title
            if metrics.horizontalAdvance(text) > room and self.short:
                text = self.short
            text = metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, room)
        key = (text, self.plot.theme.text, self.plot.scale)
        if key == self._shown_title:
            return
        self._shown_title = key
        item.setTitle(html.escape(text), color=self.plot.theme.text,
                      size=f"{TITLE_PT * self.plot.scale:.1f}pt", bold=True)
        height = int(item.titleLabel.itemRect().height() + 4 * self.plot.scale)
        item.layout.setRowFixedHeight(0, height)
        item.titleLabel.setMaximumHeight(height)
        item.setGeometry(self.plot.range)  # (never wider than the plot: see never_wider)
