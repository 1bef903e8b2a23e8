"""Running Graphviz's ``dot``: one place for finding it, its errors and its limits.

We call the ``dot`` program directly (no Python binding is needed to pipe text
through it), always with a fixed argument list: no user text ever becomes a
command-line argument. In CI the diagram comes from whoever opened the pull
request, so dot's work is bounded twice: a diagram with too many boxes or links
is refused before dot starts (unless forced), and dot itself is stopped after
``IMPACT_DOT_TIMEOUT`` seconds.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

from ..errors import GraphvizMissingError, ImpactError

# Layout time grows faster than linearly with boxes and faster still with links
# that cross between columns. The limits come from timing 'dot -Tsvg' on diagrams
# made by linked_diagram() in tests/robustness/test_robust_bounds.py (numbers in
# docs/robustness.md): above the warning levels layout takes seconds, above the
# refusal levels tens of seconds to minutes, and doubling the links there costs
# about nine times the time.
WARN_BOXES = 3000
WARN_LINKS = 5000
REFUSE_BOXES = 10000
REFUSE_LINKS = 20000

TIMEOUT_SECONDS = 120.0
"""How long dot may lay out one drawing; IMPACT_DOT_TIMEOUT overrides it."""


@dataclass(frozen=True)
class DotResult:
    output: bytes
    warnings: str
    """What ``dot`` wrote to stderr although it succeeded."""


def dot_path() -> str | None:
    """Where ``dot`` is, or None."""
    return shutil.which("dot")


def require_dot(fmt: str) -> str:
    path = dot_path()
    if path is None:
        raise GraphvizMissingError(fmt)
    return path


def run_dot(source: str | bytes, fmt: str, *args: str) -> DotResult:
    """Lay out ``source`` with ``dot -T<fmt>``; ImpactError with dot's message on failure."""
    exe = require_dot(fmt)
    data = source.encode("utf-8") if isinstance(source, str) else source
    # SOURCE_DATE_EPOCH: cairo stamps PDFs with the creation time unless told otherwise;
    # a fixed date keeps the bytes identical from run to run.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    timeout = dot_timeout()
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}", *args],
            input=data,
            capture_output=True,
            check=False,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:  # run() has killed dot and waited for it
        raise ImpactError(
            f"Graphviz took longer than {timeout:g} s to lay out the {fmt.upper()} and was stopped",
            "use --split for one drawing per primary driver, or draw fewer links; "
            "to wait longer, set IMPACT_DOT_TIMEOUT=<seconds> (with --force for a "
            "diagram over the size limits)",
        ) from None
    except FileNotFoundError:
        raise GraphvizMissingError(fmt) from None
    except OSError as exc:
        raise ImpactError(f"cannot run Graphviz's dot: {exc.strerror or exc}") from None
    stderr = proc.stderr.decode("utf-8", errors="replace").strip()
    if proc.returncode != 0 or not proc.stdout:
        if proc.returncode < 0 or not stderr:
            # Ctrl-C reaches the whole process group: dot may stop before impact's own
            # KeyboardInterrupt is raised. Give it that moment, so an interrupt is
            # reported as one and not as a failed drawing.
            time.sleep(0.2)
        detail = stderr or f"exit status {proc.returncode}"
        raise ImpactError(
            f"Graphviz's dot failed to draw the {fmt.upper()}: {detail}",
            "this is probably a bug in impact; the .dot output shows what was sent to dot",
        )
    return DotResult(proc.stdout, stderr)


def dot_timeout() -> float:
    """Seconds dot may run: ``IMPACT_DOT_TIMEOUT`` if set, else ``TIMEOUT_SECONDS``."""
    raw = os.environ.get("IMPACT_DOT_TIMEOUT", "").strip()
    if not raw:
        return TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise ImpactError(
            f"IMPACT_DOT_TIMEOUT must be a number of seconds above 0, not '{raw[:40]}'",
            f"unset it for the default of {TIMEOUT_SECONDS:g} s",
        )
    return seconds


def pipe(source: str, fmt: str, *args: str) -> bytes:
    """``run_dot``, passing any warning from dot on to stderr."""
    result = run_dot(source, fmt, *args)
    if result.warnings:
        for line in result.warnings.splitlines():
            sys.stderr.write(f"impact: warning: graphviz: {line}\n")
    return result.output


def dot_version() -> str | None:
    """'2.43.0', or None when dot is missing or does not answer."""
    exe = dot_path()
    if exe is None:
        return None
    try:
        proc = subprocess.run([exe, "-V"], capture_output=True, check=False, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    text = (proc.stderr or proc.stdout).decode("utf-8", errors="replace")
    marker = "version "
    if marker not in text:
        return text.strip() or None
    return text.split(marker, 1)[1].split()[0]


def size_check(boxes: int, links: int, *, force: bool, name: str) -> str | None:
    """A warning for a large diagram, ImpactError for a huge one (unless forced)."""
    size = f"{boxes:,} boxes and {links:,} links"
    if (boxes > REFUSE_BOXES or links > REFUSE_LINKS) and not force:
        raise ImpactError(
            f"{name}: {size} is too many to lay out in one drawing (Graphviz would take "
            f"minutes; the limits are {REFUSE_BOXES:,} boxes and {REFUSE_LINKS:,} links)",
            "use --split for one drawing per primary driver, render the HTML text "
            "version (-f html) or 'impact outline'; --force lays it out anyway "
            f"(for up to {TIMEOUT_SECONDS:g} s, or IMPACT_DOT_TIMEOUT seconds)",
        )
    if boxes > WARN_BOXES or links > WARN_LINKS:
        return (
            f"{name}: {size}; Graphviz may take a while to lay this out "
            "(--split draws one diagram per primary driver, each fast)"
        )
    return None
