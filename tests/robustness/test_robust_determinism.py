"""Determinism: every text output is byte-identical across runs and across
PYTHONHASHSEED values (0, 1 and random), in the real process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DIAGRAMS, HOSTILE, Invoke
from fuzz.fuzz_support import available_formats
from impact_cli.render import FORMATS

FORMATS_OK, _ = available_formats()
HAS_DOT = shutil.which("dot") is not None
SOURCES = [DIAGRAMS / "many-to-many.yaml", DIAGRAMS / "tertiary.yaml", HOSTILE]
SEEDS = ("0", "1", "random")
# every byte-stable output; PNG and PDF come from cairo, whose bytes we do not own
TEXT_FORMATS = [f for f in FORMATS_OK if not FORMATS[f].binary]


def _runs(impact_process: Invoke, *args: str | Path) -> list[bytes]:
    outputs = []
    for seed in SEEDS:
        result = impact_process(*args, env={"PYTHONHASHSEED": seed})
        assert result.exit_code in (0, 1), result.output
        outputs.append(result.stdout_bytes)
    return outputs


def test_render_is_byte_identical(impact_process: Invoke, tmp_path: Path) -> None:
    formats = [f for f in TEXT_FORMATS if HAS_DOT or not FORMATS[f].needs_graphviz]
    trees: dict[str, dict[str, bytes]] = {}
    for run, seed in enumerate((*SEEDS, "random")):
        out = tmp_path / f"run{run}"
        result = impact_process(
            "render", *SOURCES, "-f", ",".join(formats), "-d", out, env={"PYTHONHASHSEED": seed}
        )
        assert result.exit_code == 0, result.output
        trees[f"{run}:{seed}"] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    first = next(iter(trees.values()))
    assert len(first) == len(SOURCES) * len(formats), sorted(first)
    for name, tree in trees.items():
        differing = [f for f in first if tree.get(f) != first[f]]
        assert not differing, f"run {name}: {differing} differ"


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--format", "text", "--color", "never"),
        ("validate", "--format", "json"),
        ("validate", "--format", "sarif"),
        ("validate", "--format", "github"),
    ],
    ids=lambda a: "-".join(a[1:3]),
)
def test_validate_reports_are_byte_identical(impact_process: Invoke, args: tuple[str, ...]) -> None:
    outputs = _runs(impact_process, *args, DIAGRAMS, HOSTILE)
    assert all(o == outputs[0] for o in outputs)


@pytest.mark.parametrize(
    "args",
    [("outline",), ("outline", "--accessible"), ("outline", "--format", "markdown", "--mermaid")],
    ids=lambda a: "-".join(a),
)
def test_outline_is_byte_identical(impact_process: Invoke, args: tuple[str, ...]) -> None:
    for source in (HOSTILE,):
        outputs = _runs(impact_process, *args, source)
        assert all(o == outputs[0] for o in outputs)


@pytest.mark.parametrize("kind", ["diagram", "report", "export"])
def test_schema_is_byte_identical(impact_process: Invoke, kind: str) -> None:
    outputs = _runs(impact_process, "schema", "--kind", kind)
    assert all(o == outputs[0] for o in outputs)


def test_errors_are_byte_identical(impact_process: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: T\naim: x\nprimary_drivers:\n  - title: a\n    titel: b\n    supports: [x, y]\n"
        "secondary_drivers:\n  - title: s\n    supports: [nope, also-nope]\n"
    )
    outputs = _runs(impact_process, "validate", "--format", "json", bad)
    assert all(o == outputs[0] for o in outputs)


def test_files_written_with_o_are_identical(impact: Invoke, tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    assert impact("outline", HOSTILE, "-o", first).exit_code == 0
    assert impact("outline", HOSTILE, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
