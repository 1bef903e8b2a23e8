"""Check that a release's version agrees everywhere, and tag it.

    python tools/release.py check   # the version, changelog and docs agree (exit 1 if not)
    python tools/release.py tag     # check, then the annotated tag vX.Y.Z at HEAD

``make release`` runs ``check``, the whole test suite, then ``tag``; ``make tag`` runs
``tag`` alone (a clone whose copy of impact arrived without its tags). Only the
standard library: it runs before any virtual environment exists.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_WITH_REV = ("README.md", "docs/ci.md")
"""The docs whose pre-commit snippet pins the release tag with ``rev:``."""


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def problems(release: str) -> list[str]:
    """Every place that disagrees with ``release`` (pyproject's version)."""
    found: list[str] = []
    init = (ROOT / "src" / "impact_cli" / "__init__.py").read_text(encoding="utf-8")
    code = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    if code is None or code[1] != release:
        found.append(f"src/impact_cli/__init__.py: __version__ is not {release!r}")
    newest = changelog_section(release)
    if newest is None:
        found.append(f"CHANGELOG.md: the newest release section is not '## [{release}] - DATE'")
    elif not newest.strip():
        found.append(f"CHANGELOG.md: the section for {release} says nothing")
    for doc in DOCS_WITH_REV:
        revs = re.findall(r"^\s*rev:\s*(\S+)", (ROOT / doc).read_text(encoding="utf-8"), re.M)
        if not revs or any(rev != f"v{release}" for rev in revs):
            found.append(f"{doc}: the pre-commit snippet pins rev: {revs}, not v{release}")
    return found


def changelog_section(release: str) -> str | None:
    """The text of the newest released section of CHANGELOG.md, when it is ``release``."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    released = [s for s in sections if not s.startswith("[Unreleased]")]
    if not released:
        return None
    heading, _, body = released[0].partition("\n")
    if not re.fullmatch(rf"\[{re.escape(release)}\] - \d{{4}}-\d{{2}}-\d{{2}}", heading.strip()):
        return None
    return body.strip()


def git(*args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    if done.returncode != 0:
        raise SystemExit(f"release: git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def check() -> str:
    release = version()
    found = problems(release)
    for problem in found:
        print(f"release: {problem}", file=sys.stderr)
    if found:
        raise SystemExit(1)
    print(f"impact {release}: pyproject.toml, __init__.py, CHANGELOG.md and the docs agree")
    return release


def tag() -> None:
    release = check()
    name = f"v{release}"
    if git("status", "--porcelain"):
        raise SystemExit("release: the work tree has changes; commit them first")
    head = git("rev-parse", "HEAD")
    if git("tag", "--list", name):
        tagged = git("rev-parse", f"{name}^{{commit}}")
        if tagged != head:
            raise SystemExit(f"release: {name} already tags {tagged}, not HEAD ({head})")
        print(f"{name} already tags HEAD ({head})")
        return
    notes = changelog_section(release) or ""
    # verbatim: git would drop the changelog's '### Added' lines as comments
    message = f"impact {release}\n\n{notes}\n"
    git("tag", "--annotate", "--cleanup=verbatim", name, "--message", message)
    print(f"Tagged {name} at {head}. Publish it with: git push origin {name}")


def main(argv: list[str]) -> None:
    commands = {"check": check, "tag": tag}
    if len(argv) != 1 or argv[0] not in commands:
        raise SystemExit("usage: python tools/release.py check|tag")
    commands[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
