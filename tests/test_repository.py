"""The repository as committed: no half-finished merge left in any tracked file."""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT

# A line git writes into a file it could not merge. Reproduced in a test file of its
# own (split, so that this file does not match itself).
CONFLICT = re.compile("^(" + "<" * 7 + " |" + ">" * 7 + " |" + "=" * 7 + "$)", re.MULTILINE)


def test_no_merge_conflict_markers_are_committed() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    found = []
    for name in filter(None, listed):
        path = ROOT / name.decode()
        if not path.is_file() or path.suffix in {".png", ".pdf", ".pptx", ".docx", ".lock"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text
        found += [f"{name.decode()}: {m.group()!r}" for m in CONFLICT.finditer(text)]
    assert found == []
