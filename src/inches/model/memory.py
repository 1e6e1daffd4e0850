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
"""

from __future__ import annotations

import ctypes
import sys

MMAP_THRESHOLD = 32 * 2**20  # glibc's largest allowed value on 64-bit systems
TRIM_THRESHOLD = 128 * 2**20
TOP_PAD = 32 * 2**20
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3  # from glibc's malloc.h
_done = False


def keep_freed_memory() -> None:
    """Set malloc's thresholds once per process (glibc on Linux only)."""
    global _done
    if _done:
        return
    _done = True
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    for option, value in ((_M_MMAP_THRESHOLD, MMAP_THRESHOLD),
                          (_M_TRIM_THRESHOLD, TRIM_THRESHOLD), (_M_TOP_PAD, TOP_PAD)):
        mallopt(option, value)
