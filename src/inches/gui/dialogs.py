"""Every question the app asks and every error it shows, in one place (tests replace them)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

SCENARIO_FILTER = "Inches scenarios (*.toml);;All files (*)"


def ask_unsaved(parent: QWidget, name: str) -> str:
    """'save', 'discard' or 'cancel' for unsaved changes to ``name``."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                      f"Save the changes to “{name}” first?", parent=parent)
    box.setInformativeText("Your changes are lost if you don't save them.")
    save = box.addButton("Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Don't save", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_restore(parent: QWidget, when: str) -> bool:
    """Offer to restore unsaved work found after a crash."""
    answer = QMessageBox.question(
        parent, "Restore unsaved work?",
        f"Inches closed unexpectedly {when}. Restore the scenario you were working on?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget, title: str, message: str) -> None:
    """A plain error dialog; never a traceback."""
    QMessageBox.warning(parent, title, message)


def open_path(parent: QWidget, directory: str = "", title: str = "Open scenario") -> str:
    """A scenario (or deck) file to open, or '' if cancelled."""
    return QFileDialog.getOpenFileName(parent, title, directory, SCENARIO_FILTER)[0]


def save_path(parent: QWidget, suggested: str, title: str = "Save scenario",
              filters: str = SCENARIO_FILTER) -> str:
    """A path to write, or '' if cancelled."""
    return QFileDialog.getSaveFileName(parent, title, suggested, filters)[0]
