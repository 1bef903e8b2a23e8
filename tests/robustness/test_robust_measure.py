"""The measurement the memory bounds rest on: a command's own peak, not its caller's."""

from __future__ import annotations

from pathlib import Path

from robustness.proc import run_measured


def test_peak_memory_is_the_commands_own_not_the_callers() -> None:
    # A pytest worker grows as the suite runs. Started straight from it, a child's
    # peak counted from the worker's (CI once saw 302 MiB for every hostile file).
    held = bytearray(400 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page so it is resident
    run = run_measured("--version")
    assert run.exit_code == 0
    assert 5 < run.peak_mib < 100, f"{run.peak_mib:.0f} MiB"
    del held


def test_a_timeout_kills_the_command_and_its_launcher(tmp_path: Path) -> None:
    # ``impact watch`` runs until stopped: the timeout must stop it and report so.
    diagram = tmp_path / "watched.yaml"
    diagram.write_text((Path(__file__).parents[2] / "diagrams" / "nhs-impact.yaml").read_text())
    run = run_measured("watch", diagram, "--no-open", timeout=3)
    assert run.timed_out
    left = [p for p in Path("/proc").glob("[0-9]*") if str(diagram).encode() in _cmdline(p)]
    assert not left, left


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""
