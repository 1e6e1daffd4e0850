"""Every text a room reads meets WCAG AA contrast (4.5:1) in the light and the dark theme.

Widgets are checked as drawn: each visible text's colour (from its palette, as the style
sheets set it) against the background actually painted behind it (the commonest colour of
its area in a grab of the whole window). Chart texts are checked against the chart's
background colour.
"""

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QTabBar
from superqt import QCollapsible

import inches
from inches.gui.main_window import MainWindow
from inches.gui.presenting.view import PresenterView
from inches.gui.theme import DARK, LIGHT

AA = 4.5
WAIT = 20_000


def luminance(c: QColor) -> float:
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _background(image, rect) -> QColor:
    """The commonest colour in ``rect`` of ``image``: what the text is drawn on."""
    counts = Counter()
    for x in range(rect.left(), rect.right() + 1, max(1, rect.width() // 40)):
        for y in range(rect.top(), rect.bottom() + 1, max(1, rect.height() // 12)):
            if 0 <= x < image.width() and 0 <= y < image.height():
                counts[image.pixel(x, y)] += 1
    return QColor.fromRgb(counts.most_common(1)[0][0]) if counts else None


def _text_color(w) -> QColor:
    if isinstance(w, QLineEdit):
        return w.palette().color(QPalette.ColorRole.Text)
    if isinstance(w, QAbstractButton) and not isinstance(w, QCheckBox):
        return w.palette().color(QPalette.ColorRole.ButtonText)
    return w.palette().color(w.foregroundRole())


def _texts(top):
    widgets = [w for cls in (QLabel, QAbstractButton, QLineEdit) for w in top.findChildren(cls)]
    for w in widgets:
        text = w.text() if hasattr(w, "text") else ""
        if w.isVisible() and text.strip() and w.width() > 4 and w.height() > 4:
            yield w, text


def _failures(top) -> list[str]:
    image = top.grab().toImage()
    out = []
    for w, text in _texts(top):
        rect = w.rect().translated(w.mapTo(top, w.rect().topLeft()))
        bg = _background(image, rect)
        if bg is None:  # scrolled out of the picture
            continue
        ratio = contrast(_text_color(w), bg)
        if ratio < AA:
            out.append(f"{type(w).__name__} {w.objectName()!r} {text!r}: {ratio:.2f}")
    for bar in top.findChildren(QTabBar):
        for i in range(bar.count() if bar.isVisible() else 0):
            rect = bar.tabRect(i).translated(bar.mapTo(top, bar.rect().topLeft()))
            ratio = contrast(bar.palette().color(QPalette.ColorRole.WindowText),
                             _background(image, rect))
            if ratio < AA:
                out.append(f"tab {bar.tabText(i)!r}: {ratio:.2f}")
    return out


def _chart_failures(charts, theme) -> list[str]:
    out = []
    bg = QColor(theme.background)
    for name, plot in charts.plot_widgets().items():
        item = plot.getPlotItem()
        colors = {"title": QColor(theme.text)}
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            colors[f"{side} ticks"] = axis.textPen().color()
            colors[f"{side} label"] = QColor(axis.labelStyle.get("color", theme.text))
        if plot.legend is not None:
            colors["legend"] = QColor(plot.legend.opts["labelTextColor"])
        colors["note"] = plot.note.color
        for what, color in colors.items():
            if contrast(color, bg) < AA:
                out.append(f"{name} {what}: {contrast(color, bg):.2f}")
    return out


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_in_the_window_is_readable(qtbot, theme):
    """Window, panel (every group open), headline, tabs and charts, in both themes."""
    w = MainWindow(persist=False, theme=theme)
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    s = inches.load_scenario("dell-2009").with_values({"trials": 1000})
    w.controller.load(s)
    qtbot.waitUntil(lambda: w.controller.result is not None
                    and w.controller.result.scenario is s, timeout=WAIT)
    for more in w.panel.findChildren(QCollapsible):
        more.expand(animate=False)
    qtbot.wait(50)
    assert _failures(w) == []
    assert _chart_failures(w.charts, theme) == []
    w.controller.stop()


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_on_the_presenter_page_is_readable(qtbot, theme):
    """Title, caption, big numbers, note, sliders and buttons of the presenter page."""
    view = PresenterView(theme)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.fit_to(1366, 768)
    view.set_step("Same money, two ways", "A caption the room reads.",
                  ("deals.reps", "deals.rep_cost", "community.staff_cost"), 6, 8)
    s = inches.load_scenario("dell-2009").with_values({"equal_budget": True})
    view.set_scenario(s)
    view.set_pinned(True)
    view.show_result(inches.simulate(s, trials=1000), True)
    view.show()
    qtbot.waitExposed(view)
    assert "Same money" in view.note.text()
    assert _failures(view) == []
    assert _chart_failures(view.charts, theme) == []


def test_a_theme_switch_is_done_in_turns_without_a_half_coloured_frame(qtbot):
    """The switch restyles one surface per turn of the event loop (the window answers between
    them) and holds the window's repaint until every surface is in the new theme."""
    w = MainWindow(persist=False, theme=LIGHT)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.result is not None, timeout=WAIT)
    plots = w.charts.plot_widgets().values()
    w.set_theme(DARK)
    assert w.restyling.busy and not w.updatesEnabled()  # the panel now, the charts next turn
    assert all(p.backgroundBrush().color() == QColor(LIGHT.background) for p in plots)
    qtbot.waitUntil(lambda: not w.restyling.busy, timeout=WAIT)
    assert w.updatesEnabled()
    assert all(p.backgroundBrush().color() == QColor(DARK.background) for p in plots)
    assert _failures(w) == [] and _chart_failures(w.charts, DARK) == []
    w.controller.stop()
