"""``impact validate``: check every file, report every problem, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..check.validate import FileReport, ValidateOptions, validate_paths
from ..errors import ImpactError
from ..rules import PROFILES
from ..source.files import find, shown
from ..source.text import Limits

FORMATS = ("text", "json", "github", "sarif")
MAX_BYTES_CEILING = 256 * 1024 * 1024
"""The largest --max-bytes: reading a YAML file costs tens of times its size in memory."""


class ValidateSettings(NamedTuple):
    """The options of ``impact validate``, parsed."""

    paths: list[Path]
    output_format: str | None = None
    quiet: bool = False
    strict: bool = False
    profile: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    lint: bool = True
    color: str = "auto"
    max_bytes: int | None = None
    jobs: int = 0
    """Worker processes: 0 automatic, 1 in this process, N at most N."""
    debug: bool = False
    """Say on stderr how many worker processes checked the files."""
    follow_symlinks: bool = False
    """Read symlinks found in directories when they stay inside the directory."""
    exclude: Sequence[str] = ()
    """Patterns (.gitignore syntax) of paths to leave out when walking directories."""


def choose_format(requested: str | None) -> str:
    if requested is None:
        # GitHub Actions turns these into annotations on the pull request.
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if requested not in FORMATS:
        raise ImpactError(
            f"unknown output format '{requested}'", f"choose one of: {', '.join(FORMATS)}"
        )
    return requested


def use_color(mode: str) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if mode != "auto":
        raise ImpactError(f"unknown --color value '{mode}'", "choose auto, always or never")
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def run(settings: ValidateSettings) -> int:
    fmt = choose_format(settings.output_format)
    if settings.profile is not None and settings.profile not in PROFILES:
        raise ImpactError(
            f"unknown profile '{settings.profile}'", f"choose one of: {', '.join(PROFILES)}"
        )
    if settings.max_bytes is not None and not 0 < settings.max_bytes <= MAX_BYTES_CEILING:
        raise ImpactError(
            f"--max-bytes must be between 1 and {MAX_BYTES_CEILING:,}, not {settings.max_bytes:,}",
            "a driver diagram is a few kilobytes; the default limit is 5 MiB",
        )
    limits = Limits(max_bytes=settings.max_bytes) if settings.max_bytes else Limits()
    options = ValidateOptions(
        lint=settings.lint,
        profile=settings.profile,
        select=tuple(settings.select),
        ignore=tuple(settings.ignore),
        limits=limits,
    )
    if settings.select or settings.ignore:
        _check_codes([*settings.select, *settings.ignore])
    if settings.jobs < 0:
        raise ImpactError(
            f"--jobs must be 0 (one per CPU) or more, not {settings.jobs}",
            "use -j 1 to check files one at a time",
        )
    if sum(1 for p in settings.paths if str(p) == "-") > 1:
        raise ImpactError("'-' (stdin) can be given only once")
    # A path that cannot be read must fail the run (a typo in CI must not pass), but
    # only after every other file has been checked and reported: all problems, one run.
    found = find(
        settings.paths,
        follow_symlinks=settings.follow_symlinks,
        exclude=settings.exclude,
        limits=limits,
    )
    files, unreadable = found.files, list(found.errors)
    for note in found.skipped:
        sys.stderr.write(f"impact: note: {note}\n")
    if not files and not unreadable:
        raise nothing_found(settings.paths, "validate")
    checked = validate_paths(files, options, jobs=settings.jobs)
    if settings.debug:
        pids = ", ".join(map(str, checked.worker_pids))
        where = (
            f"{checked.workers} worker processes (pids {pids})"
            if checked.workers
            else f"this process alone (pid {os.getpid()})"
        )
        sys.stderr.write(f"impact: debug: {len(files)} files checked by {where}\n")
    reports: list[FileReport] = []
    for outcome in checked.outcomes:
        if isinstance(outcome, ImpactError):
            unreadable.append(outcome)
        else:
            reports.append(outcome)
    from ..reporters import get_reporter

    report = get_reporter(fmt)
    if fmt == "text":
        output = report(
            reports, quiet=settings.quiet, color=use_color(settings.color), strict=settings.strict
        )
    else:
        output = report(reports)
    if output and reports:
        sys.stdout.write(output)
        sys.stdout.flush()
    for problem in unreadable:
        sys.stderr.write(f"impact: error: {problem.message}\n")
    if unreadable:
        return 2
    return 1 if any(r.failed(strict=settings.strict) for r in reports) else 0


def nothing_found(paths: Sequence[Path], command: str) -> ImpactError:
    """No driver diagram among ``paths``: a CI job that checks nothing must not pass."""
    return ImpactError(
        "no driver diagrams found in " + ", ".join(shown(p) for p in paths),
        f"impact {command} looks in directories for *.yaml and *.yml files with a top-level "
        "title, aim or primary_drivers key; name a file to check it whatever it holds",
    )


def _check_codes(codes: list[str]) -> None:
    from ..rules.catalogue import all_rules

    known = all_rules()
    for code in codes:
        prefix = code.upper()
        if not any(c.startswith(prefix) for c in known):
            raise ImpactError(f"no rule code matches '{code}'", "'impact rules' lists every code")
