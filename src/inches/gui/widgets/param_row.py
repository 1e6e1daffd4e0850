"""One parameter's controls: a slider with fine control where it matters, and a value field.

The slider spends most of its travel on the parameter's plausible range (80 %, the rest
split between the ends of the allowed range), logarithmically where the range spans decades,
so a presenter can hit a value live; values beyond the plausible range stay reachable at the
slider's ends or by typing. Arrow keys step by the smallest change the field shows,
Page Up/Down by a twentieth of the travel.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QSlider, QWidget

from ...model.params import Param
from ...text import SHORT_UNITS, parse_integer, parse_number

STEPS = 1000  # slider positions end to end
INNER = 0.8  # share of the travel given to the plausible range
COARSE = STEPS // 20  # Page Up / Page Down


class Scale:
    """The map between slider positions 0..STEPS and a parameter's values."""

    def __init__(self, p: Param):
        self.p = p
        self.log = p.log and p.lo > 0
        lo, hi = p.plausible if p.plausible else (p.lo, p.hi)
        ends = [self._t(p.lo), self._t(max(lo, p.lo)), self._t(min(hi, p.hi)), self._t(p.hi)]
        outer = (1.0 - INNER) / max(1, (ends[1] > ends[0]) + (ends[3] > ends[2]))
        shares = [outer if ends[1] > ends[0] else 0.0, 0.0, outer if ends[3] > ends[2] else 0.0]
        shares[1] = 1.0 - shares[0] - shares[2]
        self.knots = ends  # in (log) value space
        self.at = [0.0, shares[0], shares[0] + shares[1], 1.0]  # fractions of the travel

    def _t(self, v: float) -> float:
        return math.log10(v) if self.log else float(v)

    def value(self, position: int) -> float:
        """The (unrounded) value at ``position``."""
        f = min(max(position / STEPS, 0.0), 1.0)
        for i in range(3):
            if f <= self.at[i + 1] or i == 2:
                a, b = self.at[i], self.at[i + 1]
                w = 0.0 if b <= a else (f - a) / (b - a)
                t = self.knots[i] + (self.knots[i + 1] - self.knots[i]) * w
                return 10.0 ** t if self.log else t
        raise AssertionError("unreachable")

    def position(self, value: float) -> int:
        """The slider position closest to ``value``."""
        t = self._t(min(max(value, self.p.lo), self.p.hi))
        for i in range(3):
            k0, k1 = self.knots[i], self.knots[i + 1]
            if t <= k1 or i == 2:
                w = 0.0 if k1 <= k0 else (t - k0) / (k1 - k0)
                return round(STEPS * (self.at[i] + (self.at[i + 1] - self.at[i]) * w))
        raise AssertionError("unreachable")

    def snap(self, v: float) -> float:
        """``v`` rounded as the field shows it: whole, to the parameter's decimals, or to three
        significant figures on a log scale."""
        p = self.p
        if p.integer:
            v = round(v)
        elif self.log:
            v = float(f"{v:.3g}")
        else:
            v = round(v, p.decimals)
        return min(max(v, p.lo), p.hi)

    def plausible_share(self) -> float:
        """The share of the travel spent on the plausible range."""
        return self.at[2] - self.at[1]


