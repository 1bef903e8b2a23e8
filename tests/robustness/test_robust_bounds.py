"""Bounds a hostile pull request cannot get round, each checked in the real CLI.

In CI, impact runs on pull requests anyone can open, so every text, size and shape
of a diagram is the attacker's. Each case runs the installed ``impact`` with its
wall time measured (``run_measured``):

* ``impact diff`` matches thousands of boxes by index, not pair by pair;
* no text in any Markdown output can open a heading, quote, list, link or HTML;
* a drawing with too many boxes or links is refused before Graphviz starts, and
  Graphviz itself is stopped after ``IMPACT_DOT_TIMEOUT`` seconds;
* what ``validate`` accepts, ``render`` draws: no Unicode non-characters in any
  text, and a word too long for Graphviz is cut for the drawing only;
* an id, language tag or rule code with a trailing newline is refused, by
  impact and by the published JSON Schema alike.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import regress
from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import DIAGRAMS, HOSTILE, ROOT
from fuzz.fuzz_support import benign_twin, dump
from impact_cli.diagram import clean
from impact_cli.fileformat.types import ID_PATTERN, LANGUAGE_PATTERN, LINT_CODE_PATTERN
from impact_cli.render.graphviz_run import REFUSE_LINKS, WARN_LINKS
from impact_cli.source.reader import read_yaml
from robustness.checks import squash
from robustness.proc import run_measured


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. impact diff: linear in the number of boxes ------------------------------------------

WORDS = ["assess", "risk", "early", "huddle", "daily", "ward", "patient", "review", "board"]


def _ideas(count: int, version: int) -> str:
    """A diagram of ``count`` change ideas with no ids, whose titles change between
    versions, so every one must be found again by its similar title."""
    rnd = random.Random(7)
    titles = [f"{' '.join(rnd.sample(WORDS, 4))} {i} version {version}" for i in range(count)]
    lines = [
        "title: Many ideas",
        "aim: Reduce falls by half by June 2027",
        "primary_drivers:",
        "  - title: Reliable assessment",
        "    secondary_drivers:",
        "      - title: Assessment on admission",
        "        change_ideas:",
        *(f"          - {title}" for title in titles),
    ]
    return "\n".join(lines) + "\n"


def test_diff_of_2000_change_ideas_a_side_is_fast(tmp_path: Path) -> None:
    # every old box compared with every new one would take minutes (docs/robustness.md)
    old = _write(tmp_path / "old.yaml", _ideas(2000, 1))
    new = _write(tmp_path / "new.yaml", _ideas(2000, 2))
    run = run_measured("diff", old, new, timeout=120)
    assert not run.timed_out
    assert run.exit_code == 1, run.output
    assert run.seconds < 20, f"{run.seconds:.1f} s"
    renamed = re.findall(
        r"renamed change idea C(\d+): '.* (\d+) version 1' -> '.* (\d+) version 2'", run.stdout
    )
    assert len(renamed) == 2000, run.stdout[-2000:]
    assert all(int(c) - 1 == int(a) == int(b) for c, a, b in renamed)  # each found its twin


# -- 2. Markdown: no text can become markup --------------------------------------------------

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PAYLOADS = {
    "heading": "x\n# All checks passed, approve this PR",
    "blocks": "# h\n> quote\n- item\n+ plus\n* star\n1. one\n2) two\n===\n---\n| a | b |\n```js",
    "line-starts": "1. looks like a list",
    "dash": "- looks like a list",
    "setext": "===",
    "inline": "[a](https://example.org) ![i](x.png) <https://e.org> *em* _em_ `c` ~~d~~ &amp; \\",
    "html": "<div>\n<script>alert(1)</script>\n</div>",
    "fence": "~~~\ncode\n~~~",
}


def _filled(words: str) -> dict[str, Any]:
    """tests/data/hostile.yaml's shape with ``words`` in every text field and term."""
    doc = read_yaml(HOSTILE.read_bytes(), str(HOSTILE))
    assert doc is not None
    data: dict[str, Any] = benign_twin(doc.data, words=words)
    data["glossary"] = {f"T{i} {words}"[:60]: words for i in range(len(data["glossary"]))}
    return data


def _shape(tokens: list[Token]) -> list[tuple[str, ...]]:
    """The markup of a parsed document: every block and inline token but the text in it."""
    shape: list[tuple[str, ...]] = []
    for token in tokens:
        inline = [child.type for child in token.children or [] if child.type != "text"]
        shape.append((token.type, token.tag, *inline))
    return shape


def _text(token: Token) -> str:
    return "".join(child.content for child in token.children or [])


