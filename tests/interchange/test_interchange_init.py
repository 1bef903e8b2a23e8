"""impact init: a commented, valid, lint-clean starter; bundled examples; never overwrites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import DIAGRAMS, Invoke
from impact_cli.check.load import load_file
from impact_cli.fileformat.model import DiagramFile
from impact_cli.interchange.templates import EXAMPLES, MODELINE_PREFIX, template_text
from impact_cli.render import FORMATS, render


def test_bundled_examples_are_identical_to_diagrams() -> None:
    for name, bundled in EXAMPLES.items():
        assert template_text(bundled) == (DIAGRAMS / f"{name}.yaml").read_text("utf-8"), (
            f"src/impact_cli/templates/{bundled} differs from diagrams/{name}.yaml: copy it"
        )


def test_init_writes_a_valid_lint_clean_starter(impact: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "my-diagram.yaml"
    result = impact("init", target)
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert text.splitlines()[0] == f"{MODELINE_PREFIX}driver-diagram.schema.json"
    assert "impact validate my-diagram.yaml" in text
    assert "impact schema --output" in result.stdout
    for profile in ("permissive", "ihi"):
        check = impact("validate", "--strict", "--profile", profile, "--format", "json", target)
        assert check.exit_code == 0, check.output
        report = json.loads(check.stdout)
        assert _findings(report) == [], check.stdout


def _findings(report: object) -> list[object]:
    found: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("diagnostics", "findings") and isinstance(value, list):
                    found.extend(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(report)
    return found


def test_starter_has_every_section_with_comments(tmp_path: Path, impact: Invoke) -> None:
    target = tmp_path / "d.yaml"
    assert impact("init", target).exit_code == 0
    text = target.read_text("utf-8")
    data = yaml.safe_load(text)
    assert set(data) == set(DiagramFile.model_fields), "every top-level key is shown"
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) >= 15
    assert sum(1 for line in text.splitlines() if " # " in line) >= 5  # inline teaching


def test_starter_renders_to_every_text_format(tmp_path: Path, impact: Invoke) -> None:
    target = tmp_path / "d.yaml"
    assert impact("init", target).exit_code == 0
    diagram = load_file(target).diagram
    assert diagram is not None
    for name, spec in FORMATS.items():
        if spec.needs_graphviz or spec.binary:
            continue  # drawn by Graphviz: the render tests cover those formats
        try:
            data = render(diagram, name)
        except ModuleNotFoundError:  # a format another issue has not landed yet
            continue
        assert data, name


def test_init_never_overwrites(impact: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "d.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = impact("init", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text("utf-8") == "mine\n"


def test_init_example_starts_from_the_bundled_copy(impact: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "nhs.yaml"
    result = impact("init", "--example", "nhs-impact", target)
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    original = (DIAGRAMS / "nhs-impact.yaml").read_text("utf-8").splitlines(keepends=True)
    assert text.splitlines(keepends=True)[1:] == original[1:]
    assert text.startswith(MODELINE_PREFIX)
    assert impact("validate", "--no-lint", target).exit_code == 0


def test_init_unknown_example(impact: Invoke, tmp_path: Path) -> None:
    result = impact("init", "--example", "nope", tmp_path / "x.yaml")
    assert result.exit_code == 2
    assert "nhs-impact" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_modeline_points_at_the_nearest_schema(impact: Invoke, tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "driver-diagram.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "docs" / "qi").mkdir(parents=True)
    target = tmp_path / "docs" / "qi" / "d.yaml"
    assert impact("init", target).exit_code == 0
    first = target.read_text("utf-8").splitlines()[0]
    assert first == f"{MODELINE_PREFIX}../../schemas/driver-diagram.schema.json"


@pytest.mark.parametrize("example", [None, "nhs-impact"])
def test_init_to_stdout(impact: Invoke, example: str | None) -> None:
    args = ["init", "-"] + (["--example", example] if example else [])
    result = impact(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith(MODELINE_PREFIX)
