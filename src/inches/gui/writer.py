"""Files written off the window's thread.

Writing a scenario is quick, but making it safe is not always: the atomic write waits for the
disk (``fsync``), and on a busy machine that wait has taken over half a second, a frozen window
in front of a room. So saves and autosaves are written on one thread of their own, one at a
time in the order asked (a save is never overtaken by an older autosave), and what follows a
write (marking the scenario saved, "Saved" in the status bar, or the reason it failed) runs
back on the window's thread. Closing the window waits for the writes asked before it. What
the app remembers between runs (recent files, the theme) is written off the window's thread
too (:func:`later`), on a thread of its own: Qt syncs its settings file to the disk as each
settings object goes, and a read of the settings (the Open Recent menu) waits only for
those writes, never for a scenario's save.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

# One thread for every window of the process, started with the first write; Python waits for
# it at exit, so a write asked for is never cut short by the app quitting.
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inches-writer")
_SETTINGS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inches-settings")

Then = Callable[[OSError | None], object]


def later(fn: Callable[[], object]) -> None:
    """Run ``fn()`` (a settings write) on the settings thread after those asked before it;
    nothing follows (Qt reports no failure of those either)."""
    _SETTINGS.submit(fn)


def settled() -> None:
    """Wait for every settings write asked so far (before reading the settings)."""
    _SETTINGS.submit(int).result()


class Writer(QObject):
    """Runs writes on the writer thread and reports each back to its ``then(error)``."""

    _written = Signal(object, object)  # then, error

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._written.connect(self._report)

    def write(self, fn: Callable[[], object], then: Then | None = None,
              wait: bool = False) -> None:
        """Run ``fn()`` after every write asked before it, then ``then(error)`` on this
        object's thread: ``error`` is None, or the :class:`OSError` ``fn`` raised. With
        ``wait``, return only once written and ``then`` has run (closing the window)."""
        future = _POOL.submit(fn)
        if wait:
            self._report(then, future.exception())
            return
        future.add_done_callback(lambda f: self._deliver(then, f.exception()))

    def flush(self) -> None:
        """Wait for every write asked so far and run what follows each (and the settings
        writes those ask for)."""
        _POOL.submit(int).result()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        settled()

    def _deliver(self, then: Then | None, error: BaseException | None) -> None:
        try:
            self._written.emit(then, error)
        except RuntimeError:  # the window went away meanwhile; the file is written anyway
            pass

    def _report(self, then: Then | None, error: BaseException | None) -> None:
        if error is not None and not isinstance(error, OSError):
            raise error  # a defect, not the disk: the app's error handler shows it
        if then is not None:
            then(error)

