"""The compiled validator is current and agrees with the pydantic models.

``impact validate`` validates with :mod:`impact_cli.fileformat.compiled`, written
from :mod:`impact_cli.fileformat.model` by :mod:`tools.compile_model` so that no
process pays for creating the model classes. These tests keep the two one
format: the module must be what the compiler writes today, and both must
accept the same data with the same values and refuse the same data with the
same errors.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import every_loc, load_tool
from impact_cli.fileformat import compiled as compiled_model
from impact_cli.fileformat.model import DiagramFile
from impact_cli.fileformat.validator import compiled_available, validate_data
from impact_cli.source.reader import read_yaml

TESTS = Path(__file__).parent
ROOT = TESTS.parent


model_compiler = load_tool("compile_model")
FILES = sorted(
    [
        *(ROOT / "diagrams").glob("*.yaml"),
        *(TESTS / "data").glob("*.yaml"),
        *(TESTS / "invalid").glob("*.yaml"),
    ]
)


def test_compiled_module_is_current() -> None:
    written = Path(compiled_model.__file__).read_text(encoding="utf-8")
    assert written == model_compiler.generate(), "run 'make goldens' to rewrite it"


def test_compiler_check_mode() -> None:
    assert model_compiler.main(["--check"]) == 0


def test_the_compiled_validator_is_used() -> None:
    assert compiled_available()


def plain(value: Any) -> Any:
    """Objects from either validator as comparable data (class name and fields)."""
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return (type(value).__name__, {k: plain(v) for k, v in vars(value).items()})
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return (type(value).__name__, value)


def outcome(validate: Any, data: Any) -> Any:
    try:
        return ("ok", plain(validate(data)))
    except ValidationError as exc:
        return ("errors", exc.errors(include_url=False))


def assert_agree(data: Any) -> None:
    compiled = outcome(validate_data, copy.deepcopy(data))
    models = outcome(DiagramFile.model_validate, copy.deepcopy(data))
    assert compiled == models


def yaml_data(path: Path) -> Any:
    read = read_yaml(path.read_bytes(), str(path))
    return None if read.data is None else read.data


# Files refused before validation (a YAML problem) have no data to compare.
VALIDATED = [path for path in FILES if yaml_data(path) is not None]


@pytest.mark.parametrize("path", VALIDATED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_result_as_the_models(path: Path) -> None:
    assert_agree(yaml_data(path))


_NHS = yaml_data(ROOT / "diagrams" / "nhs-impact.yaml")
_MANY = yaml_data(ROOT / "diagrams" / "many-to-many.yaml")
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(["", " ", "x", "weak", "strong", "high", "testing", "p1", "\x07", "1bad"]),
    st.lists(st.sampled_from(["a", "p1", ""]), max_size=2),
    st.just({}),
    st.just({"title": "t"}),
    st.just({"to": "p1", "strength": "weak"}),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([_NHS, _MANY]),
    pick=st.integers(min_value=0),
    value=_VALUES,
    extra_key=st.booleans(),
)
def test_same_result_on_mutated_diagrams(base: Any, pick: int, value: Any, extra_key: bool) -> None:
    data = copy.deepcopy(base)
    paths = every_loc(data)[1:]  # every place but the root
    where = paths[pick % len(paths)]
    parent = data
    for seg in where[:-1]:
        parent = parent[seg]
    if extra_key and isinstance(parent, dict):
        parent["unknown_" + str(where[-1])] = value
    else:
        parent[where[-1]] = value
    assert_agree(data)
