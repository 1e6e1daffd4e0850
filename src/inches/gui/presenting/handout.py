"""The handout: every step of a deck as the room saw it, one PDF page or PNG per step.

Each page is the presentation view at 1920x1080 (or another size) with the step's title,
caption, big numbers, charts and sliders, rendered off screen from a full run of the step.
"""

from __future__ import annotations

from pathlib import Path

from ...files.atomic import write_atomic
from ...model.engine import Engine
from ..application import headless_application

Size = tuple[int, int]


def render_steps(deck, size: Size = (1920, 1080), progress=None, steps=None, theme=None,
                 controls: bool = False) -> list:
    """A QImage of the presentation view at each step of ``deck`` (or only ``steps``, 0-based),
    in ``theme`` (light by default); ``controls`` keeps the button bar (screenshots)."""
    app = headless_application()
    from PySide6.QtCore import Qt

    from ..theme import LIGHT, apply
    from .view import PresenterView

    theme = theme or LIGHT
    apply(theme)
    view = PresenterView(theme)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(*size)
    view.fit_to(*size)
    view.numbers.set_animated(False)
    view.set_controls_visible(controls)  # a handout has no buttons to press
    view.show()
    engine, images = Engine(), []
    indices = range(len(deck.steps)) if steps is None else list(steps)
    for n, i in enumerate(indices):
        step, scenario = deck.steps[i], deck.scenario_at(i)
        result = engine.simulate(scenario)
        view.charts.prepare(result)
        view.set_step(step.title, step.caption, step.sliders, i, len(deck.steps))
        view.set_scenario(scenario)
        view.show_result(result)
        for _ in range(3):
            app.processEvents()
        view.charts.prepare_export()
        images.append(view.grab().toImage())
        if progress is not None:
            progress((n + 1) / len(indices))
    view.close()
    view.deleteLater()
    return images


def export_deck(deck, pdf: str | None = None, png_dir: str | None = None,
                size: Size = (1920, 1080), progress=None) -> list[str]:
    """Write the handout as a PDF (one page per step) and/or PNGs; returns the files written."""
    images = render_steps(deck, size, progress)
    written = []
    if png_dir:
        folder = Path(png_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for i, image in enumerate(images, start=1):
            path = folder / f"{deck.name}-step-{i:02d}.png"
            write_atomic(path, lambda tmp, im=image: im.save(tmp, "PNG"))
            written.append(str(path))
    if pdf:
        write_atomic(pdf, lambda tmp: _write_pdf(tmp, images, size, deck.title))
        written.append(str(pdf))
    return written


def _write_pdf(path: str, images: list, size: Size, title: str) -> bool:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(path)
    writer.setTitle(title)
    writer.setCreator("Inches")
    page = QPageSize(QSizeF(size[0] * 0.75, size[1] * 0.75), QPageSize.Unit.Point, "Slide")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setResolution(96)
    painter = QPainter(writer)
    try:
        for i, image in enumerate(images):
            if i:
                writer.newPage()
            target = QRectF(0, 0, writer.width(), writer.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True