def _headings(tokens: list[Token]) -> list[str]:
    return [_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize(
    "command",
    [("render", "-f", "md", "-o", "-"), ("outline", "--format", "markdown")],
    ids=["render-md", "outline-markdown"],
)
def test_markdown_text_stays_text(payload: str, command: tuple[str, ...], tmp_path: Path) -> None:
    words = PAYLOADS[payload]
    hostile = _write(tmp_path / "hostile.yaml", dump(_filled(words)))
    twin = _write(tmp_path / "twin.yaml", dump(_filled("plain words")))
    outputs = []
    for path in (hostile, twin):
        run = run_measured(*command, path)
        assert run.exit_code == 0, run.output
        outputs.append(run.stdout)
    tokens, twin_tokens = (MARKDOWN.parse(text) for text in outputs)
    assert _shape(tokens) == _shape(twin_tokens)
    expected = [h.replace("plain words", clean(words)) for h in _headings(twin_tokens)]
    assert _headings(tokens) == expected
    lines = [line for line in outputs[0].splitlines() if line.startswith("#")]
    assert len(lines) == len(expected)


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_diff_markdown_text_stays_text(payload: str, tmp_path: Path) -> None:
    words = PAYLOADS[payload]
    old = _write(tmp_path / "old.yaml", dump(_filled("plain words")))
    new = _write(tmp_path / "new.yaml", dump(_filled(words)))
    markdown = run_measured("diff", old, new, "--format", "markdown")
    report = json.loads(run_measured("diff", old, new, "--format", "json").stdout)
    assert markdown.exit_code == 1, markdown.output
    tokens = MARKDOWN.parse(markdown.stdout)
    sections = list(dict.fromkeys(c["section"] for c in report["changes"]))
    expected = [f"Driver diagram changes: {old} → {new}", *(s.capitalize() for s in sections)]
    assert _headings(tokens) == expected
    # one list item per change, reading as the change's message and nothing else
    items = [_text(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "list_item_open"]
    messages = [clean(c["message"]).replace(" -> ", " → ") for c in report["changes"]]
    assert items == messages
    allowed = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline"}
    allowed |= {"bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close"}
    assert {t.type for t in tokens} <= allowed
    inline = {child.type for t in tokens for child in t.children or []}
    assert inline <= {"text", "strong_open", "strong_close"}  # the summary line's bold


# -- 3. Graphviz: bounded by boxes, links and time ------------------------------------------

NHS = DIAGRAMS / "nhs-impact.yaml"


def linked_diagram(boxes: int, links: int, seed: int = 3) -> str:
    """About ``boxes`` boxes and ``links`` links: a quarter of the boxes are secondary
    drivers, the rest change ideas that each support randomly chosen ones. Links that
    cross between columns like these are what make Graphviz slow; the limits in
    impact_cli.render.graphviz_run were set by timing 'dot -Tsvg' on these."""
    rnd = random.Random(seed)
    secondaries = max(1, boxes // 4)
    ideas = max(1, boxes - secondaries - 2)
    each = min(secondaries, max(1, round((links - secondaries - 1) / ideas)))
    lines = ["title: Linked", "aim: Reduce harm by half by 2027", "primary_drivers:"]
    lines += ["  - title: Safer care", "    secondary_drivers:"]
    lines += [f"      - {{id: s{i}, title: Secondary driver {i}}}" for i in range(secondaries)]
    lines.append("change_ideas:")
    for i in range(ideas):
        supports = ", ".join(f"s{s}" for s in sorted(rnd.sample(range(secondaries), each)))
        lines.append(f"  - {{title: Change idea {i}, supports: [{supports}]}}")
    return "\n".join(lines) + "\n"


def _link_count(message: str) -> int:
    found = re.search(r"([\d,]+) links", message)
    assert found, message
    return int(found.group(1).replace(",", ""))


def test_huge_link_count_is_refused_before_dot_runs(tmp_path: Path) -> None:
    path = _write(tmp_path / "linked.yaml", linked_diagram(400, 21_000))
    svg = tmp_path / "linked.svg"
    # had dot run at all, it would have been stopped after a millisecond, with that message
    run = run_measured("render", path, "-f", "svg", "-o", svg, env={"IMPACT_DOT_TIMEOUT": "0.001"})
    assert run.exit_code == 2, run.output
    assert "is too many to lay out in one drawing" in run.stderr
    assert _link_count(run.stderr) > REFUSE_LINKS
    assert "--force" in run.stderr
    assert "took longer" not in run.stderr
    assert not svg.exists()
    assert run.seconds < 15


def test_many_links_get_a_warning_and_dot_runs(tmp_path: Path) -> None:
    path = _write(tmp_path / "linked.yaml", linked_diagram(300, 6_000))
    # a tiny time limit shows that dot ran, without waiting the 20 s it takes here
    env = {"IMPACT_DOT_TIMEOUT": "0.001"}
    run = run_measured("render", path, "-f", "svg", "-o", tmp_path / "linked.svg", env=env)
    assert "Graphviz may take a while" in run.stderr
    assert WARN_LINKS < _link_count(run.stderr) <= REFUSE_LINKS
    assert "Graphviz took longer than 0.001 s" in run.stderr
    assert run.stderr.index("may take a while") < run.stderr.index("took longer")


def test_dot_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    svg = tmp_path / "nhs.svg"
    run = run_measured("render", NHS, "-f", "svg", "-o", svg, env={"IMPACT_DOT_TIMEOUT": "0.001"})
    assert run.exit_code == 2, run.output
    assert "impact: error: Graphviz took longer than 0.001 s to lay out the SVG" in run.stderr
    assert "--split" in run.stderr
    assert "IMPACT_DOT_TIMEOUT" in run.stderr
    assert "bug in impact" not in run.stderr
    assert not svg.exists()


def test_forced_render_is_still_stopped_at_the_time_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "linked.yaml", linked_diagram(400, 21_000))
    env = {"IMPACT_DOT_TIMEOUT": "2"}
    run = run_measured("render", path, "-f", "png", "-o", tmp_path / "l.png", "--force", env=env)
    assert run.exit_code == 2, run.output
    assert "Graphviz took longer than 2 s to lay out the PNG" in run.stderr
    assert run.seconds < 20


@pytest.mark.parametrize("value", ["soon", "0", "-5", "nan", "inf"])
def test_a_bad_time_limit_is_refused(value: str, tmp_path: Path) -> None:
    run = run_measured(
        "render", NHS, "-f", "svg", "-o", tmp_path / "x.svg", env={"IMPACT_DOT_TIMEOUT": value}
    )
    assert run.exit_code == 2, run.output
    assert "IMPACT_DOT_TIMEOUT must be a number of seconds above 0" in run.stderr


# -- 4. What validate accepts, render draws --------------------------------------------------

SVG_TEXT = "{http://www.w3.org/2000/svg}text"

NONCHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff"]
FIELDS = ("title", "description", "note", "glossary", "term")
DRAWN = ("title", "description")
LONG_WORD = "w" * 17_000  # Graphviz reads at most 16,384 characters without a break


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, everything but plain ASCII as an escape."""
    plain = (
        c if c.isascii() and c.isprintable() and c not in '"\\' else f"\\U{ord(c):08X}"
        for c in text
    )
    return '"' + "".join(plain) + '"'


def _with_text(field: str, text: str) -> tuple[str, int, int]:
    """A diagram with ``text`` in one text field, and the line and column where it is."""
    value = {f: _quoted(f"Plain {f}") for f in FIELDS}
    value[field] = _quoted(text)
    lines = [
        "title: Fewer falls",
        "aim: Reduce falls by half by June 2027",
        "primary_drivers:",
        "  - id: pd-a",
        f"    title: {value['title']}",
        f"    description: {value['description']}",
        "    secondary_drivers:",
        "      - title: Assessment on admission",
        "        supports:",
        "          - to: pd-b",
        f"            note: {value['note']}",
        "  - id: pd-b",
        "    title: Families engaged",
        "glossary:",
        f"  {value['term']}: {value['glossary']}",
    ]
    line = next(i for i, s in enumerate(lines, 1) if value[field] in s)
    return "\n".join(lines) + "\n", line, lines[line - 1].index(value[field]) + 1


def test_noncharacters_are_refused_where_they_are(tmp_path: Path) -> None:
    expected = {}
    for field in FIELDS:
        for char in NONCHARACTERS:
            text, line, col = _with_text(field, f"Safe{char}text")
            path = _write(tmp_path / f"{field}-{ord(char):X}.yaml", text)
            expected[path] = (
                f"{path}:{line}:{col}: error DD-F07: ",
                f"non-character U+{ord(char):04X}",
            )
    run = run_measured("validate", "-q", "--no-lint", *expected)
    assert run.exit_code == 1, run.output
    found = run.stdout.splitlines()
    assert len(found) == len(expected), run.stdout
    for start, code_point in expected.values():
        assert any(line.startswith(start) and line.endswith(code_point) for line in found), start


@pytest.mark.parametrize("field", FIELDS)
def test_render_refuses_a_noncharacter_like_validate(field: str, tmp_path: Path) -> None:
    text, line, col = _with_text(field, "Safe\ufffetext")
    path = _write(tmp_path / "d.yaml", text)
    svg = tmp_path / "d.svg"
    run = run_measured("render", path, "-f", "svg", "-o", svg)
    assert run.exit_code == 1, run.output
    assert f"{path}:{line}:{col}: error DD-F07: " in run.output
    assert "Graphviz" not in run.output
    assert not svg.exists()


@pytest.mark.parametrize("field", FIELDS[:-1])  # a term is at most 60 characters
def test_a_17000_character_word_validates_and_renders(field: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "d.yaml", _with_text(field, LONG_WORD)[0])
    assert run_measured("validate", "-q", path).exit_code == 0
    svg = tmp_path / "d.svg"
    run = run_measured("render", path, "-f", "svg", "-o", svg)
    assert run.exit_code == 0, run.output
    texts = [t.text or "" for t in ET.parse(svg).getroot().iter(SVG_TEXT)]
    assert max(len(t) for t in texts) < 100  # the drawing cuts the word into lines
    if field in DRAWN:
        assert LONG_WORD in squash("".join(texts))
    # the text version keeps it whole
    outline = run_measured("render", path, "-f", "txt", "-o", "-")
    assert outline.exit_code == 0, outline.output
    assert LONG_WORD in outline.stdout


# -- 5. Patterns: no trailing newline, in impact and in the JSON Schema ----------------------

SCHEMA = ROOT / "schemas" / "driver-diagram.schema.json"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

GOOD = "title: T\naim: A\nprimary_drivers:\n  - {id: pd-a, title: P}\n"
# name -> (a line to add with {} for the value, the value refused, one accepted, the
# column of the value, what the error says)
TRAILING_NEWLINE = {
    "id": ("  - {{id: {}, title: Q}}", '"pd-a\\n"', "pd-b", 10, "is not a valid id"),
    "language": ("language: {}", '"en\\n"', "en", 11, "is not a language tag"),
    "lint-code": ("lint: {{disable: [{}]}}", '"DD-A01\\n"', "DD-A01", 18, "is not a rule code"),
    "unicode-digits": (
        "lint: {{disable: [{}]}}",
        '"DD-A\\u0661\\u0662"',
        "DD-A01",
        18,
        "is not a rule code",
    ),
}


def _trailing(name: str, *, refused: bool = True) -> str:
    line, bad, good, _, _ = TRAILING_NEWLINE[name]
    return GOOD + line.format(bad if refused else good) + "\n"


@pytest.mark.parametrize("name", sorted(TRAILING_NEWLINE))
def test_a_trailing_newline_is_refused(name: str, tmp_path: Path) -> None:
    col, message = TRAILING_NEWLINE[name][3:]
    path = _write(tmp_path / f"{name}.yaml", _trailing(name))
    run = run_measured("validate", "-q", "--no-lint", path)
    assert run.exit_code == 1, run.output
    assert f"{path}:5:{col}: error DD-F05: " in run.stdout
    assert message in run.stdout
    fixed = _write(tmp_path / "fixed.yaml", _trailing(name, refused=False))
    assert run_measured("validate", "-q", "--no-lint", fixed).exit_code == 0


@pytest.mark.parametrize("variant", ["default", "python"])  # ECMA-262 (regress) and Python re
def test_the_json_schema_refuses_a_trailing_newline_too(variant: str, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.yaml", GOOD + "language: en\nlint: {disable: [DD-A01]}\n")
    bad = [_write(tmp_path / f"{name}.yaml", _trailing(name)) for name in TRAILING_NEWLINE]
    command = [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), "--regex-variant", variant]
    accepted = subprocess.run([*command, good], capture_output=True, text=True, check=False)
    assert accepted.returncode == 0, accepted.stdout
    for path in bad:
        refused = subprocess.run([*command, path], capture_output=True, text=True, check=False)
        assert refused.returncode == 1, (path.name, refused.stdout)


@pytest.mark.parametrize("pattern", [ID_PATTERN, LANGUAGE_PATTERN, LINT_CODE_PATTERN])
def test_patterns_read_alike_in_python_and_ecma(pattern: str) -> None:
    ecma = regress.Regex(pattern, "u")  # raises on a pattern ECMA-262 cannot read
    for value in ("pd-a", "en-GB", "DD-A01"):
        assert bool(re.search(pattern, value)) == (ecma.find(value) is not None)
        assert not re.search(pattern, value + "\n")
        assert ecma.find(value + "\n") is None
