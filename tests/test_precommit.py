"""The ``impact-validate`` pre-commit hook, run by the real pre-commit.

``pre-commit try-repo`` clones a repository's HEAD, so the test copies the
current working tree's package (pyproject, README, src, .pre-commit-hooks.yaml)
into a throwaway git repository, commits it there and points try-repo at it.
pre-commit then pip-installs impact into its own environment (needs PyPI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from impact_cli.lint.examples import BASE

GIT = ["git", "-c", "user.name=impact tests", "-c", "user.email=tests@impact.invalid"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


def test_manifest_declares_the_hook() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "impact-validate"
    assert hook["entry"] == "impact validate"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert hook["require_serial"] is False
    import re

    files = re.compile(hook["files"])
    for name in ("diagrams/a.yaml", "qi/diagrams/b.yml", "falls.driver.yaml", "x/y.driver.yml"):
        assert files.search(name), name
    for name in (".github/workflows/ci.yml", "config.yaml", "mydiagrams.yaml"):
        assert not files.search(name), name


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("impact-hook-repo")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
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


def try_repo(
    hook_repo: Path, project: Path, home: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            "impact-validate",
            "--color",
            "never",
            "--files",
            *files,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
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
