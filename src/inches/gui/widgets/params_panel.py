"""The parameter panel, generated from the one parameter declaration (model/params.py).

Each parameter is a row: its label and unit, a float slider (logarithmic where the range spans
decades) and an editable value field. Each slider's objectName is its parameter key
(``community.staff``), its field's is the key plus ``.value``. Double-click a row to reset it.
"""

from __future__ import annotations

import math
import random

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from superqt import QCollapsible, QDoubleSlider

from ...model.params import PARAMS, Param, Role
from ...model.scenario import Scenario
from ...text import LABEL, SHORT_UNITS
from ..theme import LIGHT, Theme

GROUPS = ("community", "deals", "run")
TITLES = {**LABEL, "run": "Run settings"}
FIELD_PX, SLIDER_PX = 100, 72  # at scale 1


class ParamRow(QObject):
    """Label, slider and value field for one parameter, placed on a grid row."""

    changed = Signal(str, float)  # key, value
    dragging = Signal(bool)
    reset = Signal(str)

    def __init__(self, p: Param, grid: QGridLayout, row: int, parent: QWidget):
        super().__init__(parent)
        self.param = p
        self.label = QLabel(p.label, parent)
        self.slider = QDoubleSlider(Qt.Orientation.Horizontal, parent)
        self.slider.setObjectName(p.key)
        lo, hi = (math.log10(p.lo), math.log10(p.hi)) if p.log else (p.lo, p.hi)
        self.slider.setRange(lo, hi)
        self.slider.setMinimumWidth(SLIDER_PX)
        self.field = QDoubleSpinBox(parent)
        self.field.setObjectName(p.key + ".value")
        self.field.setRange(p.lo, p.hi)
        self.field.setDecimals(0 if p.integer else p.decimals)
        self.field.setGroupSeparatorShown(True)
        self.field.setKeyboardTracking(False)
        self.field.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.field.setFixedWidth(FIELD_PX)
        if p.unit.startswith("$"):
            self.field.setPrefix("$")
        self.field.setSuffix(SHORT_UNITS.get(p.unit, ""))
        tip = p.tooltip() + "\nDouble-click to reset to the default."
        for w in (self.label, self.slider, self.field):
            w.setToolTip(tip)
            w.installEventFilter(self)
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.slider, row, 1)
        grid.addWidget(self.field, row, 2)
        self.slider.valueChanged.connect(self._slid)
        self.slider.sliderPressed.connect(lambda: self.dragging.emit(True))
        self.slider.sliderReleased.connect(lambda: self.dragging.emit(False))
        self.field.valueChanged.connect(self._typed)

    def set_value(self, value: float) -> None:
        """Show ``value`` without announcing it."""
        for w, v in ((self.slider, self._to_slider(value)), (self.field, value)):
            w.blockSignals(True)
            w.setValue(v)
            w.blockSignals(False)

    def set_enabled(self, enabled: bool) -> None:
        for w in (self.slider, self.field):
            w.setEnabled(enabled)

    def _to_slider(self, v: float) -> float:
        return math.log10(max(v, self.param.lo)) if self.param.log else v

    def _slid(self, position: float) -> None:
        p = self.param
        v = 10.0 ** position if p.log else position
        if p.integer:
            v = round(v)
        elif p.log:
            v = float(f"{v:.3g}")
        else:
            v = round(v, p.decimals)
        v = min(max(v, p.lo), p.hi)
        self.field.blockSignals(True)
        self.field.setValue(v)
        self.field.blockSignals(False)
        self.changed.emit(p.key, v)

    def _typed(self, v: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_slider(v))
        self.slider.blockSignals(False)
        self.changed.emit(self.param.key, v)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self.reset.emit(self.param.key)
            return True
        return False


