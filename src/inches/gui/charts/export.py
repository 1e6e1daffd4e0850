"""Exporting the visible tab of the chart area as PNG or SVG, written atomically."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ...files.atomic import write_atomic


def png(view, path: str, width: int = 1600, height: int = 900) -> None:
    """Write ``view``'s visible tab as a ``width`` x ``height`` PNG, laid out at that shape."""
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QtGui.QColor(view.theme.background))

    def paint(page: QtWidgets.QWidget) -> None:
        painter = QtGui.QPainter(image)
        painter.setRenderHints(QtGui.QPainter.RenderHint.Antialiasing
                               | QtGui.QPainter.RenderHint.TextAntialiasing)
        painter.scale(width / page.width(), height / page.height())
        page.render(painter, QtCore.QPoint(0, 0))
        painter.end()

    _render_page(view, paint, width / height)
    write_atomic(path, lambda tmp: image.save(tmp, "PNG"))


def svg(view, path: str) -> None:
    """Write ``view``'s visible tab as an SVG drawing at its on-screen size."""
    from PySide6.QtSvg import QSvgGenerator

    def write(tmp: str) -> None:
        def paint(page: QtWidgets.QWidget) -> None:
            gen = QSvgGenerator()
            gen.setFileName(tmp)
            gen.setSize(page.size())
            gen.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), page.size()))
            gen.setTitle("Inches against miles: " + view.tabText(view.currentIndex()))
            painter = QtGui.QPainter(gen)
            page.render(painter, QtCore.QPoint(0, 0))
            painter.end()
        _render_page(view, paint)

    write_atomic(path, write)


def _render_page(view, paint, aspect: float | None = None) -> None:
    """Call ``paint(page)`` with the visible tab laid out at ``aspect`` (width / height).

    The page is resized for the call and back before the event loop runs again, so the
    screen never shows the export's layout; fonts stay the size they are on screen.
    """
    view.prepare_export()
    page = view.currentWidget()
    old = base = page.size()
    if base.width() < 200 or base.height() < 150:  # never shown: lay out at a usual size
        base = QtCore.QSize(1280, 720)
    page.resize(QtCore.QSize(base.width(), round(base.width() / aspect)) if aspect else base)
    QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
    try:
        paint(page)
    finally:
        page.resize(old)
        QtWidgets.QApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
