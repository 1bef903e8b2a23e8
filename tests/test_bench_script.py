"""``make bench`` (bench/bench.py) runs every part, on small inputs.

Its numbers are read by people, on a quiet machine, so this checks no timing: only
that every whole-process command, every stage, the memory and the many-files rows
produce numbers and the targets of issue 7 are evaluated. The bench must not rot
between performance rounds, nor quietly skip a row because a stage broke.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_measures_every_row(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench.py"),
            *("--runs", "1", "--warmup", "0", "--files", "5", "--sizes", "30,60"),
            *("--output", str(out)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    res = json.loads(out.read_text())

    process = res["process"]
    assert process["skipped"] == {}
    for command in (
        "python -c pass",
        "impact validate",
        "impact --help",
        "impact render .html",
        "check-jsonschema",
    ):
        assert process["median_s"][command] > 0, command

    stages = res["stages"]
    assert stages["notes"] == {}, "a stage failed or is missing"
    for name in ("load", "validate", "lint", "outline", "dot", "html"):
        assert set(stages["seconds"][name]) == {"30", "60"}, name
    assert set(stages["growth"]["pipeline"]) == {"30-60"}
    assert set(res["memory"]["ratio"]) == {"30", "60"}
    assert res["many_files"]["files"] == 5
    assert res["many_files"]["exit_code"] == 0
    assert res["many_files_one_process"]["files"] == 5

    names = [target["name"] for target in res["targets"]]
    assert "validate / floor (typer+yaml+pydantic)" in names
    assert "validate vs check-jsonschema" in names
    assert "throughput at 60 nodes" in names
    assert "5 files in one validate" in names
    assert "in-process stages: best-of CPU ms at 30 / 60 nodes" in done.stdout
    assert "YAML reader: impact's C reader" in done.stdout
