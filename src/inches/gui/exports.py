"""Exports from the main window: charts as PNG or SVG, the monthly bands as CSV, the report."""

from __future__ import annotations

from pathlib import Path

from ..files.atomic import check_writable, write_atomic
from ..files.tables import bands_csv
from . import dialogs

FILTERS = {"png": "PNG image (*.png)", "svg": "SVG image (*.svg)", "csv": "CSV (*.csv)"}


class Exports:
    """Asks where to write and writes; errors in a dialog, success on the status bar."""

    def __init__(self, window):
        self.window = window

    def _ask(self, tail: str, ext: str, title: str, filters: str) -> Path | None:
        """The path the user picks, with extension ``ext`` (suggested: the scenario's name)."""
        stem = Path(self.window.controller.title).stem
        path = dialogs.save_path(self.window, str(Path.home() / f"{stem}{tail}{ext}"), title,
                                 filters)
        return Path(path).with_suffix(ext) if path else None

    def export(self, kind: str) -> None:
        """Export the charts (``png``/``svg``) or the monthly bands (``csv``)."""
        result = self.window.controller.result
        if result is None:
            return
        path = self._ask("", f".{kind}", "Export", FILTERS[kind])
        if path is None:
            return
        charts = self.window.charts
        self._write(path, {"png": lambda: charts.export_png(str(path)),
                           "svg": lambda: charts.export_svg(str(path)),
                           "csv": lambda: write_atomic(path, bands_csv(result))}[kind])

    def report(self) -> None:
        """The one-page PDF report, with the analysis window's tornado when it has one."""
        from .board_report import write_report

        result = self.window.controller.result
        if result is None:
            return
        path = self._ask("-report", ".pdf", "Report", "PDF (*.pdf)")
        if path is None:
            return
        sens = self.window.analysis_result("Sensitivity")
        # the report may compute a sensitivity first: a bad place to write fails before that
        self._write(path, lambda: (check_writable(path),
                                   write_report(str(path), result, sensitivity=sens)))

    def _write(self, path: Path, write) -> None:
        try:
            write()
        except OSError as e:
            dialogs.show_error(self.window, "Cannot export", f"{path}: {e.strerror or e}")
            return
        self.window.show_message(f"Exported {path}")
