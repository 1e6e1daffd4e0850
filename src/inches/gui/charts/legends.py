"""Where a chart's legend goes: a top corner the data leaves free, in one row or a column."""

from __future__ import annotations

import numpy as np


def free_corner(plot, xr, yr, envelope) -> bool:
    """Anchor the legend in the first top corner (left, then right) whose area the data
    does not reach in view ``xr`` x ``yr``; False (left anchor) when neither is free."""
    w_px, h_px = plot.vb.width(), plot.vb.height()
    if w_px < 10 or h_px < 10:
        return False
    xs, tops = (np.asarray(a, float) for a in envelope)
    per_x, per_y = (xr[1] - xr[0]) / w_px, (yr[1] - yr[0]) / h_px
    pad = 8 * plot.scale
    width = (plot.legend.width() + 2 * pad) * per_x
    bottom = yr[1] - (plot.legend.height() + 2 * pad) * per_y
    for left in (True, False):
        lo, hi = (xr[0], xr[0] + width) if left else (xr[1] - width, xr[1])
        under = tops[(xs >= lo) & (xs <= hi)]
        if not (under > bottom).any():
            _anchor(plot, left)
            return True
    _anchor(plot, True)
    return False



def _anchor(plot, left: bool) -> None:
    pad = 8 * plot.scale
    plot.legend.anchor(itemPos=(0 if left else 1, 0), parentPos=(0 if left else 1, 0),
                       offset=(pad if left else -pad, 4 * plot.scale))


def fit_columns(plot) -> None:
    """One row of legend entries when it takes at most half the plot's width, else one
    entry per row: a narrow legend finds a free corner more often."""
    items = plot.legend.items
    row = sum(sample.width() + label.width() + 6 for sample, label in items)
    row += plot.legend.layout.horizontalSpacing() * (len(items) - 1) + 12
    columns = len(items) if row <= 0.5 * plot.vb.width() else 1
    if columns != plot.legend.columnCount:
        plot.legend.setColumnCount(columns)
