"""Run the installed ``impact`` in a real process and measure what it cost.

``launch.py`` reports the command's own peak resident memory (not pytest's, nor
the sum over every child pytest has run), so a bound on memory is a bound on that
one process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conftest import impact_executable


@dataclass
class Measured:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float
    timed_out: bool

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _peak_mib(ru_maxrss: int) -> float:
    # kilobytes on Linux, bytes on macOS
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


LAUNCHER = Path(__file__).with_name("launch.py")


def run_measured(
    *args: str | os.PathLike[str],
    stdin: bytes = b"",
    timeout: float = 60,
    env: dict[str, str] | None = None,
    wrapper: tuple[str, ...] = (),
) -> Measured:
    """Run ``impact *args``; kill it after ``timeout`` seconds (reported, not raised).

    ``wrapper`` runs impact through another command (``setpriv ...``). The command
    runs under ``launch.py``, which reports its peak memory (see there why)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    full_env.update(env or {})
    with (
        tempfile.TemporaryDirectory() as scratch,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as inp,
    ):
        report = Path(scratch) / "report"
        inp.write(stdin)
        inp.seek(0)
        start = time.monotonic()
        command = [*wrapper, impact_executable(), *map(str, args)]
        proc = subprocess.Popen(
            [sys.executable, "-I", "-S", str(LAUNCHER), str(report), *command],
            stdin=inp,
            stdout=out,
            stderr=err,
            env=full_env,
            start_new_session=True,  # so a timeout kills the launcher and the command
        )
        timed_out = False
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        seconds = time.monotonic() - start
        exit_code, peak = proc.returncode, 0.0
        if report.exists():
            code, maxrss = report.read_text().split()
            exit_code, peak = int(code), _peak_mib(int(maxrss))
        out.seek(0)
        err.seek(0)
        return Measured(
            exit_code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            peak,
            timed_out,
        )


def children(pid: int) -> list[int]:
    """Process ids of the direct children of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


def run_and_act(
    args: list[str | os.PathLike[str]],
    act: Callable[[subprocess.Popen[bytes]], bool],
    *,
    timeout: float = 120,
) -> tuple[Measured, bool]:
    """Start ``impact *args`` and call ``act(proc)`` until it returns True (it did its
    deed, e.g. sent a signal) or the process ends. Returns the outcome and whether
    ``act`` got to act while the process was running."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [impact_executable(), *map(str, args)], stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        acted = False
        while proc.poll() is None and time.monotonic() - start < timeout:
            if act(proc):
                acted = True
                break
            time.sleep(0.002)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.seek(0)
        err.seek(0)
        measured = Measured(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            time.monotonic() - start,
            0.0,
            False,
        )
        return measured, acted


def dot_child(proc: subprocess.Popen[bytes]) -> int | None:
    """The pid of the ``dot`` that ``proc`` is running, if any."""
    for child in children(proc.pid):
        argv = command_line(child)
        if argv and Path(argv[0]).name == "dot":
            return child
    return None


def kill_dot(proc: subprocess.Popen[bytes]) -> bool:
    """Graphviz killed from outside (out-of-memory killer, a user's kill -9)."""
    child = dot_child(proc)
    if child is None:
        return False
    os.kill(child, signal.SIGKILL)
    return True
