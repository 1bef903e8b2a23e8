"""``impact validate`` checks a measure's data: each problem located, with a hint, never a
traceback; a data file is read only from inside the diagram's folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke

HEAD = """\
title: Falls
aim: Reduce falls on Ward 7 from 8 to 5 per 1,000 bed days by March 2026.
primary_drivers: [Assessment]
measures:
  - name: Falls per 1,000 occupied bed days
    type: outcome
    tracks: aim
    improvement: decrease
"""


def diagram(folder: Path, measure: str, **files: str) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "falls.yaml"
    path.write_text(HEAD + measure, encoding="utf-8")
    return path


def findings(impact: Invoke, path: Path | str, *extra: str) -> list[dict[str, object]]:
    result = impact("validate", "--format", "json", "--select", "DD-D", path, *extra)
    assert "Traceback" not in result.output
    return [d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]


def test_a_valid_file_is_read(impact: Invoke, tmp_path: Path) -> None:
    path = diagram(tmp_path, "    data: falls.csv\n", **{"falls.csv": "month,falls\n2024-01,8\n"})
    result = impact("validate", "--select", "DD-D", path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("csv", "code", "line", "col", "words", "hint"),
    [
        ("month,falls\n2024-01,8\n03/02/2024,7\n", "DD-D03", 3, 1, "day-first", "2024-04-01"),
        ("month,falls\n2024-01,8\n2024-13,7\n", "DD-D03", 3, 1, "not a date", "2024-04"),
        ("month,falls\n2024-01,8\n2024-02-01,7\n", "DD-D03", 3, 1, "first period", "same way"),
        ("month,falls\n2024-01,8\n2024-02,eight\n", "DD-D04", 3, 2, "'eight'", "plain number"),
        ("month,falls\n2024-01,8\n2024-02,8%\n", "DD-D04", 3, 2, "'8%'", "plain number"),
        ("month,falls\n2024-01,8\n2024-02,\n", "DD-D04", 3, 2, "empty", "plain number"),
        ("month,falls\n2024-01,8\n2024-01,7\n", "DD-D05", 3, 1, "twice", "one row"),
        ("month,falls\n2024-02,8\n2024-01,7\n", "DD-D06", 3, 1, "comes before", "sort"),
        ("month,falls\n2024-01,8\n2024-04,7\n", "DD-D07", 3, 1, "2 months missing", "missing"),
        ("month,falls\n2024-01,8\n2024-02,1,200\n", "DD-D08", 3, 3, "3 cells", "thousands"),
        ("falls\n8\n", "DD-D08", 1, 1, "1 column", "period, value and note"),
        ("month,falls\n", "DD-D01", 1, 1, "no rows", "one row per period"),
        ("", "DD-D01", 1, 1, "empty", None),
    ],
)
def test_problems_in_a_data_file_are_located_in_it(
    impact: Invoke,
    tmp_path: Path,
    csv: str,
    code: str,
    line: int,
    col: int,
    words: str,
    hint: str | None,
) -> None:
    path = diagram(tmp_path, "    data: falls.csv\n", **{"falls.csv": csv})
    found = [d for d in findings(impact, path) if d["code"] == code]
    assert found, findings(impact, path)
    d = found[0]
    assert Path(str(d["path"])).name == "falls.csv"
    assert (d["line"], d["column"]) == (line, col)
    assert words in str(d["message"])
    if hint:
        assert hint in str(d["hint"])
    text = impact("validate", "--select", "DD-D", path)
    assert f"falls.csv:{line}:{col}: " in text.stdout
    assert text.exit_code == (0 if code == "DD-D07" else 1)


def test_a_finding_in_a_data_file_points_back_at_the_measure(
    impact: Invoke, tmp_path: Path
) -> None:
    path = diagram(tmp_path, "    data: falls.csv\n", **{"falls.csv": "m,v\n2024-01,x\n"})
    (finding,) = findings(impact, path)
    assert finding["path"] == str(tmp_path / "falls.csv")
    assert finding["pointer"] == "measures[0].data"


def test_a_file_with_latin_1_text_says_how_to_save_it(impact: Invoke, tmp_path: Path) -> None:
    path = diagram(tmp_path, "    data: falls.csv\n")
    (tmp_path / "falls.csv").write_bytes("month,falls,note\n2024-01,8,caf\xe9\n".encode("latin-1"))
    (finding,) = findings(impact, path)
    assert finding["code"] == "DD-D01"
    assert "UTF-8" in str(finding["hint"])


def test_inline_points_are_checked_where_they_are_written(impact: Invoke, tmp_path: Path) -> None:
    points = "    points:\n      - {period: 2024-01, value: 8}\n"
    path = diagram(tmp_path, points + "      - {period: 2024-01, value: 7}\n")
    got = {(d["code"], d["line"], d["column"]) for d in findings(impact, path)}
    assert got == {("DD-D05", 11, 18)}
    path = diagram(tmp_path, points + "      - {period: 2024-02, value: lots}\n")
    got = {(d["code"], d["line"], d["column"]) for d in findings(impact, path)}
    assert got == {("DD-D04", 11, 34)}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("../outside.csv", "must not leave the diagram's folder"),
        ("/etc/passwd.csv", "not absolute"),
        ("C:/data/falls.csv", "not absolute"),
        ("sub\\\\falls.csv", "with '/'"),
        ("falls.txt", ".csv file"),
    ],
)
def test_a_path_that_leaves_the_folder_is_refused(
    impact: Invoke, tmp_path: Path, data: str, words: str
) -> None:
    path = diagram(tmp_path, f'    data: "{data}"\n')
    (finding,) = findings(impact, path)
    assert finding["code"] == "DD-D02"
    assert words in str(finding["message"])
    assert finding["line"] == 9


def test_a_symbolic_link_out_of_the_folder_is_refused(impact: Invoke, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("month,secret\n2024-01,42\n", encoding="utf-8")
    folder = tmp_path / "diagram"
    folder.mkdir()
    (folder / "falls.csv").symlink_to(secret)
    path = diagram(folder, "    data: falls.csv\n")
    (finding,) = findings(impact, path)
    assert finding["code"] == "DD-D02"
    assert "symbolic link" in str(finding["message"])
    result = impact("render", "-f", "json", "-o", "-", path)
    assert "42" not in result.stdout


def test_a_symbolic_link_inside_the_folder_is_followed(impact: Invoke, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "2024.csv").write_text("month,falls\n2024-01,8\n", encoding="utf-8")
    (tmp_path / "falls.csv").symlink_to(tmp_path / "data" / "2024.csv")
    path = diagram(tmp_path, "    data: falls.csv\n")
    assert findings(impact, path) == []


def test_a_directory_or_missing_file_is_an_error_not_a_crash(
    impact: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "dir.csv").mkdir()
    path = diagram(tmp_path, "    data: dir.csv\n")
    (finding,) = findings(impact, path)
    assert finding["code"] == "DD-D01"
    assert "directory" in str(finding["message"])
    path = diagram(tmp_path, "    data: missing.csv\n")
    (finding,) = findings(impact, path)
    assert "no such file" in str(finding["message"])


def test_a_data_file_over_the_size_limit_is_refused(impact: Invoke, tmp_path: Path) -> None:
    rows = "".join(f"{2000 + i // 12}-{i % 12 + 1:02d},{i}\n" for i in range(400))
    path = diagram(tmp_path, "    data: falls.csv\n", **{"falls.csv": "month,falls\n" + rows})
    (finding,) = findings(impact, path, "--max-bytes", "2000")
    assert finding["code"] == "DD-D01"
    assert "larger than" in str(finding["message"])


def test_a_diagram_from_standard_input_cannot_name_a_data_file(impact: Invoke) -> None:
    result = impact("validate", "--format", "json", "-", stdin=HEAD + "    data: falls.csv\n")
    files = json.loads(result.stdout)["files"]
    (finding,) = [d for f in files for d in f["diagnostics"] if d["code"] == "DD-D01"]
    assert "standard input" in finding["message"]


@pytest.mark.parametrize(
    ("measure", "words"),
    [
        ("    data: falls.csv\n    points:\n      - {period: 2024-01, value: 8}\n", "both"),
        ("    rebase: 2024-05\n    data: falls.csv\n", "not a period of the data"),
        ("    baseline: 30\n    data: falls.csv\n", "baseline"),
        ("    rules: ihi\n    run_length: 6\n    data: falls.csv\n", "Making Data Count"),
        ("    rebase: 2024-02\n", "no data"),
    ],
)
def test_options_that_do_not_fit_the_data(
    impact: Invoke, tmp_path: Path, measure: str, words: str
) -> None:
    path = diagram(tmp_path, measure, **{"falls.csv": "month,falls\n2024-01,8\n2024-02,7\n"})
    codes = findings(impact, path)
    assert any(d["code"] == "DD-D09" and words in str(d["message"]) for d in codes), codes


def test_github_annotations_point_at_the_data_file(impact: Invoke, tmp_path: Path) -> None:
    path = diagram(tmp_path, "    data: falls.csv\n", **{"falls.csv": "m,v\n2024-01,x\n"})
    result = impact("validate", "--format", "github", "--select", "DD-D", path)
    line = next(x for x in result.stdout.splitlines() if "DD-D04" in x)
    assert "falls.csv,line=2,col=2" in line
