"""The text reporter's source line and caret."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke


def test_caret_lines_up_after_wide_characters(impact: Invoke, tmp_path: Path) -> None:
    # Found in review: the caret was placed by characters, not terminal columns, so it
    # pointed too far left after CJK text or emoji (each takes two columns).
    path = tmp_path / "wide.yaml"
    path.write_text("title: T\naim: x\nprimary_drivers: [{title: 病棟の安全, bogus: 1}]\n")
    result = impact("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    source = next(line for line in lines if "bogus" in line and "|" in line)
    caret = lines[lines.index(source) + 1]
    # '病棟の安全' is 5 characters but 10 columns: the caret starts under 'bogus'
    assert caret.index("^") == source.index("bogus") + 5
    assert caret.count("^") == len("bogus")


def test_symlink_in_a_directory_is_skipped_with_a_note_not_silently(
    impact: Invoke, tmp_path: Path
) -> None:
    # Links inside a tree are not followed (docs/security.md), but never silently.
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = impact("validate", tmp_path)
    assert result.exit_code == 2  # nothing left to check
    assert "gone.yaml: skipped a symbolic link" in result.stderr
