"""Big numbers for a room: each strategy's median cumulative net and the chance inches leads.

When a result changes, each figure counts from its old value to the new one over a short
transition, so the room sees which way and how far a number moved.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, Qt, QVariantAnimation
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ... import text as fmt
from ...text import SHORT
from ..theme import LIGHT, Theme

TRANSITION_MS = 350


class _Figure:
    """A label whose number glides to each new value; ``render`` turns a value into text."""

    def __init__(self, label: QLabel, render):
        self.label, self.render = label, render
        self.value: float | None = None
        self.animated = True
        self._anim = QVariantAnimation(label)
        self._anim.setDuration(TRANSITION_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(lambda v: label.setText(self.render(float(v))))

    def set(self, value: float) -> None:
        old, self.value = self.value, float(value)
        self._anim.stop()
        if old is None or not self.animated or old == value:
            self.label.setText(self.render(self.value))
            return
        self._anim.setStartValue(float(old))
        self._anim.setEndValue(self.value)
        self._anim.start()


class BigNumbers(QWidget):
    """Inches' and miles' median net (P5 to P95 beneath) and the chance inches is ahead."""

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bigNumbers")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(48)
        grid.setVerticalSpacing(0)
        self.figures: dict[str, _Figure] = {}
        self.subtitles: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        blocks = (("community", f"{SHORT['community']}: median net", fmt.money),
                  ("deals", f"{SHORT['deals']}: median net", fmt.money),
                  ("ahead", "Inches ahead", lambda p: fmt.percent(p)))
        for col, (key, caption, render) in enumerate(blocks):
            cap = QLabel(caption, self)
            cap.setObjectName(f"bigCaption_{key}")
            value = QLabel("-", self)
            value.setObjectName(f"big_{key}")
            sub = QLabel("", self)
            sub.setObjectName("bigSub")
            for row, w in enumerate((cap, value, sub)):
                grid.addWidget(w, row, col)
            self.figures[key] = _Figure(value, render)
            self.captions[key], self.subtitles[key] = cap, sub
        grid.setColumnStretch(len(blocks), 1)
        self.set_theme(theme)

    def set_animated(self, animated: bool) -> None:
        """Transitions on (live) or off (exports, tests)."""
        for f in self.figures.values():
            f.animated = animated

    def show_result(self, result, month: float | None = None) -> None:
        """The figures at the horizon, or as they stood at ``month`` (playback)."""
        m = result.months if month is None else min(result.months, max(1, int(month)))
        for key in ("community", "deals"):
            part = getattr(result, key)
            b = part.bands("cumulative_net")
            self.figures[key].set(float(b["p50"][m - 1]))
            loss = _loss(part, m)
            self.captions[key].setText(f"{SHORT[key]}: median net by month {m}")
            self.subtitles[key].setText(
                f"P5 to P95: {fmt.money(float(b['p5'][m - 1]))} to "
                f"{fmt.money(float(b['p95'][m - 1]))}"
                + ("" if loss is None else f" · loss {fmt.percent(loss)}"))
        lead = result.lead
        self.figures["ahead"].set(float(lead.ahead[m - 1]))
        close = " · too close to call" if lead.call[m - 1] == 0 else ""
        self.captions["ahead"].setText(f"Inches ahead by month {m}")
        self.subtitles["ahead"].setText(f"of {result.trials:,} futures{close}")

    def text(self) -> str:
        """Everything shown, as plain text (tests, accessibility)."""
        return " | ".join(f"{self.captions[k].text()} {f.label.text()} {self.subtitles[k].text()}"
                          for k, f in self.figures.items())

    def set_theme(self, theme: Theme, scale: float = 1.0) -> None:
        def pt(x):
            return round(x * scale)
        colors = {"community": theme.inches_text, "deals": theme.miles_text, "ahead": theme.text}
        css = [f"QLabel {{ color: {theme.text}; }}",
               f"QLabel#bigSub {{ font-size: {pt(10)}pt; color: {theme.muted}; }}"]
        for key, color in colors.items():
            css += [f"QLabel#big_{key} {{ font-size: {pt(26)}pt; font-weight: 700;"
                    f" color: {color}; }}",
                    f"QLabel#bigCaption_{key} {{ font-size: {pt(10)}pt; font-weight: 600;"
                    f" color: {color}; }}"]
        self.setStyleSheet("\n".join(css))
        for f in self.figures.values():
            f.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _loss(part, month: int) -> float | None:
    """The share of futures with a cumulative loss at ``month`` (None if not kept)."""
    if month == part.months:
        return part.summary["prob_loss"]
    net = part.cumulative_net
    return None if net is None else float((net[:, month - 1] < 0).mean())
