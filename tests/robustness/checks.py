"""Checks on rendered outputs shared by the robustness and fuzz tests.

Each parses the output with a real parser (``dot`` itself for DOT, the standard
library's HTML parser for HTML) rather than searching the text for patterns.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

HAS_DOT = shutil.which("dot") is not None

# Elements that must never appear unless the template writes them itself.
FORBIDDEN_TAGS = frozenset(
    {
        "script",
        "img",
        "iframe",
        "object",
        "embed",
        "base",
        "form",
        "input",
        "button",
        "link",
        "frame",
        "frameset",
        "foreignobject",
        "animate",
        "set",
        "use",
        "image",
        "audio",
        "video",
        "source",
        "math",
        "template",
        "textarea",
        "select",
        "meta",
        "style",
        "title",
        "html",
        "head",
        "body",
        "svg",
    }
)
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "data", "poster"})


def squash(text: str) -> str:
    """Text without any whitespace: outputs wrap lines, so compare without it."""
    return "".join(text.split())


def dot_counts(dot_source: bytes) -> tuple[int, int]:
    """(boxes, links) of a DOT file as Graphviz itself parses it; fails on a syntax error.

    Only the diagram's own boxes and links: the headings and the invisible nodes and
    edges that hold the layout in shape depend on which settings the drawing was chosen
    with (render/dot_choice.py), and so on the widths of its text."""
    proc = subprocess.run(
        ["dot", "-Tjson"], input=dot_source, capture_output=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    graph = json.loads(proc.stdout)
    boxes = [
        o
        for o in graph.get("objects", [])
        if str(o.get("class", "")).startswith(("tier-", "measure"))
    ]
    links = [e for e in graph.get("edges", []) if str(e.get("class", "")).startswith("link-")]
    return len(boxes), len(links)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        """Elements outside the drawings printed in parts (div.sheet)."""
        self.sheets: list[Counter[str]] = []
        """The elements of each drawing printed in parts: how many there are depends on the
        size of the drawing, and so on its text."""
        self.attributes: list[tuple[str, str, str]] = []
        self.section_depth = 0
        self.depth = 0
        self.text_version: list[str] = []
        self.in_text_version = False
        self.text_version_depth = -1
        self.sheet_depth = -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "sheet" in classes and self.sheet_depth < 0:
            self.sheets.append(Counter())
            self.sheet_depth = self.depth + 1
        elif self.sheet_depth >= 0:
            self.sheets[-1][tag] += 1
        else:
            self.tags[tag] += 1
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if tag not in VOID:
            self.depth += 1
        if tag == "section" and "text-version" in classes and not self.in_text_version:
            self.in_text_version = True
            self.text_version_depth = self.depth

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.in_text_version and self.depth == self.text_version_depth and tag == "section":
            self.in_text_version = False
        if self.depth == self.sheet_depth and tag == "div":
            self.sheet_depth = -1
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_text_version:
            self.text_version.append(data)


VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def parse_html(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def html_problems(page: str, baseline: Counter[str]) -> list[str]:
    """What in ``page`` the template did not write.

    ``baseline`` counts the elements of a page rendered from harmless text: any
    element of :data:`FORBIDDEN_TAGS` must appear exactly as often as there.
    """
    parsed = parse_html(page)
    problems = [
        f"<{tag}> x{parsed.tags[tag]} (template writes {baseline[tag]})"
        for tag in sorted(FORBIDDEN_TAGS)
        if parsed.tags[tag] != baseline[tag]
    ]
    # a page of the drawing printed in parts holds one or more drawings, each an <svg> with
    # its <title>, and nothing else forbidden
    for number, sheet in enumerate(parsed.sheets, 1):
        forbidden = {tag: n for tag, n in sheet.items() if tag in FORBIDDEN_TAGS}
        if set(forbidden) != {"svg", "title"} or forbidden["svg"] != forbidden["title"]:
            problems.append(f"drawing printed in parts, sheet {number}: {forbidden}")
    for tag, name, value in parsed.attributes:
        if name.startswith("on"):
            problems.append(f"event handler <{tag} {name}={value!r}>")
        if name in URL_ATTRIBUTES:
            url = "".join(value.split()).lower()
            if not url.startswith(("#", "https://", "http://")):
                problems.append(f"<{tag} {name}={value!r}> is not a fragment or an http(s) URL")
        if name == "style" and ("url(" in value.lower() or "expression" in value.lower()):
            problems.append(f"<{tag} style={value!r}>")
    return problems


def html_text_version(page: str) -> str:
    """The text of the page's text version (section.text-version); the parser decodes entities."""
    return "".join(parse_html(page).text_version)
