"""The model and command line stay Qt-free: the layering rule of the house."""

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "inches"
QT = ("PySide6", "pyqtgraph", "superqt")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_model_scenario_and_cli_never_import_qt():
    """Nothing outside gui/ imports PySide6, pyqtgraph or superqt."""
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if "gui" not in p.parts and any(m.startswith(QT) for m in _imports(p))]
    assert offenders == []
