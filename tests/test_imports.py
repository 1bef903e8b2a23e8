"""Start-up discipline: each fast command imports only what it needs.

Not a timing test. Each case runs ``python -X importtime -m impact_cli ...`` in a
fresh process, reads the list of modules it imported from stderr, and fails if
one of them is on the command's deny list. A module that slips onto the fast
path (say, ``import jinja2`` at the top of a module ``validate`` imports) costs
every pre-commit hook and CI job a few milliseconds per file, forever; this test
names the module and the chain that imported it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "diagrams" / "nhs-impact.yaml"

# Never on any fast path: drawing and page-building libraries, our renderers,
# rich's markup help (markdown_it, pygments) and what pulls it in, and what only
# 'impact watch' needs (file events and an HTTP server).
HEAVY = (
    "graphviz",
    "jinja2",
    "markupsafe",
    "rich",
    "markdown_it",
    "pygments",
    "typer.rich_utils",
    "impact_cli.render",
    "impact_cli.commands.render",
    "impact_cli.commands.outline",
    "xml.etree",
    "xml.dom",
    "watchfiles",
    "anyio",
    "http.server",
    "socketserver",
    "impact_cli.watch",
    "impact_cli.commands.watch",
)
# --help and --version parse nothing, load nothing and validate nothing.
NO_WORK = (
    *HEAVY,
    "yaml",
    "pydantic",
    "pydantic_core",
    "impact_cli.fileformat.model",
    "impact_cli.check.load",
    "impact_cli.source.reader",
    "impact_cli.check.validate",
    "impact_cli.check.normalise",
    "impact_cli.lint",
    "impact_cli.commands",
    "impact_cli.reporters",
)
# --version answers before typer is even imported.
VERSION = (*NO_WORK, "typer", "click", "impact_cli.cli")
# A valid file with text output needs no JSON/SARIF reporter and no colour, and
# does not create the pydantic model classes (the compiled validator does their
# work) or turn pydantic's errors into findings.
VALIDATE = (
    *HEAVY,
    "impact_cli.fileformat.model",
    "impact_cli.fileformat.problems",
    "impact_cli.reporters.json_report",
    "impact_cli.reporters.sarif",
    "impact_cli.reporters.github",
    "impact_cli.crash",
    "impact_cli.output",
    "pathspec",  # only walking a directory with --exclude or a .gitignore needs it
)


def imported_modules(*args: str) -> tuple[dict[str, str], subprocess.CompletedProcess[str]]:
    """Run ``python -X importtime -m impact_cli *args``; module -> its import chain."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "impact_cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # Lines look like "import time:   self |  cumulative |   <indent>package.module";
    # children are printed before their parent, one level deeper.
    modules: dict[str, str] = {}
    pending: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or line.endswith("| imported package"):
            continue
        field = line.rsplit("|", 1)[1]
        name = field.strip()
        depth = (len(field) - len(field.lstrip(" ")) - 1) // 2
        # the children waiting for this parent are the ones one level deeper
        children = [child for d, child in pending if d == depth + 1]
        pending = [(d, child) for d, child in pending if d <= depth]
        for child in children:
            modules[child] = f"{modules[child]} <- {name}"
        modules[name] = name
        pending.append((depth, name))
    return modules, done


def _denied(modules: dict[str, str], deny: tuple[str, ...]) -> list[str]:
    return sorted(
        chain
        for name, chain in modules.items()
        if any(name == bad or name.startswith(bad + ".") for bad in deny)
    )


@pytest.mark.parametrize(
    ("args", "deny", "code"),
    [
        (("--version",), VERSION, 0),
        (("-V",), VERSION, 0),
        (("--help",), NO_WORK, 0),
        (
            ("validate", "--help"),
            (*HEAVY, "yaml", "impact_cli.fileformat.model", "impact_cli.lint"),
            0,
        ),
        (("validate", str(SMALL)), VALIDATE, 0),
        (("validate", "--quiet", "--no-lint", str(SMALL)), (*VALIDATE, "impact_cli.lint"), 0),
        (("watch", "--help"), HEAVY, 0),
    ],
    ids=["version", "V", "help", "validate-help", "validate", "validate-no-lint", "watch-help"],
)
def test_fast_paths_import_nothing_they_do_not_need(
    args: tuple[str, ...], deny: tuple[str, ...], code: int
) -> None:
    modules, done = imported_modules(*args)
    assert done.returncode == code, done.stderr[-2000:]
    assert "impact_cli" in modules, "no import trace: is -X importtime working?"
    bad = _denied(modules, deny)
    assert not bad, "imported on the fast path (module <- imported by):\n" + "\n".join(bad)


def test_validate_uses_plain_help_not_rich() -> None:
    """typer falls back to click's plain help when rich_markup_mode is None."""
    modules, done = imported_modules("--help")
    assert done.returncode == 0
    assert "Usage: impact" in done.stdout
    assert "rich" not in modules
    assert "╭" not in done.stdout  # rich's panels


def test_the_trace_parser_names_the_chain() -> None:
    """The deny-list test is only as good as its parser: check it on a known chain."""
    modules, done = imported_modules("validate", str(SMALL))
    assert done.returncode == 0
    assert modules["impact_cli.source.reader"].startswith("impact_cli.source.reader <- ")
    assert "yaml" in modules
    assert modules["impact_cli.cli"]
