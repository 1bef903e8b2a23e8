"""``--format github``: one well-formed workflow-command annotation per problem."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import TESTS, Invoke
from impact_cli.reporters.github import escape_data, escape_property, workspace_path

INVALID = TESTS / "invalid"

ANNOTATION = re.compile(
    r"^::(?P<cmd>error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]+),line=(?P<line>[1-9]\d*)"
    r"(?:,endLine=(?P<end_line>[1-9]\d*)|,col=(?P<col>[1-9]\d*)(?:,endColumn=(?P<end_col>\d+))?)"
    r",title=(?P<title>DD-[A-Z]\d{2})::(?P<message>[^\r\n]+)$"
)
GROUP = re.compile(r"^::group::(?P<file>[^\r\n]+)$")
SUMMARY = re.compile(
    r"^impact: \d+ errors?, \d+ warnings?, \d+ info in \d+ files? \(\d+ with errors\)$"
)
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse(output: str) -> dict[str, list[re.Match[str]]]:
    """Check every line's shape; annotations by file, in order."""
    lines = output.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    by_file: dict[str, list[re.Match[str]]] = {}
    current: str | None = None
    for line in lines[:-1]:
        if group := GROUP.match(line):
            assert current is None, "nested group"
            current = unescape(group["file"])
            by_file[current] = []
        elif line == "::endgroup::":
            assert current is not None, "unopened group"
            assert by_file[current], "empty group"
            current = None
        else:
            match = ANNOTATION.match(line)
            assert match, f"malformed annotation: {line!r}"
            assert current == unescape(match["file"]), "annotation outside its file's group"
            assert not re.search(r"%(?!25|0D|0A|3A|2C)", line), f"unescaped %: {line!r}"
            assert not re.search(r"%(?:3A|2C)", match["message"]), "over-escaped message"
            by_file[current].append(match)
    assert current is None, "unclosed group"
    return by_file


def test_invalid_corpus_gets_one_annotation_per_problem(impact: Invoke, tmp_path: Path) -> None:
    corpus = sorted(INVALID.glob("*.yaml"))
    assert len(corpus) >= 35
    # plus lint findings of every severity
    lint = tmp_path / "lint.yaml"
    lint.write_text(
        "title: T\naim: Implement 100% e-obs\nprimary_drivers:\n  - id: p\n    title: P\n"
        "change_ideas:\n  - Improve 50% care\n",
        encoding="utf-8",
    )
    paths = [*corpus, lint]
    github = impact("validate", "--format", "github", *paths, env={"GITHUB_WORKSPACE": ""})
    assert github.exit_code == 1
    payload = json.loads(impact("validate", "--format", "json", *paths).stdout)
    by_file = parse(github.stdout)
    total = 0
    for entry in payload["files"]:
        diagnostics = entry["diagnostics"]
        assert diagnostics, entry["path"]
        matches = by_file[entry["path"].replace("\\", "/")]
        assert len(matches) == len(diagnostics), entry["path"]
        for d, m in zip(diagnostics, matches, strict=True):
            assert m["cmd"] == COMMAND[d["severity"]]
            assert m["title"] == d["code"]
            assert int(m["line"]) == d["line"]
            if d["end_line"] > d["line"]:
                assert int(m["end_line"]) == d["end_line"]
                assert m["col"] is None
            else:
                assert int(m["col"]) == d["column"]
            expected = d["message"] + (f"\nhint: {d['hint']}" if d["hint"] else "")
            assert unescape(m["message"]) == expected
            total += 1
    assert len(by_file) == len(paths)
    assert {m["cmd"] for ms in by_file.values() for m in ms} == {"error", "warning", "notice"}
    summary = github.stdout.splitlines()[-1]
    assert summary.startswith(f"impact: {payload['summary']['errors']} error")
    assert total == sum(payload["summary"][k] for k in ("errors", "warnings", "info"))


def test_chosen_automatically_in_github_actions(impact: Invoke) -> None:
    bad = INVALID / "f01-unknown-key.yaml"
    result = impact("validate", bad, env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": ""})
    assert result.exit_code == 1
    assert result.stdout.startswith("::group::")
    assert "::error file=" in result.stdout
    assert impact("validate", bad).stdout.startswith(str(bad))


def test_clean_files_print_only_the_summary(impact: Invoke) -> None:
    from conftest import EXAMPLES

    # the two drafts show what a draft is told (info findings, by design)
    clean = [p for p in EXAMPLES if p.stem not in ("aim-no-drivers-yet", "discharge-draft")]
    result = impact("validate", "--format", "github", *clean)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"impact: 0 errors, 0 warnings, 0 info in {len(clean)} files (0 with errors)"
    ]


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"


def test_awkward_path_and_message_are_escaped(impact: Invoke, tmp_path: Path) -> None:
    odd = tmp_path / "ward 7, bay: 2"
    odd.mkdir()
    path = odd / "plan.yaml"
    path.write_text("title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: '100%'\n")
    workspace = {"GITHUB_WORKSPACE": str(tmp_path)}
    result = impact("validate", "--format", "github", path, env=workspace)
    lines = result.stdout.splitlines()
    assert lines[0] == "::group::ward 7, bay: 2/plan.yaml"
    assert lines[1].startswith(
        "::error file=ward 7%2C bay%3A 2/plan.yaml,line=5,col=5,endColumn=10,title=DD-F01::"
    )
    assert list(parse(result.stdout)) == ["ward 7, bay: 2/plan.yaml"]


def test_paths_relative_to_the_workspace(tmp_path: Path) -> None:
    inner = tmp_path / "repo" / "diagrams"
    inner.mkdir(parents=True)
    target = inner / "a.yaml"
    shutil.copy(INVALID / "f01-unknown-key.yaml", target)
    assert workspace_path(str(target), str(tmp_path / "repo")) == "diagrams/a.yaml"
    outside = tmp_path / "elsewhere.yaml"
    assert workspace_path(str(outside), str(tmp_path / "repo")) == str(outside)
    assert workspace_path("<stdin>", str(tmp_path)) == "<stdin>"
