"""``impact doctor``: reports what is installed; exit 2 when Graphviz is missing."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import pydantic_core
import yaml

from conftest import Invoke
from impact_cli import __version__
from impact_cli.source.reader import parser_name


def test_doctor_reports_everything(impact: Invoke) -> None:
    result = impact("doctor")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"impact: {__version__} [ok]" in out
    assert f"Python: {platform.python_version()}" in out
    libyaml = yaml._yaml.get_version_string()  # type: ignore[attr-defined]
    assert parser_name() == f"libyaml {libyaml} (C), through PyYAML {yaml.__version__}"
    assert f"YAML parser: {parser_name()} [ok]" in out
    assert f"Validator: compiled (pydantic-core {pydantic_core.__version__}) [ok]" in out
    dot_version = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=True).stderr
    version = dot_version.split("version ")[1].split()[0]
    assert f"Graphviz (dot): {version}" in out
    assert "Font (Arial):" in out
    assert "Chromium (test suite only):" in out
    assert "Rendering works" in out
    assert "\x1b[" not in out  # plain text when not a terminal


def test_doctor_without_graphviz(impact_process: Invoke, tmp_path: Path) -> None:
    keep = [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if d and not (Path(d) / "dot").exists()
    ]
    result = impact_process("doctor", env={"PATH": os.pathsep.join(keep) or str(tmp_path)})
    assert result.exit_code == 2  # an environment problem, as the README's exit codes say
    assert "Graphviz (dot): not found on PATH [MISSING]" in result.stdout
    assert "install graphviz" in result.stdout.lower()
    assert "outline" in result.stdout
    assert "render -f dot, txt, md, mermaid, json, csv still work" in result.stdout
