"""The shape of the house: layers and no import circles (import-linter), names a newcomer can
follow, files and functions small enough to read."""

import ast
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "inches"
MAX_FILE_LINES, MAX_FUNCTION_LINES = 300, 50


def test_import_contracts_hold(capsys):
    """The import-linter contracts in pyproject.toml are kept: layers, no circles, no Qt below."""
    from importlinter.cli import lint_imports

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                            no_logo=True)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out and "KEPT" in out


def _modules() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts]


def test_no_two_modules_share_a_name():
    """A module's name says where it is: no two files of one name in different packages."""
    seen: dict[str, list[str]] = {}
    for p in _modules():
        if p.name != "__init__.py":
            seen.setdefault(p.stem, []).append(str(p.relative_to(SRC)))
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_files_and_functions_stay_small(path):
    """No source file over 300 lines and no function over 50."""
    text = path.read_text()
    assert len(text.splitlines()) <= MAX_FILE_LINES
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


def test_every_file_a_comment_names_exists():
    """Comments and docstrings point only at files that are in the repository."""
    import re

    missing = []
    for p in _modules():
        for ref in re.findall(r"\b((?:docs|benchmarks|tests)/[\w./-]+\.(?:md|py|toml))",
                              p.read_text()):
            if not (ROOT / ref).exists():
                missing.append(f"{p.relative_to(SRC)}: {ref}")
    assert missing == []
