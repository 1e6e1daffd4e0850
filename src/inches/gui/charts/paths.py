"""Lines and bands drawn from arrays as one Qt path each: cheap to feed and to paint.

pyqtgraph's curve items check their data, find their bounds and build their path on the
window's thread at every change and every paint, and a filled band between two curves builds
its path from theirs again; a chart of fans held ten of them. Here each change builds its
path once, in Qt, and a paint is Qt's own but for the antialiasing hint. Used where no
readout needs an item's data (a fan's bands and outline, the sample futures, the band of
the chance ahead); the medians stay pyqtgraph items, named for tests and outside probes.

Qt strokes an antialiased path wider than a pixel slowly: five sample futures 1.5 px wide
took 1.7 ms a paint, the costliest item of the overview (4.4 ms for seven in a 600 x 300
picture, against 0.2 ms at 1 px). Drawn as separate straight pieces with flat ends in the
picture's own pixels (no transform on the painter), Qt rasterises each as a line: 0.8 ms
for the seven. So wide antialiased solid lines are drawn that way (square ends where the
line is opaque, so a bend shows no notch; flat where it is translucent, so the pieces do not
darken where they meet).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

try:  # pyqtgraph's array of Qt lines (not its public API): drawn without a Python list
    from pyqtgraph.Qt.internals import PrimitiveArray
except ImportError:  # moved in some later pyqtgraph: lines are then stroked as paths
    PrimitiveArray = None

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
        self._ends = np.empty((0, 4))  # the lines' straight pieces: x0, y0, x1, y1
        # the same pieces in the picture's pixels, at each paint
        self._pieces = None if PrimitiveArray is None else PrimitiveArray(QtCore.QLineF, 4)
        self.setPen(QtGui.QPen(QtCore.Qt.PenStyle.NoPen))

    def set_lines(self, x: np.ndarray, ys) -> None:
        """One line through ``x`` and each row of ``ys``."""
        x = np.asarray(x, dtype=float)
        ys = [np.asarray(y, dtype=float) for y in ys]
        self.lines = [(x, y) for y in ys]
        if not ys or x.size == 0:
            self._ends = np.empty((0, 4))
            self._set(QtGui.QPainterPath(), 0.0, 0.0, 0.0, 0.0)
            return
        y = np.stack(ys)
        ends = np.stack([np.broadcast_to(x[:-1], y[:, 1:].shape), y[:, :-1],
                         np.broadcast_to(x[1:], y[:, 1:].shape), y[:, 1:]], axis=-1)
        ends = ends.reshape(-1, 4)
        self._ends = ends[np.isfinite(ends).all(axis=1)]
        connect = np.ones((len(ys), x.size), dtype=np.int32)
        connect[:, -1] = 0  # no stroke from one line's end to the next one's start
        ally = np.concatenate(ys)
        self._set(pg.arrayToQPath(np.tile(x, len(ys)), ally, connect.ravel()),
                  x.min(), x.max(), np.nanmin(ally), np.nanmax(ally))

    def set_band(self, x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> None:
        """The area between ``lo`` and ``hi`` over ``x``."""
        x, lo, hi = (np.asarray(a, dtype=float) for a in (x, lo, hi))
        self.lines = [(x, lo), (x, hi)]
        self._ends = np.empty((0, 4))
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
        smooth = QtGui.QPainter.RenderHint.Antialiasing
        if self._antialias is not None:
            painter.setRenderHint(smooth, self._antialias)
        pen, to = self.pen(), painter.transform()
        solid = pen.style() == QtCore.Qt.PenStyle.SolidLine
        scaled = to.type().value <= QtGui.QTransform.TransformationType.TxScale.value
        if (self._pieces is not None and len(self._ends) and pen.widthF() > 1.0 and solid
                and pen.isCosmetic() and scaled and painter.testRenderHint(smooth)):
            self._draw_pieces(painter, pen, to)
        else:
            super().paint(painter, option, widget)

    def _draw_pieces(self, painter: QtGui.QPainter, pen: QtGui.QPen, to: QtGui.QTransform
                     ) -> None:
        """The lines as straight pieces in the picture's pixels (see the module's note)."""
        self._pieces.resize(len(self._ends))
        scale = np.array([to.m11(), to.m22(), to.m11(), to.m22()])
        shift = np.array([to.dx(), to.dy(), to.dx(), to.dy()])
        np.add(self._ends * scale, shift, out=self._pieces.ndarray())
        pen = QtGui.QPen(pen)
        pen.setCapStyle(QtCore.Qt.PenCapStyle.SquareCap if pen.color().alpha() == 255
                        else QtCore.Qt.PenCapStyle.FlatCap)
        painter.save()
        painter.resetTransform()
        painter.setPen(pen)
        painter.drawLines(*self._pieces.drawargs())
        painter.restore()
