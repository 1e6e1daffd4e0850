"""Pens, fonts and colours for charts, sized in points and pixels at scale 1."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from ..theme import Theme

TICK_PT, LABEL_PT, TITLE_PT, LEGEND_PT, NOTE_PT = 11.0, 12.0, 13.0, 11.5, 11.0


def pen(color: QtGui.QColor | str, width: float, dashed: bool = False) -> QtGui.QPen:
    """A cosmetic pen ``width`` px wide, dashed on request, with round joins."""
    p = pg.mkPen(color, width=width)
    p.setCapStyle(QtCore.Qt.PenCapStyle.FlatCap if dashed else QtCore.Qt.PenCapStyle.RoundCap)
    p.setJoinStyle(QtCore.Qt.PenJoinStyle.RoundJoin)
    if dashed:
        p.setStyle(QtCore.Qt.PenStyle.DashLine)
    return p


def font(points: float, bold: bool = False) -> QtGui.QFont:
    """The application font at ``points`` pt."""
    f = QtGui.QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


def alpha(color: str, a: float) -> QtGui.QColor:
    """``color`` at opacity ``a``."""
    c = QtGui.QColor(color)
    c.setAlphaF(a)
    return c


def color_of(theme: Theme, key: str, a: float = 1.0) -> QtGui.QColor:
    """A strategy's colour ("community"/"deals") or a theme role ("text", "muted") at ``a``."""
    return theme.color(key, a) if key in ("community", "deals") else alpha(getattr(theme, key), a)
