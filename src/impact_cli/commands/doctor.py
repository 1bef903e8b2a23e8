"""``impact doctor``: what impact needs, and what this machine has.

Exit 0 when diagrams can be drawn, 2 when Graphviz is missing: a problem with the
environment, as for every command (validate, outline and the text formats still
work then). A table on a terminal, plain
``name: value`` lines otherwise (logs, bug reports).
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    value: str
    ok: bool
    hint: str = ""


def _validator_check() -> Check:
    import pydantic_core

    from ..fileformat.validator import compiled_available

    if compiled_available():
        return Check("Validator", f"compiled (pydantic-core {pydantic_core.__version__})", True)
    return Check(
        "Validator",
        f"pydantic models (pydantic-core {pydantic_core.__version__} cannot build the "
        "compiled one)",
        True,
        "validation is correct but starts slower; install the pydantic version in pyproject.toml",
    )


def checks() -> list[Check]:
    from .. import __version__
    from ..render.graphviz_run import dot_path, dot_version
    from ..source.reader import parser_name

    found: list[Check] = [
        Check("impact", __version__, True),
        Check("Python", f"{platform.python_version()} ({sys.executable})", True),
    ]
    found.append(Check("YAML parser", parser_name(), True))
    found.append(_validator_check())
    exe = dot_path()
    version = dot_version() if exe else None
    if exe is None:
        found.append(
            Check(
                "Graphviz (dot)",
                "not found on PATH",
                False,
                "install Graphviz to draw SVG, PNG, PDF and HTML (Debian/Ubuntu: sudo apt-get "
                "install graphviz; macOS: brew install graphviz; Windows: winget install graphviz)",
            )
        )
    else:
        found.append(Check("Graphviz (dot)", f"{version or 'unknown version'} ({exe})", True))
    found.append(_font_check())
    chromium = next(
        (
            path
            for name in ("chromium", "chromium-browser", "google-chrome", "chrome")
            if (path := shutil.which(name))
        ),
        None,
    )
    found.append(
        Check(
            "Chromium (test suite only)",
            chromium or "not found",
            True,
            "" if chromium else "needed only for impact's own browser tests (playwright)",
        )
    )
    return found


def _font_check() -> Check:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return Check(
            "Font (Arial)",
            "cannot tell: fc-match not found",
            True,
            "Graphviz draws with Arial or a metric-compatible font such as Liberation Sans",
        )
    try:
        proc = subprocess.run(
            [fc_match, "Arial"], capture_output=True, check=False, timeout=20, text=True
        )
    except (OSError, subprocess.SubprocessError):
        return Check("Font (Arial)", "cannot tell: fc-match failed", True)
    answer = proc.stdout.strip()
    good = any(name in answer for name in ("Arial", "Liberation Sans", "Arimo"))
    return Check(
        "Font (Arial)",
        answer or "no answer",
        good,
        ""
        if good
        else "install fonts-liberation2 (or Arial) so boxes are sized for the font drawn",
    )


def run(settings: None = None) -> int:
    found = checks()
    if sys.stdout.isatty():
        _table(found)
    else:
        for check in found:
            status = "ok" if check.ok else "MISSING"
            sys.stdout.write(f"{check.name}: {check.value} [{status}]\n")
            if check.hint:
                sys.stdout.write(f"  hint: {check.hint}\n")
    graphviz_ok = next(c.ok for c in found if c.name.startswith("Graphviz"))
    if graphviz_ok:
        sys.stdout.write("Rendering works: SVG, PNG, PDF and HTML can be drawn.\n")
        return 0
    from ..errors import NO_GRAPHVIZ_FORMATS

    sys.stdout.write(
        "Rendering SVG, PNG, PDF and HTML needs Graphviz. Without it, validate, outline "
        f"and render -f {', '.join(NO_GRAPHVIZ_FORMATS)} still work.\n"
    )
    return 2


def _table(found: list[Check]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="impact doctor")
    table.add_column("Check")
    table.add_column("Found")
    table.add_column("Status")
    for check in found:
        status = "ok" if check.ok else "missing"
        value = check.value + (f"\n{check.hint}" if check.hint else "")
        table.add_row(check.name, value, status)
    Console().print(table)
