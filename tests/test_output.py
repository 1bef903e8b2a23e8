"""write_atomic on what is not a plain file: devices, pipes, symlinks, directories.

Renaming a temporary file over a device would replace the device itself (as root,
'-o /dev/null' destroyed /dev/null); over a symlink it would replace the link.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from conftest import DIAGRAMS, Invoke

NHS = DIAGRAMS / "nhs-impact.yaml"


def test_dev_null_stays_a_device(impact: Invoke) -> None:
    result = impact("outline", NHS, "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_full_device_is_a_clear_error(impact: Invoke) -> None:
    result = impact("schema", "-o", "/dev/full")
    assert result.exit_code == 2
    assert "/dev/full: cannot write" in result.stderr
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_symlink_is_followed_and_kept(impact: Invoke, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    result = impact("outline", NHS, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text().startswith("NHS IMPACT Driver Diagram")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_fifo_is_written_in_place(impact: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = impact("outline", NHS, "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received
    assert received[0].startswith(b"NHS IMPACT Driver Diagram")


def test_directory_as_output_is_refused(impact: Invoke, tmp_path: Path) -> None:
    result = impact("outline", NHS, "-o", tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_symlink_to_the_input_is_refused(impact: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "d.yaml"
    source.write_bytes(NHS.read_bytes())
    link = tmp_path / "out.txt"
    link.symlink_to(source)
    result = impact("outline", source, "-o", link)
    assert result.exit_code == 2
    assert source.read_bytes() == NHS.read_bytes()
