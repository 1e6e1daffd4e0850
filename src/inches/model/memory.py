"""Asks the C library to keep the memory the engine frees, for the next run to reuse.

A run makes and frees many arrays of a few megabytes each. By default glibc's malloc hands
such blocks back to the system as soon as they are freed (it maps large ones afresh and trims
the top of its heaps), so the next run takes fresh pages, and each first touch of a page is
a fault: on this machine's sandboxed kernel that made a fresh 10,000 x 36 run about a fifth
slower (55-62 ms against 44-49 ms, medians of 30, five settings tried in turns). Here blocks
under :data:`MMAP_THRESHOLD` come from the heap, and a heap keeps up to
:data:`TRIM_THRESHOLD` of free memory at its top (:data:`TOP_PAD` spare when it grows).
Results do not change; the process holds on to at most that much more. Elsewhere (another
C library, another system) this does nothing.

It also asks numpy not to advise the kernel to back its large arrays (4 MB and more) with
2 MB pages (numpy does by default on Linux). On this machine, a virtual one, a process's
first huge pages are slow to fault in: its first million-trial run took 4.8-5.1 s with
them and 4.3-4.4 s without (1.0-1.2 s less time in the kernel), and a fresh 10,000-trial run
was no slower. Setting ``NUMPY_MADVISE_HUGEPAGE`` in the environment (numpy's own switch)
leaves numpy's choice as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys

MMAP_THRESHOLD = 32 * 2**20  # glibc's largest allowed value on 64-bit systems
TRIM_THRESHOLD = 128 * 2**20
TOP_PAD = 32 * 2**20
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3  # from glibc's malloc.h
_done = False


def keep_freed_memory() -> None:
    """Set malloc's thresholds and numpy's advice on huge pages, once per process (on Linux
    only; the thresholds with glibc only)."""
    global _done
    if _done:
        return
    _done = True
    if not sys.platform.startswith("linux"):
        return
    if "NUMPY_MADVISE_HUGEPAGE" not in os.environ:
        with contextlib.suppress(ImportError, AttributeError):
            _numpy_multiarray()._set_madvise_hugepage(False)
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    for option, value in ((_M_MMAP_THRESHOLD, MMAP_THRESHOLD),
                          (_M_TRIM_THRESHOLD, TRIM_THRESHOLD), (_M_TOP_PAD, TOP_PAD)):
        mallopt(option, value)


def _numpy_multiarray():
    """numpy's multiarray module, which holds its switch for huge pages (numpy 1.x or 2.x)."""
    try:
        from numpy._core import multiarray
    except ImportError:
        from numpy.core import multiarray
    return multiarray
