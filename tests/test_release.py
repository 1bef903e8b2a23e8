"""The release: one version everywhere, a tag made by tools/release.py, documents that
work as they are read (the README's example passes the checks it recommends, every
link between the docs leads to a page that exists), and a clean sdist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from impact_cli import __version__

RELEASE = ROOT / "tools" / "release.py"
GIT = ["git", "-c", "user.name=impact tests", "-c", "user.email=tests@impact.invalid"]
DOCS = sorted([ROOT / "README.md", ROOT / "CHANGELOG.md", *(ROOT / "docs").glob("*.md")])


def release(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    identity = {"GIT_COMMITTER_NAME": "impact tests", "GIT_COMMITTER_EMAIL": "t@impact.invalid"}
    return subprocess.run(
        [sys.executable, str(root / "tools" / "release.py"), command],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **identity},
    )


def test_one_version_everywhere(impact: Invoke) -> None:
    done = release(ROOT, "check")
    assert done.returncode == 0, done.stderr
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == __version__
    assert impact("--version").stdout == f"impact {__version__}\n"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The files the release checks, in a git repository of their own."""
    root = tmp_path / "impact"
    for name in (
        "pyproject.toml",
        "CHANGELOG.md",
        "README.md",
        "docs/ci.md",
        "src/impact_cli/__init__.py",
        "tools/release.py",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "release"], cwd=root, check=True)
    return root


def test_check_names_what_disagrees(copy: Path) -> None:
    readme = copy / "README.md"
    readme.write_text(readme.read_text().replace(f"rev: v{__version__}", "rev: v0.0.9"))
    init = copy / "src" / "impact_cli" / "__init__.py"
    init.write_text(init.read_text().replace(__version__, "9.9.9"))
    done = release(copy, "check")
    assert done.returncode == 1
    assert f"README.md: the pre-commit snippet pins rev: ['v0.0.9'], not v{__version__}" in (
        done.stderr
    )
    assert f"__version__ is not '{__version__}'" in done.stderr


def test_tag_makes_the_annotated_tag_the_docs_name(copy: Path) -> None:
    name = f"v{__version__}"
    tagged = release(copy, "tag")
    assert tagged.returncode == 0, tagged.stderr
    assert f"Tagged {name} at " in tagged.stdout

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(copy), *args], capture_output=True, text=True, check=True
        ).stdout

    assert git("cat-file", "-t", name).strip() == "tag"  # annotated
    message = git("tag", "--list", "--format=%(contents)", name)
    assert message.startswith(f"impact {__version__}\n")
    assert "### Added" in message  # the changelog's section
    again = release(copy, "tag")
    assert again.returncode == 0
    assert "already tags HEAD" in again.stdout
    (copy / "notes.txt").write_text("not committed\n")
    dirty = release(copy, "tag")
    assert dirty.returncode == 1
    assert "the work tree has changes" in dirty.stderr


def test_the_readme_example_passes_the_checks_it_recommends(impact: Invoke, tmp_path: Path) -> None:
    """The README advises `impact validate --strict` in CI: its own example passes it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    diagrams = [block for block in blocks if re.search(r"^title:", block, re.M)]
    assert diagrams, "the README has no example diagram"
    assert "--strict" in text
    for i, block in enumerate(diagrams):
        path = tmp_path / f"readme-{i}.yaml"
        path.write_text(block, encoding="utf-8")
        result = impact("validate", "--strict", "--color", "never", path)
        assert result.exit_code == 0, f"README example {i}:\n{result.output}"


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors for a page's headings."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower().replace("`", "")).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_between_the_docs_leads_somewhere(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # links in code are examples
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # a URL
        path, _, anchor = target.partition("#")
        page = (doc.parent / path).resolve() if path else doc
        if not page.exists():
            broken.append(f"{target}: no such file")
        elif (
            anchor
            and page.suffix == ".md"
            and anchor not in _anchors(page.read_text(encoding="utf-8"))
        ):
            broken.append(f"{target}: no heading with that anchor")
    assert not broken, f"{doc.name}: " + "; ".join(broken)


@pytest.mark.slow
def test_the_sdist_holds_what_building_needs_and_no_tests(tmp_path: Path) -> None:
    """`python -m build` makes the sdist, then the wheel from the sdist alone."""
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "PKG-INFO"} <= names
    assert "src/impact_cli/templates/init.yaml" in names
    assert "src/impact_cli/py.typed" in names
    assert not [n for n in names if n.startswith(("tests", "bench", "tools", "docs"))]
    assert not [n for n in names if n.endswith((".so", ".pyc"))]
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        files = set(archive.namelist())
    assert "impact_cli/templates/init.yaml" in files
    assert "impact_cli/templates/page.html.j2" in files
    assert not [n for n in files if n.endswith(".so")]


def test_an_installed_impact_points_at_help_that_exists(impact: Invoke, tmp_path: Path) -> None:
    """pip users have no docs/ folder: --help and the starter file send them to commands."""
    epilog = impact("--help").stdout.split("Commands:")[1]
    assert impact("init", tmp_path / "d.yaml").exit_code == 0
    starter = "\n".join(
        line for line in (tmp_path / "d.yaml").read_text("utf-8").splitlines() if "#" in line
    )
    for text in (epilog, starter):
        named = set(re.findall(r"'impact ([a-z]+)", " ".join(text.split())))
        assert {"schema", "explain"} <= named, text
        for command in named:
            assert impact(command, "--help").exit_code == 0, command
