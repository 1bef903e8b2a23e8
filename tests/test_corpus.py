"""The invalid corpus: one problem per file, each reported exactly where it is.

``tests/invalid/expected.json`` holds, for every file, the first diagnostic's
line, column, code and a message substring (and for some a hint substring). Each
file is checked on both YAML parsers (libyaml and pure Python, which must agree)
and through the real CLI in text and JSON form. None may produce a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, Invoke
from impact_cli.check.load import load_text
from impact_cli.source.text import MAX_FILE_BYTES

INVALID = TESTS / "invalid"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (INVALID / "expected.json").read_text(encoding="utf-8")
)
NAMES = sorted(EXPECTED)
# Named, as pre-commit names them: in a directory walk the corpus's empty and
# non-mapping files are not recognised as diagrams (tests/test_walk.py).
FILES = [INVALID / name for name in NAMES]


def _key(diag: Any) -> tuple[str, int, int]:
    return (diag.code, diag.span.line, diag.span.col)


def test_corpus_is_complete() -> None:
    files = sorted(p.name for p in INVALID.iterdir() if p.suffix == ".yaml")
    assert files == NAMES, "every file in tests/invalid needs an entry in expected.json"
    assert len(files) >= 35
    # the corpus covers every structural code that a file can trigger
    codes = {entry["code"] for entry in EXPECTED.values()}
    for code in [f"DD-Y{n:02d}" for n in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13)]:
        assert code in codes
    for code in [f"DD-F{n:02d}" for n in range(1, 8)] + [f"DD-S{n:02d}" for n in range(1, 9)]:
        assert code in codes


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])
def test_loader_reports_first_problem(name: str, use_c: bool) -> None:
    expected = EXPECTED[name]
    result = load_text((INVALID / name).read_bytes(), name, use_c=use_c)
    assert result.diagram is None
    assert not result.ok
    first = result.diagnostics[0]
    assert _key(first) == (expected["code"], expected["line"], expected["column"])
    assert expected["message"] in first.message
    if "hint" in expected:
        assert first.hint is not None
        assert expected["hint"] in first.hint
    assert first.path == name


@pytest.mark.parametrize("name", NAMES)
def test_both_parsers_agree(name: str) -> None:
    data = (INVALID / name).read_bytes()
    c_diags = load_text(data, name, use_c=True).diagnostics
    py_diags = load_text(data, name, use_c=False).diagnostics
    assert [_key(d) for d in c_diags] == [_key(d) for d in py_diags]
    # libyaml and PyYAML word raw syntax errors differently; everything else is ours
    for c, py in zip(c_diags, py_diags, strict=True):
        if c.code != "DD-Y01":
            assert (c.message, c.hint) == (py.message, py.hint)


@pytest.mark.parametrize("name", NAMES)
def test_cli_json(impact: Invoke, name: str) -> None:
    expected = EXPECTED[name]
    path = INVALID / name
    result = impact("validate", "--format", "json", path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["summary"]["files_with_errors"] == 1
    (file_report,) = report["files"]
    assert file_report["valid"] is False
    first = file_report["diagnostics"][0]
    assert (first["code"], first["line"], first["column"]) == (
        expected["code"],
        expected["line"],
        expected["column"],
    )
    assert first["severity"] == "error"
    assert expected["message"] in first["message"]
    if "hint" in expected:
        assert expected["hint"] in first["hint"]


@pytest.mark.parametrize("name", NAMES)
def test_cli_text(impact: Invoke, name: str) -> None:
    expected = EXPECTED[name]
    path = INVALID / name
    result = impact("validate", "--color", "never", path)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    first_line = result.stdout.splitlines()[0]
    prefix = f"{path}:{expected['line']}:{expected['column']}: error {expected['code']}: "
    assert first_line.startswith(prefix), first_line
    assert expected["message"] in first_line


def test_whole_corpus_in_one_run(impact_process: Invoke) -> None:
    """One real process reports a problem in every file, then a summary; exit 1."""
    result = impact_process("validate", "--color", "never", *FILES)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    out = result.stdout
    for name, expected in EXPECTED.items():
        located = f"{INVALID / name}:{expected['line']}:{expected['column']}: error "
        assert located + expected["code"] in out, name
    last = out.strip().splitlines()[-1]
    n = len(NAMES)
    assert f"({n} of {n} files failed)" in last
    assert last.startswith("Found ")


def test_whole_corpus_json(impact: Invoke) -> None:
    result = impact("validate", "--format", "json", *FILES)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(NAMES)
    assert report["summary"]["files_with_errors"] == len(NAMES)
    assert report["summary"]["errors"] >= len(NAMES)
    assert {Path(f["path"]).name for f in report["files"]} == set(NAMES)


def test_whole_corpus_quiet(impact: Invoke) -> None:
    """--quiet prints one line per problem and nothing else (no source, no summary)."""
    result = impact("validate", "--quiet", "--color", "never", *FILES)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines, "quiet output must still list the problems"
    for line in lines:
        assert line.startswith(str(INVALID)), line
        assert ": error DD-" in line
    assert not any(line.startswith("Found ") for line in lines)
    for name, expected in EXPECTED.items():
        assert any(
            line.startswith(f"{INVALID / name}:{expected['line']}:{expected['column']}: ")
            for line in lines
        ), name


def test_valid_files_alongside_invalid_ones(impact: Invoke, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("title: Falls\naim: Reduce falls\nprimary_drivers: [Risk]\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes((INVALID / "f01-unknown-key.yaml").read_bytes())
    result = impact("validate", "--format", "json", tmp_path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    by_name = {Path(f["path"]).name: f["valid"] for f in report["files"]}
    assert by_name == {"good.yaml": True, "bad.yaml": False}


@pytest.mark.parametrize("use_c", [True, False], ids=["libyaml", "python"])
def test_oversized_file_loader(use_c: bool) -> None:
    data = b"title: " + b"x" * MAX_FILE_BYTES + b"\n"
    result = load_text(data, "big.yaml", use_c=use_c)
    (diag,) = result.diagnostics
    assert _key(diag) == ("DD-Y07", 1, 1)
    assert f"the limit is {MAX_FILE_BYTES:,} bytes" in diag.message


def test_oversized_file_cli(impact_process: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"title: Falls\nsummary: " + b"x" * MAX_FILE_BYTES + b"\n")
    result = impact_process("validate", "--format", "json", big)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (diag,) = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert (diag["code"], diag["line"], diag["column"]) == ("DD-Y07", 1, 1)
    assert "limit is 5,242,880 bytes" in diag["message"]


def test_size_limit_is_configurable(impact: Invoke, tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_text("title: Falls\naim: Reduce falls\nprimary_drivers: [Risk]\n", encoding="utf-8")
    assert impact("validate", small).exit_code == 0
    result = impact("validate", "--quiet", "--max-bytes", "20", small)
    assert result.exit_code == 1
    assert f"{small}:1:1: error DD-Y07: file is " in result.stdout
    assert "the limit is 20 bytes" in result.stdout


# A cycle can only be closed by links that break the tier order, so the cycle file
# also (rightly) reports the wrong-direction link that closes it.
SECOND_ERROR = {"s06-cycle.yaml": {"DD-S06", "DD-S03"}}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_corpus_file_has_exactly_one_problem(name: str) -> None:
    errors = [
        d
        for d in load_text((INVALID / name).read_bytes(), name).diagnostics
        if d.severity.value == "error"
    ]
    expected = SECOND_ERROR.get(name, {EXPECTED[name]["code"]})
    assert {d.code for d in errors} == expected, [d.format_line() for d in errors]
    assert len(errors) == len(expected), [d.format_line() for d in errors]
