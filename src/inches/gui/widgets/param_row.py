"""One parameter's controls: a slider with fine control where it matters, and a value field.

The slider spends most of its travel on the parameter's plausible range (80 %, the rest
split between the ends of the allowed range), logarithmically where the range spans decades,
so a presenter can hit a value live; values beyond the plausible range stay reachable at the
slider's ends or by typing. Arrow keys step by the smallest change the field shows,
Page Up/Down by a twentieth of the travel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSlider,
    QStackedLayout,
    QToolButton,
    QWidget,
)

from ...model.params import Param, Role
from ...model.uncertainty import Range, check_range, parse_range
from ...text import SHORT_UNITS, param_value, parse_integer, parse_number
from .range_track import RangeTrack, range_text
from .scale import COARSE, STEPS, Scale


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


def parse_typed(p: Param, text: str) -> float | int | Range:
    """A number typed in ``p``'s field, read as everywhere else (:func:`inches.text.
    parse_number`: a point for decimals, no thousands separators, a hint otherwise); the
    field's own "$" and unit may be left in place. ``6..12..24`` or ``6..24`` is a range, as on
    the command line, where ``p`` may take one."""
    t = text.strip().removeprefix("$").strip()
    unit = SHORT_UNITS.get(p.unit, f" {p.unit}").strip()
    if unit:
        t = t.removesuffix(unit).strip()
    if ".." in t and p.has(Role.RANGE):
        return check_range(p, parse_range(p, t))
    value = parse_integer(t) if p.integer else parse_number(t)
    if not p.lo <= value <= p.hi:
        raise ValueError(f"{p.label} {text.strip()} is out of range (allowed {p.range_text()})")
    return value


def editable(p: Param, v: float | Range) -> str:
    """The value as the user edits it: the bare number, no separators, no unit (a range as
    ``6..12..24``)."""
    if isinstance(v, Range):
        return v.text()
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

    def show_value(self, v: float | Range) -> None:
        self.value = v if isinstance(v, Range) else float(v)
        self.setProperty("bad", False)
        self.setText(self.shown())

    def shown(self) -> str:
        """The field's text for its value (a range as short as the field allows)."""
        v = self.value
        return range_text(self.p, v, field_text) if isinstance(v, Range) else field_text(self.p, v)

    def _commit(self) -> None:
        if self.text() in (self.shown(), editable(self.p, self.value)):
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
    """Label, value field and slider for one parameter; double-click resets it.

    A parameter that may take a range has a ± button: on, its slider becomes a
    :class:`~.range_track.RangeTrack` (low, likely, high); off, the likely value is kept.
    ``track`` holds whichever of the two is shown.
    """

    changed = Signal(str, object)  # key, value
    dragging = Signal(bool)
    reset = Signal(str)
    refused = Signal(str)  # a typed value that cannot be used, in one sentence

    def __init__(self, p: Param, parent: QWidget):
        super().__init__(parent)
        self.param = p
        self.label = QLabel(p.label, parent)
        self.track = QWidget(parent)
        self._stack = QStackedLayout(self.track)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self.slider = ParamSlider(p, self.track)
        self._stack.addWidget(self.slider)
        self.field = ValueField(p, parent)
        self.ranger = self.toggle = None
        if p.has(Role.RANGE):
            self._add_range()
        self.tip = p.tooltip() + "\nDouble-click to reset to the default."
        for w in (self.label, self.slider, self.field, self.ranger):
            if w is not None:
                w.setToolTip(self.tip)
                w.installEventFilter(self)
        for track in (self.slider, self.ranger):
            if track is not None:
                track.sliderPressed.connect(lambda: self.dragging.emit(True))
                track.sliderReleased.connect(lambda: self.dragging.emit(False))
        self.slider.valueChanged.connect(self._slid)
        self.field.committed.connect(self._typed)
        self.field.refused.connect(self.refused)
        self.set_value(p.default)  # slider and field agree from the start

    def _add_range(self) -> None:
        self.ranger = RangeTrack(self.param, self.slider.scale, self.track)
        self.ranger.setStyleSheet("")  # superqt's own rules: no sub-page under the low handle
        self._stack.addWidget(self.ranger)
        self.ranger.edited.connect(self._ranged)
        self.toggle = QToolButton(self.track.parentWidget())
        self.toggle.setText("±")
        self.toggle.setCheckable(True)
        self.toggle.setObjectName(self.param.key + ".range_toggle")
        self.toggle.setToolTip(f"Not sure of the {self.param.label.lower()}? Give a range: "
                               "low, likely and high. Each future draws its own value.\n"
                               "Right-click the range for its shape; click again for one value "
                               "(the likely one).")
        self.toggle.clicked.connect(self._toggled)

    @property
    def ranged(self) -> bool:
        """Whether the row shows a range."""
        return self.ranger is not None and self._stack.currentWidget() is self.ranger

    def set_value(self, value: float | Range) -> None:
        """Show ``value`` (a number, or a range where the parameter takes one) quietly."""
        is_range = isinstance(value, Range)
        if self.ranger is not None and not self.ranger.isSliderDown():
            # (a range dragged to zero width is a number: its handles stay until let go)
            self._stack.setCurrentWidget(self.ranger if is_range else self.slider)
            self.toggle.setChecked(is_range)
        if is_range:
            self.ranger.set_range_value(value)
        else:
            self.slider.blockSignals(True)
            self.slider.setValue(self.slider.scale.position(value))
            self.slider.blockSignals(False)
        self.field.show_value(value)
        self.field.setToolTip(self.tip if not is_range else
                              f"{param_value(self.param, value)}\n{self.tip}")

    def set_enabled(self, enabled: bool) -> None:
        for w in (self.slider, self.field, self.ranger, self.toggle):
            if w is not None:
                w.setEnabled(enabled)

    def _toggled(self, on: bool) -> None:
        """± on: a range around the value; off: the range's likely value (one undo step)."""
        value = self.field.value
        point = value.point if isinstance(value, Range) else value
        self.toggle.setChecked(not on)  # the scenario decides, once the change is made
        self.changed.emit(self.param.key, self.ranger.around(point) if on else
                          self.slider.scale.snap(point))

    def _ranged(self, r: Range) -> None:
        self.field.show_value(r)
        self.changed.emit(self.param.key, r)

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
