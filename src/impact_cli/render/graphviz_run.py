"""Running Graphviz's ``dot``: one place for finding it, its errors and its limits.

We call the ``dot`` program directly (no Python binding is needed to pipe text
through it), always with a fixed argument list: no user text ever becomes a
command-line argument. Layout time grows faster than linearly with the number of
boxes, so large diagrams get a warning and very large ones are refused unless
forced.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

from ..errors import GraphvizMissingError, ImpactError

WARN_NODES = 3000
"""Above this many boxes, layout takes seconds: say so and suggest --split."""
REFUSE_NODES = 10000
"""Above this many, layout takes minutes: refuse without --force."""


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
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}", *args],
            input=data,
            capture_output=True,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise GraphvizMissingError(fmt) from None
    except OSError as exc:
        raise ImpactError(f"cannot run Graphviz's dot: {exc.strerror or exc}") from None
    stderr = proc.stderr.decode("utf-8", errors="replace").strip()
    if proc.returncode != 0 or not proc.stdout:
        detail = stderr or f"exit status {proc.returncode}"
        raise ImpactError(
            f"Graphviz's dot failed to draw the {fmt.upper()}: {detail}",
            "this is probably a bug in impact; the .dot output shows what was sent to dot",
        )
    return DotResult(proc.stdout, stderr)


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


def size_check(nodes: int, *, force: bool, name: str) -> str | None:
    """A warning for a large diagram, ImpactError for a huge one (unless forced)."""
    if nodes > REFUSE_NODES and not force:
        raise ImpactError(
            f"{name}: {nodes:,} boxes is too many to lay out in one drawing "
            f"(Graphviz would take minutes; the limit is {REFUSE_NODES:,})",
            "use --split for one drawing per primary driver, render the HTML text "
            "version (-f html) or 'impact outline'; --force lays it out anyway",
        )
    if nodes > WARN_NODES:
        return (
            f"{name}: {nodes:,} boxes; Graphviz may take a while to lay this out "
            "(--split draws one diagram per primary driver, each fast)"
        )
    return None
