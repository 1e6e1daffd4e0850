"""The parameter panel, generated from the one parameter declaration (model/params.py).

In the window each parameter takes two lines: its label with the value field (number and
unit) on the first, a full-width slider on the second, so sliders stay long however many
groups are open. On the presenter page the chosen sliders stand side by side in one strip.
Each slider's objectName is its parameter key (``community.staff``), its field's the key plus
``.value``. Double-click a label or slider to reset it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from superqt import QCollapsible

from ...model.params import BY_KEY, PARAMS, Param, Role
from ...model.scenario import Scenario
from ...model.uncertainty import Range
from ...text import LABEL, parse_integer
from ..theme import LIGHT, Theme
from .param_row import ParamRow

GROUPS = ("community", "deals", "run")
TITLES = {**LABEL, "run": "Run settings"}
FIELD_PX = 120  # the value field's width at scale 1
STRIP_FIELD_PX, STRIP_SLIDER_PX = 96, 96  # on the presenter's strip (at least), six across
PRESENTER_HANDLE_PX = 28  # at least, on the presenter's strip (a room's pointer finds it)
HANDLE_PX = 16  # the slider handle's size at scale 1 (28 px and more when presenting)


class ParamsPanel(QWidget):
    """Every parameter in its group, headline sliders first and the rest under "More".

    With ``keys``, only those parameters; with ``strip``, side by side in one row.
    """

    changed = Signal(str, object)  # key, value typed or slid (whole numbers stay exact)
    dragging = Signal(bool)
    reset = Signal(str)
    refused = Signal(str)  # a typed value that cannot be used, in one sentence

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None,
                 keys: list[str] | None = None, strip: bool = False):
        super().__init__(parent)
        self.rows: dict[str, ParamRow] = {}
        self.checks: dict[str, QCheckBox] = {}
        self._frames: dict[str, QFrame] = {}
        self._more: list[QCollapsible] = []
        self.strip = strip
        layout = QHBoxLayout(self) if strip else QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        shown = [p for p in PARAMS if p.has(Role.PANEL) and (keys is None or p.key in keys)]
        for group in GROUPS:
            params = [p for p in shown if p.group == group]
            if params:
                layout.addWidget(self._group(group, params, more=keys is None and group != "run"),
                                 len(params) if strip else 0)
        if not strip:
            layout.addStretch(1)
        self.set_theme(theme)

    def _group(self, group: str, params: list[Param], more: bool) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName(f"group_{group}")
        self._frames[group] = frame
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 6, 6, 6)
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
            self._more.append(collapsible)
        return frame

    def _grid(self, params: list[Param], parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for i, p in enumerate(params):
            line, col = (0, 2 * i) if self.strip else (2 * i, 0)
            if p.key == "seed":
                self._seed_row(p, grid, line, holder)
            elif p.boolean:
                self._check(p, grid, line, col, holder)
            else:
                self._row(p, grid, line, col, holder)
        return holder

    def _row(self, p: Param, grid: QGridLayout, line: int, col: int, holder: QWidget) -> None:
        row = ParamRow(p, holder)
        field = row.field
        if row.toggle is not None:  # the range button just left of the value
            field = QWidget(holder)
            pair = QHBoxLayout(field)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(4)
            pair.addWidget(row.toggle)
            pair.addWidget(row.field)
            row.toggle.setVisible(not self.strip)  # a room sees ranges; they are set before
        if self.strip:  # label, slider, then its value: narrow columns, six across
            grid.addWidget(row.label, line, col, 1, 2)
            grid.addWidget(row.track, line + 1, col, 1, 2)
            grid.addWidget(field, line + 2, col, 1, 2)  # the column's width: ranges fit
        else:  # label and field above, a long slider below
            grid.addWidget(row.label, line, col)
            grid.addWidget(field, line, col + 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(row.track, line + 1, col, 1, 2)
        grid.setColumnStretch(col, 1)
        for signal, slot in ((row.changed, self.changed), (row.dragging, self.dragging),
                             (row.reset, self.reset), (row.refused, self.refused)):
            signal.connect(slot)
        self.rows[p.key] = row

    def _check(self, p: Param, grid: QGridLayout, line: int, col: int, holder: QWidget) -> None:
        box = QCheckBox(p.label, holder)
        box.setObjectName(p.key)
        box.setToolTip(p.tooltip())
        box.toggled.connect(lambda on, k=p.key: self.changed.emit(k, float(on)))
        grid.addWidget(box, line, col, 1, 2)
        self.checks[p.key] = box

    def _seed_row(self, p: Param, grid: QGridLayout, line: int, parent: QWidget) -> None:
        label = QLabel(p.label, parent)
        self.seed = QLineEdit(parent)
        self.seed.setObjectName("seed")
        self.seed.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{1,19}"), self))
        self.seed.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.seed.editingFinished.connect(self._seed_typed)
        new = QPushButton("New seed", parent)
        new.setObjectName("new_seed")
        new.clicked.connect(lambda: self.changed.emit("seed", random.randrange(2**31)))
        for w in (label, self.seed, new):
            w.setToolTip(p.tooltip() + "\nNew seed (Ctrl+R) draws other futures.")
        grid.addWidget(label, line, 0)
        grid.addWidget(self.seed, line, 1)
        grid.addWidget(new, line + 1, 0, 1, 2, Qt.AlignmentFlag.AlignRight)

    def _seed_typed(self) -> None:
        """A typed seed, exactly (every digit of up to 2^63 - 1 kept)."""
        text = self.seed.text()
        try:
            seed = parse_integer(text)
            BY_KEY["seed"].check(seed)
        except ValueError as e:
            self.refused.emit(f"Seed: {e}")
            return
        self.changed.emit("seed", seed)

    def set_scenario(self, scenario: Scenario) -> None:
        """Show the scenario's values (nothing is announced)."""
        if hasattr(self, "seed"):
            self.seed.setText(str(scenario.seed))
        for key, row in self.rows.items():
            value = scenario.values[key]  # a number, or a range
            if row.field.value != value or row.ranged != isinstance(value, Range):
                row.set_value(value)  # (unchanged rows are left alone: a drag moves one)
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
        for step in self.theme_steps(theme, scale):
            step()

    def theme_steps(self, theme: Theme, scale: float = 1.0) -> list[Callable[[], None]]:
        """:meth:`set_theme` in parts for a theme switch to take a turn each: the sizes, then
        each group's style sheet (every widget lies in a group; one sheet on the whole panel
        re-polished them all at once, 45-67 ms here), then the arrows of "More settings"."""
        def px(x):
            return round(x * scale)
        handle = max(px(HANDLE_PX), PRESENTER_HANDLE_PX if self.strip else 0)
        common = [f"QWidget {{ font-size: {px(10)}pt; }}",
                  f"QLabel#groupTitle {{ font-size: {px(13)}pt; font-weight: 600; }}",
                  f"QLineEdit {{ background: {theme.field}; color: {theme.text};"
                  f" border: 1px solid {theme.grid}; border-radius: 3px; padding: 1px 4px; }}",
                  f"QLineEdit[bad=\"true\"] {{ border: 2px solid {theme.miles_text}; }}",
                  f"QSlider::groove:horizontal {{ height: {px(4)}px; background: {theme.grid};"
                  f" border-radius: {px(2)}px; }}",
                  f"QSlider::sub-page:horizontal {{ background: {theme.muted};"
                  f" border-radius: {px(2)}px; }}",
                  # the margin rounds up: a handle drawn smaller than twice its radius is square
                  f"QSlider::handle:horizontal {{ width: {handle}px; height: {handle}px;"
                  f" margin: -{(handle - px(4) + 1) // 2}px 0; border-radius: {handle // 2}px;"
                  f" background: {theme.field}; border: {max(1, px(1.5))}px solid {theme.text}; }}",
                  f"QSlider::handle:horizontal:disabled {{ border-color: {theme.grid}; }}"]

        def sizes() -> None:
            for row in self.rows.values():
                if self.strip:
                    row.field.setMinimumWidth(px(STRIP_FIELD_PX))
                else:
                    row.field.setFixedWidth(px(FIELD_PX))
                row.track.setMinimumHeight(handle + 4)
                row.track.setMinimumWidth(px(STRIP_SLIDER_PX if self.strip else 120))
                if row.ranger is not None:
                    row.ranger.barColor = QColor(theme.muted)
                    row.toggle.setFixedSize(px(22), px(22))

        def group(name: str, frame: QFrame) -> None:
            color = {"community": theme.inches, "deals": theme.miles}.get(name, theme.muted)
            title = {"community": theme.inches_text, "deals": theme.miles_text}.get(name,
                                                                                 theme.muted)
            frame.setStyleSheet("\n".join(common + [
                f"QFrame#group_{name} {{ border-left: {px(4)}px solid {color}; }}",
                f"QLabel#groupTitle {{ color: {title}; }}"]))

        def arrows() -> None:  # drawn in the palette's text colour
            for more in self._more:
                more.setCollapsedIcon("▶")
                more.setExpandedIcon("▼")
        return [sizes, *(lambda n=n, f=f: group(n, f) for n, f in self._frames.items()), arrows]