class ParamsPanel(QWidget):
    """Every parameter in two groups, headline sliders first and the rest under "More"."""

    changed = Signal(str, float)  # key, value typed or slid
    dragging = Signal(bool)
    reset = Signal(str)

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None,
                 keys: list[str] | None = None, horizontal: bool = False):
        super().__init__(parent)
        self.rows: dict[str, ParamRow] = {}
        self.checks: dict[str, QCheckBox] = {}
        self._frames: dict[str, QFrame] = {}
        layout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        shown = [p for p in PARAMS if p.has(Role.PANEL) and (keys is None or p.key in keys)]
        for group in GROUPS:
            params = [p for p in shown if p.group == group]
            if params:
                layout.addWidget(self._group(group, params, more=keys is None and group != "run"))
        if horizontal:  # side by side (presenting), the groups share the width
            layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        else:
            layout.addStretch(1)
        self.set_theme(theme)

    def _group(self, group: str, params: list[Param], more: bool) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName(f"group_{group}")
        self._frames[group] = frame
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 8, 8, 8)
        title = QLabel(TITLES[group], frame)
        title.setObjectName("groupTitle")
        box.addWidget(title)
        head = [p for p in params if p.headline or not more]
        rest = [p for p in params if not (p.headline or not more)]
        box.addWidget(self._grid(head, frame))
        if rest:
            collapsible = QCollapsible(f"More {group} settings", frame,
                                       expandedIcon="▼", collapsedIcon="▶")
            collapsible.setObjectName(f"more_{group}")
            collapsible.addWidget(self._grid(rest, collapsible))
            collapsible.collapse(animate=False)
            box.addWidget(collapsible)
        return frame

    def _grid(self, params: list[Param], parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(1, 1)
        for i, p in enumerate(params):
            if p.key == "seed":
                self._seed_row(p, grid, i, holder)
                continue
            if p.boolean:
                box = QCheckBox(p.label, holder)
                box.setObjectName(p.key)
                box.setToolTip(p.tooltip())
                box.toggled.connect(lambda on, k=p.key: self.changed.emit(k, float(on)))
                grid.addWidget(box, i, 0, 1, 3)
                self.checks[p.key] = box
                continue
            row = ParamRow(p, grid, i, holder)
            row.changed.connect(self.changed)
            row.dragging.connect(self.dragging)
            row.reset.connect(self.reset)
            self.rows[p.key] = row
        return holder

    def _seed_row(self, p: Param, grid: QGridLayout, row: int, parent: QWidget) -> None:
        label = QLabel(p.label, parent)
        self.seed = QLineEdit(parent)
        self.seed.setObjectName("seed")
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{1,18}"), self))
        self.seed.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.seed.editingFinished.connect(
            lambda: self.seed.text() and self.changed.emit("seed", float(int(self.seed.text()))))
        new = QPushButton("New seed", parent)
        new.setObjectName("new_seed")
        new.clicked.connect(lambda: self.changed.emit("seed", float(random.randrange(2**31))))
        for w in (label, self.seed, new):
            w.setToolTip(p.tooltip() + "\nNew seed (Ctrl+R) draws other futures.")
        grid.addWidget(label, row, 0)
        grid.addWidget(new, row, 1)
        grid.addWidget(self.seed, row, 2)

    def set_scenario(self, scenario: Scenario) -> None:
        """Show the scenario's values (nothing is announced)."""
        if hasattr(self, "seed"):
            self.seed.setText(str(scenario.seed))
        for key, row in self.rows.items():
            row.set_value(scenario.values[key])
        for key, box in self.checks.items():
            box.blockSignals(True)
            box.setChecked(bool(scenario.values[key]))
            box.blockSignals(False)
        staff = self.rows.get("community.staff")
        if staff is not None:
            equal = bool(scenario.values["equal_budget"])
            staff.set_enabled(not equal)
            if equal:
                staff.set_value(min(scenario.community_staff(), staff.param.hi))
            staff.field.setToolTip(("Set by 'Same money, two ways': "
                                    f"{scenario.community_staff():.1f} FTE.\n" if equal else "")
                                   + staff.param.tooltip())

    def set_theme(self, theme: Theme, scale: float = 1.0) -> None:
        """Colour each group in its strategy's colour; ``scale`` enlarges type for projectors."""
        base = round(10 * scale)
        for row in self.rows.values():
            row.field.setFixedWidth(round(FIELD_PX * scale))
            row.slider.setMinimumWidth(round(SLIDER_PX * scale))
        css = [f"QWidget {{ font-size: {base}pt; }}",
               f"QLabel#groupTitle {{ font-size: {round(13 * scale)}pt; font-weight: 600; }}",
               ]
        for group, frame in self._frames.items():
            color = {"community": theme.inches, "deals": theme.miles}.get(group, theme.muted)
            frame.setStyleSheet(
                f"QFrame#group_{group} {{ border-left: 4px solid {color}; }}"
                f"QFrame#group_{group} QLabel#groupTitle {{ color: {color}; }}")
        self.setStyleSheet("\n".join(css))

