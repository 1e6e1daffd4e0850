"""The one way Inches writes a file: all of it or none of it.

A crash, a full disk or a kill mid-write leaves the old file or the new one, never half: the
text goes to a temporary file in the same folder, is flushed to disk, then renamed over the
target in one step.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: str | os.PathLike, content: str | bytes | Callable[[str], object]) -> None:
    """Replace ``path`` with ``content``: text (UTF-8), bytes, or a function that writes the
    file whose name it is given (Qt's image and PDF writers) and returns False on failure."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        if callable(content):
            os.close(fd)
            if content(tmp) is False:
                raise OSError(f"could not write {path}")
            _fsync(tmp)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync(name: str) -> None:
    with open(name, "rb") as f:
        os.fsync(f.fileno())
