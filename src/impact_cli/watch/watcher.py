"""Watching the files: each burst of saves becomes one refresh of the session.

``watchfiles`` (the Rust ``notify`` crate: inotify, FSEvents, ReadDirectoryChangesW)
gathers the events and yields them once no new event has come for ``STEP_MS``:
an editor that writes a backup, the file and its metadata in quick succession
gives one rebuild. It runs in its own thread and stops within ``STEP_MS`` of
``stop`` being set, so the main thread is free to receive Ctrl-C and SIGTERM.

A file is watched through its directory, because many editors save by writing a
new file and renaming it over the old one. When the session's inputs move to other
directories (a data file of measures added to a diagram), the watch is started
again on the new set of directories.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .session import Outcome, Session

STEP_MS = 50
"""Quiet time that ends a burst of saves."""
MAX_BURST_MS = 1600
"""The longest a burst is gathered before it is refreshed anyway."""
READY_MS = 500
"""After this long without a change the watch is surely in place: every file is read
again once then, for the saves made while it was starting."""


def watch_files(
    session: Session,
    stop: threading.Event,
    report: Callable[[list[Outcome]], None],
) -> None:
    """Refresh ``session`` after each burst of changes, until ``stop`` is set."""
    from watchfiles import Change, DefaultFilter, watch

    ignored = DefaultFilter()  # editors' swap and backup files, .git and the like

    def wanted(change: Change, path: str) -> bool:
        return ignored(change, path) and session.relevant(Path(path))

    while not stop.is_set():
        roots = session.roots()
        ready = False
        for changes in watch(
            *sorted(roots),
            watch_filter=wanted,
            stop_event=stop,
            step=STEP_MS,
            debounce=MAX_BURST_MS,
            rust_timeout=READY_MS,
            yield_on_timeout=True,
            recursive=session.directory,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            if not changes:  # quiet for READY_MS: the directories are being watched
                if not ready:
                    ready = True
                    report(session.refresh())  # saves made while the watch was starting
                continue
            report(session.refresh({Path(path) for _, path in changes}))
            if session.roots() != roots:
                break
