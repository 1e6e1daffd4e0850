"""A parameter nobody knows exactly: its range on one slider, low, likely and high.

The range uses superqt's range slider with three handles (two for a uniform range), over the
same positions as the parameter's own slider (:class:`~.scale.Scale`), so an end is as
easy to hit as a value. The middle handle is the likely value, drawn hollow. superqt's
*labelled* range slider would label the handles with slider positions, which on this scale
are not the parameter's values, so the value field beside the slider says the range in the
parameter's unit ("6.0–24.0 mo") and the tooltip says it in words. Right-click picks the
shape: PERT (the default), triangular or uniform.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QPainter, QPen
from PySide6.QtWidgets import QWidget
from superqt import QRangeSlider

from ...model.params import Param
from ...model.uncertainty import Range
from ...text import money
from .scale import STEPS

SPREAD = 100  # a new range's ends: a tenth of the travel either side of the value
SHAPES = {"pert": "PERT: low, likely, high", "triangular": "Triangular: low, likely, high",
          "uniform": "Uniform: every value from low to high alike"}


def range_text(p: Param, r: Range, field_text) -> str:
    """A range as short as a value field allows: ``6.0–24.0 mo``, ``$2.1K–$8.0K /mo``."""
    lo, hi = field_text(p, r.low), field_text(p, r.high)
    if p.unit.startswith("$"):  # $2.1K–$8.0K /mo
        digits = len(hi) - len(hi.lstrip("$0123456789.,-"))
        return f"{money(r.low)}–{money(r.high)}{hi[digits:]}"
    digits = len(hi) - len(hi.lstrip("$0123456789.,-"))  # the unit follows the number
    unit = hi[digits:]
    return f"{lo.removesuffix(unit)}–{hi}" if unit else f"{lo}–{hi}"


class RangeTrack(QRangeSlider):
    """Handles at a range's low, (likely,) high; ``edited`` gives the :class:`Range` moved to.

    ``scale`` maps positions to values (:class:`~.scale.Scale`); the values are rounded as the
    parameter's field shows them.
    """

    edited = Signal(object)  # Range

    def __init__(self, p: Param, scale, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.p, self.scale, self.shape = p, scale, "pert"
        self.setObjectName(p.key + ".range")
        self.setRange(0, STEPS)
        self.setValue((400, 500, 600))
        self.setBarMovesAllHandles(False)  # dragging the bar would move the likely value too
        self.valueChanged.connect(lambda _: self.edited.emit(self.range_value()))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        group = QActionGroup(self)
        self.shape_actions = {}
        for shape, text in SHAPES.items():
            a = QAction(text, self, checkable=True)
            a.triggered.connect(lambda _=False, s=shape: self._reshape(s))
            group.addAction(a)
            self.addAction(a)
            self.shape_actions[shape] = a

    def range_value(self) -> Range:
        """The range under the handles, each end rounded as the field shows it."""
        ends = [self.scale.snap(self.scale.value(x)) for x in self.value()]
        if len(ends) == 2:
            return Range(ends[0], ends[1], shape="uniform")
        return Range(*ends, shape=self.shape)

    def set_range_value(self, r: Range) -> None:
        """Show ``r`` without announcing it."""
        self.shape = r.shape
        self.shape_actions[r.shape].setChecked(True)
        ends = (r.low, r.high) if r.likely is None else (r.low, r.likely, r.high)
        self.blockSignals(True)
        self.setValue(tuple(self.scale.position(v) for v in ends))
        self.blockSignals(False)

    def around(self, value: float) -> Range:
        """A new range around ``value``: PERT, ends a tenth of the travel either side."""
        at = self.scale.position(value)
        lo, hi = max(0, at - SPREAD), min(STEPS, at + SPREAD)
        snap = self.scale.snap
        return Range(snap(self.scale.value(lo)), value, snap(self.scale.value(hi)))

    def _reshape(self, shape: str) -> None:
        """Right-click: another shape; uniform drops the likely value, the others take the
        middle of the range when there was none."""
        r = self.range_value()
        if shape == "uniform":
            r = Range(r.low, r.high, shape="uniform")
        else:
            likely = r.likely if r.likely is not None else self.scale.snap(
                self.scale.value(sum(self.value()) // 2))
            r = Range(r.low, likely, r.high, shape=shape)
        self.edited.emit(r)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The slider, then the likely value's handle drawn hollow so it reads as the mark."""
        super().paintEvent(event)
        if len(self.value()) != 3:
            return
        rect = self._handleRect(1)  # superqt's own handle geometry
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().windowText().color(), 2))
        painter.setBrush(self.palette().base())
        d = min(rect.width(), rect.height()) * 0.45
        painter.drawEllipse(rect.center(), d / 2, d / 2)
        painter.end()
