"""Walking a directory: only driver diagrams are checked; --exclude and .gitignore.

``impact validate .`` in a real repository meets CI workflows, docker-compose
files and node_modules trees. These tests build such repositories with real git
and run the real ``impact`` process in them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import DIAGRAMS, TESTS, Invoke

# a valid diagram whose text stands alone (ward-falls.yaml reads CSV files beside it)
WARD = (DIAGRAMS / "many-to-many.yaml").read_text(encoding="utf-8")
TERTIARY = (DIAGRAMS / "tertiary.yaml").read_text(encoding="utf-8")
BROKEN = (
    "title: Fewer falls\naim: Reduce falls by 30% by March 2027\nprimary_drivers:\n  - titel: x\n"
)
WORKFLOW = "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n"
COMPOSE = "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def git_init(path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(path)], check=True)


def checked(stdout: str) -> list[str]:
    """The paths a ``--format json`` report checked."""
    return sorted(f["path"] for f in json.loads(stdout)["files"])


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository as real ones are: a workflow, docker-compose, a node_modules tree
    (ignored by .gitignore, as every Node project does), and two diagrams."""
    repo = tmp_path / "repo"
    git_init(repo)
    write(
        repo,
        {
            ".gitignore": "node_modules/\n",
            ".github/workflows/ci.yml": WORKFLOW,
            "docker-compose.yml": COMPOSE,
            "node_modules/left-pad/.travis.yml": "language: node_js\n",
            "node_modules/left-pad/openapi.yaml": "openapi: 3.0.0\ninfo: {title: x}\n",
            "node_modules/left-pad/fixtures/title.yaml": "title: a test fixture\n",
            "diagrams/ward-falls.yaml": WARD,
            "qi/tertiary.yaml": TERTIARY,
        },
    )
    return repo


def test_validate_dot_checks_only_the_diagrams(impact_process: Invoke, repository: Path) -> None:
    result = impact_process("validate", "--format", "json", ".", cwd=repository)
    assert result.exit_code == 0, result.output
    assert checked(result.stdout) == ["diagrams/ward-falls.yaml", "qi/tertiary.yaml"]
    # one note, naming what was left out
    notes = [line for line in result.stderr.splitlines() if line.startswith("impact: note:")]
    assert notes == [
        "impact: note: skipped 1 YAML file that is not a driver diagram (no top-level title, "
        "aim or primary_drivers key): docker-compose.yml; name a file to check it anyway"
    ]


def test_the_exit_code_comes_from_the_diagrams_alone(
    impact_process: Invoke, repository: Path
) -> None:
    write(repository, {"diagrams/broken.yaml": BROKEN})
    result = impact_process("validate", "--color", "never", ".", cwd=repository)
    assert result.exit_code == 1, result.output
    assert "diagrams/broken.yaml:4:5: error DD-F01: unknown key 'titel'" in result.stdout
    assert "docker-compose" not in result.stdout
    assert "node_modules" not in result.output
    assert "Found 1 error (1 of 3 files failed)" in result.stdout


def test_without_gitignore_node_modules_yaml_is_recognised_as_not_a_diagram(
    impact_process: Invoke, repository: Path
) -> None:
    (repository / ".gitignore").unlink()
    result = impact_process("validate", "--format", "json", ".", cwd=repository)
    # the fixture with a top-level 'title' looks like a diagram and is checked
    assert result.exit_code == 1
    assert checked(result.stdout) == [
        "diagrams/ward-falls.yaml",
        "node_modules/left-pad/fixtures/title.yaml",
        "qi/tertiary.yaml",
    ]
    assert (
        "skipped 2 YAML files that are not driver diagrams (no top-level title, aim or "
        "primary_drivers key): docker-compose.yml, node_modules/left-pad/openapi.yaml;"
    ) in result.stderr
    excluded = impact_process(
        "validate", "--format", "json", "--exclude", "node_modules/", ".", cwd=repository
    )
    assert excluded.exit_code == 0, excluded.output
    assert checked(excluded.stdout) == ["diagrams/ward-falls.yaml", "qi/tertiary.yaml"]


def test_a_file_named_is_always_checked(impact: Invoke, repository: Path) -> None:
    result = impact("validate", "--format", "json", repository / "docker-compose.yml")
    assert result.exit_code == 1
    codes = [d["code"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]
    assert "DD-F02" in codes  # no aim, no primary_drivers
    # named files are not filtered by --exclude or .gitignore either
    ignored = repository / "node_modules" / "left-pad" / "fixtures" / "title.yaml"
    result = impact("validate", "--exclude", "*.yaml", "--format", "json", ignored)
    assert result.exit_code == 1
    assert checked(result.stdout) == [str(ignored)]


def test_only_directories_of_non_diagrams_is_a_usage_error(impact: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"docker-compose.yml": COMPOSE, "empty.yaml": "", "list.yaml": "- a\n"})
    result = impact("validate", tmp_path)
    assert result.exit_code == 2
    assert f"no driver diagrams found in {tmp_path}" in result.stderr
    assert "skipped 3 YAML files that are not driver diagrams" in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("syntax-error.yaml", "title: [Fewer falls\naim: x\n"),
        ("quoted-key.yaml", '"primary_drivers": []\n'),
        ("windows-1252.yaml", "title: Caf\xe9 falls\n"),
        ("utf-16.yaml", "\ufefftitle: x\n"),
        ("crlf.yaml", "aim:\r\n  statement: x\r\n"),
        (
            "modeline.yaml",
            "# yaml-language-server: $schema=driver-diagram.schema.json\ntitel: x\n",
        ),
    ],
)
def test_broken_diagrams_are_still_recognised(
    impact: Invoke, tmp_path: Path, name: str, text: str
) -> None:
    encoding = {"windows-1252.yaml": "cp1252", "utf-16.yaml": "utf-16-le"}.get(name, "utf-8")
    (tmp_path / name).write_bytes(text.encode(encoding))
    result = impact("validate", "--format", "json", tmp_path)
    assert result.exit_code == 1, result.output
    assert checked(result.stdout) == [str(tmp_path / name)]


