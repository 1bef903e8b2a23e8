"""``impact validate --jobs``: many files over worker processes, same output as one.

Every test runs the real CLI in a real process (``python -m impact_cli``): fork,
signals and exit codes are what is under test. Where a test needs a bug or a slow
file, a small script imports the real ``impact_cli`` and replaces the function that
checks one file, then calls the real ``main()``; workers are forked from that
process, so they run the replacement, and everything around it is the production
path (as in tests/robustness/test_robust_crash.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
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
    ("fmt", "extra", "jobs"),
    [
        ("text", (), ("2", "3")),  # 3: more workers than this machine's 2 CPUs
        ("text", ("--quiet",), ("0",)),
        ("json", (), ("2",)),
        ("sarif", (), ("2",)),
        ("github", (), ("2",)),
    ],
    ids=["text", "text-quiet", "json", "sarif", "github"],
)
def test_parallel_output_is_byte_identical(
    tmp_path: Path, mixed: Path, fmt: str, extra: tuple[str, ...], jobs: tuple[str, ...]
) -> None:
    base: tuple[str | Path, ...] = ("validate", "--color", "never", "--format", fmt, *extra, mixed)
    one = run(tmp_path, *base, "-j", "1")
    assert one.returncode == 1, one.stderr.decode()
    assert one.stdout.count(b"error") > 50  # the invalid files are reported
    for count in jobs:
        many = run(tmp_path, *base, "-j", count)
        assert (many.returncode, many.stdout, many.stderr) == (
            one.returncode,
            one.stdout,
            one.stderr,
        ), f"-j {count} differs from -j 1"


def test_unreadable_files_and_stdin_are_reported_as_before(tmp_path: Path, mixed: Path) -> None:
    # a FIFO fails to read in a worker; a missing path fails in discovery; a symlink
    # is skipped with a note; '-' is read in the parent; all in the same order and
    # words as one at a time
    os.mkfifo(mixed / "sub" / "pipe.yaml")
    (mixed / "sub" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    stdin = b"title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: b\n"
    args = ("validate", "--color", "never", mixed, "-", tmp_path / "missing.yaml")
    one = run(tmp_path, *args, "-j", "1", stdin=stdin)
    two = run(tmp_path, *args, "-j", "2", stdin=stdin)
    assert one.returncode == 2
    assert b"pipe.yaml: is not a regular file" in one.stderr
    assert b"gone.yaml: skipped a symbolic link" in one.stderr
    assert b"missing.yaml: no such file or directory" in one.stderr
    assert b"<stdin>:5:5: error DD-F01: unknown key 'titel'" in one.stdout
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_reports_follow_the_order_of_the_arguments(tmp_path: Path, mixed: Path) -> None:
    # the paths given in reverse, stdin in the middle: json lists the files as given
    files = sorted(mixed.rglob("*.yaml"), reverse=True)
    paths = [*files[:40], Path("-"), *files[40:]]
    stdin = (DIAGRAMS / "ward-falls.yaml").read_bytes()
    result = run(tmp_path, "validate", "--format", "json", "-j", "2", *paths, stdin=stdin)
    assert result.returncode == 1, result.stderr.decode()
    reported = [entry["path"] for entry in json.loads(result.stdout)["files"]]
    assert reported == [str(p) if str(p) != "-" else "<stdin>" for p in paths]


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
import os, signal, sys, time
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
KILLED = "os.kill(os.getpid(), signal.SIGKILL)"
SLOW = "if path.name == 'zz-slow.yaml': Path(os.environ['MARKER']).touch(); time.sleep(120)"


@pytest.fixture
def patched(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start the real CLI in its own process group (as a terminal does), with
    ``action`` done by each worker before it checks a file; a process group a
    failed test leaves behind is killed."""
    started: list[subprocess.Popen[bytes]] = []

    def start(action: str, *args: str | Path) -> subprocess.Popen[bytes]:
        env = _env(tmp_path)
        env["MARKER"] = str(tmp_path / "worker-started")
        proc = subprocess.Popen(
            [sys.executable, "-c", PATCHED.format(action=action), *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


def _no_process_left(proc: subprocess.Popen[bytes]) -> bool:
    try:
        os.killpg(proc.pid, 0)
    except ProcessLookupError:
        return True
    return False


@linux_only
@pytest.mark.parametrize(
    ("action", "name"), [(BUG, "ValueError"), (KILLED, "BrokenProcessPool")], ids=["bug", "killed"]
)
def test_a_failing_worker_takes_the_crash_path_and_does_not_hang(
    patched: Callable[..., subprocess.Popen[bytes]], mixed: Path, action: str, name: str
) -> None:
    proc = patched(action, "validate", "-j", "2", mixed)
    out, err = proc.communicate(timeout=60)  # a hang fails here
    stderr = err.decode()
    assert proc.returncode == 2, stderr
    assert out == b""  # no partial report
    assert f"impact: internal error: {name}. This is a bug in impact" in stderr
    assert "Traceback" not in stderr  # not from the parent, not from a worker or a thread
    assert _no_process_left(proc)
    log = Path(stderr.split("please report it with the log at ", 1)[1].strip())
    body = log.read_text(encoding="utf-8")
    if action == BUG:
        # the worker's own traceback is in the log, as the cause
        assert "_RemoteTraceback" in body
        assert "boom in a worker" in body
        assert "in validate_file" in body
    else:
        assert "terminated abruptly" in body


@linux_only
def test_ctrl_c_exits_130_and_leaves_no_worker_behind(
    tmp_path: Path, mixed: Path, patched: Callable[..., subprocess.Popen[bytes]]
) -> None:
    # the last file takes two minutes: one worker is busy with it, the other has
    # nothing left to do and waits for work; Ctrl-C must end both quietly
    shutil.copy(DIAGRAMS / "tertiary.yaml", mixed / "zz-slow.yaml")
    proc = patched(SLOW, "validate", "-j", "2", mixed)
    marker = tmp_path / "worker-started"
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "the slow file was not reached"
        time.sleep(0.05)
    time.sleep(1)  # the other worker finishes its files
    # as a terminal does: SIGINT to the whole process group, parent and workers
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    # the corpus's empty and non-mapping files are not diagrams: one note says so
    said = [line for line in stderr.splitlines() if not line.startswith("impact: note:")]
    assert said == ["impact: interrupted"], stderr
    assert out == b""
    assert _no_process_left(proc)  # the workers are gone too
