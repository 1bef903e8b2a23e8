"""Unexpected errors (bugs): one line asking for a report with the path of a log that
holds the traceback; exit 2; ``--debug`` shows the traceback inline; no locals or
diagram content on the terminal.

The bug is real, not a mock of the handler: a small script imports the real
``impact_cli.cli`` and replaces one command module's ``run`` with a function that
raises, then calls the real ``main()`` in a real process; everything after the
raise is the production path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SECRET = "SECRET-DIAGRAM-TEXT-4242"

SCRIPT = f"""
import sys
import impact_cli.commands.schema as command

def run(settings):
    local_secret = {SECRET!r}  # a local variable that must never be printed
    raise ValueError("boom: a bug")

command.run = run
from impact_cli.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _crash(
    tmp_path: Path, *args: str, state: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    env["XDG_STATE_HOME"] = str(state if state is not None else tmp_path / "state")
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _log_path(stderr: str) -> Path:
    marker = "please report it with the log at "
    assert marker in stderr, stderr
    return Path(stderr.split(marker, 1)[1].strip())


def test_a_bug_prints_one_line_and_writes_a_log(tmp_path: Path) -> None:
    proc = _crash(tmp_path, "schema")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("impact: internal error: ValueError. This is a bug in impact")
    assert "Traceback" not in proc.stderr
    assert SECRET not in proc.stderr
    log = _log_path(proc.stderr)
    assert log.parent == tmp_path / "state" / "impact"
    body = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in body
    assert "ValueError: boom: a bug" in body
    assert "- arguments: `schema`" in body
    assert SECRET not in body  # a plain traceback: never the values of local variables


def test_debug_shows_the_traceback_inline(tmp_path: Path) -> None:
    proc = _crash(tmp_path, "--debug", "schema")
    assert proc.returncode == 2
    assert "Traceback (most recent call last)" in proc.stderr
    assert "ValueError: boom: a bug" in proc.stderr
    assert proc.stderr.rstrip().splitlines()[-1].startswith("impact: internal error: ValueError")
    # a plain Python traceback: no rich panels, no local variables
    assert SECRET not in proc.stderr
    assert "╭" not in proc.stderr
    assert "locals" not in proc.stderr.lower()


def test_state_dir_that_is_a_file_falls_back_to_tmp(tmp_path: Path) -> None:
    # A genuine failure even for root: XDG_STATE_HOME names a regular file, so
    # the log directory cannot be created and the log goes to the temp directory.
    state = tmp_path / "not-a-dir"
    state.write_text("a file")
    proc = _crash(tmp_path, "schema", state=state)
    assert proc.returncode == 2
    log = _log_path(proc.stderr)
    assert log.parent == tmp_path / "tmp"
    assert "ValueError: boom: a bug" in log.read_text(encoding="utf-8")
    assert len(proc.stderr.splitlines()) == 1


def test_no_writable_directory_at_all_still_one_line(tmp_path: Path) -> None:
    state = tmp_path / "not-a-dir"
    state.write_text("a file")
    env = dict(os.environ)
    env["XDG_STATE_HOME"] = str(state)
    env["TMPDIR"] = str(state)  # also a file: tempfile falls back to /tmp; still works
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, "schema"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith("impact: internal error: ValueError")


def test_pretty_exceptions_are_off() -> None:
    from impact_cli.cli import app

    assert app.pretty_exceptions_enable is False
