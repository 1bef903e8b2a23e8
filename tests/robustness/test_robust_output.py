"""Nothing lost: outputs are written to a temporary file beside the target and renamed
only on success. A failed or interrupted write leaves the previous output exactly
as it was and no stray temporary file; unwritable paths are exit 2 with a clear
message; an output that is the input is refused.

Real processes throughout: Ctrl-C is a real SIGINT while Graphviz is laying out,
"dot killed" is a real SIGKILL to the dot child, a full disk is a 16 KiB tmpfs,
a read-only directory is a read-only mount (when root) or mode 0555.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DIAGRAMS, Invoke
from robustness.proc import command_line, dot_child, kill_dot, run_and_act

EXAMPLE = DIAGRAMS / "many-to-many.yaml"
PREVIOUS = b"the previous output, which must survive\n"
HAS_DOT = shutil.which("dot") is not None
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Every command that writes a file, as (arguments before -o, output file name).
WRITERS = {
    "render-html": (["render", str(EXAMPLE), "-f", "html"], "out.html"),
    "render-txt": (["render", str(EXAMPLE), "-f", "txt"], "out.txt"),
    "outline": (["outline", str(EXAMPLE)], "out.txt"),
    "schema": (["schema"], "schema.json"),
}


def leftovers(directory: Path, keep: str) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != keep)


def _mount(target: Path, options: str) -> None:
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KiB file system, unmounted afterwards."""
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    target = tmp_path / "tiny"
    target.mkdir()
    try:
        _mount(target, "size=16k,mode=0755")
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"root could not mount a tmpfs: {exc.stderr.decode().strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


def _prepare(directory: Path, name: str) -> Path:
    out = directory / name
    out.write_bytes(PREVIOUS)
    return out


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_disk_full_keeps_previous_output(impact: Invoke, tiny_disk: Path, writer: str) -> None:
    args, name = WRITERS[writer]
    out = _prepare(tiny_disk, name)
    filler = tiny_disk / "filler"
    # fill the disk up to the last few hundred bytes: no output fits
    with filler.open("wb") as handle, contextlib.suppress(OSError):
        handle.write(b"x" * (16 * 1024 - 4096 - 512))
    result = impact(*args, "-o", out)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"impact: error: {out}: cannot write (No space left"), (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert out.read_bytes() == PREVIOUS
    assert leftovers(tiny_disk, name) == ["filler"]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_read_only_directory_keeps_previous_output(
    impact: Invoke, tmp_path: Path, writer: str
) -> None:
    args, name = WRITERS[writer]
    target = tmp_path / "ro"
    target.mkdir()
    out = _prepare(target, name)
    if IS_ROOT:
        # bind-mount the directory read-only over itself
        try:
            subprocess.run(["mount", "--bind", str(target), str(target)], check=True)
            subprocess.run(
                ["mount", "-o", "remount,bind,ro", str(target)], check=True, capture_output=True
            )
        except (subprocess.CalledProcessError, FileNotFoundError) as exc:
            pytest.fail(f"root could not make a read-only bind mount: {exc}")
    else:
        target.chmod(0o555)
    try:
        result = impact(*args, "-o", out)
    finally:
        if IS_ROOT:
            subprocess.run(["umount", str(target)], check=False)
        else:
            target.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"impact: error: {out}: cannot write ("), result.stderr
    assert "Traceback" not in result.output
    assert out.read_bytes() == PREVIOUS
    assert leftovers(target, name) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_unwritable_paths_are_usage_errors(impact: Invoke, tmp_path: Path, writer: str) -> None:
    args, _ = WRITERS[writer]
    (tmp_path / "a-file").write_text("kept")
    missing_dir = impact(*args, "-o", tmp_path / "a-file" / "x.txt")
    assert missing_dir.exit_code == 2, missing_dir.output
    assert "impact: error: " in missing_dir.stderr
    assert "a-file" in missing_dir.stderr
    (tmp_path / "a-dir.txt").mkdir()
    (tmp_path / "a-dir.txt" / "inside").write_text("kept")
    is_dir = impact(*args, "-o", tmp_path / "a-dir.txt")
    assert is_dir.exit_code == 2, is_dir.output
    assert "impact: error: " in is_dir.stderr
    assert (tmp_path / "a-dir.txt" / "inside").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-dir.txt", "a-file"]
    assert (tmp_path / "a-file").read_text() == "kept"
    for result in (missing_dir, is_dir):
        assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["render", "outline"])
