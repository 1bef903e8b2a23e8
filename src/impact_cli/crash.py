"""Crash logs for unexpected errors (bugs), in the spirit of pre-commit's."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from . import __version__


def crash_log_dir() -> Path:
    state = os.environ.get("XDG_STATE_HOME")
    base = Path(state) if state else Path("~").expanduser() / ".local" / "state"
    return base / "impact"


def write_crash_log(exc: BaseException, args: list[str]) -> Path:
    """Write the traceback and versions as Markdown, ready to paste into an issue."""
    body = (
        "### impact crash report\n\n"
        f"- impact {__version__}\n- Python {sys.version.split()[0]} on {platform.platform()}\n"
        f"- arguments: `{' '.join(args)}`\n\n```\n"
        + "".join(traceback.format_exception(exc))
        + "```\n"
    )
    for directory in (crash_log_dir(), Path(tempfile.gettempdir())):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix="impact-crash-", suffix=".md", dir=directory)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
            return Path(name)
        except OSError:
            continue
    return Path("(no writable directory for the crash log)")  # pragma: no cover
