"""``impact outline --format markdown``: headings, nested lists, tables; hostile text inert.

The Markdown is parsed with markdown-it-py (CommonMark plus GFM tables and
strikethrough), so what is checked is what a wiki would show.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES, HOSTILE, Invoke
from impact_cli.check.load import load_file
from impact_cli.diagram import Diagram, Tier
from impact_cli.render.markdown_escape import md_text
from impact_cli.render.textwords import clean

ALL = [*EXAMPLES, *([HOSTILE] if HOSTILE.exists() else [])]
NHS = next(p for p in EXAMPLES if p.name == "nhs-impact.yaml")
WARD = next(p for p in EXAMPLES if p.name == "ward-falls.yaml")


def load(path: Path) -> Diagram:
    result = load_file(path)
    assert result.diagram is not None, result.diagnostics
    return result.diagram


def markdown(impact: Invoke, path: Path, *args: str) -> str:
    result = impact("outline", path, "--format", "markdown", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def to_html(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def visible_text(rendered: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_markdown_structure_and_text_intact(impact: Invoke, path: Path) -> None:
    diagram = load(path)
    rendered = to_html(markdown(impact, path))
    # only the markup we write: no links, images, raw HTML or code from user text
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", rendered))
    assert tags <= {"h1", "h2", "p", "ul", "li", "strong", "br", "table", "thead", "tbody"} | {
        "tr",
        "th",
        "td",
        "h3",  # a chart's heading, under 'Measures over time'
        "ol",  # a chart's numbered annotations
    }
    headings = re.findall(r"<h(\d)>", rendered)
    primaries = diagram.counts[Tier.PRIMARY]
    assert headings.count("1") == 1
    # one heading per primary driver, numbered
    for node in diagram.tier(Tier.PRIMARY):
        assert f"<h2>{node.number} " in rendered
    assert headings.count("2") >= primaries + 1  # plus the aim
    seen = visible_text(rendered)
    for node in diagram.nodes.values():
        assert clean(node.title) in seen
        if node.description:
            assert clean(node.description) in seen
    for measure in diagram.measures:
        assert clean(measure.name) in seen
    for term, expansion in diagram.glossary:
        assert f"{clean(term)}: {clean(expansion)}" in seen
    if diagram.theory:
        for part, value in diagram.theory.parts:
            if value:
                assert f"{part}: {clean(value)}" in seen


def test_markdown_nesting_follows_the_diagram(impact: Invoke) -> None:
    text = markdown(impact, NHS)
    assert text.startswith("# NHS IMPACT Driver Diagram\n\nAligned to the five components")
    assert "## 2 Investing in people and culture\n\nClear and supported ways of working" in text
    assert "- **2.1** cross system learning and innovation\n" in text
    rendered = to_html(text)
    # each primary's secondaries are a list right under its heading
    section = rendered.split("<h2>2 Investing in people and culture</h2>")[1].split("<h2>")[0]
    assert section.count("<li>") == 3
    assert "<strong>2.3</strong>" in section


def test_markdown_change_ideas_links_and_measures_table(impact: Invoke) -> None:
    diagram = load(WARD)
    text = markdown(impact, WARD)
    rendered = to_html(text)
    # change ideas nest inside their driver's list item
    assert re.search(r"<li><strong>1\.1</strong>.*?<ul>\s*<li><strong>C1</strong>", rendered, re.S)
    assert "Status: adopted; Priority: high" in text
    # the measures are a real table, one row per measure
    table = rendered.split("<h2>Measures</h2>")[1].split("</table>")[0]
    assert "<th>Code</th>" in table
    assert table.count("<tr>") == len(diagram.measures) + 1
    for measure in diagram.measures:
        assert f"<td>{measure.number}</td>" in table
    # weak links are named, in the list and in the links table
    assert "Weak link to **1.2**" in text
    assert "## Links" in text


def test_hostile_text_cannot_make_markup(impact: Invoke) -> None:
    text = markdown(impact, HOSTILE)
    rendered = to_html(text)
    assert "<a " not in rendered
    assert "<img" not in rendered
    assert "<script" not in rendered
    assert "&lt;script&gt;" in rendered  # shown as text
    assert re.findall(r"<h1>", rendered) == ["<h1>"]


@pytest.mark.parametrize(
    "payload",
    [
        "[click](javascript:alert(1))",
        "![img](x.png)",
        "<b>bold</b> & &amp;",
        "# heading",
        "- list",
        "1. ordered",
        "> quote",
        "`code` *em* _em_ ~~del~~ $x$",
        "a | b",
        "trailing \\",
        "===",
        "<https://example.org>",
    ],
)
def test_escaping_leaves_the_text_as_text(payload: str) -> None:
    for escaped in (md_text(payload, line_start=True), f"x {md_text(payload)}"):
        rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(escaped)
        assert rendered.startswith("<p>"), rendered
        assert rendered.count("<") == 2, rendered  # <p> and </p>, nothing else
        assert html.unescape(rendered[3:-5]).removeprefix("x ") == payload


def test_mermaid_block_before_the_text_version(impact: Invoke) -> None:
    from impact_cli.render.mermaid import mermaid_text

    text = markdown(impact, NHS, "--mermaid")
    chart = mermaid_text(load(NHS)).rstrip("\n")
    block = f"```mermaid\n{chart}\n```"
    assert block in text
    assert text.index(block) < text.index("## Text version") < text.index("### Aim")
    assert "```mermaid" not in markdown(impact, NHS)


def test_with_the_drawing_the_text_version_holds_the_sections(impact: Invoke) -> None:
    # Found in review: '## Text version' was followed by '## Aim' at the same level,
    # leaving the text version an empty section.
    headings = [line for line in markdown(impact, NHS, "--mermaid").splitlines() if line[:1] == "#"]
    assert headings[:3] == [headings[0], "## Diagram", "## Text version"]
    assert headings[0].startswith("# ")
    assert headings[3:], headings
    assert all(h.startswith("### ") for h in headings[3:]), headings
    alone = [line for line in markdown(impact, NHS).splitlines() if line[:1] == "#"]
    assert [h.replace("## ", "### ", 1) if h.startswith("## ") else h for h in alone] == [
        headings[0],
        *headings[3:],
    ]


def test_links_table_leaves_out_what_its_introduction_says(tmp_path: Path, impact: Invoke) -> None:
    source = tmp_path / "notes.yaml"
    source.write_text(
        "title: Notes\n"
        "aim: Cut waits to 18 weeks by March 2026.\n"
        "primary_drivers:\n  - {id: pa, title: Theatre lists run full}\n"
        "  - {id: pb, title: Beds ready}\n"
        "secondary_drivers:\n"
        "  - title: Lists booked ahead\n"
        "    supports: [{to: pa, note: Home note stays with its item.}]\n"
        "  - title: Early assessment\n"
        "    supports: [pb, {to: pa, note: Further note goes in the table.}]\n",
        encoding="utf-8",
    )
    text = markdown(impact, source)
    table = text[text.index("## Links") :]
    assert "Further note goes in the table." in table
    assert "Home note stays with its item." not in table
    assert text.count("Home note stays with its item.") == 1
