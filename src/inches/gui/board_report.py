"""The one-page report for a board: scenario, verdict, fan chart, tornado, and how it was run.

The page is laid out as widgets (the app's own headline, charts and tornado) at A4 proportions
and rendered into Qt's PDF writer, so text and lines stay sharp at any zoom.
"""

from __future__ import annotations

import datetime
import html

from ..files.atomic import write_atomic
from ..model.params import PARAMS
from ..text import param_value
from .application import headless_application

PAGE_PX = (1240, 1754)  # A4 at 150 dpi
TOP_BARS = 8  # the tornado's largest bars


def _values_html(scenario) -> str:
    """Every parameter and its value, in three columns of a small table."""
    cells = [f"<td style='color:#5b6270'>{html.escape(p.label)}</td>"
             f"<td align='right'><b>{html.escape(param_value(p, scenario.values[p.key]))}"
             f"</b></td>" for p in PARAMS]
    rows = (len(cells) + 2) // 3
    body = "".join("<tr>" + "<td width='18'></td>".join(
        cells[r + c * rows] if r + c * rows < len(cells) else "<td></td><td></td>"
        for c in range(3)) + "</tr>" for r in range(rows))
    return f"<table cellspacing='0' cellpadding='2' width='100%'>{body}</table>"


def build_page(result, sensitivity=None, when: datetime.date | None = None):
    """The report as a widget (not shown), laid out at A4 proportions."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from .analysis_tabs.tornado import TornadoChart
    from .charts.tabs import ChartsView
    from .theme import LIGHT
    from .widgets.headline import HeadlineStrip

    when = when or datetime.date.today()
    page = QWidget()
    page.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    page.setAutoFillBackground(True)
    page.setStyleSheet("QWidget { background: white; color: #1d1f23; }")
    box = QVBoxLayout(page)
    box.setContentsMargins(56, 48, 56, 40)
    box.setSpacing(10)
    s = result.scenario
    title = QLabel(f"<span style='font-size:24pt; font-weight:700'>{html.escape(s.name)}</span>"
                   f"<br><span style='font-size:11pt; color:#5b6270'>Inches or miles: many "
                   f"small community wins against a few large deals. "
                   f"{when:%d %B %Y}.</span>")
    box.addWidget(title)
    head = HeadlineStrip(LIGHT)
    head.show_result(result)
    head.setStyleSheet(head.styleSheet() + "HeadlineStrip { background: #f4f5f7; }")
    box.addWidget(head)
    charts = ChartsView(LIGHT)
    charts.set_compact(True)
    charts.show_result(result)
    charts.setMinimumHeight(560)
    box.addWidget(charts, 3)
    if sensitivity is not None:
        tornado = TornadoChart()
        tornado.show_result(sensitivity, "gap", top=TOP_BARS)
        tornado.setMinimumHeight(420)
        box.addWidget(tornado, 2)
    values = QLabel(f"<span style='font-size:9pt'>{_values_html(s)}</span>")
    values.setTextFormat(Qt.TextFormat.RichText)
    box.addWidget(values)
    footer = QLabel(_footer_html(result, sensitivity))
    footer.setWordWrap(True)
    box.addWidget(footer)
    page.resize(*PAGE_PX)
    return page


def _footer_html(result, sensitivity) -> str:
    """How the figures were made, so anyone can reproduce them."""
    sens = (f" Sensitivity: {sensitivity.trials:,} futures per setting, each parameter at the "
            f"ends of its plausible range." if sensitivity is not None else "")
    return (f"<span style='font-size:9pt; color:#5b6270'>{result.trials:,} simulated "
            f"futures of {result.months} months, seed {result.seed}.{sens} Made with "
            f"Inches; every number can be reproduced with <i>inches run</i> and this "
            f"scenario's values.</span>")


def write_report(path: str, result, sensitivity=None, progress=None, cancel=None,
                 when: datetime.date | None = None) -> str:
    """Write the one-page PDF to ``path`` (atomically); computes the tornado if not given."""
    app = headless_application()
    if sensitivity is None:
        from ..analysis import sensitivity as run_sensitivity
        sensitivity = run_sensitivity(result.scenario, trials=min(1000, result.trials),
                                      progress=progress, cancel=cancel)
    page = build_page(result, sensitivity, when)
    page.show()
    for _ in range(3):
        app.processEvents()
    write_atomic(path, lambda tmp: _print(page, tmp, result.scenario.name))
    page.close()
    page.deleteLater()
    return path


def _print(page, path: str, title: str) -> bool:
    from PySide6.QtCore import QMarginsF, QPoint
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(path)
    writer.setTitle(f"Inches report: {title}")
    writer.setCreator("Inches")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setResolution(150)
    painter = QPainter(writer)
    try:
        scale = min(writer.width() / page.width(), writer.height() / page.height())
        painter.scale(scale, scale)
        page.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return True
