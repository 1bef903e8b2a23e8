"""Bounds a hostile pull request cannot get round, each checked in the real CLI.

In CI, impact runs on pull requests anyone can open, so every text, size and shape
of a diagram is the attacker's. Each case runs the installed ``impact`` with its
wall time measured (``run_measured``):

* ``impact diff`` matches thousands of boxes by index, not pair by pair;
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from robustness.proc import run_measured


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. impact diff: linear in the number of boxes ------------------------------------------

WORDS = ["assess", "risk", "early", "huddle", "daily", "ward", "patient", "review", "board"]


def _ideas(count: int, version: int) -> str:
    """A diagram of ``count`` change ideas with no ids, whose titles change between
    versions, so every one must be found again by its similar title."""
    rnd = random.Random(7)
    titles = [f"{' '.join(rnd.sample(WORDS, 4))} {i} version {version}" for i in range(count)]
    lines = [
        "title: Many ideas",
        "aim: Reduce falls by half by June 2027",
        "primary_drivers:",
        "  - title: Reliable assessment",
        "    secondary_drivers:",
        "      - title: Assessment on admission",
        "        change_ideas:",
        *(f"          - {title}" for title in titles),
    ]
    return "\n".join(lines) + "\n"


def test_diff_of_2000_change_ideas_a_side_is_fast(tmp_path: Path) -> None:
    # every old box compared with every new one would take minutes (docs/robustness.md)
    old = _write(tmp_path / "old.yaml", _ideas(2000, 1))
    new = _write(tmp_path / "new.yaml", _ideas(2000, 2))
    run = run_measured("diff", old, new, timeout=120)
    assert not run.timed_out
    assert run.exit_code == 1, run.output
    assert run.seconds < 20, f"{run.seconds:.1f} s"
    renamed = re.findall(
        r"renamed change idea C(\d+): '.* (\d+) version 1' -> '.* (\d+) version 2'", run.stdout
    )
    assert len(renamed) == 2000, run.stdout[-2000:]
    assert all(int(c) - 1 == int(a) == int(b) for c, a, b in renamed)  # each found its twin
