"""``impact validate --jobs``: many files over worker processes, same output as one.

Every test runs the real CLI in a real process (``python -m impact_cli``): fork,
signals and exit codes are what is under test. Where a test needs a bug or a slow
file, a small script imports the real ``impact_cli`` and replaces the function that
checks one file, then calls the real ``main()``; workers are forked from that
process, so they run the replacement, and everything around it is the production
path (as in tests/robustness/test_robust_crash.py).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "invalid"
DIAGRAMS = ROOT / "diagrams"

# Workers are forked where fork is safe (Linux); elsewhere -j N checks files in-process,
# which the byte-identity tests still cover.
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork workers")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")  # crash logs stay in the test's folder
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(
    tmp_path: Path, *args: str | Path, stdin: bytes = b"", timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "impact_cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """About 90 files: every invalid file of the corpus (YAML, schema and structure
    errors), the example diagrams (lint warnings and info) several times over, and
    some in a subfolder, so both directory order and chunking are exercised."""
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    for path in sorted(INVALID.glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    for copy in range(6):
        for path in sorted(DIAGRAMS.glob("*.yaml")):
            target = folder / ("sub" if copy % 2 else ".") / f"{path.stem}-{copy}.yaml"
            shutil.copy(path, target)
    return folder


@pytest.mark.parametrize(
    ("fmt", "extra"),
    [("text", ()), ("text", ("--quiet",)), ("json", ()), ("sarif", ()), ("github", ())],
    ids=["text", "text-quiet", "json", "sarif", "github"],
)
def test_parallel_output_is_byte_identical(
    tmp_path: Path, mixed: Path, fmt: str, extra: tuple[str, ...]
) -> None:
    base = ("validate", "--color", "never", "--format", fmt, *extra, mixed)
    one = run(tmp_path, *base, "-j", "1")
    assert one.returncode == 1, one.stderr.decode()
    assert one.stdout.count(b"error") > 60  # every invalid file reported
    for jobs in ("2", "3", "0"):
        many = run(tmp_path, *base, "-j", jobs)
        assert (many.returncode, many.stdout, many.stderr) == (
            one.returncode,
            one.stdout,
            one.stderr,
        ), f"-j {jobs} differs from -j 1"


def test_unreadable_files_and_stdin_are_reported_as_before(tmp_path: Path, mixed: Path) -> None:
    # a dangling symlink fails to read in a worker; a missing path fails in discovery;
    # '-' is read in the parent; all in the same order and words as one at a time
    (mixed / "sub" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    stdin = b"title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: b\n"
    args = ("validate", "--color", "never", mixed, "-", tmp_path / "missing.yaml")
    one = run(tmp_path, *args, "-j", "1", stdin=stdin)
    two = run(tmp_path, *args, "-j", "2", stdin=stdin)
    assert one.returncode == 2
    assert b"gone.yaml: no such file" in one.stderr
    assert b"missing.yaml: no such file or directory" in one.stderr
    assert b"<stdin>:5:5: error DD-F01: unknown key 'titel'" in one.stdout
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def _workers(stderr: bytes) -> tuple[int, set[int]]:
    text = stderr.decode()
    found = re.search(r"checked by (\d+) worker processes \(pids ([\d, ]+)\)", text)
    assert found, text
    return int(found[1]), {int(pid) for pid in found[2].split(", ")}


@linux_only
def test_jobs_two_really_uses_two_other_processes(tmp_path: Path, mixed: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "impact_cli", "--debug", "validate", "-q", "-j", "2", mixed],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    )
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1
    workers, pids = _workers(stderr)
    # the pids are those of the processes that sent reports back, not a plan
    assert workers == 2
    assert len(pids) == 2
    assert proc.pid not in pids


@linux_only
def test_automatic_mode_goes_parallel_only_when_it_pays(tmp_path: Path, mixed: Path) -> None:
    small = run(tmp_path, "--debug", "validate", "-q", DIAGRAMS)
    assert small.returncode == 0
    assert b"checked by this process alone" in small.stderr
    many = run(tmp_path, "--debug", "validate", "-q", mixed)
    if len(os.sched_getaffinity(0)) < 2:
        assert b"checked by this process alone" in many.stderr
    else:
        workers, pids = _workers(many.stderr)
        assert 2 <= workers == len(pids) <= len(os.sched_getaffinity(0))
    one = run(tmp_path, "--debug", "validate", "-q", "-j", "1", mixed)
    assert b"checked by this process alone" in one.stderr


@pytest.mark.parametrize("value", ["-1", "-3", "two"])
def test_bad_jobs_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = run(tmp_path, "validate", "--jobs", value, DIAGRAMS)
    assert result.returncode == 2
    assert b"--jobs" in result.stderr
    assert b"Traceback" not in result.stderr
    assert b"internal error" not in result.stderr


# -- bugs and Ctrl-C inside workers ------------------------------------------------------

PATCHED = """
import os, sys, time
from pathlib import Path
import impact_cli.check.validate as validation

PARENT = os.getpid()
real = validation.validate_file

def validate_file(path, options=None):
    if os.getpid() != PARENT:  # only in a worker
        {action}
    return real(path, options)

validation.validate_file = validate_file
from impact_cli.cli import main
sys.exit(main(sys.argv[1:]))
"""

BUG = "raise ValueError('boom in a worker')"
DEATH = "os._exit(7)"
SLOW = "Path(os.environ['MARKER']).touch(); time.sleep(120)"


def _patched(
    tmp_path: Path, action: str, *args: str | Path, new_session: bool = False
) -> subprocess.Popen[bytes]:
    env = _env(tmp_path)
    env["MARKER"] = str(tmp_path / "worker-started")
    return subprocess.Popen(
        [sys.executable, "-c", PATCHED.format(action=action), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=new_session,
    )


@linux_only
@pytest.mark.parametrize(
    ("action", "name"), [(BUG, "ValueError"), (DEATH, "WorkerDiedError")], ids=["bug", "death"]
)
def test_a_failing_worker_takes_the_crash_path_and_does_not_hang(
    tmp_path: Path, mixed: Path, action: str, name: str
) -> None:
    proc = _patched(tmp_path, action, "validate", "-j", "2", mixed)
    out, err = proc.communicate(timeout=60)  # a hang fails here
    stderr = err.decode()
    assert proc.returncode == 2, stderr
    assert out == b""  # no partial report
    assert f"impact: internal error: {name}. This is a bug in impact" in stderr
    assert "Traceback" not in stderr  # not from the parent, not from a worker
    log = Path(stderr.split("please report it with the log at ", 1)[1].strip())
    body = log.read_text(encoding="utf-8")
    if action == BUG:
        # the worker's own traceback is in the log, as the cause
        assert "RemoteTracebackError" in body
        assert "boom in a worker" in body
        assert "in validate_file" in body
    else:
        assert "exited with 7" in body


@linux_only
def test_ctrl_c_exits_130_and_leaves_no_worker_behind(tmp_path: Path, mixed: Path) -> None:
    proc = _patched(tmp_path, SLOW, "validate", "-j", "2", mixed, new_session=True)
    marker = tmp_path / "worker-started"
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "no worker started"
        time.sleep(0.05)
    # as a terminal does: SIGINT to the whole process group, parent and workers
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    # the corpus's empty and non-mapping files are not diagrams: one note says so
    said = [line for line in stderr.splitlines() if not line.startswith("impact: note:")]
    assert said == ["impact: interrupted"], stderr
    assert out == b""
    with pytest.raises(ProcessLookupError):  # the workers are gone too
        os.killpg(proc.pid, 0)
