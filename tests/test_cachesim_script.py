"""``make cachesim`` (bench/cachesim.py) counts a stage's own work, on small inputs.

It runs the real Valgrind. The check that matters is that the counts are the
stage's, not its set-up's: the set-up (imports, loading the diagram, a warm-up
run) is the same with and without the counted runs and must cancel out, so twice
the nodes must give more instructions, and about twice as many.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cachesim_counts_the_stage_not_its_setup(tmp_path: Path) -> None:
    out = tmp_path / "cachesim.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "cachesim.py"),
            *("--stages", "lint", "--sizes", "100,200", "--runs", "1"),
            *("--l2", "1048576", "--output", str(out)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    res = json.loads(out.read_text())
    assert res["l2"] == {"bytes": 1048576, "ways": 16, "line": 64}
    small, large = res["per_run"]["lint"]["100"], res["per_run"]["lint"]["200"]
    for counts in (small, large):
        assert set(counts) == {"instructions", "data_refs", "d1_misses", "l2_misses"}
        assert counts["instructions"] > 0
    # lint is linear: about 2x the instructions for 2x the nodes (loose bounds, as
    # a fixed per-call cost weighs more at this small size)
    assert 1.3 < large["instructions"] / small["instructions"] < 3
    assert "lint 100 -> 200: instructions" in done.stdout
