"""The ``impact-validate`` pre-commit hook, run by the real pre-commit.

pre-commit clones the repository it is pointed at, so the tests copy the current
working tree's package (pyproject, README, src, .pre-commit-hooks.yaml, ...) into a
throwaway git repository and commit it there. ``pre-commit try-repo`` runs its HEAD;
the README's own ``.pre-commit-config.yaml`` snippet is run as a user would, with
``pre-commit run --all-files``, against a tag the test creates as a release would.
pre-commit then pip-installs impact into its own environment (needs PyPI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from impact_cli import __version__
from impact_cli.lint.examples import BASE

GIT = ["git", "-c", "user.name=impact tests", "-c", "user.email=tests@impact.invalid"]
PACKAGE_FILES = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    "MANIFEST.in",
    ".pre-commit-hooks.yaml",
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


def test_manifest_declares_the_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "impact-validate"
    assert hook["entry"] == "impact validate"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert hook["require_serial"] is False

    files = re.compile(hook["files"])
    for name in ("diagrams/a.yaml", "qi/diagrams/b.yml", "falls.driver.yaml", "x/y.driver.yml"):
        assert files.search(name), name
    for name in (".github/workflows/ci.yml", "config.yaml", "mydiagrams.yaml"):
        assert not files.search(name), name


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("impact-hook-repo")
    for name in PACKAGE_FILES:
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, repo / name)
    shutil.copytree(
        ROOT / "src",
        repo / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "impact under test")
    return repo


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("project")
    git(work, "init", "-q")
    (work / "diagrams").mkdir()
    (work / "diagrams" / "good.yaml").write_text(BASE, encoding="utf-8")
    (work / "diagrams" / "bad.yaml").write_text(
        BASE.replace("    title: A safe ward environment", "    titel: A safe ward environment"),
        encoding="utf-8",
    )
    git(work, "add", "-A")
    return work


def pre_commit(cwd: Path, home: Path, command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real pre-commit, with its own cache in ``home`` and no colour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", command, "--color", "never", *args],
        cwd=cwd,
        env={**env, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def try_repo(
    hook_repo: Path, project: Path, home: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    return pre_commit(
        project, home, "try-repo", str(hook_repo), "impact-validate", "--files", *files
    )


@pytest.mark.slow
def test_try_repo_passes_good_and_fails_bad(hook_repo: Path, project: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    good = try_repo(hook_repo, project, home, "diagrams/good.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Validate driver diagrams" in good.stdout
    assert "Passed" in good.stdout
    assert "no files to check" not in good.stdout

    bad = try_repo(hook_repo, project, home, "diagrams/bad.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "- hook id: impact-validate" in bad.stdout
    assert "diagrams/bad.yaml:14:5: error DD-F01: unknown key 'titel'" in bad.stdout


def readme_block(first_line: str) -> str:
    """The README's ```yaml block that starts with ``first_line``."""
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    (block,) = [b for b in blocks if b.startswith(first_line)]
    return block


@pytest.mark.slow
def test_the_readme_snippet_works_against_the_release_tag(hook_repo: Path, tmp_path: Path) -> None:
    snippet = readme_block("# .pre-commit-config.yaml")
    (rev,) = re.findall(r"^\s*rev:\s*(\S+)", snippet, re.M)
    assert rev == f"v{__version__}", "the README pins another version than this one"
    # the release: the tag the README names, on the commit under test
    git(hook_repo, "tag", "--force", "--annotate", rev, "--message", f"impact {__version__}")
    config, count = re.subn(r"^(\s*- repo:\s*).*$", rf"\g<1>{hook_repo}", snippet, flags=re.M)
    assert count == 1
    work = tmp_path / "project"
    (work / "diagrams").mkdir(parents=True)
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    # the README's example diagram, which the snippet checks with --strict
    example = readme_block("# yaml-language-server:")
    (work / "diagrams" / "falls.yaml").write_text(example, encoding="utf-8")
    (work / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    git(work, "init", "-q")
    git(work, "add", "-A")
    home = tmp_path / "pre-commit-home"

    def run_all() -> subprocess.CompletedProcess[str]:
        return pre_commit(work, home, "run", "--all-files")

    passed = run_all()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Validate driver diagrams" in passed.stdout
    assert "Passed" in passed.stdout
    (work / "diagrams" / "broken.yaml").write_text(
        example.replace("    title: A safe ward environment", "    titel: A safe ward environment"),
        encoding="utf-8",
    )
    git(work, "add", "-A")
    failed = run_all()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "diagrams/broken.yaml:14:5: error DD-F01: unknown key 'titel'" in failed.stdout