class ParamSlider(QSlider):
    """A horizontal slider over :class:`Scale` positions; objectName is the parameter's key."""

    def __init__(self, p: Param, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.scale = Scale(p)
        self.setObjectName(p.key)
        self.setRange(0, STEPS)
        self.setSingleStep(1)
        self.setPageStep(COARSE)

    def param_value(self) -> float:
        """The value under the handle, rounded as the field shows it."""
        return self.scale.snap(self.scale.value(self.value()))

    def set_param_value(self, v: float) -> None:
        """Move the handle to ``v`` (signals as a user's move would)."""
        self.setValue(self.scale.position(v))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Arrows: the smallest step the field shows; Page Up/Down: a twentieth of the travel."""
        key = event.key()
        up = key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_PageUp)
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.setValue(self.value() + (COARSE if up else -COARSE))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            now, pos = self.param_value(), self.value()
            step = 1 if up else -1
            while 0 <= pos + step <= STEPS:
                pos += step
                if self.scale.snap(self.scale.value(pos)) != now:
                    break
            self.setValue(pos)
        else:
            super().keyPressEvent(event)


def parse_typed(p: Param, text: str) -> float | int:
    """A number typed in ``p``'s field, read as everywhere else (:func:`inches.text.
    parse_number`: a point for decimals, no thousands separators, a hint otherwise); the
    field's own "$" and unit may be left in place."""
    t = text.strip().removeprefix("$").strip()
    unit = SHORT_UNITS.get(p.unit, f" {p.unit}").strip()
    if unit:
        t = t.removesuffix(unit).strip()
    value = parse_integer(t) if p.integer else parse_number(t)
    if not p.lo <= value <= p.hi:
        raise ValueError(f"{p.label} {text.strip()} is out of range (allowed {p.range_text()})")
    return value


def editable(p: Param, v: float) -> str:
    """The value as the user edits it: the bare number, no separators, no unit."""
    return str(int(v)) if p.integer else f"{v:.{p.decimals + (3 if p.log else 0)}f}".rstrip(
        "0").rstrip(".") or "0"


def field_text(p: Param, v: float) -> str:
    """The field's text for ``v``: the number with its short unit ($250,000, 12.0 mo)."""
    digits = f"{v:,.{0 if p.integer else p.decimals}f}"
    if p.log and not p.integer and v < 100:
        digits = f"{v:,.3g}"
    unit = SHORT_UNITS.get(p.unit, f" {p.unit}" if p.unit and not p.unit.startswith("$") else "")
    return f"${digits}{unit}" if p.unit.startswith("$") else f"{digits}{unit}"


class ValueField(QLineEdit):
    """The value with its unit; typing a number and Enter (or leaving the field) sets it.

    A value that cannot be read turns the field red and says why in its tooltip; the text
    stays as typed until it is fixed or Escape puts the value back.
    """

    committed = Signal(object)
    refused = Signal(str)

    def __init__(self, p: Param, parent: QWidget | None = None):
        super().__init__(parent)
        self.p, self.value = p, float(p.default)
        self.setObjectName(p.key + ".value")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self._commit)
        self.show_value(self.value)

    def show_value(self, v: float) -> None:
        self.value = float(v)
        self.setProperty("bad", False)
        self.setText(field_text(self.p, v))

    def _commit(self) -> None:
        if self.text() in (field_text(self.p, self.value), editable(self.p, self.value)):
            if not self.hasFocus():
                self.show_value(self.value)
            return
        try:
            v = parse_typed(self.p, self.text())
        except ValueError as e:
            self._bad(f"{self.p.label}: {e}")
            return
        self.committed.emit(v)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Editing starts from the bare number: what is typed reads like the command line."""
        super().focusInEvent(event)
        if not self.property("bad"):
            self.setText(editable(self.p, self.value))
            self.selectAll()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if not self.property("bad"):
            self.show_value(self.value)

    def _bad(self, message: str) -> None:
        self.setProperty("bad", True)
        self.setToolTip(message)
        self.style().unpolish(self)
        self.style().polish(self)
        self.refused.emit(message)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.property("bad"):
            self.show_value(self.value)
            self.style().unpolish(self)
            self.style().polish(self)
            return
        super().keyPressEvent(event)


class ParamRow(QObject):
    """Label, value field and slider for one parameter; double-click resets it."""

    changed = Signal(str, object)  # key, value
    dragging = Signal(bool)
    reset = Signal(str)
    refused = Signal(str)  # a typed value that cannot be used, in one sentence

    def __init__(self, p: Param, parent: QWidget):
        super().__init__(parent)
        self.param = p
        self.label = QLabel(p.label, parent)
        self.slider = ParamSlider(p, parent)
        self.field = ValueField(p, parent)
        tip = p.tooltip() + "\nDouble-click to reset to the default."
        for w in (self.label, self.slider, self.field):
            w.setToolTip(tip)
            w.installEventFilter(self)
        self.slider.valueChanged.connect(self._slid)
        self.slider.sliderPressed.connect(lambda: self.dragging.emit(True))
        self.slider.sliderReleased.connect(lambda: self.dragging.emit(False))
        self.field.committed.connect(self._typed)
        self.field.refused.connect(self.refused)

    def set_value(self, value: float) -> None:
        """Show ``value`` without announcing it."""
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.scale.position(value))
        self.slider.blockSignals(False)
        self.field.show_value(value)

    def set_enabled(self, enabled: bool) -> None:
        for w in (self.slider, self.field):
            w.setEnabled(enabled)

    def _slid(self, _position: int) -> None:
        v = self.slider.param_value()
        self.field.show_value(v)
        self.changed.emit(self.param.key, v)

    def _typed(self, v: float) -> None:
        self.set_value(v)
        self.changed.emit(self.param.key, v)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.MouseButtonDblClick and obj is not self.field:
            self.reset.emit(self.param.key)
            return True
        return False
