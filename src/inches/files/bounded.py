"""Reading a user's text file: the one way scenario and deck files are read and parsed.

Bounded before anything is parsed: an empty path, a folder, a pipe, a device or a file over
:data:`MAX_BYTES` is refused at once, without reading it; nesting deeper than
:data:`MAX_DEPTH` is refused with its line. A UTF-8 byte-order mark (as Notepad saves) is
accepted. Every fault is one sentence naming the user's file, raised as ``error`` (a
:class:`~inches.model.scenario.ScenarioError` subclass of the caller's choosing).
"""

from __future__ import annotations

import os
import re
import stat
import tomllib

from ..model.scenario import ScenarioError
from ..text import parse_number

MAX_BYTES = 1_000_000  # a scenario is about 2 KB and a deck 10 KB; 1 MB is far beyond either
MAX_DEPTH = 16  # tables and arrays inside each other; a deck needs 4
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))


def read_text(path: str | os.PathLike, error: type[ScenarioError] = ScenarioError) -> str:
    """The UTF-8 text of ``path`` (a byte-order mark dropped), or ``error`` saying why not."""
    name = os.fspath(path) if path is not None else ""
    if not name:
        raise error("no file given: the file name is empty")
    try:
        _refuse_odd(name, os.stat(name), error)  # before opening: a FIFO would block
        fd = os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise error(f"{name}: no such file") from None
    except PermissionError:
        raise error(f"{name}: cannot be read (permission denied)") from None
    except OSError as e:
        raise error(f"{name}: cannot be read ({e.strerror or e})") from None
    try:
        _refuse_odd(name, os.fstat(fd), error)  # it may have changed since
        chunks, size = [], 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise error(f"{name}: cannot be read ({e.strerror or e})") from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        raise error(_too_large(name))
    data = b"".join(chunks)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise error(f"{name}: line {line}: is not UTF-8 text (byte 0x{data[e.start]:02x}); "
                    f"save it as UTF-8") from None


def _refuse_odd(name: str, st: os.stat_result, error) -> None:
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise error(f"{name} is {kind}, not a file; give a scenario or deck file (.toml)")
    if st.st_size > MAX_BYTES:
        raise error(_too_large(name, st.st_size))


def _too_large(name: str, size: int | None = None) -> str:
    many = f"{size / 1e6:,.1f} MB" if size else "over 1 MB"
    return (f"{name} is {many}, too large for a scenario or deck file "
            f"(allowed up to {MAX_BYTES / 1e6:g} MB)")


def parse_toml(text: str, origin: str, error: type[ScenarioError] = ScenarioError) -> dict:
    """TOML text as dicts, or ``error`` naming ``origin`` (and the line) and what is wrong."""
    deep = nesting_line(text)
    if deep is not None:
        raise error(_too_deep(origin, deep))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise error(f"{origin}: not valid TOML ({e}){_number_hint(text, str(e))}") from None
    except RecursionError:  # nesting the scan above did not see; never a traceback
        raise error(_too_deep(origin, None)) from None
    if deeper_than(data):  # dotted keys inside inline tables, which the scan does not count
        raise error(_too_deep(origin, None))
    return data


def _too_deep(origin: str, line: int | None) -> str:
    where = f"line {line}: " if line else ""
    return (f"{origin}: {where}tables or arrays are nested more than {MAX_DEPTH} deep "
            f"(a scenario or deck needs at most 4)")


def _number_hint(text: str, message: str) -> str:
    """``; use a point for decimals: 1.5`` when the faulty line holds a number as people
    write them (``staff = 1,5``), otherwise nothing."""
    m = re.search(r"at line (\d+)", message)
    lines = text.splitlines()
    if not m or not 0 < int(m.group(1)) <= len(lines):
        return ""
    key, sep, value = lines[int(m.group(1)) - 1].partition("=")
    value = value.split("#", 1)[0].strip()
    if not sep or not value or value[0] in "\"'[{":
        return ""
    try:
        parse_number(value)
    except ValueError as e:
        return f"; {key.strip()} = {value}: {str(e).split(' (', 1)[-1].rstrip(')')}"
    return ""


def nesting_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The first line where tables, arrays and dotted keys nest deeper than ``limit``, or
    None. One light pass over the characters that matter (strings and comments skipped)."""
    depth = table = 0  # open brackets; parts of the current [table] header's name
    key, value, header, line, start = 1, False, False, 1, 0  # this line's key parts, "=" seen
    i = 0
    while (m := _SPECIAL.search(text, i)) is not None:
        i, c = m.start(), m.group()
        if c == "\n":
            key, value, header, line, start = 1, False, False, line + 1, i + 1
        elif c == "#":
            i = len(text) if (i := text.find("\n", i)) < 0 else i - 1
        elif c in "\"'":
            line += text.count("\n", i, end := _string_end(text, i))
            i = end - 1
        elif c in "[{":
            header = header or (depth == 0 and c == "[" and not text[start:i].strip())
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
            if header and depth == 0:
                table, header = key, False
        elif c == "=":
            value = value or depth == 0
        elif not value:  # a dot between the parts of a key
            key += 1
        if depth + table + key > limit + 1:
            return line
        i += 1
    return None


_SPECIAL = re.compile(r"""[\n#"'\[\]{}=.]""")


def _string_end(text: str, i: int) -> int:
    """The index just after the TOML string starting at ``i``."""
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\" and quote[0] == '"':
            j += 2
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        if text[j] == "\n" and len(quote) == 1:
            return j  # an unclosed string: the parser will say so
        j += 1
    return len(text)


def deeper_than(data: object, limit: int = MAX_DEPTH) -> bool:
    """True when parsed ``data`` nests tables and arrays deeper than ``limit`` (no recursion)."""
    stack = [(data, 0)]
    while stack:
        item, level = stack.pop()
        if level > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return False

