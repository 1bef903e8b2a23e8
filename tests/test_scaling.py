"""Every stage of our own code is linear in nodes and links: checked by counting work.

No timing here (timings live in ``make bench``). Each stage runs on generated
diagrams (bench/generate.py, fixed seed) of N and 10N nodes under a profile hook
that counts function calls, Python and C alike. The counts are exact and the same
on every machine, so a quadratic lookup (a list scanned per node, the tree
re-walked per node, a regex compiled per item) shows up as a growth far above 10x,
on a laptop and in CI alike.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 200, 2_000  # nodes; LARGE is exactly 10x SMALL
# Fixed costs per call (headers, a template's set-up) pull the growth below 10x, as
# does work that stops early (glossary matching ends once every term has had its
# first use); sorting (n log n) pulls it a little above; quadratic gives about 100x.
LOW, HIGH = 6.0, 13.5


def _generator() -> Any:
    path = ROOT / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("impact_bench_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _generator().generate


def count_calls(func: Callable[[], Any]) -> int:
    """Function calls (Python and built-in) made while ``func`` runs."""
    calls = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        func()
    finally:
        sys.setprofile(None)
    return calls


class Pipeline:
    """The stages of ``validate`` and the text renderers, one diagram at a time."""

    def __init__(self, nodes: int) -> None:
        self.data = generate(nodes).encode("utf-8")
        self.nodes = nodes

    def load(self) -> Any:
        from impact_cli.source.reader import read_yaml

        self.read = read_yaml(self.data, "generated.yaml")
        assert self.read.data is not None, self.read.diagnostics
        return self.read

    def validate(self) -> Any:
        from impact_cli.check.load import load_text

        self.result = load_text(self.data, "generated.yaml")
        assert self.result.ok, self.result.diagnostics[:3]
        assert len(self.result.diagram.nodes) == self.nodes
        return self.result

    def lint(self) -> Any:
        from impact_cli.lint import lint_diagram

        return lint_diagram(self.result.diagram)

    def render(self, fmt: str, **options: Any) -> bytes:
        from impact_cli.render import RenderOptions, render

        return render(self.result.diagram, fmt, RenderOptions(**options))

    def html_text(self) -> str:
        from impact_cli.render import RenderOptions
        from impact_cli.render.html import render_page

        return render_page(self.result.diagram, RenderOptions(), "")


def _have(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


STAGES: dict[str, tuple[str | None, Callable[[Pipeline], Any]]] = {
    "load": (None, Pipeline.load),
    "validate": (None, Pipeline.validate),
    "lint": ("impact_cli.lint", Pipeline.lint),
    "outline": ("impact_cli.render.outline", lambda p: p.render("txt")),
    "outline-accessible": (
        "impact_cli.render.outline",
        lambda p: p.render("txt", accessible=True),
    ),
    "markdown": ("impact_cli.render.markdown", lambda p: p.render("md")),
    "dot": ("impact_cli.render.dot", lambda p: p.render("dot")),
    "html-text": ("impact_cli.render.html", Pipeline.html_text),
}


# DOT text is measured above dot_choice.CHOICE_BOXES (250 boxes): below it a render lays
# the drawing out with up to seven candidate settings and keeps the best, a cost bounded
# by that limit, not one that grows with the diagram.
SIZES = {"dot": (300, 3_000)}


@pytest.fixture(scope="module")
def pipelines() -> dict[int, Pipeline]:
    built = {}
    for nodes in {SMALL, LARGE, *(n for pair in SIZES.values() for n in pair)}:
        pipeline = Pipeline(nodes)
        pipeline.load()
        pipeline.validate()
        built[nodes] = pipeline
    return built


@pytest.mark.parametrize("stage", list(STAGES))
def test_stage_grows_linearly(stage: str, pipelines: dict[int, Pipeline]) -> None:
    module, run = STAGES[stage]
    assert module is None or _have(module), f"{module} does not import"
    small, large = (pipelines[n] for n in SIZES.get(stage, (SMALL, LARGE)))
    run(small)  # warm up: caches, templates and validators are built once per process
    growth = count_calls(lambda: run(large)) / count_calls(lambda: run(small))
    assert LOW <= growth <= HIGH, (
        f"{stage}: {growth:.1f}x the function calls for 10x the nodes "
        f"(linear is about 10x; quadratic would be about 100x)"
    )


def test_no_regex_is_compiled_per_item(pipelines: dict[int, Pipeline]) -> None:
    """After a warm-up, a run of every stage compiles no regex, whatever the size."""
    from re import _compiler  # type: ignore[attr-defined]

    compiled = 0
    original = _compiler.compile

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal compiled
        compiled += 1
        return original(*args, **kwargs)

    stages = [run for module, run in STAGES.values() if module is None or _have(module)]
    for run in stages:
        run(pipelines[SMALL])
    _compiler.compile = counting
    try:
        for run in stages:
            run(pipelines[LARGE])
    finally:
        _compiler.compile = original
    # re's own cache keeps 512 patterns; a pattern built per item misses it every time
    assert compiled == 0, f"{compiled} regular expressions compiled while processing"


def test_generated_diagrams_are_exact_and_deterministic() -> None:
    assert generate(SMALL) == generate(SMALL)
    assert generate(SMALL) != generate(SMALL + 1)
    for nodes in (30, SMALL):
        result = Pipeline(nodes).validate()
        diagram = result.diagram
        assert len(diagram.nodes) == nodes
        assert diagram.cross_links(), "the generator must make many-to-many links"
        assert diagram.measures
        assert any(node.status for node in diagram.nodes.values())
