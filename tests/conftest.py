"""Shared fixtures.

* ``impact``: run the real CLI entry point (``impact_cli.cli.main``) in-process,
  with stdin/stdout/stderr isolated by typer's CliRunner; fast, for most tests.
* ``impact_process``: run the installed ``impact`` console script in a subprocess,
  for what only a real process shows (exit codes from the OS, signals, imports).
* ``golden``: compare output with a file under tests/golden/, rewritten only with
  ``pytest --update-goldens``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DIAGRAMS = ROOT / "diagrams"
TESTS = ROOT / "tests"
GOLDEN = TESTS / "golden"
EXAMPLES = sorted(DIAGRAMS.glob("*.yaml"))
HOSTILE = TESTS / "data" / "hostile.yaml"


def load_tool(name: str) -> Any:
    """A development script of tools/ as a module (tools/ is not an installed package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_example(example: Path, folder: Path, name: str | None = None) -> Path:
    """Copy an example diagram into ``folder`` with the data files its measures read
    (the CSV files beside the examples), as a user copies a diagram's folder."""
    target = folder / (name or example.name)
    target.write_bytes(example.read_bytes())
    for data in DIAGRAMS.glob("*.csv"):
        (folder / data.name).write_bytes(data.read_bytes())
    return target


# A shell starts a background job ('make test &' in a script, a CI step sent to the
# background) with SIGINT ignored, and an ignored signal stays ignored in every
# process started from it. The tests that press Ctrl-C on impact would then send a
# signal nobody receives, and fail for how the suite was started. A handler, unlike
# "ignored", is reset by exec: with Python's own here, each impact process the tests
# start has SIGINT as a terminal would deliver it.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite golden files under tests/golden/ from the current output.",
    )
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help="Run the long fuzzing campaigns (make fuzz).",
    )


@dataclass
class Result:
    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", errors="replace")

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


Invoke = Callable[..., Result]


@pytest.fixture
def impact() -> Invoke:
    from impact_cli.cli import main

    def invoke(
        *args: str | os.PathLike[str], stdin: bytes | str = b"", env: dict[str, str] | None = None
    ) -> Result:
        runner = CliRunner()
        base_env = {"GITHUB_ACTIONS": None, "NO_COLOR": None}
        with runner.isolation(input=stdin, env={**base_env, **(env or {})}) as streams:
            code = main([str(a) for a in args])
            sys.stdout.flush()
            sys.stderr.flush()
            out, err = streams[0].getvalue(), streams[1].getvalue()
        return Result(code, out, err)

    return invoke


def impact_executable() -> str:
    exe = Path(sys.executable).parent / "impact"
    return str(exe) if exe.exists() else (shutil.which("impact") or "impact")


@pytest.fixture
def impact_process() -> Invoke:
    def run(
        *args: str | os.PathLike[str],
        stdin: bytes | str = b"",
        env: dict[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        timeout: float = 120,
    ) -> Result:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
        full_env.update(env or {})
        proc = subprocess.run(
            [impact_executable(), *map(str, args)],
            input=data,
            capture_output=True,
            env=full_env,
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str | bytes) -> None:
        path = GOLDEN / name
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert path.exists(), f"no golden file {path}; run 'pytest --update-goldens' and review"
        expected = path.read_bytes()
        if expected != data:
            # show a readable diff for text
            assert data.decode("utf-8", "replace") == expected.decode("utf-8", "replace"), (
                f"output differs from {path}; if the change is intended, run "
                "'pytest --update-goldens' and review the diff"
            )

    return check


def every_loc(value: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place in YAML data as keys and indexes, the root ``()`` first."""
    out = [loc]
    if isinstance(value, dict):
        for key, item in value.items():
            out += every_loc(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += every_loc(item, (*loc, index))
    return out