def test_output_equal_to_input_is_refused(impact: Invoke, tmp_path: Path, command: str) -> None:
    source = tmp_path / "d.txt"  # a .txt suffix, so render would pick the txt format
    original = EXAMPLE.read_bytes()
    source.write_bytes(original)
    link = tmp_path / "link.txt"
    link.symlink_to(source)
    hard = tmp_path / "hard.txt"
    os.link(source, hard)
    for target in (source, link, hard, tmp_path / "." / "d.txt"):
        result = impact(command, source, "-o", target)
        assert result.exit_code == 2, (target, result.output)
        assert "refusing to overwrite the input file" in result.stderr
        assert source.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt", "hard.txt", "link.txt"]


def _big_diagram(path: Path) -> Path:
    """About 2,000 boxes: Graphviz takes a second or more, long enough to interrupt."""
    lines = ["title: Big", "aim: Reduce harm by half by 2027", "primary_drivers:"]
    for p in range(5):
        lines += [f"  - title: Primary driver number {p}", "    secondary_drivers:"]
        for s in range(20):
            lines += [f"      - title: Secondary driver {p}.{s}", "        change_ideas:"]
            lines += [f"          - Change idea {p}.{s}.{c}" for c in range(18)]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_ctrl_c_during_layout_keeps_previous_output(tmp_path: Path, fmt: str) -> None:
    source = _big_diagram(tmp_path / "big.yaml")
    out = _prepare(tmp_path, f"big.{fmt}")
    dots: list[int] = []

    def act(proc: subprocess.Popen[bytes]) -> bool:
        # one look for the dot: looking twice, a dot that starts in between was
        # interrupted without being recorded (CI once failed so)
        child = dot_child(proc)
        if child is None:
            return False
        dots.append(child)
        proc.send_signal(signal.SIGINT)  # Ctrl-C while Graphviz is laying out
        return True

    run, acted = run_and_act(["render", source, "-f", fmt, "-o", out], act)
    assert acted, f"dot never ran while impact was alive: {run.output}"
    assert run.exit_code == 130, run.output
    assert "impact: interrupted" in run.stderr
    assert "Traceback" not in run.output
    assert out.read_bytes() == PREVIOUS
    assert leftovers(tmp_path, out.name) == ["big.yaml"]
    # the dot that was laying out did not outlive impact
    assert dots
    assert not Path(f"/proc/{dots[-1]}/cmdline").exists() or not command_line(dots[-1])


def test_dot_killed_keeps_previous_output(tmp_path: Path) -> None:
    source = _big_diagram(tmp_path / "big.yaml")
    out = _prepare(tmp_path, "big.svg")
    run, acted = run_and_act(["render", source, "-f", "svg", "-o", out], kill_dot)
    assert acted, f"dot never ran while impact was alive: {run.output}"
    assert run.exit_code == 2, run.output
    assert run.stderr.startswith("impact: error: Graphviz's dot failed to draw the SVG"), run.stderr
    assert "Traceback" not in run.output
    assert out.read_bytes() == PREVIOUS
    assert leftovers(tmp_path, out.name) == ["big.yaml"]


def test_successful_write_replaces_and_keeps_mode(impact: Invoke, tmp_path: Path) -> None:
    out = _prepare(tmp_path, "schema.json")
    out.chmod(0o640)
    result = impact("schema", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != PREVIOUS
    assert out.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path, out.name) == []
