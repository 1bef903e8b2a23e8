"""``impact watch`` as a real process, for the tests: its address, its output, a clean stop.

Started in its own process group, so that Ctrl-C can be sent as a terminal sends it
(to the group); with ``XDG_STATE_HOME`` in a temporary directory, so that a crash
log would be seen; never with a browser (``--no-open``).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import impact_executable

URL = re.compile(r"open (http://127\.0\.0\.1:(\d+)/)")
REBUILD = re.compile(r"^\[\d\d:\d\d:\d\d\] ", re.MULTILINE)
"""The line the terminal shows after each rebuild."""


class Watch:
    """One running ``impact watch``."""

    def __init__(self, *args: str | os.PathLike[str], state: Path, cwd: Path | None = None):
        env = dict(os.environ, NO_COLOR="1", XDG_STATE_HOME=str(state))
        env.pop("GITHUB_ACTIONS", None)
        self.proc = subprocess.Popen(
            [impact_executable(), "watch", "--no-open", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        self._out: list[str] = []
        self._err: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self._out), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self._err), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        match = URL.search(self.wait_for_output("open http://"))
        assert match is not None
        self.url = match.group(1)
        self.port = int(match.group(2))

    @staticmethod
    def _read(stream: object, into: list[str]) -> None:
        for line in iter(stream.readline, b""):  # type: ignore[attr-defined]
            into.append(line.decode("utf-8", "replace"))

    @property
    def stdout(self) -> str:
        return "".join(self._out)

    @property
    def stderr(self) -> str:
        return "".join(self._err)

    def rebuilds(self) -> int:
        return len(REBUILD.findall(self.stdout))

    def wait_for_output(self, text: str, *, after: int = 0, timeout: float = 60) -> str:
        """The output once ``text`` appears in it past character ``after``."""
        deadline = time.monotonic() + timeout
        while text not in self.stdout[after:]:
            if self.proc.poll() is not None:
                time.sleep(0.2)  # the readers catch up
                raise AssertionError(f"impact watch ended:\n{self.stdout}\n{self.stderr}")
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.stdout}\n{self.stderr}"
            time.sleep(0.02)
        return self.stdout

    def wait_for_rebuild(self, seen: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.rebuilds() <= seen:
            assert self.proc.poll() is None, self.stderr
            assert time.monotonic() < deadline, f"no rebuild after {seen}:\n{self.stdout}"
            time.sleep(0.02)

    def get(
        self, path: str, headers: dict[str, str] | None = None, *, host: str | None = "default"
    ) -> tuple[int, dict[str, str], bytes]:
        """One request, with ``path`` sent exactly as given."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            if host == "default":
                host = f"127.0.0.1:{self.port}"
            if host is not None:
                conn.putheader("Host", host)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def stop(self, sig: int = signal.SIGINT, timeout: float = 30) -> int:
        """Send ``sig`` to the process group, as a terminal does; the exit code."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
        code = self.proc.wait(timeout)
        for reader in self._readers:
            reader.join(timeout)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return code


@contextmanager
def watching(
    *args: str | os.PathLike[str], state: Path, cwd: Path | None = None
) -> Iterator[Watch]:
    watch = Watch(*args, state=state, cwd=cwd)
    try:
        yield watch
    finally:
        if watch.proc.poll() is None:
            try:
                watch.stop(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(watch.proc.pid, signal.SIGKILL)
                watch.stop()


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file, as an editor's save does."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
