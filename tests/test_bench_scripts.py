"""The scripts under bench/ run, on small inputs: they must not rot between rounds.

Their numbers are read by people, on a quiet machine, so nothing here is timed.

* ``make bench`` (bench/bench.py): every whole-process command, every stage, the
  memory, the many-files and the watch rows give numbers, and every target is
  evaluated; a row must not be skipped quietly because a stage broke.
* ``make profile`` (bench/profile.py): each of its three reports exists and names
  the code it is about.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def run_for_json(
    name: str, tmp_path: Path, *args: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """Run a script that writes its numbers as JSON to ``--output``; both results."""
    out = tmp_path / "out.json"
    done = run_script(name, *args, "--output", str(out))
    assert done.returncode == 0, done.stderr
    return done, json.loads(out.read_text())


def test_bench_measures_every_row(tmp_path: Path) -> None:
    done, res = run_for_json(
        "bench.py",
        tmp_path,
        *("--runs", "1", "--warmup", "0", "--files", "5", "--sizes", "30,60"),
        *("--charts", "2", "--chart-points", "30"),
    )

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
    assert res["watch"]["update_s"] > 0, res["watch"]  # Chromium is there where tests run
    assert res["watch"]["render_s"] > 0
    charts = res["charts"]
    assert (charts["measures"], charts["points"]) == (2, 30)
    # both pages were timed; which is faster in one run is for the table, not a test
    assert charts["with_s"] > 0
    assert charts["without_s"] > 0

    names = [target["name"] for target in res["targets"]]
    assert "validate / floor (typer+yaml+pydantic)" in names
    assert "validate vs check-jsonschema" in names
    assert "throughput at 60 nodes" in names
    assert "5 files in one validate" in names
    assert "watch: save to updated page / impact render" in names
    assert "2 charts of 30 points, on top of the page without them (issue 20)" in names
    assert "in-process stages: best-of CPU ms at 30 / 60 nodes" in done.stdout
    assert "YAML reader: " in done.stdout  # the parser the numbers were measured with


def test_profile_writes_three_reports(tmp_path: Path) -> None:
    done = run_script("profile.py", "--nodes", "300", "--files", "5", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    pipeline = (tmp_path / "pipeline.txt").read_text()
    # sampled every millisecond: only the largest stage is sure to be seen at this size
    assert "load_text" in pipeline
    many = (tmp_path / "many-files.txt").read_text()
    assert "validate_file" in many
    imports = (tmp_path / "importtime.txt").read_text()
    assert "cumulative ms" in imports
    assert "impact_cli.cli" in imports
