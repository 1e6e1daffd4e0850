"""The presenter page: one full-screen page a room reads from the back.

It shows the step's title and caption, big numbers, the fan chart beside the chance-ahead
chart, and only the sliders the step needs, all sized for a projector.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...model.params import BY_KEY, Role, keys_with
from ..charts.tabs import ChartsView
from ..theme import LIGHT, Theme
from ..widgets.big_numbers import BigNumbers
from ..widgets.params_panel import ParamsPanel

FREE_SLIDERS = keys_with(Role.HEADLINE)  # without a deck
BASE_SCALE = 2.0  # at 1920x1080: body text 20 pt, chart ticks 22 pt


def presentation_scale(width: int, height: int) -> float:
    """Type and line scale for a screen: 2.0 at 1920x1080, smaller screens in proportion."""
    return max(1.0, BASE_SCALE * min(width / 1920, height / 1080))


class PresenterView(QWidget):
    """The full-screen page: step text, big numbers, two charts, the step's sliders, a bar."""

    edited = Signal(str, float)  # a slider moved: key, value
    dragging = Signal(bool)
    reset = Signal(str)
    action = Signal(str)  # "back", "next", "pin", "play", "equal", "theme", "exit"

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("presenter")
        self.setAutoFillBackground(True)
        self.theme, self.scale = theme, BASE_SCALE
        self.sliders: tuple[str, ...] = FREE_SLIDERS
        self._controls = True
        self._pinned, self._equal_note = False, ""
        box = QVBoxLayout(self)
        self._box = box
        head = QHBoxLayout()
        text = QVBoxLayout()
        self.title = QLabel("", self)
        self.title.setObjectName("stepTitle")
        self.caption = QLabel("", self)
        self.caption.setObjectName("stepCaption")
        self.caption.setWordWrap(True)
        text.addWidget(self.title)
        text.addWidget(self.caption)
        head.addLayout(text, 1)
        self.counter = QLabel("", self)
        self.counter.setObjectName("stepCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.counter)
        box.addLayout(head)
        self.numbers = BigNumbers(theme, self)
        box.addWidget(self.numbers)
        self.note = QLabel("", self)  # "Same money, two ways: ..." when the toggle is on
        self.note.setObjectName("stepNote")
        self.note.setWordWrap(True)
        box.addWidget(self.note)
        self.charts = ChartsView(theme, self)
        self.charts.set_compact(True)
        box.addWidget(self.charts, 1)
        self.panel: ParamsPanel | None = None
        self._bar = self._build_bar()
        box.addLayout(self._bar)
        self.set_sliders(FREE_SLIDERS)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs = (("back", "◀ Back", "Previous step (Left, Page Up)"),
                 ("next", "Next ▶", "Next step (Right, Page Down, Space)"),
                 ("pin", "Pin (B)", "Freeze these results as a faded ghost behind the charts"),
                 ("play", "Play (P)", "Play the futures month by month; P again pauses"),
                 ("theme", "Dark", "Switch between the light and the dark theme"),
                 ("exit", "Exit (Esc)", "Leave presentation mode"))
        for key, text, tip in specs:
            b = QPushButton(text, self)
            b.setObjectName(f"present_{key}")
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows and Space belong to the deck
            b.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            self.buttons[key] = b
        self.equal = QCheckBox("Same money, two ways", self)
        self.equal.setObjectName("present_equal")
        self.equal.setToolTip(BY_KEY["equal_budget"].tooltip())
        self.equal.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.equal.clicked.connect(lambda _=False: self.action.emit("equal"))
        for key in ("back", "next"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        bar.addWidget(self.equal)
        for key in ("pin", "play", "theme", "exit"):
            bar.addWidget(self.buttons[key])
        return bar

    # --- content ----------------------------------------------------------------------------
    def set_step(self, title: str, caption: str, sliders, index: int | None, count: int) -> None:
        """Show a step's words and only its sliders (``index`` None: no deck)."""
        self.title.setText(title)
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        self.counter.setText("" if index is None else f"{index + 1} / {count}")
        deck_controls = index is not None and self._controls
        self.buttons["back"].setVisible(deck_controls)
        self.buttons["next"].setVisible(deck_controls)
        if index is not None:
            self.buttons["back"].setEnabled(index > 0)
            self.buttons["next"].setEnabled(index < count - 1)
        if tuple(sliders) != self.sliders or self.panel is None:
            self.set_sliders(tuple(sliders))

    def set_sliders(self, keys: tuple[str, ...]) -> None:
        """Rebuild the slider strip with ``keys`` (3 to 6 in a story)."""
        self.sliders = keys
        if self.panel is not None:
            self._box.removeWidget(self.panel)
            self.panel.hide()
            self.panel.deleteLater()
        self.panel = ParamsPanel(self.theme, self, keys=list(keys), horizontal=True)
        self.panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        for row in self.panel.rows.values():
            row.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.panel.changed.connect(self.edited)
        self.panel.dragging.connect(self.dragging)
        self.panel.reset.connect(self.reset)
        self._box.insertWidget(self._box.count() - 1, self.panel)
        self.panel.set_theme(self.theme, self.scale)

    def set_controls_visible(self, visible: bool) -> None:
        """The button bar (hidden on handout pages, where nothing can be pressed)."""
        self._controls = visible
        for w in (*self.buttons.values(), self.equal):
            w.setVisible(visible)
        in_deck = visible and bool(self.counter.text())
        self.buttons["back"].setVisible(in_deck)
        self.buttons["next"].setVisible(in_deck)

    def set_scenario(self, scenario) -> None:
        if self.panel is not None:
            self.panel.set_scenario(scenario)
        equal = bool(scenario.values["equal_budget"])
        self.equal.setChecked(equal)
        v = scenario.values
        self._equal_note = (f"Same money, two ways: {scenario.community_staff():.1f} community "
                            f"staff cost what {v['deals.reps']:.0f} sales reps cost each month."
                            if equal else "")
        self._show_note()

    def _show_note(self) -> None:
        parts = [self._equal_note,
                 "Dashed: the pinned results." if self._pinned else ""]
        text = "  ".join(p for p in parts if p)
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_result(self, result, refined: bool) -> None:
        self.numbers.show_result(result)
        self.charts.show_result(result, stagger=not refined)

    def set_pinned(self, pinned: bool) -> None:
        self._pinned = pinned
        self.buttons["pin"].setText("Clear pin (B)" if pinned else "Pin (B)")
        self._show_note()

    def set_playing(self, playing: bool) -> None:
        self.buttons["play"].setText("Pause (P)" if playing else "Play (P)")

    # --- look -------------------------------------------------------------------------------
    def fit_to(self, width: int, height: int) -> None:
        """Size type and lines for a ``width`` x ``height`` screen."""
        self.set_look(self.theme, presentation_scale(width, height))

    def set_look(self, theme: Theme, scale: float) -> None:
        self.theme, self.scale = theme, scale
        self.buttons["theme"].setText("Light" if theme.name == "dark" else "Dark")
        pal = self.palette()
        pal.setColor(self.backgroundRole(), theme.background)
        self.setPalette(pal)

        def pt(x):
            return round(x * scale)
        m = pt(12)
        self._box.setContentsMargins(m, pt(8), m, pt(6))
        self._box.setSpacing(pt(5))
        self.setStyleSheet(
            f"QLabel {{ color: {theme.text}; }}"
            f"QLabel#stepTitle {{ font-size: {pt(17)}pt; font-weight: 700; }}"
            f"QLabel#stepCaption {{ font-size: {pt(11)}pt; }}"
            f"QLabel#stepNote {{ font-size: {pt(10)}pt; color: {theme.muted}; }}"
            f"QLabel#stepCounter {{ font-size: {pt(11)}pt; color: {theme.muted}; }}"
            f"QPushButton, QCheckBox {{ font-size: {pt(10)}pt; color: {theme.text}; }}"
            f"QCheckBox::indicator {{ width: {pt(9)}px; height: {pt(9)}px; }}"
            f"QPushButton {{ padding: {pt(3)}px {pt(8)}px; background: {theme.panel};"
            f" border: 1px solid {theme.grid}; border-radius: {pt(3)}px; }}")
        self.numbers.set_theme(theme, scale)
        self.charts.set_theme(theme)
        self.charts.set_scale(scale)
        if self.panel is not None:
            self.panel.set_theme(theme, scale)
            self.panel.setStyleSheet(self.panel.styleSheet()
                                     + f"QLabel, QCheckBox {{ color: {theme.text}; }}")