def test_exclude_patterns(impact: Invoke, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a.yaml": WARD,
            "old/b.yaml": WARD,
            "sub/old/c.yaml": WARD,
            "sub/d.generated.yaml": WARD,
            "sub/e.yaml": WARD,
        },
    )

    def run(*patterns: str) -> list[str]:
        args = [a for p in patterns for a in ("--exclude", p)]
        result = impact("validate", "--format", "json", *args, tmp_path)
        assert result.exit_code == 0, result.output
        return [str(Path(p).relative_to(tmp_path)) for p in checked(result.stdout)]

    assert run("old/") == ["a.yaml", "sub/d.generated.yaml", "sub/e.yaml"]  # at any depth
    assert run("/old/") == ["a.yaml", "sub/d.generated.yaml", "sub/e.yaml", "sub/old/c.yaml"]
    assert run("*.generated.yaml", "sub/old") == ["a.yaml", "old/b.yaml", "sub/e.yaml"]
    assert run("sub/*", "!sub/e.yaml") == ["a.yaml", "old/b.yaml", "sub/e.yaml"]


def test_exclude_applies_to_render_too(impact: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": WARD, "skip/b.yaml": BROKEN})
    out = tmp_path / "out"
    result = impact("render", tmp_path, "-f", "txt", "--out-dir", out, "--exclude", "skip/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]


def test_gitignore_files_at_every_level(impact: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    git_init(repo)
    write(
        repo,
        {
            ".gitignore": "/qi/generated/\n*.draft.yaml\n",
            ".git/info/exclude": "scratch.yaml\n",
            "qi/ward.yaml": WARD,
            "qi/generated/out.yaml": BROKEN,
            "qi/plan.draft.yaml": BROKEN,
            "qi/scratch.yaml": BROKEN,
            "qi/teams/.gitignore": "!keep.draft.yaml\nlocal/\n",
            "qi/teams/keep.draft.yaml": TERTIARY,
            "qi/teams/local/mine.yaml": BROKEN,
        },
    )
    # walking a directory below the repository's top applies the .gitignore above it
    result = impact("validate", "--format", "json", repo / "qi")
    assert result.exit_code == 0, result.output
    assert checked(result.stdout) == [
        str(repo / "qi/teams/keep.draft.yaml"),
        str(repo / "qi/ward.yaml"),
    ]
    assert "note" not in result.stderr
    deeper = impact("validate", "--format", "json", repo / "qi" / "teams")
    assert checked(deeper.stdout) == [str(repo / "qi/teams/keep.draft.yaml")]
    assert "note" not in deeper.stderr  # qi/ has no .gitignore, and that is no news


def test_gitignore_counts_only_inside_a_repository(impact: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {".gitignore": "*.yaml\n", "ward.yaml": WARD})
    result = impact("validate", "--format", "json", tmp_path)
    assert result.exit_code == 0, result.output
    assert checked(result.stdout) == [str(tmp_path / "ward.yaml")]


def test_a_gitignore_that_cannot_be_read_checks_more_not_less(
    impact: Invoke, tmp_path: Path
) -> None:
    git_init(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-patterns"
    outside.write_text("*.yaml\n")
    (tmp_path / ".gitignore").symlink_to(outside)
    write(tmp_path, {"ward.yaml": WARD, "big/.gitignore": "#" * 70_000 + "\n*.yaml\n"})
    write(tmp_path, {"big/tertiary.yaml": TERTIARY})
    result = impact("validate", "--format", "json", tmp_path)
    assert result.exit_code == 0, result.output
    assert checked(result.stdout) == [
        str(tmp_path / "big/tertiary.yaml"),
        str(tmp_path / "ward.yaml"),
    ]
    assert f"{tmp_path / '.gitignore'}: is a symbolic link" in result.stderr
    assert "its patterns are not applied" in result.stderr
    assert "big/.gitignore: larger than 64 KiB" in result.stderr


def test_a_bad_exclude_pattern_is_a_usage_error(impact: Invoke, tmp_path: Path) -> None:
    write(tmp_path, {"ward.yaml": WARD})
    result = impact("validate", "--exclude", "a\\", tmp_path)
    assert result.exit_code == 2, result.output
    assert "--exclude 'a\\' is not a pattern" in result.stderr


def test_the_invalid_corpus_walked_skips_only_what_is_not_a_diagram(impact: Invoke) -> None:
    result = impact("validate", "--format", "json", TESTS / "invalid")
    assert result.exit_code == 1
    checked_names = {Path(p).name for p in checked(result.stdout)}
    every = {p.name for p in (TESTS / "invalid").glob("*.yaml")}
    # empty, comments only, a top-level list or value: no key at all, so not diagrams
    assert every - checked_names == {
        "y05-empty.yaml",
        "y05-only-comments.yaml",
        "y11-top-level-list.yaml",
        "y11-top-level-scalar.yaml",
    }
    assert "skipped 4 YAML files that are not driver diagrams" in result.stderr
