"""Lines and bands drawn from arrays as one Qt path each: cheap to feed and to paint.

pyqtgraph's curve items check their data, find their bounds and build their path on the
window's thread at every change and every paint, and a filled band between two curves builds
its path from theirs again; a chart of fans held ten of them. Here each change builds its
path once, in Qt, and a paint is Qt's own but for the antialiasing hint. Used where no
readout needs an item's data (a fan's bands and outline, the sample futures, the band of
the chance ahead); the medians stay pyqtgraph items, named for tests and outside probes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

PAD = 0.03  # of the view's span on each side: room for a line's width beyond its points


class PathItem(QtWidgets.QGraphicsPathItem):
    """Lines over one x (:meth:`set_lines`) or a filled band (:meth:`set_band`)."""

    def __init__(self, antialias: bool | None = None):
        """``antialias`` True or False for a line (as pyqtgraph's curves ask); None, for a
        band, keeps the painter's (an exported picture's is on)."""
        super().__init__()
        self._antialias = antialias
        self._rect = QtCore.QRectF()
        self.lines: list[tuple[np.ndarray, np.ndarray]] = []  # as last drawn, for tests
        self.setPen(QtGui.QPen(QtCore.Qt.PenStyle.NoPen))

    def set_lines(self, x: np.ndarray, ys) -> None:
        """One line through ``x`` and each row of ``ys``."""
        x = np.asarray(x, dtype=float)
        ys = [np.asarray(y, dtype=float) for y in ys]
        self.lines = [(x, y) for y in ys]
        if not ys or x.size == 0:
            self._set(QtGui.QPainterPath(), 0.0, 0.0, 0.0, 0.0)
            return
        connect = np.ones((len(ys), x.size), dtype=np.int32)
        connect[:, -1] = 0  # no stroke from one line's end to the next one's start
        ally = np.concatenate(ys)
        self._set(pg.arrayToQPath(np.tile(x, len(ys)), ally, connect.ravel()),
                  x.min(), x.max(), np.nanmin(ally), np.nanmax(ally))

    def set_band(self, x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> None:
        """The area between ``lo`` and ``hi`` over ``x``."""
        x, lo, hi = (np.asarray(a, dtype=float) for a in (x, lo, hi))
        self.lines = [(x, lo), (x, hi)]
        if x.size == 0:
            self._set(QtGui.QPainterPath(), 0.0, 0.0, 0.0, 0.0)
            return
        path = pg.arrayToQPath(np.concatenate([x, x[::-1]]), np.concatenate([lo, hi[::-1]]))
        path.closeSubpath()
        self._set(path, x.min(), x.max(), min(np.nanmin(lo), np.nanmin(hi)),
                  max(np.nanmax(lo), np.nanmax(hi)))

    def _set(self, path: QtGui.QPainterPath, x0: float, x1: float, y0: float, y1: float) -> None:
        """The path, and bounds padded by a share of the view's span (a line's width is in
        pixels: Qt would count it in data units)."""
        view = self.getViewBox()
        (vx0, vx1), (vy0, vy1) = view.state["viewRange"] if view else ((x0, x1), (y0, y1))
        dx, dy = PAD * abs(vx1 - vx0), PAD * abs(vy1 - vy0)
        self.prepareGeometryChange()
        self._rect = QtCore.QRectF(x0 - dx, y0 - dy, x1 - x0 + 2 * dx, y1 - y0 + 2 * dy)
        self.setPath(path)

    def getViewBox(self):  # noqa: N802 - pyqtgraph's name
        """The view box the item is drawn in (None before it is added)."""
        group = self.parentItem()
        return None if group is None else group.parentItem()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter, option, widget=None) -> None:
        if self._antialias is not None:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, self._antialias)
        super().paint(painter, option, widget)
