"""Start the preview, run until Ctrl-C or SIGTERM, and stop every part of it.

The main thread only waits: Ctrl-C (KeyboardInterrupt) and SIGTERM (``Terminated``,
from ``__main__``) arrive there, and ``finally`` stops the watcher thread, wakes
every event stream and closes the server before the process ends. Ctrl-C is how a
preview is meant to end, so it exits 0, as ``python -m http.server``, ``mkdocs serve``
and ``hugo server`` do; SIGTERM exits 143 like every impact command.
"""

from __future__ import annotations

import errno
import threading
import time
from typing import TextIO

from ..errors import ImpactError
from ..source.files import shown
from .server import PreviewServer
from .session import Outcome, Session
from .watcher import watch_files

STOP_WAIT_SECONDS = 10.0
"""How long to wait for a rebuild in progress (a Graphviz run) when stopping."""


def serve(session: Session, *, port: int, open_browser: bool, out: TextIO, color: bool) -> int:
    stop, finished = threading.Event(), threading.Event()

    def tell(outcomes: list[Outcome]) -> None:
        if stop.is_set():  # a rebuild cut short by Ctrl-C: its dot was interrupted too
            return
        for note in session.notes:
            out.write(f"impact: note: {note}\n")
        for outcome in outcomes:
            out.write(describe(outcome, color=color))
        out.flush()

    tell(session.refresh())
    server = _bind(session, port)
    failure: list[BaseException] = []

    def watching() -> None:
        try:
            watch_files(session, stop, tell)
        except BaseException as exc:  # a bug: the main thread reports it
            failure.append(exc)
        finally:
            finished.set()

    # Daemon threads as well as joined ones: should a join time out, the process
    # still ends.
    serving = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True
    )
    watcher = threading.Thread(target=watching, daemon=True)
    try:
        serving.start()
        watcher.start()
        what = "the diagrams in " if session.directory else ""
        out.write(f"Watching {what}{shown(session.target)}: open {server.url}\n")
        out.write("Press Ctrl-C to stop.\n")
        out.flush()
        if open_browser:
            import webbrowser

            if not webbrowser.open(server.url):
                out.write(f"impact: note: no browser could be opened; open {server.url}\n")
        finished.wait()
    except KeyboardInterrupt:
        stop.set()
        out.write("Stopped watching.\n")
        out.flush()
    finally:
        stop.set()
        session.close()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        for thread in (watcher, serving):
            if thread.is_alive():
                thread.join(STOP_WAIT_SECONDS)
    if failure:
        raise failure[0]
    return 0


def _bind(session: Session, port: int) -> PreviewServer:
    try:
        return PreviewServer(session, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ImpactError(
                f"port {port} is in use",
                "choose another with --port, or leave --port out to use a free one",
            ) from None
        raise ImpactError(f"cannot listen on port {port}: {exc.strerror or exc}") from None


def describe(outcome: Outcome, *, color: bool) -> str:
    """What the terminal says after one rebuild: the problems as ``impact validate``
    reports them, then one line on what the page shows."""
    from ..reporters.text import report

    lines = []
    if outcome.report is not None and outcome.report.diagnostics:
        lines.append(report([outcome.report], color=color))
    if outcome.error is not None:
        hint = f"  hint: {outcome.error.hint}\n" if outcome.error.hint else ""
        lines.append(f"impact: error: {outcome.error.message}\n{hint}")
    if outcome.warning:
        lines.append(f"impact: warning: {outcome.warning}\n")
    stamp = time.strftime("%H:%M:%S")
    if outcome.updated:
        said = f"page updated in {outcome.seconds:.2f} s"
    elif outcome.error is not None or (outcome.report is not None and outcome.report.failed()):
        said = (
            "the page keeps the last version without errors"
            if outcome.has_page
            else "no diagram until the file has no errors"
        )
    else:
        said = "the page is up to date (it had not changed)"
    lines.append(f"[{stamp}] {outcome.name}: {said}\n")
    return "".join(lines)
