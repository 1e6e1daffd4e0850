"""The presenter page: one full-screen page a room reads from the back.

It shows the step's title and caption, big numbers, the fan chart beside the chance-ahead
chart, and only the sliders the step needs, all sized for a projector. Every region but the
charts has a fixed height (the caption keeps room for the longest caption a deck may have,
the note line and the slider strip are always there), so the charts keep one size through a
whole deck, pinned or not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...decks.deck import MAX_CAPTION
from ...model.params import BY_KEY, Role, keys_with
from ..charts.tabs import ChartsView
from ..theme import LIGHT, Theme
from ..widgets.big_numbers import BigNumbers
from ..widgets.params_panel import ParamsPanel

FREE_SLIDERS = keys_with(Role.HEADLINE)  # without a deck
BASE_SCALE = 2.0  # at 1920x1080: body text 20 pt, chart ticks 22 pt
LONG_CAPTION = ("A caption as long as a deck allows, to keep its room. " * 8)[:MAX_CAPTION]
BUTTONS = (("back", "◀ Back", "Previous step (Left, Page Up)"),
           ("next", "Next ▶", "Next step (Right, Page Down, Space)"),
           ("keep", "Keep this step", "Leave the deck with this step's values as one undoable "
                                      "edit (Esc leaves and puts back what you had)"),
           ("pin", "Pin (B)", "Freeze these results as a faded ghost behind the charts"),
           ("play", "Play (P)", "Play the futures month by month; P again pauses"),
           ("theme", "Dark", "Switch between the light and the dark theme"),
           ("exit", "Exit (Esc)", "Leave presentation mode"))


def presentation_scale(width: int, height: int) -> float:
    """Type and line scale for a screen: 2.0 at 1920x1080, smaller screens in proportion."""
    return max(1.0, BASE_SCALE * min(width / 1920, height / 1080))


class PresenterView(QWidget):
    """The full-screen page: step text, big numbers, two charts, the step's sliders, a bar."""

    edited = Signal(str, object)  # a slider moved: key, value (a whole number stays exact)
    dragging = Signal(bool)
    reset = Signal(str)
    action = Signal(str)  # "back", "next", "keep", "pin", "play", "equal", "theme", "exit"

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("presenter")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme, self.scale = theme, BASE_SCALE
        self._look = None  # the (theme, scale) the page was last styled in
        self.sliders: tuple[str, ...] = ()
        self._controls, self._in_deck = True, False
        self._pinned, self._equal_note = False, ""
        self._box = box = QVBoxLayout(self)
        self.title, self.caption, self.counter, self.note = (
            self._label(name) for name in ("stepTitle", "stepCaption", "stepCounter", "stepNote"))
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.counter)
        box.addLayout(head)
        box.addWidget(self.caption)
        self.numbers = BigNumbers(theme, self)
        box.addWidget(self.numbers)
        box.addWidget(self.note)  # "Same money, two ways: ...", "Dashed: the pinned results."
        self.charts = ChartsView(theme, self)
        self.charts.set_compact(True)
        box.addWidget(self.charts, 1)
        self.strip = QWidget(self)  # holds the step's slider panel at one fixed height
        QVBoxLayout(self.strip).setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.strip)
        self.panel: ParamsPanel | None = None
        box.addLayout(self._build_bar())
        self.set_sliders(FREE_SLIDERS)

    def _label(self, name: str) -> QLabel:
        label = QLabel("", self)
        label.setObjectName(name)
        return label

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in BUTTONS:
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
        for key in ("back", "next", "keep"):
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
        self.counter.setText("" if index is None else f"{index + 1} / {count}")
        self._in_deck = index is not None
        self._show_deck_buttons()
        if index is not None:
            self.buttons["back"].setEnabled(index > 0)
            self.buttons["next"].setEnabled(index < count - 1)
        if tuple(sliders) != self.sliders or self.panel is None:
            self.set_sliders(tuple(sliders))

    def _show_deck_buttons(self) -> None:
        for key in ("back", "next", "keep"):
            self.buttons[key].setVisible(self._in_deck and self._controls)

    def set_sliders(self, keys: tuple[str, ...]) -> None:
        """Rebuild the slider strip with ``keys`` (1 to 6 in a story)."""
        self.sliders = keys
        if self.panel is not None:
            self.panel.hide()
            self.panel.deleteLater()
        self.panel = ParamsPanel(self.theme, self.strip, keys=list(keys), strip=True)
        for row in self.panel.rows.values():
            row.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.panel.changed.connect(self.edited)
        self.panel.dragging.connect(self.dragging)
        self.panel.reset.connect(self.reset)
        self.strip.layout().addWidget(self.panel)
        self.panel.set_theme(self.theme, self.scale)

    def set_controls_visible(self, visible: bool) -> None:
        """The button bar (hidden on handout pages, where nothing can be pressed)."""
        self._controls = visible
        for w in (*self.buttons.values(), self.equal):
            w.setVisible(visible)
        self._show_deck_buttons()

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
        parts = [self._equal_note, "Dashed: the pinned results." if self._pinned else ""]
        self.note.setText("  ".join(p for p in parts if p))

    def show_result(self, result, hold: bool = False) -> None:
        """The big numbers now, the charts one per turn of the event loop (a handout's export
        draws any still waiting first); with ``hold``, axes only grow."""
        self.numbers.show_result(result)
        self.charts.show_result(result, stagger=True, hold=hold)

    def set_pinned(self, pinned: bool) -> None:
        self._pinned = pinned
        self.buttons["pin"].setText("Clear pin (B)" if pinned else "Pin (B)")
        self._show_note()

    def set_playing(self, playing: bool) -> None:
        self.buttons["play"].setText("Pause (P)" if playing else "Play (P)")

    # --- look -------------------------------------------------------------------------------
    @property
    def styled(self) -> bool:
        """The page has been given a look (set_look) at least once."""
        return self._look is not None

    def fit_to(self, width: int, height: int) -> None:
        """Size type and lines for a ``width`` x ``height`` screen (nothing to do when the page
        already has this look: entering presentation mode again is quick)."""
        scale = presentation_scale(width, height)
        if self._look != (self.theme, scale):
            self.set_look(self.theme, scale)

    def set_look(self, theme: Theme, scale: float) -> None:
        """Colours and sizes of every part of the page."""
        for step in self.look_steps(theme, scale):
            step()

    def look_steps(self, theme: Theme, scale: float) -> list[Callable[[], None]]:
        """:meth:`set_look` in three parts, a turn each in a theme switch (50 ms at once): the
        page's own style, its charts, its strip. A new colour alone leaves sizes as they are."""
        resized = self._look is None or self._look[1] != scale
        self.theme, self.scale = theme, scale
        self._look = (theme, scale)

        def charts() -> None:
            if resized:
                self.charts.theme = theme  # set_scale restyles every chart in it
                self.charts.set_scale(scale)
            else:
                self.charts.set_theme(theme)

        def strip() -> None:
            if self.panel is not None:
                self.panel.set_theme(theme, scale)
            if resized:
                self._fix_heights()
        return [lambda: self._style(theme, scale), charts, strip]

    def _style(self, theme: Theme, scale: float) -> None:
        self.buttons["theme"].setText("Light" if theme.dark else "Dark")

        def pt(x):
            return round(x * scale)
        m = pt(12)
        self._box.setContentsMargins(m, pt(8), m, pt(6))
        self._box.setSpacing(pt(5))
        self.setStyleSheet(
            f"QWidget#presenter {{ background: {theme.background}; }}"
            f"QLabel {{ color: {theme.text}; }}"
            f"QLabel#stepTitle {{ font-size: {pt(17)}pt; font-weight: 700; }}"
            f"QLabel#stepCaption {{ font-size: {pt(11)}pt; }}"
            f"QLabel#stepNote {{ font-size: {pt(10)}pt; color: {theme.muted}; }}"
            f"QLabel#stepCounter {{ font-size: {pt(11)}pt; color: {theme.muted}; }}"
            f"QPushButton, QCheckBox {{ font-size: {pt(9)}pt; color: {theme.text}; }}"
            f"QCheckBox::indicator {{ width: {pt(9)}px; height: {pt(9)}px; }}"
            f"QPushButton {{ padding: {pt(3)}px {pt(6)}px; background: {theme.panel};"
            f" border: 1px solid {theme.grid}; border-radius: {pt(3)}px; }}"
            f"QPushButton:disabled {{ color: {theme.muted}; }}")
        self.numbers.set_theme(theme, scale)

    def _fix_heights(self) -> None:
        """Give every region but the charts a height that no step's content changes."""
        for label in (self.title, self.note, self.caption, self.counter):
            label.ensurePolished()
        self.title.setFixedHeight(self.title.fontMetrics().height() + 4)
        self.note.setFixedHeight(self.note.fontMetrics().height() + 2)
        self._fit_caption()
        probe = ParamsPanel(self.theme, self.strip, strip=True,  # styled as the real strip
                            keys=["community.staff", "deals.reps", "months"])
        probe.hide()
        probe.set_theme(self.theme, self.scale)
        for w in (probe, *probe.findChildren(QWidget)):
            w.ensurePolished()
        self.strip.setFixedHeight(probe.sizeHint().height())
        probe.deleteLater()

    def _fit_caption(self) -> None:
        """Room for the longest caption a deck may have, wrapped at the page's width."""
        width = max(200, self.width() - self._box.contentsMargins().left() * 2)
        rect = self.caption.fontMetrics().boundingRect(0, 0, width, 10_000,
                                                       int(Qt.TextFlag.TextWordWrap),
                                                       LONG_CAPTION)
        self.caption.setFixedHeight(rect.height() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The caption's room follows the page's width."""
        super().resizeEvent(event)
        self._fit_caption()
