"""``python -m impact_cli`` and the ``impact`` console script."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


class Terminated(BaseException):
    """SIGTERM arrived (a CI job cancelled, a timeout). A BaseException, like
    KeyboardInterrupt, so every ``finally`` runs on the way out: temporary files
    are removed and the ``dot`` child is ended."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _usable_streams() -> bool:
    """Make the standard streams safe to write to; False when stdout is closed.

    A closed stderr must not turn a successful run into a failure, so it is sent to
    the null device; an output encoding that cannot hold the text (``LANG=C``,
    ``PYTHONIOENCODING=ascii``) shows other characters as escapes instead of failing.
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115, PTH123 - lives as long as the process
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None:
        sys.stderr.write("impact: error: standard output is closed\n")
        return False
    return True


def main() -> None:
    if not _usable_streams():
        sys.exit(2)
    signal.signal(signal.SIGTERM, _terminate)
    if sys.argv[1:] in (["--version"], ["-V"]):
        # The commonest probe of a tool (CI logs, bug reports): answer it without
        # importing typer; the output is exactly typer's.
        from . import __version__

        sys.stdout.write(f"impact {__version__}\n")
        sys.exit(0)
    # Pydantic looks for plugins in every installed package's entry points the first
    # time it builds a validator; impact's models are internal, so the command line
    # skips that scan (a user who sets the variable keeps their value).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    from .cli import main as cli_main

    try:
        code = cli_main()
    except Terminated:
        sys.stderr.write("impact: terminated\n")
        code = 128 + signal.SIGTERM
    sys.exit(code)


if __name__ == "__main__":
    main()
