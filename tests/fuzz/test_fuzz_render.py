"""Property (a): any diagram the model accepts renders to every available format; every
node's text is in the outline and in the HTML text version; hostile text changes
neither the DOT graph nor the HTML's elements.

Diagrams are generated with nesting and references, weak links, tertiary drivers,
change ideas everywhere, measures and a glossary, and every text field hostile
(script tags, DOT breakers, bidi overrides, arbitrary Unicode). Formats whose
renderer module does not import yet are reported in the test ids, never skipped
silently.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given

from fuzz.fuzz_support import available_formats, benign_twin, diagrams, dump, profile, run_campaign
from impact_cli.check.load import load_text
from impact_cli.diagram import Diagram
from impact_cli.render import FORMATS, RenderOptions, render
from robustness.checks import (
    HAS_DOT,
    dot_counts,
    html_problems,
    html_text_version,
    parse_html,
    squash,
)

FORMATS_OK, FORMATS_MISSING = available_formats()
TEXT_FORMATS = [f for f in FORMATS_OK if not FORMATS[f].needs_graphviz]
GRAPHVIZ_FORMATS = [f for f in FORMATS_OK if FORMATS[f].needs_graphviz]


def node_texts(diagram: Diagram) -> list[str]:
    return [node.title for node in diagram.nodes.values()]


def load_generated(doc: dict[str, Any]) -> Diagram:
    text = dump(doc)
    result = load_text(text, "gen.yaml")
    # The generator aims at valid diagrams; the model may still refuse a piece of
    # text (a control character, say). Those are property (b)'s business.
    assume(result.ok)
    assert result.diagram is not None
    return result.diagram


def check_renders(diagram: Diagram, formats: list[str], doc: dict[str, Any]) -> None:
    outputs = {fmt: render(diagram, fmt) for fmt in formats}
    for fmt, data in outputs.items():
        assert data, f"{fmt}: empty output"
        if not FORMATS[fmt].binary:
            data.decode("utf-8")  # every text format is UTF-8
    if "txt" in outputs:
        outline = squash(outputs["txt"].decode("utf-8"))
        for title in node_texts(diagram):
            assert squash(title) in outline, f"outline lost {title!r}"
    if "html" in outputs:
        page = outputs["html"].decode("utf-8")
        text_version = squash(html_text_version(page))
        for title in node_texts(diagram):
            assert squash(title) in text_version, f"HTML text version lost {title!r}"
        twin = render(load_generated(benign_twin(doc)), "html").decode("utf-8")
        problems = html_problems(page, parse_html(twin).tags)
        assert not problems, problems
    if "dot" in outputs and HAS_DOT:
        twin_dot = render(load_generated(benign_twin(doc)), "dot")
        assert dot_counts(outputs["dot"]) == dot_counts(twin_dot)


def test_formats_collected() -> None:
    """Say which formats the property covers (shown with -rA); none may be missing."""
    print(f"covered: {FORMATS_OK}; renderer not yet importable: {FORMATS_MISSING}")
    assert FORMATS_OK, "no renderer imports at all"


@pytest.mark.parametrize(
    ("label", "formats"),
    [("text-formats", TEXT_FORMATS), ("graphviz-formats", GRAPHVIZ_FORMATS)],
)
def test_any_valid_diagram_renders(
    request: pytest.FixtureRequest, label: str, formats: list[str]
) -> None:
    assert formats, f"no {label} renderer imports (missing: {FORMATS_MISSING})"
    assert label != "graphviz-formats" or HAS_DOT, (
        "Graphviz's dot is missing: run 'make setup', which installs it"
    )
    seen: list[bytes] = []
    examples = 20 if label == "text-formats" else 5

    @profile(request, ci_examples=examples)
    @given(diagrams())
    def campaign(doc: dict[str, Any]) -> None:
        seen.append(dump(doc).encode("utf-8", "surrogatepass"))
        check_renders(load_generated(doc), formats, doc)

    run_campaign(request, campaign, seen, f"render-{label}")


def test_options_do_not_break_rendering(request: pytest.FixtureRequest) -> None:
    formats = [f for f in TEXT_FORMATS if f in ("txt", "md", "mermaid")]
    seen: list[bytes] = []

    @profile(request, ci_examples=15)
    @given(diagrams())
    def campaign(doc: dict[str, Any]) -> None:
        seen.append(dump(doc).encode("utf-8", "surrogatepass"))
        diagram = load_generated(doc)
        for options in (
            RenderOptions(show_theory=False, show_measures=False, theme="plain"),
            RenderOptions(accessible=True, mermaid=True),
        ):
            for fmt in formats:
                assert render(diagram, fmt, options)

    run_campaign(request, campaign, seen, "render-options")
