"""``make profile`` (bench/profile.py) writes its three reports, on small inputs.

The profiles are read by people, so this checks only that each report exists and
names the code it is about: the script must not rot between performance rounds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_profile_writes_three_reports(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "profile.py"),
            "--nodes",
            "300",
            "--files",
            "5",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pipeline = (tmp_path / "pipeline.txt").read_text()
    # sampled every millisecond: only the largest stage is sure to be seen at this size
    assert "load_text" in pipeline
    many = (tmp_path / "many-files.txt").read_text()
    assert "validate_file" in many
    imports = (tmp_path / "importtime.txt").read_text()
    assert "cumulative ms" in imports
    assert "impact_cli.cli" in imports
