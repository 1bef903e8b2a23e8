"""Run the installed ``impact`` in a real process and measure what it cost.

``os.wait4`` gives the child's own peak resident memory (not the sum over every
child pytest has run), so a bound on memory is a bound on that one process.
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


def run_measured(
    *args: str | os.PathLike[str],
    stdin: bytes = b"",
    timeout: float = 60,
    env: dict[str, str] | None = None,
    wrapper: tuple[str, ...] = (),
) -> Measured:
    """Run ``impact *args``; kill it after ``timeout`` seconds (reported, not raised).

    ``wrapper`` runs impact through another command (``setpriv ...``)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    full_env.update(env or {})
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryFile() as inp,
    ):
        inp.write(stdin)
        inp.seek(0)
        start = time.monotonic()
        proc = subprocess.Popen(
            [*wrapper, impact_executable(), *map(str, args)],
            stdin=inp,
            stdout=out,
            stderr=err,
            env=full_env,
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        return Measured(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            _peak_mib(usage.ru_maxrss),
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


def interrupt_during_dot(proc: subprocess.Popen[bytes]) -> bool:
    """Ctrl-C (SIGINT to impact) while Graphviz is laying out."""
    if dot_child(proc) is None:
        return False
    proc.send_signal(signal.SIGINT)
    return True


def kill_dot(proc: subprocess.Popen[bytes]) -> bool:
    """Graphviz killed from outside (out-of-memory killer, a user's kill -9)."""
    child = dot_child(proc)
    if child is None:
        return False
    os.kill(child, signal.SIGKILL)
    return True
