"""Every example in diagrams/ is lint-clean under the profile it declares.

"Clean" means ``impact validate --strict`` passes (no error, no warning). Any
rule the file switches off (``lint: {disable: [...]}``) and any information
finding it still draws must be named in a comment in the file, so what an
example deliberately keeps is written down beside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, Invoke
from impact_cli.check.load import load_text

_COMMENT = re.compile(r"#.*$", re.MULTILINE)


def comments(path: Path) -> str:
    return "\n".join(m.group() for m in _COMMENT.finditer(path.read_text(encoding="utf-8")))


def test_there_are_examples() -> None:
    assert any(p.name == "nhs-impact.yaml" for p in EXAMPLES)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_lint_clean(impact: Invoke, path: Path) -> None:
    strict = impact("validate", "--strict", path)
    assert strict.exit_code == 0, strict.output
    payload = json.loads(impact("validate", "--format", "json", path).stdout)
    kept = {d["code"] for f in payload["files"] for d in f["diagnostics"]}
    diagram = load_text(path.read_bytes(), str(path)).diagram
    assert diagram is not None
    notes = comments(path)
    for code in sorted(kept | set(diagram.lint.disable)):
        assert code in notes, f"{path.name}: {code} is kept or disabled but not explained"


def test_nhs_impact_draws_smart_aim_warnings_without_its_lint_block(
    impact: Invoke, tmp_path: Path
) -> None:
    """The national strategy's aim is not SMART: the disable in the file is what hides it."""
    source = (Path(__file__).parents[2] / "diagrams" / "nhs-impact.yaml").read_text("utf-8")
    stripped = re.sub(r"(?ms)^lint:.*", "", source)
    assert stripped != source
    copy = tmp_path / "nhs.yaml"
    copy.write_text(stripped, encoding="utf-8")
    payload = json.loads(impact("validate", "--format", "json", copy).stdout)
    codes = {d["code"] for f in payload["files"] for d in f["diagnostics"]}
    assert {"DD-A01", "DD-A02"} <= codes
    assert impact("validate", "--strict", copy).exit_code == 1
    assert impact("validate", "--strict", "--profile", "permissive", copy).exit_code == 0
